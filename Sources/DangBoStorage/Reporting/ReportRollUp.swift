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

/// Roll-up is a query, not a job, and a bounded one: four statements for any form, organization and span, whatever
/// the number of periods and the depth of the tree (docs/design.md "Roll-up"). A value counts when its organization
/// was in the subtree on the last day of the value's own period (`SubtreeQuery.historyCTE`), so moving an
/// organization later never changes an earlier period's totals, and when the entry that wrote it has one of the
/// asked statuses. Flows are summed over time. Stocks (elements that take the value at period end) are summed over
/// the subtree as it is on the period's last day, from each organization's latest value in the period, so an
/// organization that skipped the last quarter does not vanish. `RollUpComputation` in DangBoCore states the same
/// rule as a pure function; a contract test runs both on the same data. Ratios are left to the renderer, which computes them from summed numerators and
/// denominators. Texts are the organization's own, from its latest entry. Each statement is driven from the
/// subtree (`subtree_history CROSS JOIN data_values`: SQLite keeps that order and reads values through the index
/// on (organization_id, period_end); PostgreSQL plans the join freely), never by scanning an element's values
/// across the whole country.
public struct ReportRollUp: Sendable {
    let database: any Database
    let forms: FormCatalog
    /// Approved flows and entry counts come from the totals kept per ancestor (`DataTotals`); false sums the stored
    /// values instead (the contract test and the benchmark run both and compare).
    let keptTotals: Bool

