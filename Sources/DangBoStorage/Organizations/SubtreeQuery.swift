import DangBoCore
import Foundation
import SQLKit

/// The one query everything uses: the subtree of an organization on a day, as a recursive common table
/// expression over the effective-dated parent links. It runs in the database (SQLite and PostgreSQL both
/// support WITH RECURSIVE) using the index on (parent_id, valid_from), never walking the tree in Swift.
enum SubtreeQuery {
    /// `WITH RECURSIVE subtree(id, depth, parent_id) AS (...)`; follow it with a SELECT that uses `subtree`.
    static func cte(root: UUID, on day: Day) -> SQLQueryString {
        """
        WITH RECURSIVE subtree(id, depth, parent_id) AS (
          SELECT o.id, 0, o.id FROM organizations o WHERE o.id = \(bind: root)
          UNION ALL
          SELECT l.organization_id, s.depth + 1, l.parent_id
          FROM organization_links l JOIN subtree s ON l.parent_id = s.id
          WHERE l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
            AND s.depth < 32
        )
        """
    }

    static func ids(root: UUID, on day: Day, database: any SQLDatabase) async throws -> [UUID] {
        let rows = try await database.raw(cte(root: root, on: day) + " SELECT id FROM subtree").all()
        return try rows.map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Whether `id` lies in the subtree of `root` on `day`, asked the cheap way: walk *up* from `id` along the links
    /// valid that day (a handful of rows through the index on (organization_id, valid_from)), never building the
    /// subtree of `root`.
    static func contains(_ id: UUID, root: UUID, on day: Day, database: any SQLDatabase) async throws -> Bool {
        if id == root { return true }
        let rows = try await database.raw("""
            WITH RECURSIVE ancestors(id, depth) AS (
              SELECT l.parent_id, 1 FROM organization_links l
              WHERE l.organization_id = \(bind: id) AND l.valid_from <= \(bind: day.iso)
                AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
              UNION ALL
              SELECT l.parent_id, a.depth + 1 FROM organization_links l JOIN ancestors a ON l.organization_id = a.id
              WHERE l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
                AND a.depth < 32
            )
            SELECT COUNT(*) AS n FROM ancestors WHERE id = \(bind: root)
            """).all()
        return try (rows.first?.decode(column: "n", as: Int.self) ?? 0) > 0
    }
}
