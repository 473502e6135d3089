import Foundation

/// A printed column's period, relative to the report span S (docs/forms.md "Relative periods"):
///
/// - `{"part": "year", "index": 0}`: the part of S in its first calendar year (`1` = second, `-1` = last);
///   `part` may be `month`, `quarter`, `halfYear`, `year` or `term`.
/// - `{"term": "previous"}`: the same span of the previous term, by the configured terms (`TermCalendar`): S moved
///   back by the months between the starts of its term and of the term before.
/// - `{"shiftYears": -5}`: S moved back five calendar years.
/// - `{"fromPartIndex": 1}`: from the start of S's second calendar year to the end of S (`part` defaults to `year`).
/// - `{}` or absent: S itself.
///
/// `term` and `shiftYears` combine with the others: the shift applies first, then the part is taken.
public struct RelativePeriod: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Which term, relative to the one the span starts in.
    public enum TermShift: String, Codable, Sendable, Hashable, CaseIterable, LabeledValue {
        case previous

        public var label: String { "nhiệm kỳ trước" }
    }

    public var part: PeriodKind?
    public var index: Int?
    public var fromPartIndex: Int?
    public var shiftYears: Int?
    public var term: TermShift?

    public init(part: PeriodKind? = nil, index: Int? = nil, fromPartIndex: Int? = nil, shiftYears: Int? = nil,
                term: TermShift? = nil) {
        self.part = part
        self.index = index
        self.fromPartIndex = fromPartIndex
        self.shiftYears = shiftYears
        self.term = term
    }

    /// The span itself.
    public static let span = RelativePeriod()

    public static func part(_ kind: PeriodKind, index: Int) -> RelativePeriod {
        RelativePeriod(part: kind, index: index)
    }

    public static func shifted(years: Int) -> RelativePeriod {
        RelativePeriod(shiftYears: years)
    }

    public static func fromPart(_ index: Int, of kind: PeriodKind = .year) -> RelativePeriod {
        RelativePeriod(part: kind, fromPartIndex: index)
    }

    /// The kind of part cut: `part`, or `year` when only an index is given.
    public var partKind: PeriodKind { part ?? .year }

    /// What is wrong with this definition, in Vietnamese; empty when it is usable.
    public var problems: [String] {
        var problems: [String] = []
        if index != nil, fromPartIndex != nil {
            problems.append("không dùng đồng thời \"index\" và \"fromPartIndex\"")
        }
        if term != nil, shiftYears != nil {
            problems.append("không dùng đồng thời \"term\" và \"shiftYears\"")
        }
        if let part {
            if !PeriodKind.partKinds.contains(part) {
                problems.append("\"part\" phải là một trong \(PeriodKind.partKinds.map(\.rawValue).joined(separator: ", "))")
            }
            if index == nil, fromPartIndex == nil {
                problems.append("\"part\" cần \"index\" hoặc \"fromPartIndex\"")
            }
        }
        return problems
    }

    /// The period this means inside `span`; nil when the index falls outside the span (a third year of a two-year
    /// span) or the shifted span leaves the calendar.
    public func resolve(in span: Period, terms: TermCalendar = .empty) -> Period? {
        var base = span
        if term == .previous {
            guard let shifted = terms.sameSpanInPreviousTerm(span) else { return nil }
            base = shifted
        }
        if let shiftYears, shiftYears != 0 {
            guard let shifted = span.shifted(years: shiftYears) else { return nil }
            base = shifted
        }
        if let index {
            let parts = base.parts(of: partKind)
            let position = index < 0 ? parts.count + index : index
            guard parts.indices.contains(position) else { return nil }
            return parts[position]
        }
        if let fromPartIndex {
            let parts = base.parts(of: partKind)
            let position = fromPartIndex < 0 ? parts.count + fromPartIndex : fromPartIndex
            guard parts.indices.contains(position) else { return nil }
            if position == 0 { return base }
            return Period(start: parts[position].start, end: base.end)
        }
        return base
    }

    public var description: String {
        var pieces: [String] = []
        if let term { pieces.append("term \(term.rawValue)") }
        if let shiftYears { pieces.append("shiftYears \(shiftYears)") }
        if let index { pieces.append("\(partKind.rawValue)[\(index)]") }
        if let fromPartIndex { pieces.append("from \(partKind.rawValue)[\(fromPartIndex)]") }
        return pieces.isEmpty ? "span" : pieces.joined(separator: ", ")
    }
}
