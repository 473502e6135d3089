import DangBoCore
import DangBoStorage
import Vapor

extension ReportEntry: Content {}
extension RenderedTable: Content {}

struct FormSummary: Content {
    var code: String
    var appendix: String
    var title: String
    var periodType: String
    var entryColumns: [String]
    var rows: [String]
}

struct EntryRequest: Content {
    var version: Int
    var cells: [String: CellValue]
    var submit: Bool?
    var warningComment: String?
    var comment: String?
}

struct ReviewRequest: Content {
    var version: Int
    var approve: Bool
    var comment: String?
}

struct EntryResponse: Content {
    var entry: ReportEntry?
    var dueDate: Day
    var isLocked: Bool
    var problems: [FieldProblem]
}

struct RateResponse: Content {
    var period: String
    var dueDate: Day
    var rate: ReportingRate
    var organizations: [RateLine]

    struct RateLine: Content {
        var organizationID: String
        var code: String
        var name: String
        var outcome: ReporterOutcome
        var contact: String
    }
}

extension ReportingRate: Content {}

/// /api/v1/reports: forms, entries (read, save, submit), review, roll-up and reporting rate, with the same rules and
/// authorization as the pages.
struct ReportsApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reports = routes.grouped("reports")
        reports.get("forms", use: forms)
        let form = reports.grouped(":form")
        form.get("entry", use: entry)
        form.put("entry", use: save)
        form.post("review", use: review)
        form.get("rollup", use: rollUp)
        form.get("rate", use: rate)
    }

    func forms(req: Request) async throws -> [FormSummary] {
        _ = try req.requireActor()
        return req.forms.forms.map {
            FormSummary(code: $0.code, appendix: $0.appendix, title: $0.title, periodType: $0.periodType.rawValue,
                        entryColumns: $0.entryColumns.map(\.key), rows: $0.rows.map(\.key))
        }
    }

    func entry(req: Request) async throws -> EntryResponse {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        try ReportAccess.requireEntryPeriod(target.period, of: target.form)
        let (entry, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        return EntryResponse(entry: entry, dueDate: workflow.dueDate, isLocked: workflow.isLockedByDeadline, problems: [])
    }

    func save(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        try ReportAccess.requireEntryPeriod(target.period, of: target.form)
        let body = try req.content.decode(EntryRequest.self)
        var inputs: [CellKey: String] = [:]
        var problems: [FieldProblem] = []
        for (key, value) in body.cells {
            guard let cell = CellKey(parsing: key) else {
                problems.append(.init(field: key, message: "Ô \"\(key.prefix(40))\" không hợp lệ; viết dòng:cột, ví dụ r1a:n"))
                continue
            }
            switch value {
            case .number(let number): inputs[cell] = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            case .text(let text): inputs[cell] = String(text.prefix(600))
            }
        }
        let (existing, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        for (cell, _) in inputs where !target.form.entryCells.contains(cell) {
            problems.append(.init(field: cell.description, message: "Ô \(cell) không có trong biểu \(target.form.code) hoặc không nhập số liệu"))
        }
        // Cells not sent keep their stored values.
        for stored in existing?.cells ?? [] {
            let key = CellKey(row: stored.row, column: stored.column)
            if inputs[key] == nil { inputs[key] = EntryPage.inputs(form: target.form, cells: [stored])[key] }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let submitting = body.submit ?? false
        let status = try EntryWorkflow.next(submitting ? .submit : .save, in: workflow)
        let outcome = EntrySubmission.evaluate(form: target.form, period: target.period, inputs: inputs, submitting: submitting,
                                               warningComment: body.warningComment)
        guard outcome.problems.isEmpty else { throw DomainError.invalid(outcome.problems) }
        let saved = try await req.reports.save(form: target.form.code, organization: target.organization.id, period: target.period.slot,
                                               cells: outcome.cells, version: body.version, status: status,
                                               warningComment: body.warningComment?.nilIfBlank, comment: body.comment?.nilIfBlank, by: actor)
        return try await EntryResponse(entry: saved, dueDate: workflow.dueDate, isLocked: false, problems: [])
            .encodeResponse(status: existing == nil ? .created : .ok, for: req)
    }

    func review(req: Request) async throws -> ReportEntry {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        let body = try req.content.decode(ReviewRequest.self)
        let (stored, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        guard let entry = stored else { throw DomainError.notFound("Chưa có báo cáo để duyệt") }
        let status = try EntryWorkflow.next(body.approve ? .approve : .giveBack, in: workflow)
        return try await req.reports.review(entry.id, version: body.version, to: status, comment: body.comment, by: actor)
    }

    /// The rolled-up printed table of any organization in the actor's subtree for any span (`span`), live.
    func rollUp(req: Request) async throws -> RenderedTable {
        try await ReportTablesController.load(req: req, actor: try req.requireActor()).table
    }

    func rate(req: Request) async throws -> RateResponse {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        let form = try req.form(req.parameters.get("form"))
        let period = try ReportAccess.period(req, parameter: "period", form: form)
        try ReportAccess.requireEntryPeriod(period, of: form)
        let result = try await ReportingRateService(req: req).result(form: form, root: actor.scopeOrganizationID, period: period)
        return RateResponse(period: period.code, dueDate: result.dueDate, rate: result.rate, organizations: result.lines.map {
            .init(organizationID: $0.organizationID, code: $0.code, name: $0.name, outcome: $0.outcome, contact: $0.contact)
        })
    }
}
