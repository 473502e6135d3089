import DangBoCore
import DangBoStorage
import Vapor

/// One discipline decision as the member's page lists it.
struct DisciplineLine: Encodable {
    var id: String
    var form: String
    var date: String
    var number: String
    var decidedBy: String
    var reason: String
    var notes: String

    init(_ decision: DisciplineDecision) {
        id = decision.id.uuidString
        form = decision.form.label
        date = decision.decisionDate.vietnamese
        number = decision.number
        decidedBy = decision.decidedBy.label
        reason = decision.reason
        notes = [decision.isCommitteeMember ? "là cấp ủy viên" : nil, decision.legalAction ? "xử lý pháp luật" : nil,
                 decision.administrativeAction ? "xử lý hành chính" : nil].compactMap { $0 }.joined(separator: ", ")
    }
}

/// Recording a discipline decision against a member, from the member's page: `GET /members/:id/discipline/new`,
/// `POST /members/:id/discipline`; against an organization, from its page: `/organizations/:id/discipline/new`. Only roles holding `recordDiscipline`, for a member in their subtree; a refused
/// decision comes back on the form with what was typed.
struct DisciplineController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("discipline", use: list)
        let member = routes.grouped("members", ":id", "discipline")
        member.get("new", use: newForm)
        member.post(use: record)
        let organization = routes.grouped("organizations", ":id", "discipline")
        organization.get("new", use: newOrganizationForm)
        organization.post(use: recordOrganization)
    }

    struct ListPage: Encodable {
        struct Row: Encodable {
            var subject: String
            var subjectHref: String?
            var organization: String
            var line: DisciplineLine
        }

        var page: PageChrome
        var rows: [Row]
        var count: String
        var pager: CursorPager
        var problems: [FieldProblem]
    }

    /// `GET /discipline?after=…|before=…`: the decisions counted in the account's subtree, newest recorded first, 50 a
    /// page by keyset with a count that stops at 1.000. Each decision listed is a reading and is audited.
    func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewDiscipline)
        var filters = FilterProblems()
        let direction = try filters.read("after", fallback: .first) {
            try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        }
        let result = try await DisciplineStore(database: req.db).page(for: actor, organizations: req.organizations, direction: direction)
        let rows = result.items.map { item in
            ListPage.Row(subject: item.memberName ?? item.organizationName,
                         subjectHref: item.decision.memberID.map { "/members/\($0.uuidString)#discipline" },
                         organization: item.organizationName, line: DisciplineLine(item.decision))
        }
        return try await req.view.render("discipline/list", ListPage(
            page: PageChrome(title: "Quyết định kỷ luật", req: req), rows: rows, count: result.count.text,
            pager: CursorPager(previous: result.previous, next: result.next) { "/discipline" + queryString([($0, $1)]) },
            problems: filters.problems)).encodeResponse(status: filters.status, for: req)
    }

    struct Form: Content {
        var form: String?
        var decidedBy: String?
        var deciderOrganizationID: String?
        var decisionDate: String?
        var number: String?
        var reason: String?
        var isCommitteeMember: String?
        var legalAction: String?
        var administrativeAction: String?
    }

    struct Page: Encodable {
        var page: PageChrome
        var memberID: String
        var memberName: String
        var form: Form
        var forms: [Choice]
        var bodies: [Choice]
        var decider: PickedOrganization
        var problems: [FieldProblem]
    }

    func newForm(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let listing = try await req.members.visible(try req.parameters.requireUUID("id"), to: actor)
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        return try await render(req, actor: actor, listing: listing,
                                form: Form(deciderOrganizationID: scope.code, decisionDate: req.today.vietnamese), problems: [])
    }

    func record(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let listing = try await req.members.visible(try req.parameters.requireUUID("id"), to: actor)
        let form = try req.content.decode(Form.self)
        do {
            var problems: [FieldProblem] = []
            let kind = DisciplineForm(rawValue: form.form ?? "")
            if kind == nil { problems.append(.init(field: "form", message: "Chọn hình thức kỷ luật")) }
            let body = DisciplineBody(rawValue: form.decidedBy ?? "")
            if body == nil { problems.append(.init(field: "decidedBy", message: "Chọn cấp quyết định")) }
            let decider = try await OrganizationReference.resolve(form.deciderOrganizationID, field: "deciderOrganizationID",
                                                                  missing: "Ghi mã tổ chức có cấp quyết định", store: req.organizations,
                                                                  actor: actor, problems: &problems)
            let day = FormDates.required(form.decisionDate, field: "decisionDate", label: "Ngày quyết định", problems: &problems)
            // The decision's own rules are checked even when a choice is missing, so every problem shows at once.
            let decision = DisciplineDecision(
                subjectKind: .member, memberID: listing.member.id, organizationID: listing.member.organizationID, form: kind ?? .reprimand,
                decidedBy: body ?? .cell, deciderOrganizationID: decider?.id ?? listing.member.organizationID,
                decisionDate: day ?? req.today, number: String((form.number ?? "").prefix(60)),
                reason: String((form.reason ?? "").prefix(2100)), isCommitteeMember: form.isCommitteeMember == "1",
                legalAction: form.legalAction == "1", administrativeAction: form.administrativeAction == "1")
            let reported = Set(problems.map(\.field))
            problems += decision.problems(today: req.today).filter { !reported.contains($0.field) }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let recorded = try await DisciplineStore(database: req.db).record(decision, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/members/\(listing.member.id.uuidString)#discipline",
                                                           notice: "Đã ghi quyết định kỷ luật số \(recorded.number)")
        } catch DomainError.invalid(let problems) {
            return try await render(req, actor: actor, listing: listing, form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func render(_ req: Request, actor: Actor, listing: MemberListing, form: Form, problems: [FieldProblem]) async throws -> View {
        try await req.view.render("discipline/form", Page(
            page: PageChrome(title: "Ghi quyết định kỷ luật", req: req), memberID: listing.member.id.uuidString,
            memberName: listing.member.fields.fullName, form: form,
            forms: DisciplineForm.allCases.filter { $0.applies(to: .member) }.map {
                Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.form)
            },
            bodies: DisciplineBody.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.decidedBy) },
            decider: await OrganizationReference.picked(form.deciderOrganizationID, store: req.organizations, actor: actor),
            problems: problems))
    }
}
