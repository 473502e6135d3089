import DangBoCore
import Foundation
import SQLKit

/// Audit entries passing some conditions, newest first by (at, id), read by keyset and checked against a scope the way
/// `ScopedSelection` checks members: a small subtree is joined; for a large one entries are read in order through the
/// indexes on (at, id), (action, at, id), (actor_name, at, id) and kept when their organization walks up to the root.
///
/// A cursor names an entry by id; the position is that entry's (at, id), looked up in the statement itself, so a
/// timestamp never makes a round trip through a Swift `Date` (SQLite stores a float, PostgreSQL microseconds).
struct AuditSelection {
    enum Scope {
        case everything
        case join(UUID)
        case walkUp(UUID)
    }

    struct Row {
        var id: UUID
        var at: Date
        var cursor: KeysetCursor {
            KeysetCursor(sortKey: String(max(0, Int64((at.timeIntervalSince1970 * 1_000_000).rounded()))), id: id)
        }
    }

    /// Conditions on `audit_entries a` alone, joined with AND.
    var conditions: SQLQueryString
    var scope: Scope
    var day: Day
    var database: any SQLDatabase
    /// After this many candidates the walk-up gives way to the join.
    var maxCandidates = 100_000

    /// The filter's conditions on `audit_entries a`.
    static func conditions(_ filter: AuditFilter) -> SQLQueryString {
        var conditions: SQLQueryString = "1 = 1"
        if let action = filter.action { conditions += " AND a.action = \(bind: action.rawValue)" }
        if let type = filter.entityType, !type.isEmpty { conditions += " AND a.entity_type = \(bind: type)" }
        if let actor = filter.actorName, !actor.isEmpty { conditions += " AND a.actor_name = \(bind: actor)" }
        if let from = filter.from { conditions += " AND a.at >= \(bind: AuditStore.start(of: from))" }
        if let to = filter.to { conditions += " AND a.at < \(bind: AuditStore.start(of: to.adding(days: 1)))" }
        return conditions
    }

    /// Up to `limit` entries in reading order: older than the cursor (newest first) for `.after`, newer than it (oldest
    /// first) for `.before`.
    func rows(_ direction: KeysetDirection, limit: Int) async throws -> [Row] {
        let (cursor, older): (UUID?, Bool) = switch direction {
        case .after(let cursor): (cursor?.id, true)
        case .before(let cursor): (cursor.id, false)
        }
        switch scope {
        case .everything: return try await joined(root: nil, from: cursor, older: older, limit: limit)
        case .join(let root): return try await joined(root: root, from: cursor, older: older, limit: limit)
        case .walkUp(let root): return try await walkedUp(root: root, from: cursor, older: older, limit: limit)
        }
    }

    /// How many entries there are, counting no further than `limit`.
    func count(limit: Int) async throws -> Int {
        switch scope {
        case .everything:
            return try await bounded("SELECT 1 AS one FROM audit_entries a WHERE " + conditions, limit: limit)
        case .join(let root):
            return try await joinedCount(root: root, limit: limit)
        case .walkUp(let root):
            // `limit` candidates (then four times as many), walked up once; if that does not settle it, the join.
            for batch in [max(limit, 200), max(limit * 4, 800)] {
                let candidates = try await walkUp(root: root, from: nil, older: true, batch: batch)
                let inside = candidates.filter(\.isInside).count
                if inside >= limit { return limit }
                if candidates.count < batch { return inside }
            }
            return try await joinedCount(root: root, limit: limit)
        }
    }

