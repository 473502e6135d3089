import DangBoCore
import Foundation
import SQLKit

/// Rows of a table that records events about organizations (audit entries, outbox messages), newest first by
/// (time, id), read by keyset and checked against a scope the way `ScopedSelection` checks members: a small subtree is
/// joined; for a large one rows are read in order through the table's (time, id) indexes and kept when their
/// organization walks up to the root (`WalkUpReading`). No list of the subtree's ids is sent.
///
/// A cursor names a row by id; the position is that row's (time, id), looked up in the statement itself, so a
/// timestamp never makes a round trip through a Swift `Date` (SQLite stores a float, PostgreSQL microseconds). Rows
/// without an organization belong to no subtree: only `.everything` lists them.
struct NewestFirstSelection {
    enum Scope {
        case everything
        case join(UUID)
        case walkUp(UUID)

        /// The scope of a subtree, decided as `SubtreeScope` decides it.
        init(_ scope: SubtreeScope, root: UUID) {
            self = scope == .join ? .join(root) : .walkUp(root)
        }
    }

    struct Row {
        var id: UUID
        var at: Date
        var cursor: KeysetCursor {
            KeysetCursor(sortKey: String(max(0, Int64((at.timeIntervalSince1970 * 1_000_000).rounded()))), id: id)
        }
    }

    /// "audit_entries"
    var table: String
    /// "a": the alias `conditions` use.
    var alias: String
    /// "at": the row's time column.
    var timeColumn: String
    /// Conditions on the table alone, joined with AND; "1 = 1" for none.
    var conditions: SQLQueryString
    var scope: Scope
    var day: Day
    var database: any SQLDatabase
    /// After this many candidates the walk-up gives way to the join.
    var maxCandidates = 100_000

    private var a: String { alias }
    private var time: String { "\(alias).\(timeColumn)" }

    /// Up to `limit` rows in reading order: older than the cursor (newest first) for `.after`, newer than it (oldest
    /// first) for `.before`.
    func rows(_ direction: KeysetDirection, limit: Int) async throws -> [Row] {
        let (cursor, older): (UUID?, Bool) = switch direction {
        case .after(let cursor): (cursor?.id, true)
        case .before(let cursor): (cursor.id, false)
        }
        switch scope {
        case .everything: return try await joined(root: nil, from: cursor, older: older, limit: limit)
        case .join(let root): return try await joined(root: root, from: cursor, older: older, limit: limit)
        case .walkUp(let root):
            return try await WalkUpReading.collect(limit: limit, start: cursor, maxCandidates: maxCandidates,
                                                   batch: { try await walkUp(root: root, from: $0, older: older, batch: $1) },
                                                   position: \.id,
                                                   rest: { try await joined(root: root, from: $0, older: older, limit: $1) })
        }
    }

