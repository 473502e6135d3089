import Foundation

/// A count that stops at a limit, so that showing "how many" never costs a scan of everything:
/// "1.234 đảng viên" up to the limit, "hơn 10.000 đảng viên" beyond it.
public struct BoundedCount: Hashable, Sendable, Codable {
    /// The number counted, at most `limit`.
    public var value: Int
    public var limit: Int
    /// False when there are more than `limit`.
    public var isExact: Bool

    public static let defaultLimit = 10_000
    /// Where the count of a search's matches stops.
    public static let searchLimit = 1_000

    /// `counted` is what a query limited to `limit + 1` rows returned.
    public init(counted: Int, limit: Int = BoundedCount.defaultLimit) {
        self.limit = limit
        isExact = counted <= limit
        value = min(counted, limit)
    }

    /// "1.234" or "hơn 10.000".
    public var text: String {
        isExact ? VietnameseNumberFormat.integer(value) : "hơn " + VietnameseNumberFormat.integer(limit)
    }

    /// "1.234 đảng viên" or "hơn 10.000 đảng viên".
    public func label(_ noun: String) -> String { text + " " + noun }
}