    func joinedCount(root: UUID, limit: Int) async throws -> Int {
        let query = SubtreeQuery.cte(root: root, on: day) + " SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM audit_entries a"
            + " JOIN subtree s ON s.id = a.organization_id WHERE " + conditions + " LIMIT \(literal: limit)) bounded"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func bounded(_ rows: SQLQueryString, limit: Int) async throws -> Int {
        let query: SQLQueryString = "SELECT COUNT(*) AS n FROM (" + rows + " LIMIT \(literal: limit)) bounded"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// ` AND (a.at, a.id) < (the cursor entry's)` (or `>`), written out so both databases serve it from the index on
    /// `at`; the cursor entry's `at` comes from a scalar subquery run once.
    func keyset(_ cursor: UUID?, older: Bool) -> SQLQueryString {
        guard let cursor else { return "" }
        let at: SQLQueryString = "(SELECT c.at FROM audit_entries c WHERE c.id = \(bind: cursor))"
        let (orEqual, strictly) = older ? ("<=", "<") : (">=", ">")
        return " AND a.at \(unsafeRaw: orEqual) " + at + " AND (a.at \(unsafeRaw: strictly) " + at + " OR a.id \(unsafeRaw: strictly) \(bind: cursor))"
    }

    func order(older: Bool) -> SQLQueryString {
        older ? " ORDER BY a.at DESC, a.id DESC" : " ORDER BY a.at, a.id"
    }

    func joined(root: UUID?, from cursor: UUID?, older: Bool, limit: Int) async throws -> [Row] {
        guard limit > 0 else { return [] }
        var query: SQLQueryString = root.map { SubtreeQuery.cte(root: $0, on: day) + " " } ?? ""
        query += "SELECT a.id AS id, a.at AS at FROM audit_entries a"
            + (root == nil ? "" : " JOIN subtree s ON s.id = a.organization_id") + " WHERE " + conditions
            + keyset(cursor, older: older) + order(older: older) + " LIMIT \(literal: limit)"
        return try await database.raw(query).all().map {
            Row(id: try $0.decode(column: "id", as: UUID.self), at: try $0.decode(column: "at", as: Date.self))
        }
    }

    func walkedUp(root: UUID, from start: UUID?, older: Bool, limit: Int) async throws -> [Row] {
        var found: [Row] = []
        var cursor = start
        var scanned = 0
        var batch = min(max(limit + limit / 2, 200), 20_000)
        while found.count < limit {
            let candidates = try await walkUp(root: root, from: cursor, older: older, batch: batch)
            found += candidates.filter(\.isInside).map(\.row)
            scanned += candidates.count
            guard candidates.count == batch, let last = candidates.last else { break }
            cursor = last.row.id
            if scanned >= maxCandidates, found.count < limit {
                // Few entries belong to this scope: read the rest through the subtree instead.
                found += try await joined(root: root, from: cursor, older: older, limit: limit - found.count)
                break
            }
            batch = min(batch * 2, 20_000)
        }
        return Array(found.prefix(limit))
    }

    struct Candidate {
        var row: Row
        var isInside: Bool
    }

    /// The next `batch` entries about an organization after the cursor, each marked inside the subtree of `root` or not
    /// (one walk up for the whole batch).
    func walkUp(root: UUID, from cursor: UUID?, older: Bool, batch: Int) async throws -> [Candidate] {
        let query: SQLQueryString = "WITH RECURSIVE candidates AS (SELECT a.id AS id, a.at AS at, a.organization_id AS org"
            + " FROM audit_entries a WHERE a.organization_id IS NOT NULL AND " + conditions + keyset(cursor, older: older)
            + order(older: older) + " LIMIT \(literal: batch)), "
            + SubtreeQuery.reach(from: "candidates", column: "org", root: root, on: day)
            + " SELECT c.id AS id, c.at AS at, CASE WHEN c.org IN (SELECT r.org FROM reach r WHERE r.anc = \(bind: root))"
            + " THEN 1 ELSE 0 END AS inside FROM candidates c"
            + (older ? " ORDER BY c.at DESC, c.id DESC" : " ORDER BY c.at, c.id")
        return try await database.raw(query).all().map {
            Candidate(row: Row(id: try $0.decode(column: "id", as: UUID.self), at: try $0.decode(column: "at", as: Date.self)),
                      isInside: try $0.decode(column: "inside", as: Int.self) == 1)
        }
    }
}
