import DangBoCore
import Foundation
import SQLKit

/// How a query restricted to the subtree of an account's scope checks that a row belongs to it.
enum SubtreeScope: Sendable, Equatable {
    /// The subtree is small (a committee and its cells): join the recursive subtree query; its cost is the subtree's.
    case join
    /// The subtree is large (a province, the whole country): filter and order first (by the indexes of the table),
    /// then keep the candidates whose organization walks up to the root. Building the subtree would read it all.
    case walkUp

    /// Subtrees up to this many organizations are joined; larger ones are checked by walking up.
    static let defaultJoinLimit = 2_000

    /// Decides with a count of the subtree that stops at `joinLimit + 1` rows.
    static func choose(root: UUID, on day: Day, joinLimit: Int, database: any SQLDatabase) async throws -> SubtreeScope {
        let size = try await SubtreeQuery.boundedSize(root: root, on: day, limit: joinLimit, database: database)
        return size > joinLimit ? .walkUp : .join
    }
}

/// Rows of one table that pass `conditions` and lie in the subtree of `root` on `day`, read in (key, id) order from a
/// keyset cursor: a page never skips rows with OFFSET and never counts the whole scope.
///
/// With `.join` one statement joins the subtree. With `.walkUp` candidates are read in batches in key order (the
/// table's indexes serve the filter and the order), each batch walks up from its organizations once, and reading stops
/// as soon as enough candidates are inside; if a scope turns out to keep very few of them the rest is read with the join.
struct ScopedSelection {
    /// "members m"
    var table: String
    /// "m": the alias used in `table` and `conditions`.
    var alias: String
    var keyColumn: String
    var idColumn = "id"
    var organizationColumn: String
    /// Conditions on the table alone, joined with AND; "1 = 1" for none.
    var conditions: SQLQueryString
    var root: UUID
    var day: Day
    var scope: SubtreeScope
    var database: any SQLDatabase
    /// After this many candidates the walk-up gives way to the join.
    var maxCandidates = 100_000
    /// The fewest candidates a walked-up count reads.
    var minCountCandidates = 200
    /// Rows of the key's index read, window after window, before the conditions are asked first instead (`candidates`).
    var keyWindows = [5_000, 50_000]
    /// Matches this many or more are common enough for the windows to find them; fewer are sorted directly.
    var commonMatches = 20_000

    struct Row: Equatable {
        var id: UUID
        var key: String
        var cursor: KeysetCursor { KeysetCursor(sortKey: key, id: id) }
    }

    /// Up to `limit` rows after (or before) the cursor, in the direction of reading: ascending for `.after`,
    /// descending for `.before`.
    func rows(_ direction: KeysetDirection, limit: Int) async throws -> [Row] {
        let (cursor, ascending): (KeysetCursor?, Bool) = switch direction {
        case .after(let cursor): (cursor, true)
        case .before(let cursor): (cursor, false)
        }
        switch scope {
        case .join: return try await joined(from: cursor, ascending: ascending, limit: limit)
        case .walkUp: return try await walkedUp(from: cursor, ascending: ascending, limit: limit)
        }
    }

