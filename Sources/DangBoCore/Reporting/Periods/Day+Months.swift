import Foundation

/// Month arithmetic on days, for periods. A month index counts months since year 0 (`year * 12 + month - 1`).
extension Day {
    var monthIndex: Int { year * 12 + month - 1 }

    var isFirstOfMonth: Bool { day == 1 }

    var isLastOfMonth: Bool { day == Day.daysIn(month: month, year: year) }

    static func firstOfMonth(index: Int) -> Day? {
        Day(year: index / 12, month: index % 12 + 1, day: 1)
    }

    static func lastOfMonth(index: Int) -> Day? {
        let year = index / 12
        let month = index % 12 + 1
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
    }

    /// The same calendar position `years` later; the 29th of February becomes the 28th when needed, and a last day
    /// of a month stays the last day of its month.
    func shifted(years: Int) -> Day? {
        let targetYear = year + years
        let length = Day.daysIn(month: month, year: targetYear)
        let targetDay = isLastOfMonth ? length : min(day, length)
        return Day(year: targetYear, month: month, day: targetDay)
    }
}
