import Foundation

/// The kind of a reporting period. Calendar kinds tile the calendar (month ⊂ quarter ⊂ half-year ⊂ year ⊂ term);
/// ranges are free spans, remembered as month-aligned ("01/2021–03/2023") or day-aligned ("1/7/2020–31/3/2023")
/// because that decides how they are written.
public enum PeriodKind: String, Codable, Sendable, CaseIterable, Hashable {
    case month
    case quarter
    case halfYear
    case year
    /// A party term of five calendar years: "2020 - 2025" runs from 1/1/2020 to 31/12/2024.
    case term
    case monthRange
    case dayRange

    /// Kinds a form may use as its entry period (`periodType`).
    public static let entryKinds: [PeriodKind] = [.month, .quarter, .halfYear, .year]

    /// Kinds a relative period may cut a span into (`{"part": ...}`).
    public static let partKinds: [PeriodKind] = [.month, .quarter, .halfYear, .year, .term]

    public var isRange: Bool { self == .monthRange || self == .dayRange }

    /// Length in months of a calendar kind; nil for ranges.
    public var months: Int? {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .halfYear: return 6
        case .year: return 12
        case .term: return 60
        case .monthRange, .dayRange: return nil
        }
    }

    public var label: String {
        switch self {
        case .month: return "Tháng"
        case .quarter: return "Quý"
        case .halfYear: return "6 tháng"
        case .year: return "Năm"
        case .term: return "Nhiệm kỳ"
        case .monthRange, .dayRange: return "Khoảng thời gian"
        }
    }
}
