import Foundation

extension Period {
    /// The periods of `kind` that intersect this one, in order, whole (not cut to this period): the quarters of
    /// 2021, the years touched by 1/7/2020–31/3/2023 (2020, 2021, 2022, 2023). A range kind gives `[self]`.
    public func periods(of kind: PeriodKind) -> [Period] {
        guard kind.months != nil, var current = Period(kind: kind, containing: start) else { return [self] }
        var result: [Period] = []
        while current.start <= end {
            result.append(current)
            guard let following = current.next else { break }
            current = following
        }
        return result
    }

    /// The parts of this period cut by the calendar periods of `kind`: for 1/7/2020–31/3/2023 and years,
    /// 1/7/2020–31/12/2020 (the second half of 2020), 2021, 2022 and 1/1/2023–31/3/2023 (the first quarter of 2023).
    public func parts(of kind: PeriodKind) -> [Period] {
        periods(of: kind).compactMap { intersection(with: $0) }
    }

    /// The days both periods share, under their most specific name (either operand itself when it lies inside the
    /// other); nil when they do not overlap.
    public func intersection(with other: Period) -> Period? {
        guard overlaps(other) else { return nil }
        if other.contains(self) { return self }
        if contains(other) { return other }
        return Period(start: max(start, other.start), end: min(end, other.end))
    }

    /// The following period of the same kind and length (a range moves by its own length); nil past the calendar.
    public var next: Period? { moved(by: 1) }

    /// The preceding period of the same kind and length; nil before the calendar.
    public var previous: Period? { moved(by: -1) }

    /// The same period `years` years later (negative: earlier), of the same kind; the same span of the previous term
    /// is `shifted(years: -5)`.
    public func shifted(years: Int) -> Period? {
        switch kind {
        case .month, .quarter, .halfYear, .year, .term, .monthRange:
            guard let newStart = Day.firstOfMonth(index: start.monthIndex + years * 12),
                  let newEnd = Day.lastOfMonth(index: end.monthIndex + years * 12) else { return nil }
            return Period(kind: kind, start: newStart, end: newEnd)
        case .dayRange:
            guard let newStart = start.shifted(years: years), let newEnd = end.shifted(years: years) else { return nil }
            return Period(kind: .dayRange, start: newStart, end: newEnd)
        }
    }

    private func moved(by steps: Int) -> Period? {
        if kind == .dayRange {
            let length = dayCount
            let newStart = start.adding(days: length * steps)
            let newEnd = end.adding(days: length * steps)
            guard (1900...2200).contains(newStart.year), (1900...2200).contains(newEnd.year) else { return nil }
            return Period(kind: .dayRange, start: newStart, end: newEnd)
        }
        let length = kind.months ?? (end.monthIndex - start.monthIndex + 1)
        guard let newStart = Day.firstOfMonth(index: start.monthIndex + length * steps),
              let newEnd = Day.lastOfMonth(index: end.monthIndex + length * steps) else { return nil }
        return Period(kind: kind, start: newStart, end: newEnd)
    }
}
