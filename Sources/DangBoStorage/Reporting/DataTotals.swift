import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Totals kept per ancestor: for every organization A, data element, options, period and contributing level and
/// unit kind, the sum of the approved values of the organizations that were in A's subtree on the last day of that
/// period (A itself included) with how many values went into it (a total whose values all left — a transfer — reads
/// as nothing, not as 0), and under the pseudo-element `#FORM` the number of approved entries. An approved
/// roll-up at A then reads A's own rows — a few thousand at the root of the country — instead of every value below it.
///
/// The totals are never rebuilt by a batch job: each change that moves approved numbers adjusts them in its own
/// transaction — an approval (`add`), a historical import (`subtract` before, `add` after), a transfer of an
/// organization (`shift`: its own totals leave the old ancestors and join the new ones, for the days the move
/// names, whatever the size of its subtree), a change of an organization's unit kind. `check` recomputes everything
/// from `data_values` and reports any difference; `rebuild` does the same and replaces the table (bulk loads,
/// the migration that creates it). Keeping the contributing level and unit kind lets the form's reporter filter apply
/// as on the values themselves, so both paths give the same numbers (the contract test runs both).
///
/// Writers take row locks on the rows they change in key order (`ORDER BY` of the grouped insert), so two approvals
/// under the same ancestors queue behind each other instead of deadlocking.
public enum DataTotals {
    static let table = "data_totals"
    static let columns = "element, options, ancestor_id, level, unit_kind, period_code, period_start, period_end, number, value_count"
    static let key = "ancestor_id, element, options, period_code, level, unit_kind"

    /// Adds the approved values (and the entry count) of these entries to every ancestor of their organization on
    /// their period's last day. Entries that are not approved add nothing. Ids in batches of 500.
    static func add(entries: [UUID], on database: any Database) async throws {
        try await apply(entries: entries, sign: 1, on: database)
    }

    /// The reverse of `add`, called while the entries are still approved (before their values change).
    static func subtract(entries: [UUID], on database: any Database) async throws {
        try await apply(entries: entries, sign: -1, on: database)
    }

    static func apply(entries: [UUID], sign: Double, on database: any Database) async throws {
        for batch in Array(Set(entries)).sorted(by: { $0.uuidString < $1.uuidString }).chunked(500) {
            try await apply(seed: "e.id IN (\(binds: Array(batch)))", sign: sign, on: database)
        }
    }

    /// Adds or removes the approved entries of one organization (its own, not its subtree's).
    static func apply(organization: UUID, sign: Double, on database: any Database) async throws {
        try await apply(seed: "e.organization_id = \(bind: organization)", sign: sign, on: database)
    }

    /// `sign` × the approved values of the entries matching `seed` (a condition on `report_entries e`), added to the
    /// stored totals: each entry with its organization's ancestors on the entry's last day.
    static func apply(seed: SQLQueryString, sign: Double, on database: any Database) async throws {
        let walk = walkUp(key: "entry_id", seed: "SELECT e.id, e.period_end, e.organization_id, 0 FROM report_entries e WHERE e.status = 'approved' AND " + seed)
        try await insert(into: table, walk: walk, values: "v.entry_id = u.entry_id", entries: "e.id = u.entry_id", sign: sign,
                         upsert: true, on: database as! any SQLDatabase)
    }

    /// `WITH RECURSIVE up(key, day, anc, depth)`: the rows of `seed` (key, day, organization, 0) and each one's
    /// ancestors on its day, walking up the links through their index.
    static func walkUp(key: String, seed: SQLQueryString) -> SQLQueryString {
        "WITH RECURSIVE up(\(unsafeRaw: key), day, anc, depth) AS (" + seed + """

          UNION ALL
          SELECT u.\(unsafeRaw: key), u.day, l.parent_id, u.depth + 1 FROM up u JOIN organization_links l ON l.organization_id = u.anc
          WHERE l.valid_from <= u.day AND (l.valid_to IS NULL OR l.valid_to > u.day) AND u.depth < 32
        )
        """
    }

