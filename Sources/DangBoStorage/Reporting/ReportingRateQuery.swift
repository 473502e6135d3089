import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// One form and period as the reporting rate asks about it: who is expected (the form's levels and kinds, open during
/// the period, in the tree as it was at the period's end) and the instant the due date ends.
public struct RateQuestion: Sendable, Equatable {
    public var formCode: String
    public var reporters: Reporters
    public var period: Period
    public var dueDate: Day

    public init(form: FormDefinition, period: Period) {
        self.init(formCode: form.code, reporters: form.reporters, period: period, dueDate: form.dueDate(for: period))
    }

    public init(formCode: String, reporters: Reporters, period: Period, dueDate: Day) {
        self.formCode = formCode
        self.reporters = reporters
        self.period = period
        self.dueDate = dueDate
    }

    /// Midnight in Vietnam (UTC+7) after the due date: an entry submitted before it is on time
    /// (`ReporterOutcome.of` compares the submission's day in Vietnam with the due date).
    var dueEnd: Date { Date(timeIntervalSince1970: Double(dueDate.adding(days: 1).ordinal) * 86_400 - 7 * 3600) }
}

/// A direct child of the viewed organization with the rate of its own subtree.
public struct BranchRate: Sendable, Equatable {
    public var organization: Organization
    public var nameKey: String
    public var rate: ReportingRate

    public var cursor: KeysetCursor { KeysetCursor(sortKey: nameKey, id: organization.id) }
}

/// The children of the viewed organization that have expected reporters, one page of them in Vietnamese order.
public struct BranchRatePage: Sendable, Equatable {
    public var branches: [BranchRate]
    /// Where "Xem tiếp" continues; nil when every child is shown.
    public var next: KeysetCursor?
}

/// One expected reporter and how it stands.
public struct ReporterLine: Sendable, Equatable {
    public var organization: Organization
    public var outcome: ReporterOutcome
    public var submittedAt: Date?
    /// The reviewer's comment of a returned entry.
    public var reviewComment: String?
}

/// One page of expected reporters in Vietnamese order (keyset on (name_key, id)).
public struct ReporterLinePage: Sendable, Equatable {
    public var lines: [ReporterLine]
    public var previous: KeysetCursor?
    public var next: KeysetCursor?
}

/// The reporting rate computed in the database: counts for a whole subtree (per period of a year, and per direct
/// child) in one statement each, and the expected reporters read a page at a time. No organization list leaves the
/// database and no statement is run per reporter, so a national root (300,000 organizations) costs a few statements.
///
/// An outcome is decided by one SQL expression (`outcome`) built from the per-status conditions (`condition(of:)`),
/// the same conditions that filter the list, so counts, filters and lines cannot disagree; it states in SQL the rule of
/// `ReporterOutcome.of`.
public struct ReportingRateQuery: Sendable {
    let database: any Database
    /// Subtrees up to this many organizations are joined when listing; larger ones are checked by walking up.
    let scopeJoinLimit: Int

    public static let maxPageSize = 500
    public static let maxBranches = 500

    public init(database: any Database) {
        self.init(database: database, scopeJoinLimit: SubtreeScope.defaultJoinLimit)
    }

    init(database: any Database, scopeJoinLimit: Int) {
        self.database = database
        self.scopeJoinLimit = scopeJoinLimit
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    // MARK: Counts

    /// For each question (the periods of a year, say; at most a few dozen), the counts over the subtree of `root` in the
    /// tree as it was at that period's end, and the root's own outcome when it is itself expected. One statement: one
    /// walk of the subtree over the span of the periods (`historyCTE`), each organization counted for the periods whose
    /// end falls in its stay.
    /// The questions are of one form (one form code and one set of reporters), for different periods.
    public func totals(_ questions: [RateQuestion], root: UUID) async throws -> [Period: (rate: ReportingRate, own: ReporterOutcome?)] {
        var result: [Period: (rate: ReportingRate, own: ReporterOutcome?)] = [:]
        for question in questions { result[question.period] = (ReportingRate(outcomes: []), nil) }
        assert(Set(questions.map(\.formCode)).count <= 1 && Set(questions.map(\.reporters)).count <= 1, "totals: one form at a time")
        let asked = questions.filter { !$0.reporters.levels.isEmpty }
        guard let first = asked.map(\.period.end).min(), let last = asked.map(\.period.end).max() else { return result }
        var values: SQLQueryString = ""
        for (index, question) in asked.enumerated() {
            values += (index == 0 ? "" : ", ")
                + "(\(bind: question.period.code), \(bind: question.period.start.iso), \(bind: question.period.end.iso), \(bind: question.dueEnd))"
        }
        let query = Self.historyCTE(root: root, from: first, to: last)
            + ", periods(code, start_day, end_day, due_end) AS (VALUES " + values + ")"
            + " SELECT r.period_code AS period_code, r.own AS own, r.outcome AS outcome, COUNT(*) AS n FROM ("
            + " SELECT p.code AS period_code, CASE WHEN o.depth = 0 THEN 1 ELSE 0 END AS own, " + Self.outcome(due: "p.due_end") + " AS outcome"
            + " FROM reporter_history o JOIN periods p ON o.valid_from <= p.end_day AND o.valid_to > p.end_day"
            + " LEFT JOIN report_entries e ON e.organization_id = o.id AND e.form_code = \(bind: asked[0].formCode) AND e.period_code = p.code"
            + " WHERE " + Self.levelsAndKinds(asked[0].reporters)
            + " AND o.opened_on <= p.end_day AND (o.closed_on IS NULL OR o.closed_on > p.start_day)"
            + ") r GROUP BY r.period_code, r.own, r.outcome"
        let periods = Dictionary(asked.map { ($0.period.code, $0.period) }) { first, _ in first }
        for row in try await sql.raw(query).all() {
            guard let period = periods[try row.decode(column: "period_code", as: String.self)],
                  let outcome = ReporterOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) else { continue }
            let count = try row.decode(column: "n", as: Int.self)
            result[period]?.rate.add(outcome, count: count)
            if try row.decode(column: "own", as: Int.self) == 1 { result[period]?.own = outcome }
        }
        return result
    }

