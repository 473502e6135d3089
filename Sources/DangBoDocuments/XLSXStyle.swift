import Foundation

/// How a written cell looks. The font is always Times New Roman, as Vietnamese official documents use.
/// Equal styles are written once in the workbook's style table.
public struct XLSXStyle: Hashable, Sendable {
    public enum HorizontalAlignment: String, Hashable, Sendable {
        case general, left, center, right
    }

    public enum VerticalAlignment: String, Hashable, Sendable {
        case bottom, center, top
    }

    public enum Border: Hashable, Sendable {
        case none
        /// A thin line on all four sides.
        case thin
        /// A medium line on all four sides.
        case medium
    }

    public enum Fill: Hashable, Sendable {
        case none
        /// Light grey, for cells that must not be filled in.
        case gray
        /// A solid colour as six hex digits, "FFF2CC". Invalid text is written as no fill.
        case rgb(String)
    }

    public enum NumberFormat: Hashable, Sendable {
        case general
        /// "#,##0": whole numbers with thousands grouped.
        case integerGrouped
        /// "0.00"
        case decimal2
        /// "0.00%"
        case percent2
        /// "d/m/yyyy", the Vietnamese way of writing a day.
        case date
        /// "@": the cell is text, so Excel keeps leading zeros typed into it.
        case text
        /// Any Excel number format code.
        case custom(String)

        /// The format code written into styles.xml; nil for General.
        var code: String? {
            switch self {
            case .general: return nil
            case .integerGrouped: return "#,##0"
            case .decimal2: return "0.00"
            case .percent2: return "0.00%"
            case .date: return "d/m/yyyy"
            case .text: return "@"
            case .custom(let code): return code.isEmpty || code == "General" ? nil : code
            }
        }

        /// Excel's built-in id for the code, when there is one.
        var builtinId: Int? {
            guard let code else { return 0 }
            let builtins = ["0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49]
            return builtins[code]
        }
    }

    public static let defaultFontSize = 12.0

    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    /// Points; values outside 1...409 are written as the default size.
    public var fontSize: Double
    /// Font colour as six hex digits ("C00000"); nil for automatic (black).
    public var fontColor: String?
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
    public var wrapText: Bool
    public var border: Border
    public var fill: Fill
    public var numberFormat: NumberFormat

    public init(bold: Bool = false, italic: Bool = false, underline: Bool = false,
                fontSize: Double = XLSXStyle.defaultFontSize, fontColor: String? = nil,
                horizontal: HorizontalAlignment = .general, vertical: VerticalAlignment = .center,
                wrapText: Bool = false, border: Border = .none, fill: Fill = .none,
                numberFormat: NumberFormat = .general) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrapText = wrapText
        self.border = border
        self.fill = fill
        self.numberFormat = numberFormat
    }

    /// Plain text, vertically centred.
    public static let plain = XLSXStyle()
    /// A bordered table cell.
    public static let table = XLSXStyle(border: .thin)
    /// A bordered table cell whose text wraps.
    public static let tableWrapped = XLSXStyle(wrapText: true, border: .thin)
    /// A bold, centred, wrapped, bordered table heading.
    public static let tableHeader = XLSXStyle(bold: true, horizontal: .center, wrapText: true, border: .thin)
    /// A bold centred title, 14 pt.
    public static let title = XLSXStyle(bold: true, fontSize: 14, horizontal: .center)

    /// A copy with some properties changed: `XLSXStyle.table.with { $0.numberFormat = .integerGrouped }`.
    public func with(_ change: (inout XLSXStyle) -> Void) -> XLSXStyle {
        var copy = self
        change(&copy)
        return copy
    }

    /// "FFC00000" for a valid six-digit colour ("C00000" or "#c00000"), otherwise nil.
    static func argb(_ text: String) -> String? {
        var hex = text.trimmingCharacters(in: .whitespaces)
        if hex.hasPrefix("#") { hex.removeFirst() }
        guard hex.utf8.count == 6, hex.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit) else { return nil }
        return "FF" + hex.uppercased()
    }
}
