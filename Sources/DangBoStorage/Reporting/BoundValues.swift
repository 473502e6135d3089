import DangBoCore
import Foundation
import SQLKit

/// Evaluates bound elements (docs/forms.md "Bound elements") in the database, for a subtree and several periods at
/// once: one statement per bound element, whatever the number of periods, with the tree as it was on each date.
/// Each source (today the member registry) turns a measure into SQL; the rows are counts per date and attribute
/// values, and a cell's value is the sum of the rows its options select.
struct BoundValues {
    let sql: any SQLDatabase

    /// One row of a source query: the date that put it in a period, the attribute values, the count.
    struct Row {
        var day: String
        var attributes: [String: String]
        var age: Int?
        var count: Double
    }

    /// What one bound element asks of its source.
    struct Request {
        var element: DataElement
        var binding: ElementBinding
        var keys: [ValueKey]
    }

    /// The value of each asked key for each period.
    func values(element: DataElement, binding: ElementBinding, keys: [ValueKey], catalog: DataElementCatalog,
                root: UUID, periods: [Period]) async throws -> [Period: [ValueKey: Double]] {
        try await values([Request(element: element, binding: binding, keys: keys)], root: root, periods: periods)[element.code] ?? [:]
    }

    /// The value from records of each cell in each period, for cells whose keys name bound elements (others are
    /// left out): the cells grouped by element, then `values(_:root:periods:)`.
    func values(of cells: [(cell: CellKey, key: ValueKey)], catalog: DataElementCatalog, root: UUID,
                periods: [Period]) async throws -> [Period: [CellKey: Double]] {
        let byElement = Dictionary(grouping: cells, by: \.key.element)
        let requests = byElement.sorted(by: { $0.key < $1.key }).compactMap { code, cells -> Request? in
            guard let element = catalog.element(code), let binding = element.binding else { return nil }
            return Request(element: element, binding: binding, keys: cells.map(\.key))
        }
        let bound = try await values(requests, root: root, periods: periods)
        var result: [Period: [CellKey: Double]] = [:]
        for period in periods {
            var values: [CellKey: Double] = [:]
            for request in requests {
                for (cell, key) in byElement[request.element.code] ?? [] { values[cell] = bound[request.element.code]?[period]?[key] ?? 0 }
            }
            result[period] = values
        }
        return result
    }

    /// The values of several bound elements, one statement per (source, measure) whatever the number of elements:
    /// elements that differ only in their filters and disaggregations (PL 8.1's rows) share one grouped statement,
    /// and each element keeps the rows its filters select. Keyed by element code.
    func values(_ requests: [Request], root: UUID, periods: [Period]) async throws -> [String: [Period: [ValueKey: Double]]] {
        guard let start = periods.map(\.start).min(), let end = periods.map(\.end).max() else { return [:] }
        var result: [String: [Period: [ValueKey: Double]]] = [:]
        let groups = Dictionary(grouping: requests) { "\($0.binding.source)|\($0.binding.measure)" }
        for (_, group) in groups.sorted(by: { $0.key < $1.key }) {
            let binding = group[0].binding
            guard let source = BoundSource.named(binding.source), let measure = source.measure(binding.measure) else { continue }
            // Filters shared by every element of the group stay in SQL; the others become grouped attributes.
            let shared = group.dropFirst().reduce(binding.filters) { common, request in common.filter { request.binding.filters[$0.key] == $0.value } }
            let attributes = Array(Set(group.flatMap { Array($0.binding.disaggregations.values) + $0.binding.filters.keys })
                .subtracting(shared.keys)).sorted()
            let rows = try await self.rows(source: source, measure: measure, attributes: attributes, filters: shared, root: root,
                                           from: start, to: end, ends: measure.isStock ? periods.map(\.end) : [])
            for request in group {
                let selected = rows.filter { row in
                    request.binding.filters.allSatisfy { shared[$0.key] != nil || row.attributes[$0.key] == $0.value }
                }
                result[request.element.code] = Self.evaluate(selected, binding: request.binding, measure: measure, keys: request.keys, periods: periods)
            }
        }
        return result
    }

    /// The rows of one source and measure over the span (`ends`: the period ends a stock is counted on).
    func rows(source: BoundSource, measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
              from start: Day, to end: Day, ends: [Day]) async throws -> [Row] {
        switch source.code {
        case BoundSource.members.code:
            return try await memberRows(measure: measure, attributes: attributes, filters: filters, root: root, from: start, to: end, ends: ends)
        case BoundSource.discipline.code:
            return try await disciplineRows(measure: measure, attributes: attributes, filters: filters, root: root, from: start, to: end)
        case BoundSource.inspections.code:
            return try await inspectionRows(measure: measure, attributes: attributes, filters: filters, root: root, from: start, to: end)
        case BoundSource.denunciations.code:
            return try await denunciationRows(measure: measure, attributes: attributes, filters: filters, root: root, from: start, to: end)
        case BoundSource.appeals.code:
            return try await appealRows(measure: measure, attributes: attributes, filters: filters, root: root, from: start, to: end)
        case BoundSource.ratings.code:
            return try await ratingRows(measure: measure, attributes: attributes, filters: filters, root: root, from: start, to: end)
        default:
            return []
        }
    }