    public init(database: any Database, forms: FormCatalog = .empty, keptTotals: Bool = true) {
        self.database = database
        self.forms = forms
        self.keptTotals = keptTotals
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// One span; see `values(form:root:periods:...)`.
    public func values(form: String, root: UUID, from start: Day, to end: Day, statuses: Set<EntryStatus>,
                       stockRows: Set<String> = [], reporters: Reporters? = nil) async throws -> RolledUpValues {
        guard let period = Period(start: start, end: end) else { return RolledUpValues() }
        return try await values(form: form, root: root, periods: [period], statuses: statuses, stockRows: stockRows,
                                reporters: reporters)[period] ?? RolledUpValues()
    }

    /// The rolled-up values for each of `periods` (the columns of a printed table), from one pass over their hull.
    /// `stockRows`: rows whose values are stocks (forms the catalog knows say so through their elements).
    /// `reporters`: only entries of organizations the form expects count.
    public func values(form: String, root: UUID, periods: [Period], statuses: Set<EntryStatus>,
                       stockRows: Set<String> = [], reporters: Reporters? = nil) async throws -> [Period: RolledUpValues] {
        try await values(map: CellMap(formCode: form, forms: forms), root: root, periods: periods, statuses: statuses,
                         stockRows: stockRows, reporters: reporters)
    }

    /// The same for one layout of a form (the current one, or an older one for the periods it was in force).
    public func values(layout: FormDefinition, root: UUID, periods: [Period], statuses: Set<EntryStatus>,
                       stockRows: Set<String> = [], reporters: Reporters? = nil) async throws -> [Period: RolledUpValues] {
        try await values(map: CellMap(formCode: layout.code, form: layout), root: root, periods: periods, statuses: statuses,
                         stockRows: stockRows, reporters: reporters)
    }

    func values(map: CellMap, root: UUID, periods: [Period], statuses: Set<EntryStatus>,
                stockRows: Set<String>, reporters: Reporters?) async throws -> [Period: RolledUpValues] {
        let formCode = map.formCode
        let statusList = statuses.map(\.rawValue).sorted()
        guard !statusList.isEmpty, let start = periods.map(\.start).min(), let end = periods.map(\.end).max() else { return [:] }
        if let reporters, reporters.levels.isEmpty { return [:] }
        if map.elements?.isEmpty == true { return Dictionary(uniqueKeysWithValues: periods.map { ($0, RolledUpValues()) }) }
        let filter = Self.filter(map: map, statuses: statusList, reporters: reporters)
        let stockElements = Set(stockRows.flatMap { row in
            map.form?.entryColumns.map { map.key(row: row, column: $0.key).element } ?? []
        } + (map.form.map { form in form.entryCells.compactMap { cell in
            forms.elements.element(form.valueKey(cell).element)?.aggregation == .last ? form.valueKey(cell).element : nil
        } } ?? []))
        let fromTotals = keptTotals && statuses == [.approved]
        let rows = try await fromTotals
            ? sql.raw("""
                SELECT t.element AS element, t.options AS options, t.period_start AS period_start, t.period_end AS period_end,
                       SUM(t.number) AS total
                FROM data_totals t
                WHERE t.ancestor_id = \(bind: root) AND t.period_start >= \(bind: start.iso) AND t.period_end <= \(bind: end.iso)
                """ + Self.elementFilter(map, column: "t.element")
                + Self.reporterFilter(reporters, level: "t.level", unitKind: "t.unit_kind")
                + " GROUP BY t.element, t.options, t.period_start, t.period_end HAVING SUM(t.value_count) > 0").all()
            : sql.raw(SubtreeQuery.historyCTE(root: root, from: start, to: end) + """
                 SELECT v.element AS element, v.options AS options, v.period_start AS period_start, v.period_end AS period_end,
                        SUM(v.number) AS total
                 FROM subtree_history s CROSS JOIN data_values v JOIN organizations o ON o.id = v.organization_id
                 WHERE v.organization_id = s.id AND v.period_end >= s.valid_from AND v.period_end < s.valid_to
                   AND v.period_start >= \(bind: start.iso) AND v.period_end <= \(bind: end.iso) AND v.number IS NOT NULL
                """ + filter + """
                 GROUP BY v.element, v.options, v.period_start, v.period_end
                """).all()
        struct Flow { let cell: String; let start: String; let end: String; let total: Double; let element: String }
        var flows: [Flow] = []
        for row in rows {
            let element = try row.decode(column: "element", as: String.self)
            guard let cell = map.cell(element: element, options: try row.decode(column: "options", as: String.self)) else { continue }
            flows.append(Flow(cell: cell.description, start: try row.decode(column: "period_start", as: String.self),
                              end: try row.decode(column: "period_end", as: String.self),
                              total: try row.decode(column: "total", as: Double.self), element: element))
        }
        // How many of the form's entries went in, per period (from the entries, not the values).
        let entryFilter: SQLQueryString = " AND e.status IN (\(binds: statusList))" + Self.reporterFilter(reporters)
        let entryRows = try await fromTotals
            ? sql.raw("""
                SELECT t.period_start AS period_start, t.period_end AS period_end, SUM(t.number) AS n FROM data_totals t
                WHERE t.ancestor_id = \(bind: root) AND t.element = \(bind: "#" + formCode)
                  AND t.period_start >= \(bind: start.iso) AND t.period_end <= \(bind: end.iso)
                """ + Self.reporterFilter(reporters, level: "t.level", unitKind: "t.unit_kind")
                + " GROUP BY t.period_start, t.period_end HAVING SUM(t.value_count) > 0").all()
            : sql.raw(SubtreeQuery.historyCTE(root: root, from: start, to: end) + """
                 SELECT e.period_start AS period_start, e.period_end AS period_end, CAST(COUNT(*) AS DOUBLE PRECISION) AS n
                 FROM subtree_history s CROSS JOIN report_entries e JOIN organizations o ON o.id = e.organization_id
                 WHERE e.organization_id = s.id AND e.period_end >= s.valid_from AND e.period_end < s.valid_to AND e.form_code = \(bind: formCode) AND e.period_start >= \(bind: start.iso) AND e.period_end <= \(bind: end.iso)
                """ + entryFilter + " GROUP BY e.period_start, e.period_end").all()
        var entriesByPeriod: [(start: String, end: String, count: Int)] = []
        for row in entryRows {
            entriesByPeriod.append((try row.decode(column: "period_start", as: String.self), try row.decode(column: "period_end", as: String.self),
                                    Int(try row.decode(column: "n", as: Double.self))))
        }
        // Stocks: for the organizations in the subtree on the period's last day, each one's latest value in the period.
        struct Stock { let cell: String; let organization: UUID; let end: String; let number: Double; let from: String; let to: String }
        var stocks: [Stock] = []
        let stockCells = Set(flows.filter { stockElements.contains($0.element) || stockRows.contains(String($0.cell.prefix { $0 != ":" })) }.map(\.cell))
        if !stockCells.isEmpty {
            let stockFilter: SQLQueryString = map.elements == nil
                ? " AND v.element LIKE \(bind: formCode + "/%")"
                : " AND v.element IN (\(binds: Array(Set(flows.filter { stockCells.contains($0.cell) }.map(\.element))).sorted()))"
            let stockRowsFound = try await sql.raw(SubtreeQuery.historyCTE(root: root, from: start, to: end) + """
                 SELECT v.element AS element, v.options AS options, v.organization_id AS organization_id,
                        v.period_end AS period_end, v.number AS number, s.valid_from AS valid_from, s.valid_to AS valid_to
                 FROM subtree_history s CROSS JOIN data_values v JOIN organizations o ON o.id = v.organization_id
                 WHERE v.organization_id = s.id AND v.period_start >= \(bind: start.iso) AND v.period_end <= \(bind: end.iso) AND v.number IS NOT NULL
                """ + filter + stockFilter).all()
            for row in stockRowsFound {
                guard let cell = map.cell(element: try row.decode(column: "element", as: String.self),
                                          options: try row.decode(column: "options", as: String.self)),
                      stockCells.contains(cell.description) else { continue }
                stocks.append(Stock(cell: cell.description, organization: try row.decode(column: "organization_id", as: UUID.self),
                                    end: try row.decode(column: "period_end", as: String.self),
                                    number: try row.decode(column: "number", as: Double.self),
                                    from: try row.decode(column: "valid_from", as: String.self),
                                    to: try row.decode(column: "valid_to", as: String.self)))
            }
        }
        // Texts: the organization's own, latest entry in the span.
        let texts = try await sql.raw("""
            SELECT v.element AS element, v.options AS options, v.text AS text, v.period_start AS period_start,
                   v.period_end AS period_end FROM data_values v
            JOIN organizations o ON o.id = v.organization_id
            WHERE v.organization_id = \(bind: root) AND v.period_start >= \(bind: start.iso) AND v.period_end <= \(bind: end.iso)
              AND v.text IS NOT NULL
            """ + filter + """
             ORDER BY v.period_end
            """).all()
        var result: [Period: RolledUpValues] = [:]
        for period in periods {
            let (from, to) = (period.start.iso, period.end.iso)
            var values = RolledUpValues()
            for flow in flows where flow.start >= from && flow.end <= to {
                guard !stockCells.contains(flow.cell) else { continue }
                values.numbers[flow.cell, default: 0] += flow.total
            }
            var latest: [String: [UUID: (end: String, number: Double)]] = [:]
            for stock in stocks where stock.end >= from && stock.end <= to && stock.from <= to && to < stock.to {
                if (latest[stock.cell]?[stock.organization]?.end ?? "") <= stock.end {
                    latest[stock.cell, default: [:]][stock.organization] = (stock.end, stock.number)
                }
            }
            for (cell, byOrganization) in latest { values.numbers[cell] = byOrganization.values.reduce(0) { $0 + $1.number } }
            values.entryCount = entriesByPeriod.filter { $0.start >= from && $0.end <= to }.reduce(0) { $0 + $1.count }
            result[period] = values
        }
        // Bound cells: computed from records, through the same path (one statement per bound element).
        if let form = map.form, !form.boundCells.isEmpty {
            var keysByElement: [String: [(cell: CellKey, key: ValueKey)]] = [:]
            for cell in form.boundCells {
                let key = form.valueKey(cell)
                keysByElement[key.element, default: []].append((cell, key))
            }
            for (code, cells) in keysByElement.sorted(by: { $0.key < $1.key }) {
                guard let element = forms.elements.element(code), let binding = element.binding else { continue }
                let bound = try await BoundValues(sql: sql).values(element: element, binding: binding, keys: cells.map(\.key),
                                                                   catalog: forms.elements, root: root, periods: periods)
                for period in periods {
                    for (cell, key) in cells { result[period]?.numbers[cell.description] = bound[period]?[key] ?? 0 }
                }
            }
        }
        for row in texts {
            guard let cell = map.cell(element: try row.decode(column: "element", as: String.self),
                                      options: try row.decode(column: "options", as: String.self)) else { continue }
            let text = try row.decode(column: "text", as: String.self)
            let (from, to) = (try row.decode(column: "period_start", as: String.self), try row.decode(column: "period_end", as: String.self))
            for period in periods where period.start.iso <= from && to <= period.end.iso {
                result[period]?.texts[cell.description] = text
            }
        }
        return result
    }

    /// The form's elements, the statuses and the expected reporters, as SQL conditions on `v`, `e` and `o`.
    static func filter(map: CellMap, statuses: [String], reporters: Reporters?) -> SQLQueryString {
        " AND v.entry_status IN (\(binds: statuses))" + elementFilter(map, column: "v.element") + reporterFilter(reporters)
    }

    /// The form's elements (a bounded list: the form's own cells), or its implicit ones by prefix.
    static func elementFilter(_ map: CellMap, column: String) -> SQLQueryString {
        if let elements = map.elements { return " AND \(unsafeRaw: column) IN (\(binds: elements))" }
        return " AND \(unsafeRaw: column) LIKE \(bind: map.formCode + "/%")"
    }

    /// Only organizations the form expects (their level and unit kind), as SQL conditions on `o` (or on the
    /// totals' own columns).
    static func reporterFilter(_ reporters: Reporters?, level: String = "o.level", unitKind: String = "o.unit_kind") -> SQLQueryString {
        guard let reporters else { return "" }
        var filter: SQLQueryString = " AND \(unsafeRaw: level) IN (\(binds: reporters.levels.map(\.rawValue)))"
        if !reporters.unitKinds.isEmpty {
            filter = filter + " AND \(unsafeRaw: unitKind) IN (\(binds: reporters.unitKinds.map(\.rawValue)))"
        }
        return filter
    }
}
