import DangBoCore
import Foundation
import SQLKit

/// Outbox messages about organizations in the subtree of `root` on `day`, newest first by (created_at, id), read by
/// keyset and checked against the scope the way `AuditSelection` checks audit entries: a small subtree is joined
/// (through the index on (organization_id, created_at)); for a large one messages are read in order through the index
/// on (created_at, id) and kept when their organization walks up to the root. No list of the subtree's ids is sent.
///
/// A cursor names a message by id; its (created_at, id) is looked up in the statement, so a timestamp never makes a
/// round trip through a Swift `Date` (SQLite stores a float, PostgreSQL microseconds). Messages without an
/// organization belong to no subtree and are never listed.
struct OutboxSelection {
    struct Row {
        var id: UUID
        var createdAt: Date
        var cursor: KeysetCursor {
            KeysetCursor(sortKey: String(max(0, Int64((createdAt.timeIntervalSince1970 * 1_000_000).rounded()))), id: id)
        }
    }

    var root: UUID
    var scope: SubtreeScope
    var day: Day
    var database: any SQLDatabase
    /// After this many candidates the walk-up gives way to the join.
    var maxCandidates = 100_000

    /// Up to `limit` messages in reading order: older than the cursor (newest first) for `.after`, newer than it
    /// (oldest first) for `.before`.
    func rows(_ direction: KeysetDirection, limit: Int) async throws -> [Row] {
        let (cursor, older): (UUID?, Bool) = switch direction {
        case .after(let cursor): (cursor?.id, true)
        case .before(let cursor): (cursor.id, false)
        }
        switch scope {
        case .join: return try await joined(from: cursor, older: older, limit: limit)
        case .walkUp: return try await walkedUp(from: cursor, older: older, limit: limit)
        }
    }

    /// How many messages there are, counting no further than `limit`.
    func count(limit: Int) async throws -> Int {
        if scope == .walkUp {
            // `limit` candidates (then four times as many), walked up once; if that does not settle it, the join.
            for batch in [max(limit, 200), max(limit * 4, 800)] {
                let candidates = try await walkUp(from: nil, older: true, batch: batch)
                let inside = candidates.filter(\.isInside).count
                if inside >= limit { return limit }
                if candidates.count < batch { return inside }
            }
        }
        let query = SubtreeQuery.cte(root: root, on: day) + " SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM outbox_messages m"
            + " JOIN subtree s ON s.id = m.organization_id LIMIT \(literal: limit)) bounded"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// ` AND (m.created_at, m.id) < (the cursor message's)` (or `>`), written out so both databases serve it from the
    /// index; the cursor message's `created_at` comes from a scalar subquery run once.
    func keyset(_ cursor: UUID?, older: Bool) -> SQLQueryString {
        guard let cursor else { return "" }
        let at: SQLQueryString = "(SELECT c.created_at FROM outbox_messages c WHERE c.id = \(bind: cursor))"
        let (orEqual, strictly) = older ? ("<=", "<") : (">=", ">")
        return " AND m.created_at \(unsafeRaw: orEqual) " + at
            + " AND (m.created_at \(unsafeRaw: strictly) " + at + " OR m.id \(unsafeRaw: strictly) \(bind: cursor))"
    }

    func order(older: Bool, alias: String = "m") -> SQLQueryString {
        older ? " ORDER BY \(unsafeRaw: alias).created_at DESC, \(unsafeRaw: alias).id DESC"
            : " ORDER BY \(unsafeRaw: alias).created_at, \(unsafeRaw: alias).id"
    }

    func joined(from cursor: UUID?, older: Bool, limit: Int) async throws -> [Row] {
        guard limit > 0 else { return [] }
        let query = SubtreeQuery.cte(root: root, on: day) + " SELECT m.id AS id, m.created_at AS created_at FROM outbox_messages m"
            + " JOIN subtree s ON s.id = m.organization_id WHERE 1 = 1" + keyset(cursor, older: older) + order(older: older)
            + " LIMIT \(literal: limit)"
        return try await database.raw(query).all().map {
            Row(id: try $0.decode(column: "id", as: UUID.self), createdAt: try $0.decode(column: "created_at", as: Date.self))
        }
    }

    func walkedUp(from start: UUID?, older: Bool, limit: Int) async throws -> [Row] {
        var found: [Row] = []
        var cursor = start
        var scanned = 0
        var batch = min(max(limit + limit / 2, 200), 20_000)
        while found.count < limit {
            let candidates = try await walkUp(from: cursor, older: older, batch: batch)
            found += candidates.filter(\.isInside).map(\.row)
            scanned += candidates.count
            guard candidates.count == batch, let last = candidates.last else { break }
            cursor = last.row.id
            if scanned >= maxCandidates, found.count < limit {
                // Few messages belong to this scope: read the rest through the subtree instead.
                found += try await joined(from: cursor, older: older, limit: limit - found.count)
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

    /// The next `batch` messages about an organization after the cursor, each marked inside the subtree or not (one
    /// walk up for the whole batch).
    func walkUp(from cursor: UUID?, older: Bool, batch: Int) async throws -> [Candidate] {
        let query: SQLQueryString = "WITH RECURSIVE candidates AS (SELECT m.id AS id, m.created_at AS created_at,"
            + " m.organization_id AS org FROM outbox_messages m WHERE m.organization_id IS NOT NULL" + keyset(cursor, older: older)
            + order(older: older) + " LIMIT \(literal: batch)), "
            + SubtreeQuery.reach(from: "candidates", column: "org", root: root, on: day)
            + " SELECT c.id AS id, c.created_at AS created_at, CASE WHEN c.org IN (SELECT r.org FROM reach r WHERE r.anc = \(bind: root))"
            + " THEN 1 ELSE 0 END AS inside FROM candidates c" + order(older: older, alias: "c")
        return try await database.raw(query).all().map {
            Candidate(row: Row(id: try $0.decode(column: "id", as: UUID.self), createdAt: try $0.decode(column: "created_at", as: Date.self)),
                      isInside: try $0.decode(column: "inside", as: Int.self) == 1)
        }
    }
}
