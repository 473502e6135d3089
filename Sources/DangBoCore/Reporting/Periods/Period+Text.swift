import Foundation

extension Period {
    /// The canonical, URL-safe code that `init(code:)` reads back: "2023-03", "2023-Q1", "2020-H2", "2021",
    /// "2020-2025" (term), "2021-01..2023-03" (month range), "2020-07-01..2023-03-31" (day range).
    public var code: String {
        switch kind {
        case .month: return Period.monthCode(start)
        case .quarter: return "\(Period.yearCode(start.year))-Q\(indexInYear ?? 1)"
        case .halfYear: return "\(Period.yearCode(start.year))-H\(indexInYear ?? 1)"
        case .year: return Period.yearCode(start.year)
        case .term: return "\(Period.yearCode(start.year))-\(Period.yearCode(start.year + 5))"
        case .monthRange: return "\(Period.monthCode(start))..\(Period.monthCode(end))"
        case .dayRange: return "\(start.iso)..\(end.iso)"
        }
    }

    /// Reads a canonical code (see `code`); nil for anything else, including non-canonical spellings.
    public init?(code: String) {
        guard let period = Period.decodeCode(code), period.code == code else { return nil }
        self = period
    }

    /// The Vietnamese name as reports print it: "Tháng 3/2023", "Quý I/2023", "6 tháng đầu năm 2023",
    /// "Năm 2021", "Nhiệm kỳ 2020 - 2025", "Từ tháng 01/2021 đến tháng 03/2023", "Từ 1/7/2020 đến 31/3/2023".
    public var label: String {
        switch kind {
        case .month: return "Tháng \(start.month)/\(start.year)"
        case .quarter: return "Quý \(Period.roman(indexInYear ?? 1))/\(start.year)"
        case .halfYear: return (indexInYear == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + "\(start.year)"
        case .year: return "Năm \(start.year)"
        case .term: return "Nhiệm kỳ \(start.year) - \(start.year + 5)"
        case .monthRange:
            return "Từ tháng \(Period.twoDigits(start.month))/\(start.year) đến tháng \(Period.twoDigits(end.month))/\(end.year)"
        case .dayRange: return "Từ \(start.vietnamese) đến \(end.vietnamese)"
        }
    }

    /// The placeholders a column title may use.
    public static let templatePlaceholders = ["{year}", "{startMonth}", "{startMonth2}", "{endMonth}", "{startYear}", "{endYear}",
                                              "{label}", "{yearPart}", "{term}", "{termCompact}", "{previousTerm}",
                                              "{previousTermCompact}"]

    /// Fills a title template: `{year}` and `{startYear}` are the first year, `{endYear}` the last (for a term, its
    /// second named year: 2025 for 2020 - 2025), `{startMonth}`/`{endMonth}` the months without a leading zero,
    /// `{label}` the period's label. "Năm {year}" → "Năm 2021"; "Đến tháng {endMonth}/{endYear}" → "Đến tháng 3/2023".
    ///
    /// `{startMonth2}` is the first month with two digits ("07"); `{yearPart}` names a part of one calendar year as
    /// the appendices do ("Năm 2021", "Năm 2020 (6 tháng cuối năm)", "Đến tháng 3/2023"). `{term}` is the name of
    /// the configured term the period starts in ("2020 - 2025"), `{previousTerm}` the one before, and the
    /// `...Compact` forms drop the spaces ("2015-2020"); they are empty when `terms` does not cover the period.
    public func filling(template: String, terms: TermCalendar = .empty) -> String {
        guard template.contains("{") else { return template }
        let endYear = kind == .term ? start.year + 5 : end.year
        let term = terms.term(containing: start)
        let previous = term.flatMap(terms.previous(of:))
        return template
            .replacingOccurrences(of: "{yearPart}", with: yearPartLabel)
            .replacingOccurrences(of: "{startMonth2}", with: Period.twoDigits(start.month))
            .replacingOccurrences(of: "{termCompact}", with: term?.compactName ?? "")
            .replacingOccurrences(of: "{previousTermCompact}", with: previous?.compactName ?? "")
            .replacingOccurrences(of: "{previousTerm}", with: previous?.name ?? "")
            .replacingOccurrences(of: "{term}", with: term?.name ?? "")
            .replacingOccurrences(of: "{year}", with: String(start.year))
            .replacingOccurrences(of: "{startYear}", with: String(start.year))
            .replacingOccurrences(of: "{endYear}", with: String(endYear))
            .replacingOccurrences(of: "{startMonth}", with: String(start.month))
            .replacingOccurrences(of: "{endMonth}", with: String(end.month))
            .replacingOccurrences(of: "{label}", with: label)
    }

    /// A part of one calendar year as the appendices head their columns: the whole year "Năm 2021", a half
    /// "Năm 2020 (6 tháng cuối năm)" / "Năm 2023 (6 tháng đầu năm)", from January "Đến tháng 3/2023", to December
    /// "Năm 2020 (từ tháng 9)", otherwise "Từ tháng 4 đến tháng 9/2023"; the label for spans across years.
    public var yearPartLabel: String {
        guard start.year == end.year, start.isFirstOfMonth, end.isLastOfMonth else { return label }
        let year = start.year
        switch (start.month, end.month) {
        case (1, 12): return "Năm \(year)"
        case (7, 12): return "Năm \(year) (6 tháng cuối năm)"
        case (1, 6): return "Năm \(year) (6 tháng đầu năm)"
        case (1, let last): return "Đến tháng \(last)/\(year)"
        case (let first, 12): return "Năm \(year) (từ tháng \(first))"
        case (let first, let last): return "Từ tháng \(first) đến tháng \(last)/\(year)"
        }
    }

    /// A template with its placeholders removed, for a column whose period does not exist in the span.
    public static func clearing(template: String) -> String {
        templatePlaceholders.reduce(template) { $0.replacingOccurrences(of: $1, with: "") }
    }

    static func roman(_ number: Int) -> String {
        ["I", "II", "III", "IV"][max(0, min(3, number - 1))]
    }

    static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }

    private static func yearCode(_ year: Int) -> String { String(format: "%04d", year) }

    private static func monthCode(_ day: Day) -> String { "\(yearCode(day.year))-\(twoDigits(day.month))" }

    private static func decodeCode(_ code: String) -> Period? {
        guard code.allSatisfy({ $0.isASCII }) else { return nil }
        let bounds = code.components(separatedBy: "..")
        if bounds.count == 2 {
            let left = bounds[0].split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
            let right = bounds[1].split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
            switch (left.count, right.count) {
            case (2, 2):
                return monthRange(fromMonth: left[1], year: left[0], throughMonth: right[1], year: right[0])
            case (3, 3):
                guard let start = Day(year: left[0], month: left[1], day: left[2]),
                      let end = Day(year: right[0], month: right[1], day: right[2]) else { return nil }
                return dayRange(from: start, through: end)
            default:
                return nil
            }
        }
        guard bounds.count == 1 else { return nil }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = Int(parts[0]), parts[0].count == 4 else { return nil }
        if parts.count == 1 { return Period.year(year) }
        guard parts.count == 2 else { return nil }
        let second = parts[1]
        if second.hasPrefix("Q"), let index = Int(second.dropFirst()) { return quarter(index, of: year) }
        if second.hasPrefix("H"), let index = Int(second.dropFirst()) { return halfYear(index, of: year) }
        guard let number = Int(second) else { return nil }
        if second.count == 4 { return number == year + 5 ? term(startingIn: year) : nil }
        return month(number, of: year)
    }
}
