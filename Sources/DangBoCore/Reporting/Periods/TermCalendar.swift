import Foundation

/// A term of the Party committee (nhiệm kỳ): from the day of its congress to the day before the next one.
public struct Term: Sendable, Hashable, Codable {
    /// As printed: "2020 - 2025".
    public let name: String
    public let start: Day
    public let end: Day

    public init(name: String, start: Day, end: Day) {
        self.name = name
        self.start = start
        self.end = end
    }

    /// The name with its years written closely, as some titles print it: "2020-2025".
    public var compactName: String { name.replacingOccurrences(of: " ", with: "") }

    public var period: Period? { Period(start: start, end: end) }
}

/// The configured terms, in order and without overlaps (`Forms/terms/terms.json`, docs/forms.md "Terms"). Terms
/// are data because congresses are not held on a fixed day: "the same span of the previous term" and the titles
/// that name a term follow this calendar, never the calendar year.
public struct TermCalendar: Sendable, Hashable {
    public let terms: [Term]

    /// No terms: nothing term-relative resolves (titles lose their term names).
    public static let empty = TermCalendar(validated: [])

    /// Terms sorted by start; throws every problem (end before start, overlaps, names used twice).
    public init(terms: [Term]) throws(TermCalendarError) {
        let sorted = terms.sorted { $0.start < $1.start }
        var problems: [String] = []
        var names: Set<String> = []
        for (index, term) in sorted.enumerated() {
            if term.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("nhiệm kỳ thứ \(index + 1) chưa có tên") }
            if !names.insert(term.name).inserted { problems.append("tên nhiệm kỳ \"\(term.name)\" bị trùng") }
            if term.end < term.start {
                problems.append("nhiệm kỳ \(term.name): ngày kết thúc \(term.end.vietnamese) trước ngày bắt đầu \(term.start.vietnamese)")
            }
            if index > 0, sorted[index - 1].end >= term.start {
                problems.append("nhiệm kỳ \(term.name) bắt đầu \(term.start.vietnamese) khi nhiệm kỳ \(sorted[index - 1].name) chưa kết thúc")
            }
        }
        guard problems.isEmpty else { throw TermCalendarError(problems: problems) }
        self.terms = sorted
    }

    private init(validated terms: [Term]) {
        self.terms = terms
    }

    public func term(containing day: Day) -> Term? {
        terms.last { $0.start <= day && day <= $0.end }
    }

    public func previous(of term: Term) -> Term? {
        guard let index = terms.firstIndex(of: term), index > 0 else { return nil }
        return terms[index - 1]
    }

    /// The same span of the previous term: `span` moved back by the whole months between the start of the term it
    /// starts in and the start of the term before (1/7/2020–31/3/2023 → 1/7/2015–31/3/2018 when the terms start
    /// on 1/7/2015 and 1/7/2020). Nil when `span` starts outside the calendar or its term is the first.
    public func sameSpanInPreviousTerm(_ span: Period) -> Period? {
        guard let current = term(containing: span.start), let previous = previous(of: current) else { return nil }
        let months = current.start.monthIndex - previous.start.monthIndex
        guard let start = span.start.shifted(months: -months), let end = span.end.shifted(months: -months) else { return nil }
        return Period(kind: span.kind, start: start, end: end) ?? Period(start: start, end: end)
    }

    /// Reads `{"terms": [{"name": "2020 - 2025", "from": "2020-07-01", "to": "2025-06-30"}, ...]}`.
    public static func decode(_ data: Data) throws(TermCalendarError) -> TermCalendar {
        struct File: Decodable {
            struct Entry: Decodable { var name: String; var from: String; var to: String }
            var terms: [Entry]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw TermCalendarError(problems: ["không đọc được: cần {\"terms\": [{\"name\", \"from\", \"to\"}, ...]}"])
        }
        var terms: [Term] = []
        var problems: [String] = []
        for (index, entry) in file.terms.enumerated() {
            guard let from = Day(parsing: entry.from), let to = Day(parsing: entry.to) else {
                problems.append("terms[\(index)]: ngày \"\(entry.from)\" hoặc \"\(entry.to)\" không hợp lệ (viết 2020-07-01)")
                continue
            }
            terms.append(Term(name: entry.name, start: from, end: to))
        }
        guard problems.isEmpty else { throw TermCalendarError(problems: problems) }
        return try TermCalendar(terms: terms)
    }

    /// The calendar of a forms directory: `terms/terms.json` inside it; `.empty` when the file does not exist.
    public static func load(formsDirectory: URL) throws(TermCalendarError) -> TermCalendar {
        let file = formsDirectory.appendingPathComponent("terms").appendingPathComponent("terms.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return .empty }
        guard let data = try? Data(contentsOf: file) else { throw TermCalendarError(problems: ["không đọc được tệp"]) }
        do {
            return try decode(data)
        } catch {
            throw TermCalendarError(problems: error.problems.map { "terms/terms.json: \($0)" })
        }
    }
}

public struct TermCalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public var description: String { "Lịch nhiệm kỳ không hợp lệ:\n" + problems.map { "- \($0)" }.joined(separator: "\n") }
}

extension Day {
    /// The same calendar position `months` later (negative: earlier); a last day of a month stays a last day.
    func shifted(months: Int) -> Day? {
        let index = monthIndex + months
        guard index >= 0, let first = Day.firstOfMonth(index: index) else { return nil }
        let length = Day.daysIn(month: first.month, year: first.year)
        return Day(year: first.year, month: first.month, day: isLastOfMonth ? length : min(day, length))
    }
}
