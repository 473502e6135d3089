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
        let statusList = statuses.map(\.rawValue).sorted()
        guard !statusList.isEmpty, let start = periods.map(\.start).min(), let end = periods.map(\.end).max() else { return [:] }
        if let reporters, reporters.levels.isEmpty { return [:] }
        if map.elements?.isEmpty == true { return Dictionary(uniqueKeysWithValues: periods.map { ($0, RolledUpValues()) }) }
        let query = Query(map: map, root: root, start: start, end: end, statuses: statusList, reporters: reporters,
                          fromTotals: keptTotals && statuses == [.approved])
        let flows = try await self.flows(query)
        let entries = try await entryCounts(query)
        let stockElements = self.stockElements(map: map, stockRows: stockRows)
        let stockCells = Set(flows.filter { stockElements.contains($0.element) || stockRows.contains(String($0.cell.prefix { $0 != ":" })) }.map(\.cell))
        let stocks = try await self.stocks(query, cells: stockCells, elements: Set(flows.filter { stockCells.contains($0.cell) }.map(\.element)))
        var result: [Period: RolledUpValues] = [:]
        for period in periods {
            let (from, to) = (period.start.iso, period.end.iso)
            var values = RolledUpValues()
            for flow in flows where flow.start >= from && flow.end <= to && !stockCells.contains(flow.cell) {
                values.numbers[flow.cell, default: 0] += flow.total
            }
            var latest: [String: [UUID: (end: String, number: Double)]] = [:]
            for stock in stocks where stock.end >= from && stock.end <= to && stock.from <= to && to < stock.to {
                if (latest[stock.cell]?[stock.organization]?.end ?? "") <= stock.end {
                    latest[stock.cell, default: [:]][stock.organization] = (stock.end, stock.number)
                }
            }
            for (cell, byOrganization) in latest { values.numbers[cell] = byOrganization.values.reduce(0) { $0 + $1.number } }
            values.entryCount = entries.filter { $0.start >= from && $0.end <= to }.reduce(0) { $0 + $1.count }
            result[period] = values
        }
        try await addBoundCells(to: &result, form: map.form, root: root, periods: periods)
        for text in try await texts(query) {
            for period in periods where period.start.iso <= text.start && text.end <= period.end.iso {
                result[period]?.texts[text.cell] = text.text
            }
        }
        return result
    }

    /// What one roll-up asks, shared by its statements.
    struct Query {
        var map: CellMap
        var root: UUID
        var start: Day
        var end: Day
        var statuses: [String]
        var reporters: Reporters?
        /// Approved flows and entry counts from `data_totals`, else summed from the values.
        var fromTotals: Bool

        var filter: SQLQueryString { ReportRollUp.filter(map: map, statuses: statuses, reporters: reporters) }
        var subtree: SQLQueryString { SubtreeQuery.historyCTE(root: root, from: start, to: end) }
    }

    struct Flow { let cell: String; let start: String; let end: String; let total: Double; let element: String }

    /// Statement 1: every number of the form's elements summed per (element, options, period) over the subtree as it
    /// was on each period's last day — read from the kept totals of `root`, or summed from the values.
    func flows(_ q: Query) async throws -> [Flow] {
        let rows = try await q.fromTotals
            ? sql.raw("""
                SELECT t.element AS element, t.options AS options, t.period_start AS period_start, t.period_end AS period_end,
                       SUM(t.number) AS total
                FROM data_totals t
                WHERE t.ancestor_id = \(bind: q.root) AND t.period_start >= \(bind: q.start.iso) AND t.period_end <= \(bind: q.end.iso)
                """ + Self.elementFilter(q.map, column: "t.element")
                + Self.reporterFilter(q.reporters, level: "t.level", unitKind: "t.unit_kind")
                + " GROUP BY t.element, t.options, t.period_start, t.period_end HAVING SUM(t.value_count) > 0").all()
            : sql.raw(q.subtree + """
                 SELECT v.element AS element, v.options AS options, v.period_start AS period_start, v.period_end AS period_end,
                        SUM(v.number) AS total
                 FROM subtree_history s CROSS JOIN data_values v JOIN organizations o ON o.id = v.organization_id
                 WHERE v.organization_id = s.id AND v.period_end >= s.valid_from AND v.period_end < s.valid_to
                   AND v.period_start >= \(bind: q.start.iso) AND v.period_end <= \(bind: q.end.iso) AND v.number IS NOT NULL
                """ + q.filter + """
                 GROUP BY v.element, v.options, v.period_start, v.period_end
                """).all()
        return try rows.compactMap { row in
            let element = try row.decode(column: "element", as: String.self)
            guard let cell = q.map.cell(element: element, options: try row.decode(column: "options", as: String.self)) else { return nil }
            return Flow(cell: cell.description, start: try row.decode(column: "period_start", as: String.self),
                        end: try row.decode(column: "period_end", as: String.self),
                        total: try row.decode(column: "total", as: Double.self), element: element)
        }
    }

    /// Statement 2: how many of the form's entries went in, per period (from the entries, not the values).
    func entryCounts(_ q: Query) async throws -> [(start: String, end: String, count: Int)] {
        let rows = try await q.fromTotals
            ? sql.raw("""
                SELECT t.period_start AS period_start, t.period_end AS period_end, SUM(t.number) AS n FROM data_totals t
                WHERE t.ancestor_id = \(bind: q.root) AND t.element = \(bind: "#" + q.map.formCode)
                  AND t.period_start >= \(bind: q.start.iso) AND t.period_end <= \(bind: q.end.iso)
                """ + Self.reporterFilter(q.reporters, level: "t.level", unitKind: "t.unit_kind")
                + " GROUP BY t.period_start, t.period_end HAVING SUM(t.value_count) > 0").all()
            : sql.raw(q.subtree + """
                 SELECT e.period_start AS period_start, e.period_end AS period_end, CAST(COUNT(*) AS DOUBLE PRECISION) AS n
                 FROM subtree_history s CROSS JOIN report_entries e JOIN organizations o ON o.id = e.organization_id
                 WHERE e.organization_id = s.id AND e.period_end >= s.valid_from AND e.period_end < s.valid_to
                   AND e.form_code = \(bind: q.map.formCode) AND e.period_start >= \(bind: q.start.iso) AND e.period_end <= \(bind: q.end.iso)
                   AND e.status IN (\(binds: q.statuses))
                """ + Self.reporterFilter(q.reporters) + " GROUP BY e.period_start, e.period_end").all()
        return try rows.map {
            (try $0.decode(column: "period_start", as: String.self), try $0.decode(column: "period_end", as: String.self),
             Int(try $0.decode(column: "n", as: Double.self)))
        }
    }

    /// The elements that take the value at period end: the form's stock rows and elements aggregated `last`.
    func stockElements(map: CellMap, stockRows: Set<String>) -> Set<String> {
        guard let form = map.form else { return [] }
        let byRow = stockRows.flatMap { row in form.entryColumns.map { map.key(row: row, column: $0.key).element } }
        let byElement = form.entryCells.compactMap { cell -> String? in
            let element = form.valueKey(cell).element
            return forms.elements.element(element)?.aggregation == .last ? element : nil
        }
        return Set(byRow + byElement)
    }

    struct Stock { let cell: String; let organization: UUID; let end: String; let number: Double; let from: String; let to: String }

    /// Statement 3 (only when the form has stocks with values): each organization's values of the stock elements in
    /// the span, with the days it was in the subtree, so each period takes every organization's latest value.
    func stocks(_ q: Query, cells: Set<String>, elements: Set<String>) async throws -> [Stock] {
        guard !cells.isEmpty else { return [] }
        let elementFilter: SQLQueryString = q.map.elements == nil
            ? " AND v.element LIKE \(bind: q.map.formCode + "/%")"
            : " AND v.element IN (\(binds: elements.sorted()))"
        let rows = try await sql.raw(q.subtree + """
             SELECT v.element AS element, v.options AS options, v.organization_id AS organization_id,
                    v.period_end AS period_end, v.number AS number, s.valid_from AS valid_from, s.valid_to AS valid_to
             FROM subtree_history s CROSS JOIN data_values v JOIN organizations o ON o.id = v.organization_id
             WHERE v.organization_id = s.id AND v.period_start >= \(bind: q.start.iso) AND v.period_end <= \(bind: q.end.iso) AND v.number IS NOT NULL
            """ + q.filter + elementFilter).all()
        return try rows.compactMap { row in
            guard let cell = q.map.cell(element: try row.decode(column: "element", as: String.self),
                                        options: try row.decode(column: "options", as: String.self)),
                  cells.contains(cell.description) else { return nil }
            return Stock(cell: cell.description, organization: try row.decode(column: "organization_id", as: UUID.self),
                         end: try row.decode(column: "period_end", as: String.self), number: try row.decode(column: "number", as: Double.self),
                         from: try row.decode(column: "valid_from", as: String.self), to: try row.decode(column: "valid_to", as: String.self))
        }
    }

    /// Statement 4: the organization's own texts in the span, oldest first (a later period's text wins).
    func texts(_ q: Query) async throws -> [(cell: String, text: String, start: String, end: String)] {
        let rows = try await sql.raw("""
            SELECT v.element AS element, v.options AS options, v.text AS text, v.period_start AS period_start,
                   v.period_end AS period_end FROM data_values v
            JOIN organizations o ON o.id = v.organization_id
            WHERE v.organization_id = \(bind: q.root) AND v.period_start >= \(bind: q.start.iso) AND v.period_end <= \(bind: q.end.iso)
              AND v.text IS NOT NULL
            """ + q.filter + " ORDER BY v.period_end").all()
        return try rows.compactMap { row in
            guard let cell = q.map.cell(element: try row.decode(column: "element", as: String.self),
                                        options: try row.decode(column: "options", as: String.self)) else { return nil }
            return (cell.description, try row.decode(column: "text", as: String.self),
                    try row.decode(column: "period_start", as: String.self), try row.decode(column: "period_end", as: String.self))
        }
    }

    /// Bound cells: computed from records for the same subtree and periods, one statement per source and measure
    /// (`BoundValues`), added to what is stored for them — figures from before DangBo, imported as historical values
    /// (a bound cell is never typed).
    func addBoundCells(to result: inout [Period: RolledUpValues], form: FormDefinition?, root: UUID, periods: [Period]) async throws {
        guard let form, !form.boundCells.isEmpty else { return }
        let bound = try await BoundValues(sql: sql).values(of: form.boundCells.map { ($0, form.valueKey($0)) }, catalog: forms.elements,
                                                           root: root, periods: periods)
        for period in periods {
            for (cell, value) in bound[period] ?? [:] { result[period]?.numbers[cell.description, default: 0] += value }
        }
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
