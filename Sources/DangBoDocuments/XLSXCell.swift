import DangBoCore
import Foundation

/// One cell to write: a value and how it looks.
public struct XLSXCell: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case empty
        case text(String)
        /// Not-a-number and infinities are written as an empty cell.
        case number(Double)
        case integer(Int)
        /// A day, written as an Excel date serial; shown as "d/m/yyyy" unless the style sets another format.
        case date(Day)
        /// A formula such as "SUM(C3:C10)" (a leading "=" is allowed); Excel and LibreOffice compute it on opening.
        case formula(String)
    }

    public var value: Value
    public var style: XLSXStyle

    public init(_ value: Value, style: XLSXStyle = .plain) {
        self.value = value
        self.style = style
    }

    public static let empty = XLSXCell(.empty)

    public static func empty(style: XLSXStyle) -> XLSXCell {
        XLSXCell(.empty, style: style)
    }

    public static func text(_ text: String, style: XLSXStyle = .plain) -> XLSXCell {
        XLSXCell(.text(text), style: style)
    }

    public static func number(_ number: Double, style: XLSXStyle = .plain) -> XLSXCell {
        XLSXCell(.number(number), style: style)
    }

    public static func integer(_ number: Int, style: XLSXStyle = .plain) -> XLSXCell {
        XLSXCell(.integer(number), style: style)
    }

    public static func date(_ day: Day, style: XLSXStyle = .plain) -> XLSXCell {
        XLSXCell(.date(day), style: style)
    }

    public static func formula(_ formula: String, style: XLSXStyle = .plain) -> XLSXCell {
        XLSXCell(.formula(formula), style: style)
    }

    /// The style actually written: dates get the "d/m/yyyy" format when their style asks for none.
    var effectiveStyle: XLSXStyle {
        if case .date = value, style.numberFormat == .general {
            return style.with { $0.numberFormat = .date }
        }
        return style
    }

    var isBlank: Bool {
        switch value {
        case .empty: return true
        case .number(let number): return !number.isFinite
        default: return false
        }
    }
}
