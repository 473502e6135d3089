import DangBoCore
import DangBoStorage
import Vapor

/// Expected reporters of a form for a period (the tree as it was at the period's end, open during the period, of
/// the levels and kinds the form names) and how each stands.
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
        var lines: [Line]
    }

    let req: Request

    func expected(form: FormDefinition, root: UUID, period: Period) async throws -> [Organization] {
        try await req.organizations.subtreeOrganizations(root: root, on: period.end, levels: form.reporters.levels)
            .filter { form.isExpected($0, in: period) }
    }

    func result(form: FormDefinition, root: UUID, period: Period, withContacts: Bool = true) async throws -> Result {
        let organizations = try await expected(form: form, root: root, period: period)
        let entries = try await req.reports.summaries(form: form.code, period: period.code, root: root, on: period.end)
        let contacts = withContacts ? try await ReporterDirectory(database: req.db).contacts(under: root, on: period.end) : [:]
        let due = form.dueDate(for: period)
        let lines = organizations.map { organization -> Line in
            let entry = entries[organization.id]
            let outcome = ReporterOutcome.of(status: entry?.status, submittedOn: entry?.submittedAt.map { Day($0) }, dueDate: due)
            return Line(organizationID: organization.id.uuidString, name: organization.name, code: organization.code,
                        cluster: organization.cluster ?? "", outcome: outcome, outcomeLabel: outcome.label,
                        submittedAt: entry?.submittedAt.map(AuditQuery.format) ?? "", contact: contacts[organization.id]?.display ?? "",
                        reviewComment: entry?.status == .returned ? (entry?.reviewComment ?? "") : "",
                        entryHref: "/reports/\(form.code)/entry?org=\(organization.id.uuidString)&period=\(period.code)")
        }
        return Result(period: period, dueDate: due, rate: ReportingRate(outcomes: lines.map(\.outcome)), lines: lines)
    }
}
