import DangBoCore
import DangBoStorage
import Vapor

/// A discipline decision against an organization (reprimand, warning, dissolution), from the organization's page.
extension DisciplineController {
    struct OrganizationPage: Encodable {
        var page: PageChrome
        var organizationID: String
        var organizationName: String
        var form: Form
        var forms: [Choice]
        var bodies: [Choice]
        var decider: PickedOrganization
        var problems: [FieldProblem]
    }

    func newOrganizationForm(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let organization = try await req.organizations.visible(try req.parameters.requireUUID("id"), to: actor)
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        return try await renderOrganization(req, actor: actor, organization: organization,
                                            form: Form(deciderOrganizationID: scope.code, decisionDate: req.today.vietnamese), problems: [])
    }

    func recordOrganization(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let organization = try await req.organizations.visible(try req.parameters.requireUUID("id"), to: actor)
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
            let decision = DisciplineDecision(
                subjectKind: .organization, memberID: nil, organizationID: organization.id, form: kind ?? .reprimand,
                decidedBy: body ?? .partyCommittee, deciderOrganizationID: decider?.id ?? organization.id, decisionDate: day ?? req.today,
                number: String((form.number ?? "").prefix(60)), reason: String((form.reason ?? "").prefix(2100)))
            let reported = Set(problems.map(\.field))
            problems += decision.problems(today: req.today).filter { !reported.contains($0.field) }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let recorded = try await DisciplineStore(database: req.db).record(decision, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/discipline",
                                                           notice: "Đã ghi quyết định kỷ luật số \(recorded.number) đối với \(organization.name)")
        } catch DomainError.invalid(let problems) {
            return try await renderOrganization(req, actor: actor, organization: organization, form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderOrganization(_ req: Request, actor: Actor, organization: Organization, form: Form, problems: [FieldProblem]) async throws -> View {
        try await req.view.render("discipline/organization-form", OrganizationPage(
            page: PageChrome(title: "Ghi quyết định kỷ luật tổ chức đảng", req: req), organizationID: organization.id.uuidString,
            organizationName: organization.name, form: form,
            forms: DisciplineForm.allCases.filter { $0.applies(to: .organization) }.map {
                Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.form)
            },
            bodies: DisciplineBody.allCases.filter { $0 != .cell }.map {
                Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.decidedBy)
            },
            decider: await OrganizationReference.picked(form.deciderOrganizationID, store: req.organizations, actor: actor),
            problems: problems))
    }
}