    /// How many rows there are, counting no further than `limit`.
    func count(limit: Int) async throws -> Int {
        switch scope {
        case .everything:
            return try await bounded("SELECT 1 AS one FROM \(unsafeRaw: table) \(unsafeRaw: a) WHERE " + conditions, limit: limit)
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
        let query = SubtreeQuery.cte(root: root, on: day) + " SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(unsafeRaw: table) \(unsafeRaw: a)"
            + " JOIN subtree s ON s.id = \(unsafeRaw: a).organization_id WHERE " + conditions + " LIMIT \(literal: limit)) bounded"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func bounded(_ rows: SQLQueryString, limit: Int) async throws -> Int {
        let query: SQLQueryString = "SELECT COUNT(*) AS n FROM (" + rows + " LIMIT \(literal: limit)) bounded"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// ` AND (time, id) < (the cursor row's)` (or `>`), written out so both databases serve it from the index; the
    /// cursor row's time comes from a scalar subquery run once.
    func keyset(_ cursor: UUID?, older: Bool) -> SQLQueryString {
        guard let cursor else { return "" }
        let at: SQLQueryString = "(SELECT c.\(unsafeRaw: timeColumn) FROM \(unsafeRaw: table) c WHERE c.id = \(bind: cursor))"
        let (orEqual, strictly) = older ? ("<=", "<") : (">=", ">")
        return " AND \(unsafeRaw: time) \(unsafeRaw: orEqual) " + at
            + " AND (\(unsafeRaw: time) \(unsafeRaw: strictly) " + at + " OR \(unsafeRaw: a).id \(unsafeRaw: strictly) \(bind: cursor))"
    }

    func order(older: Bool, time: String? = nil, id: String? = nil) -> SQLQueryString {
        let (time, id) = (time ?? self.time, id ?? "\(a).id")
        return older ? " ORDER BY \(unsafeRaw: time) DESC, \(unsafeRaw: id) DESC" : " ORDER BY \(unsafeRaw: time), \(unsafeRaw: id)"
    }

    func joined(root: UUID?, from cursor: UUID?, older: Bool, limit: Int) async throws -> [Row] {
        guard limit > 0 else { return [] }
        var query: SQLQueryString = root.map { SubtreeQuery.cte(root: $0, on: day) + " " } ?? ""
        query += "SELECT \(unsafeRaw: a).id AS id, \(unsafeRaw: time) AS at FROM \(unsafeRaw: table) \(unsafeRaw: a)"
            + (root == nil ? "" : " JOIN subtree s ON s.id = \(a).organization_id") + " WHERE " + conditions
            + keyset(cursor, older: older) + order(older: older) + " LIMIT \(literal: limit)"
        return try await database.raw(query).all().map {
            Row(id: try $0.decode(column: "id", as: UUID.self), at: try $0.decode(column: "at", as: Date.self))
        }
    }

    /// The next `batch` rows about an organization after the cursor, each marked inside the subtree of `root` or not
    /// (one walk up for the whole batch).
    func walkUp(root: UUID, from cursor: UUID?, older: Bool, batch: Int) async throws -> [WalkUpReading.Candidate<Row>] {
        let query: SQLQueryString = "WITH RECURSIVE candidates AS (SELECT \(unsafeRaw: a).id AS id, \(unsafeRaw: time) AS at,"
            + " \(unsafeRaw: a).organization_id AS org FROM \(unsafeRaw: table) \(unsafeRaw: a)"
            + " WHERE \(unsafeRaw: a).organization_id IS NOT NULL AND " + conditions + keyset(cursor, older: older)
            + order(older: older) + " LIMIT \(literal: batch)), "
            + SubtreeQuery.reach(from: "candidates", column: "org", root: root, on: day)
            + " SELECT c.id AS id, c.at AS at, CASE WHEN c.org IN (SELECT r.org FROM reach r WHERE r.anc = \(bind: root))"
            + " THEN 1 ELSE 0 END AS inside FROM candidates c" + order(older: older, time: "c.at", id: "c.id")
        return try await database.raw(query).all().map {
            WalkUpReading.Candidate(row: Row(id: try $0.decode(column: "id", as: UUID.self), at: try $0.decode(column: "at", as: Date.self)),
                                    isInside: try $0.decode(column: "inside", as: Int.self) == 1)
        }
    }
}

/// The walk-up read every scoped list shares: candidates in key order, batch after batch (each batch growing, up to
/// 20.000), the ones inside the scope kept, until `limit` are found or the candidates end; when `maxCandidates` were
/// read and too few were inside, the rest comes through the joined subtree (`rest`) instead.
enum WalkUpReading {
    struct Candidate<Row> {
        var row: Row
        var isInside: Bool
    }

    static func collect<Row, Position>(limit: Int, start: Position?, maxCandidates: Int,
                                       batch: (Position?, Int) async throws -> [Candidate<Row>],
                                       position: (Row) -> Position,
                                       rest: (Position?, Int) async throws -> [Row]) async throws -> [Row] {
        var found: [Row] = []
        var cursor = start
        var scanned = 0
        var size = min(max(limit + limit / 2, 200), 20_000)
        while found.count < limit {
            let candidates = try await batch(cursor, size)
            found += candidates.filter(\.isInside).map(\.row)
            scanned += candidates.count
            guard candidates.count == size, let last = candidates.last else { break }
            cursor = position(last.row)
            if scanned >= maxCandidates, found.count < limit {
                // Few candidates belong to this scope: read the rest through the subtree instead.
                found += try await rest(cursor, limit - found.count)
                break
            }
            size = min(size * 2, 20_000)
        }
        return Array(found.prefix(limit))
    }
}