    /// The counts of each direct child of `root` (its subtree on the period's end), for the children that have
    /// expected reporters, in Vietnamese order from `after`, at most `limit` of them. One statement: one walk of the
    /// subtree carrying each node's branch (the child of `root` it lies under), grouped by branch.
    public func branches(_ question: RateQuestion, root: UUID, after: KeysetCursor? = nil,
                         limit: Int = 200) async throws -> BranchRatePage {
        guard !question.reporters.levels.isEmpty else { return BranchRatePage(branches: [], next: nil) }
        let limit = min(max(limit, 1), Self.maxBranches)
        let day = question.period.end
        var query: SQLQueryString = """
            WITH RECURSIVE branched(id, depth, branch) AS (
              SELECT o.id, 0, o.id FROM organizations o WHERE o.id = \(bind: root)
              UNION ALL
              SELECT l.organization_id, s.depth + 1, CASE WHEN s.depth = 0 THEN l.organization_id ELSE s.branch END
              FROM organization_links l JOIN branched s ON l.parent_id = s.id
              WHERE l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso)) AND s.depth < 32
            ), rated AS (
              SELECT b.branch AS branch,
            """
        query += " " + Self.outcome(due: "\(bind: question.dueEnd)") + " AS outcome FROM branched b JOIN organizations o ON o.id = b.id "
            + Self.entryJoin(question, organization: "b.id") + " WHERE b.depth > 0 AND " + Self.expected(question)
            + "), per_branch AS (SELECT r.branch AS branch, COUNT(*) AS expected"
        for outcome in ReporterOutcome.allCases {
            query += ", SUM(CASE WHEN r.outcome = '\(unsafeRaw: outcome.rawValue)' THEN 1 ELSE 0 END) AS \(unsafeRaw: Self.countColumn(outcome))"
        }
        query += " FROM rated r GROUP BY r.branch)"
            + " SELECT \(unsafeRaw: Self.organizationColumns), o.name_key AS name_key, p.*"
            + " FROM per_branch p JOIN organizations o ON o.id = p.branch WHERE 1 = 1"
        if let after {
            query += " AND o.name_key >= \(bind: after.sortKey) AND (o.name_key > \(bind: after.sortKey) OR o.id > \(bind: after.id))"
        }
        query += " ORDER BY o.name_key, o.id LIMIT \(literal: limit + 1)"
        var branches: [BranchRate] = []
        for row in try await sql.raw(query).all() {
            var rate = ReportingRate(outcomes: [])
            for outcome in ReporterOutcome.allCases {
                rate.add(outcome, count: try row.decode(column: Self.countColumn(outcome), as: Int.self))
            }
            branches.append(BranchRate(organization: try OrganizationStore.organization(from: row),
                                       nameKey: try row.decode(column: "name_key", as: String.self), rate: rate))
        }
        let hasMore = branches.count > limit
        branches = Array(branches.prefix(limit))
        return BranchRatePage(branches: branches, next: hasMore ? branches.last?.cursor : nil)
    }

    // MARK: The list