    /// How many rows there are, counting no further than `limit` (ask for one more than you show).
    func count(limit: Int) async throws -> Int {
        if scope == .walkUp, let counted = try await walkedUpCount(limit: limit) { return counted }
        let query = SubtreeQuery.cte(root: root, on: day)
            + " SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(unsafeRaw: table) JOIN subtree s ON s.id = \(unsafeRaw: column(organizationColumn)) WHERE "
            + conditions + " LIMIT \(literal: limit)) bounded"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The count of a large scope: `limit` candidates (then 4 × as many) in whatever order the database reads them
    /// fastest, walked up once, counted in the database. Nil when that does not settle it (many candidates, few of them
    /// inside): then the subtree is joined.
    func walkedUpCount(limit: Int) async throws -> Int? {
        for batch in [max(limit, minCountCandidates), max(limit * 4, minCountCandidates * 4)] {
            let (scanned, inside) = try await walkedUpCount(candidates: batch)
            if inside >= limit { return limit }
            if scanned < batch { return inside }
        }
        return nil
    }

    /// (candidates read, candidates inside) for up to `batch` candidates.
    func walkedUpCount(candidates batch: Int) async throws -> (Int, Int) {
        let query: SQLQueryString = "WITH RECURSIVE candidates AS (SELECT \(unsafeRaw: column(idColumn)) AS id, "
            + "\(unsafeRaw: column(organizationColumn)) AS org FROM \(unsafeRaw: table) WHERE " + conditions + " LIMIT \(literal: batch)), "
            + SubtreeQuery.reach(from: "candidates", column: "org", root: root, on: day)
            + " SELECT (SELECT COUNT(*) FROM candidates) AS scanned, (SELECT COUNT(*) FROM candidates c WHERE c.org IN"
            + " (SELECT r.org FROM reach r WHERE r.anc = \(bind: root))) AS inside"
        guard let row = try await database.raw(query).first() else { return (0, 0) }
        return (try row.decode(column: "scanned", as: Int.self), try row.decode(column: "inside", as: Int.self))
    }

    func column(_ name: String) -> String { "\(alias).\(name)" }

    func keyset(_ cursor: KeysetCursor?, ascending: Bool) -> SQLQueryString {
        guard let cursor else { return "" }
        let key = column(keyColumn), id = column(idColumn), op = ascending ? ">" : "<"
        // Written out rather than as a row value, so that both databases serve it from the index on the key.
        return " AND \(unsafeRaw: key) \(unsafeRaw: op)= \(bind: cursor.sortKey) AND (\(unsafeRaw: key) \(unsafeRaw: op) \(bind: cursor.sortKey) OR \(unsafeRaw: id) \(unsafeRaw: op) \(bind: cursor.id))"
    }

    /// `throughIndex: false` orders by the key as an expression, so that the database finds the matching rows first (by
    /// the conditions' index) and sorts them, instead of walking the key's index and testing every row.
    func order(ascending: Bool, throughIndex: Bool = true) -> SQLQueryString {
        let direction = ascending ? "" : " DESC"
        let key = throughIndex ? column(keyColumn) : "(\(column(keyColumn)) || '')"
        return " ORDER BY \(unsafeRaw: key)\(unsafeRaw: direction), \(unsafeRaw: column(idColumn))\(unsafeRaw: direction)"
    }

    func joined(from cursor: KeysetCursor?, ascending: Bool, limit: Int) async throws -> [Row] {
        guard limit > 0 else { return [] }
        let query = SubtreeQuery.cte(root: root, on: day)
            + " SELECT \(unsafeRaw: column(idColumn)) AS id, \(unsafeRaw: column(keyColumn)) AS sort_key FROM \(unsafeRaw: table)"
            + " JOIN subtree s ON s.id = \(unsafeRaw: column(organizationColumn)) WHERE " + conditions
            + keyset(cursor, ascending: ascending) + order(ascending: ascending) + " LIMIT \(literal: limit)"
        return try await database.raw(query).all().map {
            Row(id: try $0.decode(column: "id", as: UUID.self), key: try $0.decode(column: "sort_key", as: String.self))
        }
    }

    func walkedUp(from start: KeysetCursor?, ascending: Bool, limit: Int) async throws -> [Row] {
        let common = try await matchesAreCommon()
        return try await WalkUpReading.collect(limit: limit, start: start, maxCandidates: maxCandidates,
                                               batch: { try await candidates(from: $0, ascending: ascending, batch: $1, common: common) },
                                               position: \.cursor,
                                               rest: { try await joined(from: $0, ascending: ascending, limit: $1) })
    }

    typealias Candidate = WalkUpReading.Candidate<Row>

    /// The next `batch` rows passing the conditions after the cursor, each marked inside the subtree or not (one walk
    /// up for the whole batch).
    ///
    /// When matches are `common` (see `matchesAreCommon`), first the key's index is walked for a window of rows and the
    /// conditions tested on those (then for a larger window): for "nguyen" or "thi" that finds them at once. When the windows find fewer than
    /// `batch` the matches are rare there, so the conditions are asked first (the trigram index) and only the matches
    /// are sorted: never a walk of the whole index for a name that sorts late ("vinh": given names come first), and a
    /// sort only of matches that are rare where the list is being read.
    func candidates(from cursor: KeysetCursor?, ascending: Bool, batch: Int, common: Bool) async throws -> [Candidate] {
        for size in common ? keyWindows : [] {
            let window: SQLQueryString = "SELECT \(unsafeRaw: column(idColumn)) AS id, \(unsafeRaw: column(keyColumn)) AS sort_key, "
                + "\(unsafeRaw: column(organizationColumn)) AS org FROM (SELECT * FROM \(unsafeRaw: table) WHERE 1 = 1"
                + keyset(cursor, ascending: ascending) + order(ascending: ascending) + " LIMIT \(literal: max(size, batch))) \(unsafeRaw: alias) WHERE "
                + conditions + order(ascending: ascending) + " LIMIT \(literal: batch)"
            let found = try await walkUp(window, ascending: ascending)
            if found.count == batch { return found }
        }
        let filtered: SQLQueryString = "SELECT \(unsafeRaw: column(idColumn)) AS id, \(unsafeRaw: column(keyColumn)) AS sort_key, "
            + "\(unsafeRaw: column(organizationColumn)) AS org FROM \(unsafeRaw: table) WHERE " + conditions
            + keyset(cursor, ascending: ascending) + order(ascending: ascending, throughIndex: false) + " LIMIT \(literal: batch)"
        return try await walkUp(filtered, ascending: ascending)
    }

    /// Whether at least `commonMatches` rows of the whole table pass the conditions: a count that stops there (for rare
    /// matches the conditions' index answers it; for common ones the scan stops early).
    func matchesAreCommon() async throws -> Bool {
        guard !keyWindows.isEmpty else { return false }
        let query: SQLQueryString = "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(unsafeRaw: table) WHERE " + conditions
            + " LIMIT \(literal: commonMatches)) bounded"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 >= commonMatches
    }

    /// Runs `candidates` (selecting id, sort_key, org) and marks each candidate inside the subtree or not.
    func walkUp(_ candidates: SQLQueryString, ascending: Bool) async throws -> [Candidate] {
        let query: SQLQueryString = "WITH RECURSIVE candidates AS (" + candidates + "), "
            + SubtreeQuery.reach(from: "candidates", column: "org", root: root, on: day)
            + " SELECT c.id AS id, c.sort_key AS sort_key, CASE WHEN c.org IN (SELECT r.org FROM reach r WHERE r.anc = \(bind: root))"
            + " THEN 1 ELSE 0 END AS inside FROM candidates c"
            + (ascending ? " ORDER BY c.sort_key, c.id" : " ORDER BY c.sort_key DESC, c.id DESC")
        return try await database.raw(query).all().map {
            Candidate(row: Row(id: try $0.decode(column: "id", as: UUID.self), key: try $0.decode(column: "sort_key", as: String.self)),
                      isInside: try $0.decode(column: "inside", as: Int.self) == 1)
        }
    }
}
