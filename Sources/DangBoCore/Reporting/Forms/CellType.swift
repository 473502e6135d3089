import Foundation

/// The type of an entry or printed cell (docs/forms.md "Entry columns").
public enum CellType: String, Codable, Sendable, CaseIterable, Hashable {
    /// A whole number ≥ 0.
    case count
    /// A decimal number.
    case number
    /// A decimal amount in billions of đồng ("Kinh phí (tỉ đồng)").
    case money
    /// 0–100; typed only when a percentage is genuinely reported, otherwise computed.
    case percent
    /// Free text, at most `CellType.maximumTextLength` characters.
    case text
    /// A month of a year, written "6/2021".
    case monthYear

    public static let maximumTextLength = 500

    /// Numbers can be summed and computed with; text and month-year values cannot.
    public var isNumeric: Bool {
        switch self {
        case .count, .number, .money, .percent: return true
        case .text, .monthYear: return false
        }
    }

    /// Digits after the comma when a column does not say (`decimals`): 0 for counts, 2 for the other numbers.
    public var defaultDecimals: Int {
        switch self {
        case .count, .text, .monthYear: return 0
        case .number, .money, .percent: return 2
        }
    }

    public var label: String {
        switch self {
        case .count: return "số nguyên không âm"
        case .number: return "số"
        case .money: return "số tiền (tỉ đồng)"
        case .percent: return "tỉ lệ phần trăm"
        case .text: return "chữ"
        case .monthYear: return "tháng/năm"
        }
    }
}