    /// A page of the expected reporters under `root` (the root included when it is expected) whose outcome is one of
    /// `outcomes` (every outcome when empty), in Vietnamese order, read by keyset from the direction's cursor.
    ///
    /// The organizations are selected like the member list (`ScopedSelection`): the subtree is joined when it is
    /// small, else candidates are read in name order and kept when they walk up to the root. Then one statement reads
    /// the page's organizations with their entries (a list of at most `pageSize` ids).
    public func reporters(_ question: RateQuestion, root: UUID, outcomes: Set<ReporterOutcome> = [],
                          direction: KeysetDirection = .first, pageSize: Int = 100) async throws -> ReporterLinePage {
        guard !question.reporters.levels.isEmpty else { return ReporterLinePage(lines: [], previous: nil, next: nil) }
        let pageSize = min(max(pageSize, 1), Self.maxPageSize)
        let scope = try await SubtreeScope.choose(root: root, on: question.period.end, joinLimit: scopeJoinLimit, database: sql)
        let selection = ScopedSelection(table: "organizations o", alias: "o", keyColumn: "name_key", organizationColumn: "id",
                                        conditions: Self.expected(question) + Self.outcomeFilter(question, outcomes),
                                        root: root, day: question.period.end, scope: scope, database: sql)
        let (rows, previous, next) = try await KeysetPaging.page(direction, pageSize: pageSize, cursor: \.cursor) {
            try await selection.rows($0, limit: $1)
        }
        return ReporterLinePage(lines: try await lines(question, ids: rows.map(\.id)), previous: previous, next: next)
    }

    /// The page's organizations with their entries and outcomes, in the order of `ids`.
    func lines(_ question: RateQuestion, ids: [UUID]) async throws -> [ReporterLine] {
        guard !ids.isEmpty else { return [] }
        let query: SQLQueryString = "SELECT \(unsafeRaw: Self.organizationColumns), " + Self.outcome(due: "\(bind: question.dueEnd)")
            + " AS outcome, e.submitted_at AS submitted_at, e.review_comment AS review_comment FROM organizations o "
            + Self.entryJoin(question, organization: "o.id") + " WHERE o.id IN (\(binds: ids))"
        var byID: [UUID: ReporterLine] = [:]
        for row in try await sql.raw(query).all() {
            let organization = try OrganizationStore.organization(from: row)
            guard let outcome = ReporterOutcome(rawValue: try row.decode(column: "outcome", as: String?.self) ?? "") else {
                throw StorageError.corruptRow(table: ReportEntryRecord.schema, id: "\(question.formCode)/\(question.period.code)/\(organization.id.uuidString)")
            }
            byID[organization.id] = ReporterLine(organization: organization, outcome: outcome,
                                                 submittedAt: try row.decode(column: "submitted_at", as: Date?.self),
                                                 reviewComment: try row.decode(column: "review_comment", as: String?.self))
        }
        return ids.compactMap { byID[$0] }
    }

    // MARK: SQL pieces

    /// `WITH RECURSIVE reporter_history(id, valid_from, valid_to, depth, level, unit_kind, opened_on, closed_on)`: the walk
    /// of `SubtreeQuery.historyCTE` (every stay of an organization below `root` between `from` and `to`, valid_to
    /// exclusive) carrying the organization's own columns, read once per organization during the walk rather than once
    /// per organization and period afterwards (on PostgreSQL at province size: 90 ms instead of 125 for a year).
    static func historyCTE(root: UUID, from: Day, to: Day) -> SQLQueryString {
        """
        WITH RECURSIVE reporter_history(id, valid_from, valid_to, depth, level, unit_kind, opened_on, closed_on) AS (
          SELECT o.id, '0000-01-01', '9999-12-31', 0, o.level, o.unit_kind, o.opened_on, o.closed_on
          FROM organizations o WHERE o.id = \(bind: root)
          UNION ALL
          SELECT l.organization_id,
                 CASE WHEN l.valid_from > s.valid_from THEN l.valid_from ELSE s.valid_from END,
                 CASE WHEN COALESCE(l.valid_to, '9999-12-31') < s.valid_to THEN COALESCE(l.valid_to, '9999-12-31') ELSE s.valid_to END,
                 s.depth + 1, o.level, o.unit_kind, o.opened_on, o.closed_on
          FROM organization_links l JOIN reporter_history s ON l.parent_id = s.id JOIN organizations o ON o.id = l.organization_id
          WHERE l.valid_from < s.valid_to AND COALESCE(l.valid_to, '9999-12-31') > s.valid_from
            AND l.valid_from <= \(bind: to.iso) AND COALESCE(l.valid_to, '9999-12-31') > \(bind: from.iso)
            AND s.depth < 32
        )
        """
    }

    /// "n_ontime": lower case, as PostgreSQL folds an unquoted alias.
    static func countColumn(_ outcome: ReporterOutcome) -> String { "n_" + outcome.rawValue.lowercased() }

    static let organizationColumns = "o.id AS id, o.code AS code, o.name AS name, o.level AS level, o.unit_kind AS unit_kind, "
        + "o.cluster AS cluster, o.opened_on AS opened_on, o.closed_on AS closed_on"

