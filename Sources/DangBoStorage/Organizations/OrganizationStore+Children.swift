import DangBoCore
import FluentKit
import Foundation
import SQLKit

extension OrganizationStore {
    /// The most children one call returns; a longer list is read on with `after`.
    public static let maxChildren = 500

    /// The organizations directly under `parent` on `day`, in Vietnamese order, at most `limit` of them (after the
    /// cursor `after`), each with the number of units directly under it and of registry members placed in it.
    ///
    /// One statement whose work follows the children shown, never the subtree: the children come from the index on
    /// (parent_id, valid_from); their own children and their members are counted by two grouped joins on that short
    /// list (no correlated count per row, no list of ids sent back).
    public func children(of parent: UUID, on day: Day, after: KeysetCursor? = nil,
                         limit: Int = OrganizationStore.maxChildren) async throws -> [OrganizationChild] {
        var shown: SQLQueryString = """
            SELECT o.id AS id, l.parent_id AS parent_id FROM organization_links l JOIN organizations o ON o.id = l.organization_id
            WHERE l.parent_id = \(bind: parent) AND l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
            """
        if let after {
            shown += " AND o.name_key >= \(bind: after.sortKey) AND (o.name_key > \(bind: after.sortKey) OR o.id > \(bind: after.id))"
        }
        shown += " ORDER BY o.name_key, o.id LIMIT \(literal: min(max(limit, 1), Self.maxChildren))"
        return try await counted(shown, on: day)
    }

    /// One organization with the same counts as `children`, as the root of a view (its parent is not looked up).
    public func node(_ id: UUID, on day: Day) async throws -> OrganizationChild? {
        try await counted("SELECT o.id AS id, NULL AS parent_id FROM organizations o WHERE o.id = \(bind: id)", on: day).first
    }

    /// The organizations from `root` down to `id` on `day`, both included, found by walking up from `id` (a handful of
    /// rows); nil when `id` is not in the subtree of `root` that day.
    public func path(from root: UUID, to id: UUID, on day: Day) async throws -> [UUID]? {
        if id == root { return [root] }
        let rows = try await sql.raw("""
            WITH RECURSIVE up(id, parent_id, depth) AS (
              SELECT l.organization_id, l.parent_id, 1 FROM organization_links l
              WHERE l.organization_id = \(bind: id) AND l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
              UNION ALL
              SELECT l.organization_id, l.parent_id, u.depth + 1 FROM organization_links l JOIN up u ON l.organization_id = u.parent_id
              WHERE l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
                AND u.depth < 32 AND u.parent_id <> \(bind: root)
            )
            SELECT parent_id, depth FROM up ORDER BY depth
            """).all()
        let ancestors = try rows.map { try $0.decode(column: "parent_id", as: UUID.self) }
        guard let end = ancestors.firstIndex(of: root) else { return nil }
        return ancestors[...end].reversed() + [id]
    }

    /// `shown` selects (id, parent_id) of the organizations to show, in order; adds their columns and counts.
    func counted(_ shown: SQLQueryString, on day: Day) async throws -> [OrganizationChild] {
        let query: SQLQueryString = "WITH shown AS (" + shown + ")" + """
            , grandchildren AS (
              SELECT g.parent_id AS id, COUNT(*) AS n FROM organization_links g JOIN shown k ON g.parent_id = k.id
              WHERE g.valid_from <= \(bind: day.iso) AND (g.valid_to IS NULL OR g.valid_to > \(bind: day.iso))
              GROUP BY g.parent_id
            ), placed AS (
              SELECT a.organization_id AS id, COUNT(*) AS n FROM member_assignments a JOIN shown k ON a.organization_id = k.id
              JOIN members m ON m.id = a.member_id
              WHERE a.valid_from <= \(bind: day.iso) AND (a.valid_to IS NULL OR a.valid_to > \(bind: day.iso))
                AND m.status IN ('active', 'suspended')
              GROUP BY a.organization_id
            )
            SELECT o.id AS id, o.code AS code, o.name AS name, o.name_key AS name_key, o.level AS level,
                   o.unit_kind AS unit_kind, o.cluster AS cluster, o.opened_on AS opened_on, o.closed_on AS closed_on,
                   k.parent_id AS parent_id, COALESCE(g.n, 0) AS child_count, COALESCE(p.n, 0) AS member_count
            FROM shown k JOIN organizations o ON o.id = k.id
            LEFT JOIN grandchildren g ON g.id = k.id LEFT JOIN placed p ON p.id = k.id
            ORDER BY o.name_key, o.id
            """
        return try await sql.raw(query).all().map { row in
            OrganizationChild(organization: try Self.organization(from: row),
                              parentID: try row.decode(column: "parent_id", as: UUID?.self),
                              childCount: try row.decode(column: "child_count", as: Int.self),
                              memberCount: try row.decode(column: "member_count", as: Int.self),
                              nameKey: try row.decode(column: "name_key", as: String.self))
        }
    }

    /// An organization from a row with its columns under their own names.
    static func organization(from row: any SQLRow) throws -> Organization {
        let id = try row.decode(column: "id", as: UUID.self)
        guard let level = OrganizationLevel(rawValue: try row.decode(column: "level", as: String.self)),
              let opened = Day(parsing: try row.decode(column: "opened_on", as: String.self)) else {
            throw StorageError.corruptRow(table: OrganizationRecord.schema, id: id.uuidString)
        }
        return Organization(
            id: id, code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
            level: level, unitKind: try row.decode(column: "unit_kind", as: String?.self).flatMap(UnitKind.init(rawValue:)),
            cluster: try row.decode(column: "cluster", as: String?.self), openedOn: opened,
            closedOn: try row.decode(column: "closed_on", as: String?.self).flatMap(Day.init(parsing:)))
    }
}
