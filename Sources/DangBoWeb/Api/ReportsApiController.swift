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

/// `decision`: "approve" or "return".
struct ReviewRequest: Content {
    var version: Int
    var decision: ReviewDecision
    var comment: String?
}

struct ExceptionRequest: Content {
    var until: Day
    var reason: String
}

struct ExceptionResponse: Content {
    var until: Day
    var dueDate: Day
}

struct EntryResponse: Content {
    var entry: ReportEntry?
    var dueDate: Day
    var isLocked: Bool
    var problems: [FieldProblem]
}

/// The reporting rate under one organization: its subtree's counts, each direct child's, and one page of the expected
/// reporters (filtered by `outcome`), read by keyset like the member list.
struct RateResponse: Content {
    var period: String
    var dueDate: Day
    var organizationID: UUID
    var rate: ReportingRate
    /// The organization's own outcome when it is itself an expected reporter.
    var own: ReporterOutcome?
    var children: [ChildRate]
    /// Pass as `childrenAfter` for the next children; absent when all are listed.
    var childrenNextCursor: String?
    /// One page of the expected reporters with the outcome asked for.
    var organizations: [RateLine]
    /// How many expected reporters have the outcome asked for (exact: counted in the database).
    var count: Int
    var pageSize: Int
    /// Pass as `after` for the next page; absent on the last page.
    var nextCursor: String?
    /// Pass as `before` for the previous page; absent on the first page.
    var previousCursor: String?

    struct RateLine: Content {
        var organizationID: String
        var code: String
        var name: String
        var outcome: ReporterOutcome
        var contact: String
    }

    struct ChildRate: Content {
        var organizationID: UUID
        var code: String
        var name: String
        var rate: ReportingRate
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
        form.post("exception", use: grantException)
        form.get("rollup", use: rollUp)
        form.get("rate", use: rate)
    }

    func forms(req: Request) async throws -> [FormSummary] {
        try req.requireActor().require(.viewReports)
        return req.forms.forms.map {
            FormSummary(code: $0.code, appendix: $0.appendix, title: $0.title, periodType: $0.periodType.rawValue,
                        entryColumns: $0.entryColumns.map(\.key), rows: $0.rows.map(\.key))
        }
    }

    func entry(req: Request) async throws -> EntryResponse {
        let actor = try req.requireActor()
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let (entry, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        return EntryResponse(entry: entry, dueDate: workflow.dueDate, isLocked: workflow.isLockedByDeadline, problems: [])
    }

    /// Saves the cells sent; cells not sent keep their stored values, and so does the warning explanation when
    /// `warningComment` is absent. JSON numbers are taken as numbers (0.125 is a decimal, never 125).
    func save(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let body = try req.content.decode(EntryRequest.self)
        var inputs: [CellKey: String] = [:]
        var problems: [FieldProblem] = []
        for (key, value) in body.cells {
            guard let cell = CellKey(parsing: key) else {
                problems.append(.init(field: key, message: "Ô \"\(key.prefix(40))\" không hợp lệ; viết dòng:cột, ví dụ r1a:n"))
                continue
            }
            switch value {
            case .number(let number): inputs[cell] = CellValue.number(number).formatted(as: .number)
            case .text(let text): inputs[cell] = String(text.prefix(600))
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let existing = try await req.reports.entry(form: target.form.code, organization: target.organization.id, period: target.period.code)
        for stored in existing?.cells ?? [] {
            let key = CellKey(row: stored.row, column: stored.column)
            if inputs[key] == nil { inputs[key] = EntryPage.inputs(form: target.form, cells: [stored])[key] }
        }
        let saved = try await EntrySaving.save(req: req, actor: actor, target: target, input: .init(
            inputs: inputs, version: body.version, submitting: body.submit ?? false,
            warningComment: body.warningComment, comment: body.comment))
        let due = target.form.dueDate(for: target.period)
        return try await EntryResponse(entry: saved, dueDate: due, isLocked: false, problems: [])
            .encodeResponse(status: existing == nil ? .created : .ok, for: req)
    }

    func review(req: Request) async throws -> ReportEntry {
        let actor = try req.requireActor()
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let body = try req.content.decode(ReviewRequest.self)
        return try await EntryReviewing.review(req: req, actor: actor, target: target, decision: body.decision,
                                               version: body.version, comment: body.comment)
    }

    /// Extends one entry's deadline (bloc office or administrator above the organization).
    func grantException(req: Request) async throws -> ExceptionResponse {
        let actor = try req.requireActor()
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let body = try req.content.decode(ExceptionRequest.self)
        try await ReportAccess.grantException(req, actor: actor, target: target, until: body.until, reason: body.reason)
        let until = try await req.reports.exception(form: target.form.code, organization: target.organization.id, period: target.period.code)
        return ExceptionResponse(until: until ?? body.until, dueDate: target.form.dueDate(for: target.period))
    }

    /// The rolled-up printed table of any organization in the actor's subtree for any span (`span`), live.
    func rollUp(req: Request) async throws -> RenderedTable {
        try await ReportTablesController.load(req: req, actor: try req.requireActor()).table
    }

    /// `?period=&org=&outcome=late,missing&pageSize=&after=|before=&childrenAfter=`.
    func rate(req: Request) async throws -> RateResponse {
        let actor = try req.requireActor()
        try actor.require(.viewReports)
        let form = try req.form(req.parameters.get("form"))
        let period = try ReportAccess.period(req, parameter: "period", form: form)
        try ReportAccess.requireEntryPeriod(period, of: form)
        let root = try await req.organizations.visible(try ApiQuery.uuid(req, "org") ?? actor.scopeOrganizationID, to: actor)
        let outcomes = try RateOutcomeFilter.parse(req.query[String.self, at: "outcome"])
        let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        let childrenAfter = try req.query[String.self, at: "childrenAfter"]?.nilIfBlank.map { try KeysetCursor(token: $0, field: "childrenAfter") }
        let pageSize = min(max(req.query[Int.self, at: "pageSize"] ?? ReportingRateService.pageSize, 1), ReportingRateQuery.maxPageSize)
        let result = try await ReportingRateService(req: req).result(form: form, root: root.id, period: period, outcomes: outcomes,
                                                                     direction: direction, pageSize: pageSize, branchesAfter: childrenAfter)
        return RateResponse(
            period: period.code, dueDate: result.dueDate, organizationID: root.id, rate: result.rate, own: result.own,
            children: result.branches.branches.map {
                .init(organizationID: $0.organization.id, code: $0.organization.code, name: $0.organization.name, rate: $0.rate)
            },
            childrenNextCursor: result.branches.next?.token,
            organizations: result.lines.map {
                .init(organizationID: $0.organizationID, code: $0.code, name: $0.name, outcome: $0.outcome, contact: $0.contact)
            },
            count: result.rate.count(of: outcomes), pageSize: pageSize,
            nextCursor: result.next?.token, previousCursor: result.previous?.token)
    }
}
