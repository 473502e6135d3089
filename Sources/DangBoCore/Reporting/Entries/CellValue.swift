import Foundation

/// An entered value: a number, or text (text and month-year cells; month-year as "6/2021").
/// Encoded as a JSON number or string.
public enum CellValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case text(String)

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// What is wrong with this value for a cell of `type`, in Vietnamese; nil when it fits.
    public func problem(for type: CellType) -> String? {
        switch (type, self) {
        case (.count, .number(let value)):
            return value >= 0 && value == value.rounded() && value.isFinite ? nil : "phải là số nguyên không âm"
        case (.count, .text):
            return "phải là số nguyên không âm"
        case (.number, .number(let value)), (.money, .number(let value)):
            return value.isFinite ? nil : "phải là số"
        case (.number, .text), (.money, .text):
            return "phải là số"
        case (.percent, .number(let value)):
            return (0...100).contains(value) ? nil : "phải là tỉ lệ từ 0 đến 100"
        case (.percent, .text):
            return "phải là tỉ lệ từ 0 đến 100"
        case (.text, .text(let value)):
            return value.count <= CellType.maximumTextLength ? nil : "không quá \(CellType.maximumTextLength) ký tự"
        case (.text, .number):
            return "phải là chữ"
        case (.monthYear, .text(let value)):
            return CellValue.monthYear(value) == nil ? "phải có dạng tháng/năm, ví dụ 6/2021" : nil
        case (.monthYear, .number):
            return "phải có dạng tháng/năm, ví dụ 6/2021"
        }
    }

    /// The value as an entry field shows it: "1.257", "98,86", "6/2021".
    public func formatted(as type: CellType, decimals: Int? = nil) -> String {
        switch self {
        case .text(let text):
            return text
        case .number(let value):
            guard decimals == nil, type != .count else { return type.format(value, decimals: decimals) }
            // Entered decimals: as many digits as were typed (up to 6), without trailing zeros.
            var text = type.format(value, decimals: 6)
            if text.contains(",") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(",") { text.removeLast() }
            }
            return text
        }
    }

    public var description: String {
        switch self {
        case .number(let value): return ReportExpression.text(of: value)
        case .text(let text): return text
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let text): try container.encode(text)
        }
    }

    /// "6/2021", "06/2021", "6-2021", "tháng 6/2021" → (6, 2021).
    static func monthYear(_ text: String) -> (month: Int, year: Int)? {
        guard let period = Period(parsing: text), period.kind == .month else { return nil }
        return (period.start.month, period.start.year)
    }
}