    /// `organizations o` is one of the question's expected reporters (level, kind, open during the period).
    static func expected(_ question: RateQuestion) -> SQLQueryString {
        levelsAndKinds(question.reporters) + " AND o.opened_on <= \(bind: question.period.end.iso)"
            + " AND (o.closed_on IS NULL OR o.closed_on > \(bind: question.period.start.iso))"
    }

    /// The form's levels and unit kinds on `organizations o` (a few enumeration values, never a list of ids).
    static func levelsAndKinds(_ reporters: Reporters) -> SQLQueryString {
        var condition: SQLQueryString = "o.level IN (\(binds: reporters.levels.map(\.rawValue)))"
        if !reporters.unitKinds.isEmpty { condition += " AND o.unit_kind IN (\(binds: reporters.unitKinds.map(\.rawValue)))" }
        return condition
    }

    /// `LEFT JOIN report_entries e` on the question's form and period for the organization `organization`.
    static func entryJoin(_ question: RateQuestion, organization: String) -> SQLQueryString {
        "LEFT JOIN report_entries e ON e.organization_id = \(unsafeRaw: organization) AND e.form_code = \(bind: question.formCode)"
            + " AND e.period_code = \(bind: question.period.code)"
    }

    /// When an entry `e` of an expected reporter has the outcome (`missing` has no entry at all); `due` is the instant
    /// the due date ends. A late submission is late even if approved; a submission without its time is late.
    static func condition(of outcome: ReporterOutcome, due: SQLQueryString) -> SQLQueryString {
        switch outcome {
        case .missing: return "e.id IS NULL"
        case .draft: return "e.status = 'draft'"
        case .returned: return "e.status = 'returned'"
        case .onTime: return "e.status IN ('submitted', 'approved') AND e.submitted_at IS NOT NULL AND e.submitted_at < " + due
        case .late: return "e.status IN ('submitted', 'approved') AND (e.submitted_at IS NULL OR e.submitted_at >= " + due + ")"
        }
    }

    /// The outcome of the reporter joined with its entry `e` (or none), as text: 'onTime', 'late', ...
    static func outcome(due: SQLQueryString) -> SQLQueryString {
        var expression: SQLQueryString = "CASE"
        for outcome in [ReporterOutcome.missing, .draft, .returned, .onTime, .late] {
            expression += " WHEN " + condition(of: outcome, due: due) + " THEN '\(unsafeRaw: outcome.rawValue)'"
        }
        return expression + " END"
    }

    /// ` AND ...` keeping the reporters of `organizations o` whose outcome is one of `outcomes` (nothing when every outcome
    /// is asked for): NOT EXISTS for no entry, EXISTS over the entry's conditions for the others, so the database can
    /// start from the period's entries when few match.
    static func outcomeFilter(_ question: RateQuestion, _ outcomes: Set<ReporterOutcome>) -> SQLQueryString {
        guard !outcomes.isEmpty, outcomes != Set(ReporterOutcome.allCases) else { return "" }
        let due: SQLQueryString = "\(bind: question.dueEnd)"
        let entry: SQLQueryString = "SELECT 1 FROM report_entries e WHERE e.organization_id = o.id AND e.form_code = \(bind: question.formCode)"
            + " AND e.period_code = \(bind: question.period.code)"
        var parts: [SQLQueryString] = []
        if outcomes.contains(.missing) { parts.append("NOT EXISTS (" + entry + ")") }
        let withEntry = ReporterOutcome.allCases.filter { $0 != .missing && outcomes.contains($0) }
        if !withEntry.isEmpty {
            var conditions: SQLQueryString = ""
            for (index, outcome) in withEntry.enumerated() {
                conditions += (index == 0 ? "(" : " OR (") + condition(of: outcome, due: due) + ")"
            }
            parts.append("EXISTS (" + entry + " AND (" + conditions + "))")
        }
        var filter: SQLQueryString = " AND ("
        for (index, part) in parts.enumerated() { filter += (index == 0 ? "" : " OR ") + part }
        return filter + ")"
    }
}

extension ReportingRate {
    /// Adds `count` reporters of one outcome.
    public mutating func add(_ outcome: ReporterOutcome, count: Int) {
        expected += count
        switch outcome {
        case .onTime: onTime += count
        case .late: late += count
        case .returned: returned += count
        case .draft: draft += count
        case .missing: missing += count
        }
    }

    /// How many reporters have one of `outcomes` (all of them when empty).
    public func count(of outcomes: Set<ReporterOutcome>) -> Int {
        guard !outcomes.isEmpty else { return expected }
        return outcomes.reduce(0) { total, outcome in
            switch outcome {
            case .onTime: return total + onTime
            case .late: return total + late
            case .returned: return total + returned
            case .draft: return total + draft
            case .missing: return total + missing
            }
        }
    }
}