    /// The two statements of a change: `sign` × the values of the walked entries (joined by `values` on `v`) and
    /// their count (joined by `entries` on `e`), grouped per total. With `upsert` they add to the stored totals (rows
    /// locked in key order); without, into an empty table (a rebuild, a check), they are plain inserts.
    static func insert(into target: String, walk: SQLQueryString, values: String, entries: String, sign: Double,
                       upsert: Bool, on sql: any SQLDatabase) async throws {
        let negate = sign < 0 ? "-" : ""
        let addToStored = upsert ? """
             ON CONFLICT (\(key)) DO UPDATE SET number = data_totals.number + excluded.number,
                                                          value_count = data_totals.value_count + excluded.value_count
            """ : ""
        try await sql.raw(walk + """
             INSERT INTO \(unsafeRaw: target) (\(unsafeRaw: columns))
             SELECT v.element, v.options, u.anc, o.level, COALESCE(o.unit_kind, ''), v.period_code, v.period_start,
                    v.period_end, \(unsafeRaw: negate)SUM(v.number), \(unsafeRaw: negate)COUNT(*)
             FROM up u JOIN data_values v ON \(unsafeRaw: values) JOIN organizations o ON o.id = v.organization_id
             WHERE v.number IS NOT NULL AND v.entry_status = 'approved'
             GROUP BY v.element, v.options, u.anc, o.level, COALESCE(o.unit_kind, ''), v.period_code, v.period_start, v.period_end
            """ + (upsert ? " ORDER BY u.anc, v.element, v.options, v.period_code, o.level" : "")
            + SQLQueryString(addToStored)).run()
        try await sql.raw(walk + """
             INSERT INTO \(unsafeRaw: target) (\(unsafeRaw: columns))
             SELECT '#' || e.form_code, '', u.anc, o.level, COALESCE(o.unit_kind, ''), e.period_code, e.period_start,
                    e.period_end, \(unsafeRaw: negate)COUNT(*), \(unsafeRaw: negate)COUNT(*)
             FROM up u JOIN report_entries e ON \(unsafeRaw: entries) JOIN organizations o ON o.id = e.organization_id
             WHERE e.status = 'approved'
             GROUP BY e.form_code, u.anc, o.level, COALESCE(o.unit_kind, ''), e.period_code, e.period_start, e.period_end
            """ + (upsert ? " ORDER BY u.anc, e.form_code, e.period_code, o.level" : "")
            + SQLQueryString(addToStored)).run()
    }

    /// Before (`sign` -1) and after (+1) an organization's link changes for the days `from ..< to` (nil: for good):
    /// its own totals for periods ending on those days — its whole subtree's contribution, in a few rows per
    /// element and period — leave (or join) each ancestor it has on that period's last day.
    static func shift(organization: UUID, from: Day, to: Day?, sign: Double, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let negate = sign < 0 ? "-" : ""
        let until = to?.iso ?? "9999-12-31"
        let walk = walkUp(key: "total_day", seed: """
            SELECT DISTINCT t.period_end, t.period_end, t.ancestor_id, 0 FROM data_totals t
            WHERE t.ancestor_id = \(bind: organization) AND t.period_end >= \(bind: from.iso) AND t.period_end < \(bind: until)
            """)
        try await sql.raw(walk + """
             INSERT INTO data_totals (\(unsafeRaw: columns))
             SELECT t.element, t.options, u.anc, t.level, t.unit_kind, t.period_code, t.period_start, t.period_end,
                    \(unsafeRaw: negate)SUM(t.number), \(unsafeRaw: negate)SUM(t.value_count)
             FROM up u JOIN data_totals t ON t.period_end = u.day
             WHERE t.ancestor_id = \(bind: organization) AND u.depth > 0
               AND t.period_end >= \(bind: from.iso) AND t.period_end < \(bind: until)
             GROUP BY t.element, t.options, u.anc, t.level, t.unit_kind, t.period_code, t.period_start, t.period_end
             ORDER BY u.anc, t.element, t.options, t.period_code, t.level
             ON CONFLICT (\(unsafeRaw: key)) DO UPDATE SET number = data_totals.number + excluded.number,
                                                          value_count = data_totals.value_count + excluded.value_count
            """).run()
    }

