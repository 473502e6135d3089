import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// One page of organizations in Vietnamese order, each with the counts of `OrganizationStore.children`.
public struct OrganizationPage: Sendable {
    public var items: [OrganizationChild]
    public var count: BoundedCount
    public var previous: KeysetCursor?
    public var next: KeysetCursor?
}

extension OrganizationStore {
    public static let maxPageSize = 500

    /// A page of the subtree of `root` on `day` (the root included), in Vietnamese order by keyset on (name_key, id),
    /// with a count that stops at `countLimit`. The subtree is joined when it is small; a large one is never built:
    /// organizations are read in name order and kept when they walk up to the root (`ScopedSelection`). Then the page's
    /// organizations get their parent and counts in one statement (`counted`).
    public func subtreePage(root: UUID, on day: Day, direction: KeysetDirection = .first, pageSize: Int = 100,
                            countLimit: Int = BoundedCount.defaultLimit) async throws -> OrganizationPage {
        let pageSize = min(max(pageSize, 1), Self.maxPageSize)
        let scope = try await SubtreeScope.choose(root: root, on: day, joinLimit: scopeJoinLimit, database: sql)
        let selection = ScopedSelection(table: "organizations o", alias: "o", keyColumn: "name_key", organizationColumn: "id",
                                        conditions: "1 = 1", root: root, day: day, scope: scope, database: sql)
        let (rows, previous, next) = try await KeysetPaging.page(direction, pageSize: pageSize, cursor: \.cursor) {
            try await selection.rows($0, limit: $1)
        }
        let items = try await counted(rows.map(\.id), root: root, on: day)
        let size = try await SubtreeQuery.boundedSize(root: root, on: day, limit: countLimit, database: sql)
        return OrganizationPage(items: items, count: BoundedCount(counted: size, limit: countLimit), previous: previous, next: next)
    }

    /// A page of the organizations directly under `parent` on `day`, in Vietnamese order by keyset, with their count
    /// (stopping at `countLimit`): read from the index on (parent_id, valid_from), whatever the size of the subtree.
    public func childrenPage(of parent: UUID, on day: Day, direction: KeysetDirection = .first, pageSize: Int = 100,
                             countLimit: Int = BoundedCount.defaultLimit) async throws -> OrganizationPage {
        let pageSize = min(max(pageSize, 1), Self.maxPageSize)
        let valid: SQLQueryString = "l.parent_id = \(bind: parent) AND l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))"
        let (rows, previous, next) = try await KeysetPaging.page(direction, pageSize: pageSize, cursor: \.cursor) { direction, limit in
            let (cursor, ascending): (KeysetCursor?, Bool) = switch direction {
            case .after(let cursor): (cursor, true)
            case .before(let cursor): (cursor, false)
            }
            var query: SQLQueryString = "SELECT o.id AS id, o.name_key AS sort_key FROM organization_links l JOIN organizations o"
                + " ON o.id = l.organization_id WHERE " + valid
            if let cursor {
                let op = ascending ? ">" : "<"
                query += " AND o.name_key \(unsafeRaw: op)= \(bind: cursor.sortKey) AND (o.name_key \(unsafeRaw: op) \(bind: cursor.sortKey) OR o.id \(unsafeRaw: op) \(bind: cursor.id))"
            }
            query += ascending ? " ORDER BY o.name_key, o.id" : " ORDER BY o.name_key DESC, o.id DESC"
            query += " LIMIT \(literal: limit)"
            return try await sql.raw(query).all().map {
                ScopedSelection.Row(id: try $0.decode(column: "id", as: UUID.self), key: try $0.decode(column: "sort_key", as: String.self))
            }
        }
        let items = try await counted(rows.map(\.id), root: nil, on: day)
        let counted = try await sql.raw("SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM organization_links l WHERE " + valid
            + " LIMIT \(literal: countLimit + 1)) bounded").first()?.decode(column: "n", as: Int.self) ?? 0
        return OrganizationPage(items: items, count: BoundedCount(counted: counted, limit: countLimit), previous: previous, next: next)
    }

    /// The organizations `ids` (a page: at most `maxPageSize`) with their parent on `day` (none for `root`, the top of
    /// the view) and their counts, in the order of `ids`.
    func counted(_ ids: [UUID], root: UUID?, on day: Day) async throws -> [OrganizationChild] {
        guard !ids.isEmpty else { return [] }
        var parent: SQLQueryString = "l.parent_id"
        if let root { parent = "CASE WHEN o.id = \(bind: root) THEN NULL ELSE l.parent_id END" }
        let shown: SQLQueryString = "SELECT o.id AS id, " + parent + " AS parent_id FROM organizations o LEFT JOIN organization_links l ON l.organization_id = o.id"
            + " AND l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))"
            + " WHERE o.id IN (\(binds: ids))"
        let byID = Dictionary(try await counted(shown, on: day).map { ($0.organization.id, $0) }) { first, _ in first }
        return ids.compactMap { byID[$0] }
    }
}
