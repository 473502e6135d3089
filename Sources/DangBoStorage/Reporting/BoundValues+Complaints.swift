import DangBoCore
import Foundation
import SQLKit

extension BoundValues {
    /// The SQL value of a denunciation or appeal attribute (an expression over the letter `d`); NULL for an
    /// attribute the source does not have (appeals have no `violation`), which a filter then matches nowhere.
    static func complaintAttribute(_ code: String, of source: BoundSource) -> String {
        guard source.attribute(code) != nil else { return "NULL" }
        switch code {
        case "subject": return "d.subject_kind"
        case "actor": return "d.actor"
        case "outcome": return "d.outcome"
        case "founded": return "CASE WHEN d.outcome IN ('founded', 'partlyFounded') THEN 'yes' ELSE 'no' END"
        case "violation": return "CASE WHEN d.violation THEN 'yes' ELSE 'no' END"
        case "disciplineRequired": return "CASE WHEN d.discipline_required THEN 'yes' ELSE 'no' END"
        default: return "NULL"
        }
    }

    /// Denunciations received (by received date) or resolved (by conclusion date) in the span, counted where the
    /// handling organization was on that date, with the tree as it was that day: one statement.
    func denunciationRows(measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
                          from: Day, to: Day) async throws -> [Row] {
        try await complaintRows(source: .denunciations, table: "denunciations", measure: measure, attributes: attributes, filters: filters, root: root, from: from, to: to)
    }

    /// Discipline appeals received or resolved in the span, as `denunciationRows`.
    func appealRows(measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
                    from: Day, to: Day) async throws -> [Row] {
        try await complaintRows(source: .appeals, table: "discipline_appeals", measure: measure, attributes: attributes, filters: filters, root: root,
                                       from: from, to: to)
    }

    func complaintRows(source: BoundSource, table: String, measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
                       from: Day, to: Day) async throws -> [Row] {
        // The table and the day column are one of a fixed set of names, never user text.
        let day: String
        switch measure.code {
        case "received": day = "d.received_on"
        case "resolved": day = "d.concluded_on"
        default: return []
        }
        return try await groupedRows(day: day, attributes: attributes, filters: filters, root: root, from: from, to: to,
                                     expression: { Self.complaintAttribute($0, of: source) }, body: """
             FROM \(unsafeRaw: table) d
             JOIN subtree_history s ON s.id = d.handler_organization_id AND s.valid_from <= \(unsafeRaw: day) AND \(unsafeRaw: day) < s.valid_to
             WHERE \(unsafeRaw: day) >= \(bind: from.iso) AND \(unsafeRaw: day) <= \(bind: to.iso)
            """)
    }
}