    /// Each key's value in each period: the sum of the rows in the period whose attributes its options select.
    static func evaluate(_ rows: [Row], binding: ElementBinding, measure: BoundSource.Measure, keys: [ValueKey],
                         periods: [Period]) -> [Period: [ValueKey: Double]] {
        var result: [Period: [ValueKey: Double]] = [:]
        for period in periods {
            let (from, to) = (period.start.iso, period.end.iso)
            let inPeriod = rows.filter { measure.isStock ? $0.day == to : ($0.day >= from && $0.day <= to) }
            var values: [ValueKey: Double] = [:]
            for key in keys {
                values[key] = inPeriod.filter { row in
                    key.options.allSatisfy { category, option in
                        guard let attribute = binding.disaggregations[category] else { return false }
                        if attribute == "age" { return row.age.map { AgeBand(code: option)?.contains($0) ?? false } ?? false }
                        return row.attributes[attribute] == option
                    }
                }.reduce(0) { $0 + $1.count }
            }
            result[period] = values
        }
        return result
    }

    /// The SQL value of a member attribute on the day `day` (an SQL expression over `m`).
    static func memberAttribute(_ code: String, on day: String) -> String {
        switch code {
        case "gender": return "m.gender"
        case "minority": return "CASE WHEN LOWER(m.ethnicity) = 'kinh' THEN 'no' ELSE 'yes' END"
        case "education": return "m.education_level"
        case "theory": return "m.political_theory_level"
        case "age":
            return "(CAST(SUBSTR(\(day), 1, 4) AS INTEGER) - CAST(SUBSTR(m.birth_date, 1, 4) AS INTEGER)"
                + " - CASE WHEN SUBSTR(\(day), 6, 5) < SUBSTR(m.birth_date, 6, 5) THEN 1 ELSE 0 END)"
        default: return "NULL"
        }
    }

