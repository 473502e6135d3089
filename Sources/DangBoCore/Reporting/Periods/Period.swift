import Foundation

/// A reporting period: a kind and an inclusive span of days. Periods are values: they contain, overlap and
/// intersect each other, and a span cuts into the calendar periods of any kind (see `Period+Arithmetic.swift`).
///
/// Two periods with the same days but different kinds (the year 2021 and the day range 1/1/2021–31/12/2021) are
/// different values, because they are written differently; compare `start` and `end` to compare days only.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let kind: PeriodKind
    public let start: Day
    public let end: Day

    /// A period of a given kind; nil when the days do not fit it (a quarter must start on 1/1, 1/4, 1/7 or 1/10 and
    /// end three months later; a month range must start on a first and end on a last day of a month ...).
    public init?(kind: PeriodKind, start: Day, end: Day) {
        guard start <= end else { return nil }
        switch kind {
        case .monthRange:
            guard start.isFirstOfMonth, end.isLastOfMonth else { return nil }
        case .dayRange:
            break
        case .month, .quarter, .halfYear, .year, .term:
            let length = kind.months ?? 1
            let anchor = kind == .term ? 0 : (start.month - 1) % length
            guard start.isFirstOfMonth, end.isLastOfMonth, anchor == 0,
                  end.monthIndex - start.monthIndex + 1 == length else { return nil }
            if kind == .term, start.month != 1 { return nil }
        }
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// The period from `start` to `end` under its most specific name: a month, quarter, half-year or year when the
    /// days are exactly one, else a month range when month-aligned, else a day range. Nil when `end < start`.
    public init?(start: Day, end: Day) {
        for kind in [PeriodKind.month, .quarter, .halfYear, .year, .monthRange, .dayRange] {
            if let period = Period(kind: kind, start: start, end: end) {
                self = period
                return
            }
        }
        return nil
    }

    /// The calendar period of `kind` that contains `day`. Terms are anchored on years divisible by five
    /// (2015–2020, 2020–2025 ...). Nil for range kinds.
    public init?(kind: PeriodKind, containing day: Day) {
        guard let length = kind.months else { return nil }
        let firstIndex: Int
        if kind == .term {
            firstIndex = (day.year - day.year % 5) * 12
        } else {
            firstIndex = day.year * 12 + (day.month - 1) / length * length
        }
        guard let start = Day.firstOfMonth(index: firstIndex),
              let end = Day.lastOfMonth(index: firstIndex + length - 1) else { return nil }
        self.init(kind: kind, start: start, end: end)
    }

    public static func month(_ month: Int, of year: Int) -> Period? {
        guard (1...12).contains(month) else { return nil }
        return calendar(.month, firstMonthIndex: year * 12 + month - 1)
    }

    public static func quarter(_ quarter: Int, of year: Int) -> Period? {
        guard (1...4).contains(quarter) else { return nil }
        return calendar(.quarter, firstMonthIndex: year * 12 + (quarter - 1) * 3)
    }

    public static func halfYear(_ half: Int, of year: Int) -> Period? {
        guard (1...2).contains(half) else { return nil }
        return calendar(.halfYear, firstMonthIndex: year * 12 + (half - 1) * 6)
    }

    public static func year(_ year: Int) -> Period? {
        calendar(.year, firstMonthIndex: year * 12)
    }

    /// The term "year – year+5", five calendar years from 1/1/`year` to 31/12/`year + 4`.
    public static func term(startingIn year: Int) -> Period? {
        calendar(.term, firstMonthIndex: year * 12)
    }

    /// Months `fromMonth/fromYear` to `throughMonth/throughYear`, both whole, as a month range.
    public static func monthRange(fromMonth: Int, year fromYear: Int, throughMonth: Int, year throughYear: Int) -> Period? {
        guard (1...12).contains(fromMonth), (1...12).contains(throughMonth),
              let start = Day.firstOfMonth(index: fromYear * 12 + fromMonth - 1),
              let end = Day.lastOfMonth(index: throughYear * 12 + throughMonth - 1) else { return nil }
        return Period(kind: .monthRange, start: start, end: end)
    }

    public static func dayRange(from start: Day, through end: Day) -> Period? {
        Period(kind: .dayRange, start: start, end: end)
    }

    private static func calendar(_ kind: PeriodKind, firstMonthIndex: Int) -> Period? {
        guard let length = kind.months, firstMonthIndex >= 0,
              let start = Day.firstOfMonth(index: firstMonthIndex),
              let end = Day.lastOfMonth(index: firstMonthIndex + length - 1) else { return nil }
        return Period(kind: kind, start: start, end: end)
    }

    /// Number of days, both ends included.
    public var dayCount: Int { end.ordinal - start.ordinal + 1 }

    /// True when the period starts on a first and ends on a last day of a month.
    public var isMonthAligned: Bool { start.isFirstOfMonth && end.isLastOfMonth }

    /// The position within its year: month 1–12, quarter 1–4, half 1–2; nil for other kinds.
    public var indexInYear: Int? {
        switch kind {
        case .month: return start.month
        case .quarter: return (start.month - 1) / 3 + 1
        case .halfYear: return (start.month - 1) / 6 + 1
        default: return nil
        }
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    public func contains(_ other: Period) -> Bool { start <= other.start && other.end <= end }

    public func overlaps(_ other: Period) -> Bool { start <= other.end && other.start <= end }

    public var description: String { code }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.end != rhs.end { return lhs.end < rhs.end }
        return lhs.kind.rawValue < rhs.kind.rawValue
    }
}

extension Period: Codable {
    /// Encoded as its code ("2023-Q1").
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = Period(code: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Kỳ không hợp lệ: \(text)")
        }
        self = period
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
