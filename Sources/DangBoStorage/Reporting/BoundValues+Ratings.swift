import DangBoCore
import Foundation
import SQLKit

extension BoundValues {
    /// The SQL value of a rating attribute (an expression over the rating `r` and its organization `o`).
    static func ratingAttribute(_ code: String) -> String {
        switch code {
        case "grade": return "COALESCE(r.grade, 'none')"
        case "rated": return "CASE WHEN r.grade IS NULL THEN 'no' ELSE 'yes' END"
        case "goodOrBetter":
            let good = QualityGrade.allCases.filter(\.isGoodOrBetter).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            return "CASE WHEN r.grade IN (\(good)) THEN 'yes' ELSE 'no' END"
        case "collective": return "r.collective"
        case "title": return "r.title"
        case "echelon": return levelGroups("o.level", Echelon.allCases.map { ($0.rawValue, $0.levels) })
        default:
            guard let item = CollectiveCase(rawValue: code) else { return "NULL" }
            return "CASE WHEN r.\(item.column) THEN 'yes' ELSE 'no' END"
        }
    }

    /// The year's ratings of one kind of subject whose year end falls in the span, counted where each rating counts,
    /// with the tree as it was on 31 December: one statement. Each row's day is the year end (a stock).
    func ratingRows(measure: BoundSource.Measure, attributes: [String], filters: [String: String], root: UUID,
                    from: Day, to: Day) async throws -> [Row] {
        guard let subject = RatedSubject.allCases.first(where: { $0.measureCode == measure.code }) else { return [] }
        return try await groupedRows(day: "r.year_end", attributes: attributes, filters: filters, root: root, from: from, to: to,
                                     expression: Self.ratingAttribute, body: """
             FROM quality_ratings r
             JOIN subtree_history s ON s.id = r.organization_id AND s.valid_from <= r.year_end AND r.year_end < s.valid_to
             JOIN organizations o ON o.id = r.organization_id
             WHERE r.subject = \(bind: subject.rawValue) AND r.year_end >= \(bind: from.iso) AND r.year_end <= \(bind: to.iso)
            """)
    }

    /// The tier (`OrganizationTier`) of an organization level column, as SQL.
    static func tierExpression(_ column: String) -> String {
        levelGroups(column, OrganizationTier.allCases.map { ($0.rawValue, $0.levels) })
    }

    /// `CASE WHEN column IN (levels…) THEN 'group' … END`: the group of an organization level column, as SQL.
    static func levelGroups(_ column: String, _ groups: [(code: String, levels: [OrganizationLevel])]) -> String {
        let cases = groups.map { group in
            "WHEN \(column) IN (" + group.levels.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ") THEN '\(group.code)'"
        }
        return "CASE " + cases.joined(separator: " ") + " END"
    }
}
