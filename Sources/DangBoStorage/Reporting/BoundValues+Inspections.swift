import DangBoCore
import Foundation
import SQLKit

extension BoundValues {
    /// The SQL value of an inspection attribute (an expression over the case `c` and the subject `j`).
    static func inspectionAttribute(_ code: String) -> String {
        switch code {
        case "actor": return "c.actor"
        case "kind": return "c.kind"
        case "violation": return "CASE WHEN j.violation THEN 'yes' ELSE 'no' END"
        case "disciplineRequired": return "CASE WHEN j.discipline_required THEN 'yes' ELSE 'no' END"
        case "referred": return "CASE WHEN j.referred THEN 'yes' ELSE 'no' END"
        case "committeeMember": return "CASE WHEN j.is_committee_member THEN 'yes' ELSE 'no' END"
        default: return "NULL"
        }
    }

    /// Subjects of cases concluded in the span — members or organizations, inspected or supervised — counted where
    /// the acting organization was on the conclusion date, with the tree as it was that day: one statement.
    func inspectionRows(measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
                        from: Day, to: Day) async throws -> [Row] {
        let subject: String
        let supervision: Bool
        switch measure.code {
        case "membersInspected": (subject, supervision) = ("j.member_id IS NOT NULL", false)
        case "organizationsInspected": (subject, supervision) = ("j.member_id IS NULL", false)
        case "membersSupervised": (subject, supervision) = ("j.member_id IS NOT NULL", true)
        case "organizationsSupervised": (subject, supervision) = ("j.member_id IS NULL", true)
        default: return []
        }
        let kinds = InspectionKind.allCases.filter { $0.isSupervision == supervision }.map(\.rawValue)
        return try await groupedRows(day: "c.concluded_on", attributes: attributes, filters: filters, root: root, from: from, to: to,
                                     expression: Self.inspectionAttribute, body: """
             FROM inspection_cases c
             JOIN subtree_history s ON s.id = c.actor_organization_id AND s.valid_from <= c.concluded_on AND c.concluded_on < s.valid_to
             JOIN inspection_subjects j ON j.case_id = c.id
             WHERE c.concluded_on >= \(bind: from.iso) AND c.concluded_on <= \(bind: to.iso)
               AND c.kind IN (\(binds: kinds)) AND \(unsafeRaw: subject)
            """)
    }

    /// The statement every event registry's source sends: the subtree over the span, `SELECT <day>, <attribute
    /// expressions>, COUNT(*)` with the registry's own `FROM … WHERE …` (`body`), an equality per filter, grouped by
    /// the day and the attributes. `expression` turns an attribute code into SQL; it returns fixed text, never user
    /// input (filter values are bound).
    func groupedRows(day: String, attributes: [String], filters: [String: String], root: UUID, from: Day, to: Day,
                     expression: (String) -> String, body: SQLQueryString) async throws -> [Row] {
        var select = "SELECT \(day) AS day"
        for (index, attribute) in attributes.enumerated() { select += ", \(expression(attribute)) AS a\(index)" }
        var query = SubtreeQuery.historyCTE(root: root, from: from, to: to) + " " + SQLQueryString(select + ", COUNT(*) AS n") + body
        for (attribute, value) in filters.sorted(by: { $0.key < $1.key }) {
            query = query + SQLQueryString(" AND \(expression(attribute)) = ") + "\(bind: value)"
        }
        query = query + SQLQueryString(" GROUP BY " + (1 ... attributes.count + 1).map(String.init).joined(separator: ", "))
        return try await textRows(query, attributes: attributes)
    }

    /// Rows of a source statement whose attributes are all texts (`day`, `a0`…, `n`).
    func textRows(_ query: SQLQueryString, attributes: [String]) async throws -> [Row] {
        try await sql.raw(query).all().map { row in
            var values: [String: String] = [:]
            for (index, attribute) in attributes.enumerated() { values[attribute] = try row.decode(column: "a\(index)", as: String?.self) }
            return Row(day: try row.decode(column: "day", as: String.self), attributes: values, age: nil,
                       count: Double(try row.decode(column: "n", as: Int.self)))
        }
    }
}
