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

    /// How many organizations the subtree of `root` has on `day`, counted no further than `limit + 1`: the recursive
    /// query stops as soon as that many rows are read, so asking about the whole country costs no more than asking
    /// about one cell.
    static func boundedSize(root: UUID, on day: Day, limit: Int, database: any SQLDatabase) async throws -> Int {
        let rows = try await database.raw(cte(root: root, on: day)
            + " SELECT COUNT(*) AS n FROM (SELECT id FROM subtree LIMIT \(literal: limit + 1)) bounded").all()
        return try rows.first?.decode(column: "n", as: Int.self) ?? 0
    }

    /// `reach(org, anc, depth)`: for every organization id in column `column` of the CTE `source`, that organization
    /// and its ancestors on `day`, walking up the links (through the index on (organization_id, valid_from)) and
    /// stopping at `root`. Candidates inside the subtree of `root` are those with a row `anc = root`. Follow a
    /// `WITH RECURSIVE` list that defines `source`.
    static func reach(from source: String, column: String, root: UUID, on day: Day) -> SQLQueryString {
        """
        reach(org, anc, depth) AS (
          SELECT DISTINCT c.\(unsafeRaw: column), c.\(unsafeRaw: column), 0 FROM \(unsafeRaw: source) c
          UNION ALL
          SELECT r.org, l.parent_id, r.depth + 1 FROM reach r JOIN organization_links l ON l.organization_id = r.anc
          WHERE l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
            AND r.depth < 32 AND r.anc <> \(bind: root)
        )
        """
    }

    /// Which of `ids` (a bounded batch, at most a few hundred) lie in the subtree of `root` on `day`: one statement
    /// walking up from each of them, never building the subtree of `root`.
    static func inside(_ ids: [UUID], root: UUID, on day: Day, database: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let query: SQLQueryString = "WITH RECURSIVE candidates(org) AS (SELECT o.id FROM organizations o WHERE o.id IN (\(binds: ids))), "
            + reach(from: "candidates", column: "org", root: root, on: day)
            + " SELECT DISTINCT r.org AS org FROM reach r WHERE r.anc = \(bind: root)"
        return Set(try await database.raw(query).all().map { try $0.decode(column: "org", as: UUID.self) })
    }

    /// `WITH RECURSIVE subtree_history(id, valid_from, valid_to, depth) AS (...)`: every organization that was in the
    /// subtree of `root` at some time between `from` and `to`, with the days it was (valid_to exclusive; an
    /// organization that moved in and out has one row per stay). One recursive walk for a whole span, whatever the
    /// number of periods: a value dated D of organization X counts when a row of X has valid_from <= D < valid_to.
    static func historyCTE(root: UUID, from: Day, to: Day) -> SQLQueryString {
        """
        WITH RECURSIVE subtree_history(id, valid_from, valid_to, depth) AS (
          SELECT o.id, '0000-01-01', '9999-12-31', 0 FROM organizations o WHERE o.id = \(bind: root)
          UNION ALL
          SELECT l.organization_id,
                 CASE WHEN l.valid_from > s.valid_from THEN l.valid_from ELSE s.valid_from END,
                 CASE WHEN COALESCE(l.valid_to, '9999-12-31') < s.valid_to THEN COALESCE(l.valid_to, '9999-12-31') ELSE s.valid_to END,
                 s.depth + 1
          FROM organization_links l JOIN subtree_history s ON l.parent_id = s.id
          WHERE l.valid_from < s.valid_to AND COALESCE(l.valid_to, '9999-12-31') > s.valid_from
            AND l.valid_from <= \(bind: to.iso) AND COALESCE(l.valid_to, '9999-12-31') > \(bind: from.iso)
            AND s.depth < 32
        )
        """
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

/// The subtree-over-time walk, for hand-written benchmark baselines (`dangbo bench run`).
public enum SubtreeQueryText {
    public static func history(root: UUID, from: Day, to: Day) -> SQLQueryString {
        SubtreeQuery.historyCTE(root: root, from: from, to: to)
    }
}