    /// Every total computed from scratch, into `target` (a table of the same shape, empty): each organization and
    /// day with approved entries walked up once.
    static func computeAll(into target: String, on sql: any SQLDatabase) async throws {
        let walk = walkUp(key: "org", seed: "SELECT DISTINCT e.organization_id, e.period_end, e.organization_id, 0 FROM report_entries e WHERE e.status = 'approved'")
        try await insert(into: target, walk: walk, values: "v.organization_id = u.org AND v.period_end = u.day",
                         entries: "e.organization_id = u.org AND e.period_end = u.day", sign: 1, upsert: false, on: sql)
    }

    /// Replaces every total by its value computed from the stored values, in one transaction.
    public static func rebuild(on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DELETE FROM data_totals").run()
            try await computeAll(into: table, on: sql)
        }
    }

    /// One total that differs from its value computed from scratch.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var ancestor: UUID
        public var element: String
        public var options: String
        public var period: String
        public var level: String
        public var unitKind: String
        public var stored: Double
        public var computed: Double

        public var description: String {
            "\(ancestor.uuidString) \(element)[\(options)] \(period) \(level)/\(unitKind): "
                + "lưu \(CellValue.number(stored).formatted(as: .number)), tính lại \(CellValue.number(computed).formatted(as: .number))"
        }
    }

    /// Recomputes every total from `data_values` (inside a transaction that is rolled back) and returns the ones
    /// that differ (in sum or in number of values) from the stored totals — at most `limit` of them, with how many there are in all. A stored
    /// total of 0 and a missing one are the same.
    public static func check(on database: any Database, limit: Int = 100) async throws -> (count: Int, differences: [Difference]) {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("CREATE TEMPORARY TABLE data_totals_check AS SELECT \(unsafeRaw: columns) FROM data_totals WHERE 1 = 0").run()
            try await computeAll(into: "data_totals_check", on: sql)
            let match = "t.ancestor_id = c.ancestor_id AND t.element = c.element AND t.options = c.options AND t.period_code = c.period_code AND t.level = c.level AND t.unit_kind = c.unit_kind"
            let differing: SQLQueryString = """
                SELECT c.ancestor_id AS ancestor_id, c.element AS element, c.options AS options, c.period_code AS period_code,
                       c.level AS level, c.unit_kind AS unit_kind, COALESCE(t.number, 0) AS stored, c.number AS computed
                FROM data_totals_check c LEFT JOIN data_totals t ON \(unsafeRaw: match)
                WHERE ABS(COALESCE(t.number, 0) - c.number) > 0.000001 OR COALESCE(t.value_count, 0) <> c.value_count
                UNION ALL
                SELECT t.ancestor_id, t.element, t.options, t.period_code, t.level, t.unit_kind, t.number, 0
                FROM data_totals t LEFT JOIN data_totals_check c ON \(unsafeRaw: match)
                WHERE c.element IS NULL AND (ABS(t.number) > 0.000001 OR t.value_count <> 0)
                """
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM (" + differing + ") d").all().first?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw("SELECT * FROM (" + differing + ") d ORDER BY element, period_code LIMIT \(literal: limit)").all()
            let differences = try rows.map { row in
                Difference(ancestor: try row.decode(column: "ancestor_id", as: UUID.self),
                           element: try row.decode(column: "element", as: String.self),
                           options: try row.decode(column: "options", as: String.self),
                           period: try row.decode(column: "period_code", as: String.self),
                           level: try row.decode(column: "level", as: String.self),
                           unitKind: try row.decode(column: "unit_kind", as: String.self),
                           stored: try row.decode(column: "stored", as: Double.self),
                           computed: try row.decode(column: "computed", as: Double.self))
            }
            try await sql.raw("DROP TABLE data_totals_check").run()
            return (count, differences)
        }
    }
}
