import Foundation

/// One organization as the tree browser shows it on a day, opened level by level: its own columns, how many units
/// sit directly under it and how many members are placed in it directly (not in its subtree: that would cost a walk
/// of the whole subtree).
public struct OrganizationChild: Codable, Sendable, Hashable {
    public var organization: Organization
    /// The parent on that day; nil for a node shown as the root of the view.
    public var parentID: UUID?
    public var childCount: Int
    /// Members on the registry (active or suspended) placed in this organization on that day.
    public var memberCount: Int
    /// The organization's collation key, for keyset paging through a long list of children.
    public var nameKey: String

    public init(organization: Organization, parentID: UUID?, childCount: Int, memberCount: Int, nameKey: String) {
        self.organization = organization
        self.parentID = parentID
        self.childCount = childCount
        self.memberCount = memberCount
        self.nameKey = nameKey
    }

    /// Where to continue a list of children after this one.
    public var cursor: KeysetCursor { KeysetCursor(sortKey: nameKey, id: organization.id) }
}
