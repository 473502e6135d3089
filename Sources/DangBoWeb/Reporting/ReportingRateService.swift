import DangBoCore
import DangBoStorage
import Vapor

/// The reporting rate of a form for a period under one organization (the tree as it was at the period's end): counts
/// for its whole subtree and for each period of the year, counts per direct child, and one page of the expected
/// reporters with their contacts. A bounded number of statements whatever the size of the tree (`ReportingRateQuery`);
/// the page and the API both read it here.
struct ReportingRateService {
    struct Line: Encodable {
        var organizationID: String
        var name: String
        var code: String
        var cluster: String
        var outcome: ReporterOutcome
        var outcomeLabel: String
        var submittedAt: String
        var contact: String
        var reviewComment: String
        var entryHref: String
    }

    struct Result {
        var period: Period
        var dueDate: Day
        var rate: ReportingRate
        /// The root's own outcome, when it is itself an expected reporter.
        var own: ReporterOutcome?
        /// The year's periods that have started (and the period asked about), each with its counts.
        var year: [(period: Period, rate: ReportingRate)]
        var branches: BranchRatePage
        var lines: [Line]
        var previous: KeysetCursor?
        var next: KeysetCursor?
    }

    static let pageSize = 100

    let req: Request

    func result(form: FormDefinition, root: UUID, period: Period, outcomes: Set<ReporterOutcome> = [],
                direction: KeysetDirection = .first, pageSize: Int = ReportingRateService.pageSize,
                branchesAfter: KeysetCursor? = nil) async throws -> Result {
        let query = ReportingRateQuery(database: req.db)
        let question = RateQuestion(form: form, period: period)
        var parts = (Period.year(period.start.year)?.periods(of: form.periodType) ?? []).filter { $0.start <= req.today }
        if !parts.contains(period) { parts.append(period) }
        let totals = try await query.totals(parts.map { RateQuestion(form: form, period: $0) }, root: root)
        let branches = try await query.branches(question, root: root, after: branchesAfter)
        let page = try await query.reporters(question, root: root, outcomes: outcomes, direction: direction, pageSize: pageSize)
        let contacts = try await ReporterDirectory(database: req.db).contacts(of: page.lines.map(\.organization.id), on: period.end)
        let lines = page.lines.map { line -> Line in
            let organization = line.organization
            return Line(organizationID: organization.id.uuidString, name: organization.name, code: organization.code,
                        cluster: organization.cluster ?? "", outcome: line.outcome, outcomeLabel: line.outcome.label,
                        submittedAt: line.submittedAt.map(AuditQuery.format) ?? "", contact: contacts[organization.id]?.display ?? "",
                        reviewComment: line.outcome == .returned ? (line.reviewComment ?? "") : "",
                        entryHref: "/reports/\(form.code)/entry?org=\(organization.id.uuidString)&period=\(period.code)")
        }
        let selected = totals[period] ?? (ReportingRate(outcomes: []), nil)
        return Result(period: period, dueDate: question.dueDate, rate: selected.rate, own: selected.own,
                      year: parts.filter { $0.kind == period.kind && $0.start.year == period.start.year }.sorted { $0.start < $1.start }
                          .map { ($0, totals[$0]?.rate ?? ReportingRate(outcomes: [])) },
                      branches: branches, lines: lines, previous: page.previous, next: page.next)
    }
}

/// The `outcome` parameter of the rate page and API: outcomes separated by commas ("late,missing"), none for all.
enum RateOutcomeFilter {
    /// The choices the page offers, each a canonical `text`.
    static let choices: [(value: String, label: String)] = [
        ("", "Tất cả"),
        ("late,returned,draft,missing", "Trễ hạn hoặc chưa nộp"),
        ("returned,draft,missing", "Chưa nộp (bị trả lại, đang nhập, chưa có)"),
        ("onTime", ReporterOutcome.onTime.label), ("late", ReporterOutcome.late.label),
        ("returned", ReporterOutcome.returned.label), ("draft", ReporterOutcome.draft.label),
        ("missing", ReporterOutcome.missing.label),
    ]

    static func parse(_ text: String?) throws -> Set<ReporterOutcome> {
        var outcomes: Set<ReporterOutcome> = []
        for part in (text ?? "").prefix(200).split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let outcome = ReporterOutcome(rawValue: name) else {
                let known = ReporterOutcome.allCases.map { "\($0.rawValue) (\($0.label.lowercased()))" }.joined(separator: ", ")
                throw DomainError.invalid([.init(field: "outcome", message: "Tình hình \"\(name.prefix(30))\" không hợp lệ; dùng: \(known)")])
            }
            outcomes.insert(outcome)
        }
        return outcomes == Set(ReporterOutcome.allCases) ? [] : outcomes
    }

    /// "late,missing" in the order of `ReporterOutcome.allCases`; "" for every outcome.
    static func text(_ outcomes: Set<ReporterOutcome>) -> String {
        ReporterOutcome.allCases.filter(outcomes.contains).map(\.rawValue).joined(separator: ",")
    }
}
