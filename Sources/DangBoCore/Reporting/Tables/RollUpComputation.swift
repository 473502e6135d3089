import Foundation

/// The roll-up rule as a pure function, the reference the SQL path (`ReportRollUp` in DangBoStorage) is tested
/// against on the same data. In order:
/// 1. only values whose period lies inside `period` count;
/// 2. flows (`sum`) count when their organization was in the subtree of `root` on the last day of the value's own
///    period (the tree as it was then: `links` with their validity), and add up over organizations and periods;
/// 3. stocks (`last`) count for the organizations in the subtree on the last day of `period`: each one's latest
///    value inside `period`, added up (an organization that skipped the last quarter still counts with its earlier
///    value; one that left before the end does not).
public enum RollUpComputation {
    public struct Value: Sendable, Hashable {
        public var organizationID: UUID
        public var period: Period
        /// The cell or value key the value is summed under ("r1a:n").
        public var key: String
        public var number: Double
        public var aggregation: ElementAggregation

        public init(organizationID: UUID, period: Period, key: String, number: Double, aggregation: ElementAggregation) {
            self.organizationID = organizationID
            self.period = period
            self.key = key
            self.number = number
            self.aggregation = aggregation
        }
    }

    public static func rollUp(_ values: [Value], links: [OrganizationLink], root: UUID, period: Period) -> [String: Double] {
        var parents: [UUID: [OrganizationLink]] = [:]
        for link in links { parents[link.organizationID, default: []].append(link) }
        func isInSubtree(_ id: UUID, on day: Day) -> Bool {
            var current = id
            for _ in 0 ..< 64 {
                if current == root { return true }
                guard let parent = parents[current]?.first(where: { $0.isValid(on: day) })?.parentID else { return false }
                current = parent
            }
            return false
        }
        var totals: [String: Double] = [:]
        var latest: [String: [UUID: (end: Day, number: Double)]] = [:]
        for value in values where period.contains(value.period) {
            switch value.aggregation {
            case .sum, .none:
                guard isInSubtree(value.organizationID, on: value.period.end) else { continue }
                totals[value.key, default: 0] += value.number
            case .last:
                guard isInSubtree(value.organizationID, on: period.end) else { continue }
                if let seen = latest[value.key]?[value.organizationID], seen.end > value.period.end { continue }
                latest[value.key, default: [:]][value.organizationID] = (value.period.end, value.number)
            }
        }
        for (key, byOrganization) in latest { totals[key] = byOrganization.values.reduce(0) { $0 + $1.number } }
        return totals
    }
}