    func memberRows(measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
                    from: Day, to: Day, ends: [Day]) async throws -> [Row] {
        // Every day expression below is one of a fixed set of column names, never user text.
        func select(day: String) -> SQLQueryString {
            var text = "SELECT \(day) AS day"
            for (index, attribute) in attributes.enumerated() { text += ", \(Self.memberAttribute(attribute, on: day)) AS a\(index)" }
            return SQLQueryString(text + ", COUNT(*) AS n")
        }
        func filter(day: String) -> SQLQueryString {
            var query: SQLQueryString = ""
            for (attribute, value) in filters.sorted(by: { $0.key < $1.key }) {
                query = query + SQLQueryString(" AND \(Self.memberAttribute(attribute, on: day)) = ") + "\(bind: value)"
            }
            return query
        }
        let groupBy = SQLQueryString(" GROUP BY " + (1 ... attributes.count + 1).map(String.init).joined(separator: ", "))
        let gone = "m.status IN ('deceased', 'expelled', 'transferredOut')"
        let history = SubtreeQuery.historyCTE(root: root, from: from, to: to)
        let query: SQLQueryString
        switch measure.code {
        case "onRegistry":
            guard !ends.isEmpty else { return [] }
            var values: SQLQueryString = ""
            for (index, day) in ends.enumerated() { values = values + (index == 0 ? "" : ", ") + "(\(bind: day.iso))" }
            query = history + ", ends(d) AS (VALUES " + values + ") " + select(day: "ends.d") + """
                 FROM ends CROSS JOIN subtree_history s CROSS JOIN member_assignments a
                 JOIN members m ON m.id = a.member_id
                 WHERE s.valid_from <= ends.d AND ends.d < s.valid_to
                   AND a.organization_id = s.id AND a.valid_from <= ends.d AND (a.valid_to IS NULL OR a.valid_to > ends.d)
                   AND (m.admission_date IS NULL OR m.admission_date <= ends.d)
                   AND NOT (\(unsafeRaw: gone) AND (m.status_date IS NULL OR m.status_date <= ends.d))
                """ + filter(day: "ends.d") + groupBy
        case "admitted", "madeFull", "deceased", "expelled":
            let day = measure.code == "admitted" ? "m.admission_date" : measure.code == "madeFull" ? "m.full_membership_date" : "m.status_date"
            let status: SQLQueryString = ["deceased", "expelled"].contains(measure.code) ? " AND m.status = \(bind: measure.code)" : ""
            // A status ends the placement on its day: the placement that was open until then counts.
            let open = ["deceased", "expelled"].contains(measure.code) ? ">=" : ">"
            query = history + " " + select(day: day) + """
                 FROM subtree_history s CROSS JOIN member_assignments a JOIN members m ON m.id = a.member_id
                 WHERE a.organization_id = s.id AND a.valid_from <= \(unsafeRaw: day)
                   AND (a.valid_to IS NULL OR a.valid_to \(unsafeRaw: open) \(unsafeRaw: day))
                   AND s.valid_from <= \(unsafeRaw: day) AND \(unsafeRaw: day) < s.valid_to
                   AND \(unsafeRaw: day) >= \(bind: from.iso) AND \(unsafeRaw: day) <= \(bind: to.iso)
                """ + status + filter(day: day) + groupBy
        case "transferredIn":
            // A new placement inside the subtree whose previous placement was outside it on the day of the move.
            query = history + " " + select(day: "a.valid_from") + """
                 FROM member_assignments a
                 JOIN subtree_history s ON s.id = a.organization_id AND s.valid_from <= a.valid_from AND a.valid_from < s.valid_to
                 JOIN member_assignments p ON p.member_id = a.member_id AND p.valid_to = a.valid_from
                 JOIN members m ON m.id = a.member_id
                 LEFT JOIN subtree_history ps ON ps.id = p.organization_id AND ps.valid_from <= a.valid_from AND a.valid_from < ps.valid_to
                 WHERE a.valid_from >= \(bind: from.iso) AND a.valid_from <= \(bind: to.iso) AND ps.id IS NULL
                """ + filter(day: "a.valid_from") + groupBy
        case "transferredOut":
            // A placement inside the subtree that ended with a move outside it, or with "chuyển sinh hoạt đi".
            let moves = history + " " + select(day: "p.valid_to") + """
                 FROM member_assignments p
                 JOIN subtree_history s ON s.id = p.organization_id AND s.valid_from < p.valid_to AND p.valid_to <= s.valid_to
                 JOIN member_assignments a ON a.member_id = p.member_id AND a.valid_from = p.valid_to
                 JOIN members m ON m.id = p.member_id
                 LEFT JOIN subtree_history ns ON ns.id = a.organization_id AND ns.valid_from <= a.valid_from AND a.valid_from < ns.valid_to
                 WHERE p.valid_to >= \(bind: from.iso) AND p.valid_to <= \(bind: to.iso) AND ns.id IS NULL
                """ + filter(day: "p.valid_to") + groupBy
            let left = SQLQueryString(" UNION ALL ") + select(day: "m.status_date") + """
                 FROM members m
                 JOIN member_assignments a ON a.member_id = m.id AND a.valid_from <= m.status_date
                   AND (a.valid_to IS NULL OR a.valid_to >= m.status_date)
                 JOIN subtree_history s ON s.id = a.organization_id AND s.valid_from <= m.status_date AND m.status_date < s.valid_to
                 WHERE m.status = 'transferredOut' AND m.status_date >= \(bind: from.iso) AND m.status_date <= \(bind: to.iso)
                """ + filter(day: "m.status_date") + groupBy
            query = moves + left
        default:
            return []
        }
        return try await sql.raw(query).all().map { row in
            var values: [String: String] = [:]
            var age: Int?
            for (index, attribute) in attributes.enumerated() {
                if attribute == "age" {
                    age = try row.decode(column: "a\(index)", as: Int?.self)
                } else {
                    values[attribute] = try row.decode(column: "a\(index)", as: String?.self)
                }
            }
            return Row(day: try row.decode(column: "day", as: String.self), attributes: values, age: age,
                       count: Double(try row.decode(column: "n", as: Int.self)))
        }
    }
}

extension BoundValues {
    /// The SQL value of a discipline attribute (an expression over the decision `d` and its organization `o`).
    static func disciplineAttribute(_ code: String) -> String {
        switch code {
        case "form": return "d.form"
        case "decidedBy": return "d.decided_by"
        case "committeeMember": return "CASE WHEN d.is_committee_member THEN 'yes' ELSE 'no' END"
        case "legalAction": return "CASE WHEN d.legal_action THEN 'yes' ELSE 'no' END"
        case "administrativeAction": return "CASE WHEN d.administrative_action THEN 'yes' ELSE 'no' END"
        case "level": return "o.level"
        case "tier": return tierExpression("o.level")
        default: return "NULL"
        }
    }

    /// Decisions dated in the span against members (`membersDisciplined`) or organizations (`organizationsDisciplined`),
    /// counted where the subject belonged on the decision date, with the tree as it was that day: one statement.
    func disciplineRows(measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
                        from: Day, to: Day) async throws -> [Row] {
        let kind: DisciplineDecision.SubjectKind
        switch measure.code {
        case "membersDisciplined": kind = .member
        case "organizationsDisciplined": kind = .organization
        default: return []
        }
        return try await groupedRows(day: "d.decision_date", attributes: attributes, filters: filters, root: root, from: from, to: to,
                                     expression: Self.disciplineAttribute, body: """
             FROM discipline_decisions d
             JOIN subtree_history s ON s.id = d.organization_id AND s.valid_from <= d.decision_date AND d.decision_date < s.valid_to
             JOIN organizations o ON o.id = d.organization_id
             WHERE d.subject_kind = \(bind: kind.rawValue) AND d.decision_date >= \(bind: from.iso) AND d.decision_date <= \(bind: to.iso)
            """)
    }
}
