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
        case "echelon":
            let cases = Echelon.allCases.map { echelon in
                "WHEN o.level IN (" + echelon.levels.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ") THEN '\(echelon.rawValue)'"
            }
            return "CASE " + cases.joined(separator: " ") + " END"
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
        var select = "SELECT r.year_end AS day"
        for (index, attribute) in attributes.enumerated() { select += ", \(Self.ratingAttribute(attribute)) AS a\(index)" }
        var query = SubtreeQuery.historyCTE(root: root, from: from, to: to) + " " + SQLQueryString(select + ", COUNT(*) AS n") + """
             FROM quality_ratings r
             JOIN subtree_history s ON s.id = r.organization_id AND s.valid_from <= r.year_end AND r.year_end < s.valid_to
             JOIN organizations o ON o.id = r.organization_id
             WHERE r.subject = \(bind: subject.rawValue) AND r.year_end >= \(bind: from.iso) AND r.year_end <= \(bind: to.iso)
            """
        for (attribute, value) in filters.sorted(by: { $0.key < $1.key }) {
            query = query + SQLQueryString(" AND \(Self.ratingAttribute(attribute)) = ") + "\(bind: value)"
        }
        query = query + SQLQueryString(" GROUP BY " + (1 ... attributes.count + 1).map(String.init).joined(separator: ", "))
        return try await textRows(query, attributes: attributes)
    }

    /// The tier (`OrganizationTier`) of an organization level column, as SQL.
    static func tierExpression(_ column: String) -> String {
        let cases = OrganizationTier.allCases.map { tier in
            "WHEN \(column) IN (" + tier.levels.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ") THEN '\(tier.rawValue)'"
        }
        return "CASE " + cases.joined(separator: " ") + " END"
    }
}
