import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// The rolled-up values of one form for one organization's subtree over a span, keyed "row:column".
public struct RolledUpValues: Sendable, Equatable {
    public var numbers: [String: Double]
    public var texts: [String: String]
    /// How many entries went into the numbers (0 = nothing reported).
    public var entryCount: Int

    public init(numbers: [String: Double] = [:], texts: [String: String] = [:], entryCount: Int = 0) {
        self.numbers = numbers
        self.texts = texts
        self.entryCount = entryCount
    }
}

/// Roll-up is a query, not a job: each entry counts when its organization was in the subtree on the last day of the
/// entry's own period, so moving an organization later never changes an earlier period's totals. Flows are summed
/// over time; rows marked as stocks take the latest period's value. Ratios are left to the renderer, which computes
/// them from the summed numerators and denominators.
public struct ReportRollUp: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// `reporters`: only entries of organizations the form expects count (an entry left by an organization of
    /// another level is never summed).
    public func values(form: String, root: UUID, from start: Day, to end: Day, statuses: Set<EntryStatus>,
                       stockRows: Set<String> = [], reporters: Reporters? = nil) async throws -> RolledUpValues {
        let statusList = statuses.map(\.rawValue).sorted()
        guard !statusList.isEmpty else { return RolledUpValues() }
        var reporterFilter: SQLQueryString = ""
        if let reporters {
            guard !reporters.levels.isEmpty else { return RolledUpValues() }
            reporterFilter = " AND o.level IN (\(binds: reporters.levels.map(\.rawValue)))"
            if !reporters.unitKinds.isEmpty {
                reporterFilter = reporterFilter + " AND o.unit_kind IN (\(binds: reporters.unitKinds.map(\.rawValue)))"
            }
        }
        let periods = try await sql.raw("""
            SELECT DISTINCT period_code, period_end FROM report_entries
            WHERE form_code = \(bind: form) AND period_start >= \(bind: start.iso) AND period_end <= \(bind: end.iso)
              AND status IN (\(binds: statusList))
            ORDER BY period_end
            """).all()
        var result = RolledUpValues()
        var stockDates: [String: String] = [:]
        for period in periods {
            let code = try period.decode(column: "period_code", as: String.self)
            let periodEnd = try period.decode(column: "period_end", as: String.self)
            guard let day = Day(parsing: periodEnd) else { continue }
            let rows = try await sql.raw(SubtreeQuery.cte(root: root, on: day) + """
                 SELECT v.row_key AS row_key, v.column_key AS column_key, SUM(v.number) AS total,
                        COUNT(DISTINCT e.id) AS entries
                 FROM report_values v JOIN report_entries e ON e.id = v.entry_id
                 JOIN organizations o ON o.id = e.organization_id
                 WHERE e.form_code = \(bind: form) AND e.period_code = \(bind: code) AND e.status IN (\(binds: statusList))
                   AND e.organization_id IN (SELECT id FROM subtree) AND v.number IS NOT NULL
                """ + reporterFilter + """
                 GROUP BY v.row_key, v.column_key
                """).all()
            var entriesInPeriod = 0
            for row in rows {
                let key = try row.decode(column: "row_key", as: String.self) + ":" + row.decode(column: "column_key", as: String.self)
                let total = try row.decode(column: "total", as: Double.self)
                entriesInPeriod = max(entriesInPeriod, try row.decode(column: "entries", as: Int.self))
                let rowKey = String(key.prefix { $0 != ":" })
                if stockRows.contains(rowKey) {
                    if (stockDates[key] ?? "") <= periodEnd {
                        result.numbers[key] = total
                        stockDates[key] = periodEnd
                    }
                } else {
                    result.numbers[key, default: 0] += total
                }
            }
            result.entryCount += entriesInPeriod
        }
        // Texts (notes, completion months) are the organization's own, from its latest entry in the span.
        let texts = try await sql.raw("""
            SELECT v.row_key AS row_key, v.column_key AS column_key, v.text AS text FROM report_values v
            JOIN report_entries e ON e.id = v.entry_id JOIN organizations o ON o.id = e.organization_id
            WHERE e.form_code = \(bind: form) AND e.organization_id = \(bind: root) AND e.period_start >= \(bind: start.iso)
              AND e.period_end <= \(bind: end.iso) AND e.status IN (\(binds: statusList)) AND v.text IS NOT NULL
            """ + reporterFilter + """
             ORDER BY e.period_end
            """).all()
        for row in texts {
            let key = try row.decode(column: "row_key", as: String.self) + ":" + row.decode(column: "column_key", as: String.self)
            result.texts[key] = try row.decode(column: "text", as: String.self)
        }
        return result
    }
}
