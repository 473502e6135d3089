import Foundation

/// When entry for a period is due: `{"daysAfterPeriodEnd": 10}`. Entry stays open through the due day and locks
/// the day after.
public struct Deadline: Codable, Sendable, Hashable {
    public var daysAfterPeriodEnd: Int

    public init(daysAfterPeriodEnd: Int) {
        self.daysAfterPeriodEnd = daysAfterPeriodEnd
    }

    /// The last day entry for `period` is accepted.
    public func dueDate(for period: Period) -> Day {
        period.end.adding(days: daysAfterPeriodEnd)
    }
}
