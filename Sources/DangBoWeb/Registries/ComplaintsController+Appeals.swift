import DangBoCore
import DangBoStorage
import Vapor

/// The discipline appeal pages: `/appeals`, `/appeals/new` (from a member's decision: `?decision=…`), `/appeals/:id`.
extension ComplaintsController {
    func appealList(req: Request) async throws -> Response {
        try await list(req: req, base: "/appeals", title: "Đơn khiếu nại kỷ luật", view: "complaints/appeals") { actor, status, direction in
            try await ComplaintStore(database: req.db).appealPage(for: actor, status: status, organizations: req.organizations, direction: direction)
        }
    }

    struct AppealForm: Content {
        var subjectKind: String?
        var member: String?
        var organizationID: String?
        /// The appealed decision's id, from the link on the decision.
        var decisionID: String?
        var handlerOrganizationID: String?
        var actor: String?
        var receivedOn: String?
        var content: String?
    }

    struct AppealFormPage: Encodable {
        var page: PageChrome
        var form: AppealForm
        var memberName: String
        var decision: String
        var subjects: [Choice]
        var actors: [Choice]
        var organization: PickedOrganization
        var handler: PickedOrganization
        var problems: [FieldProblem]
    }

    func newAppeal(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        var form = AppealForm(subjectKind: "member", handlerOrganizationID: scope.code, actor: InspectionActor.commission.rawValue,
                              receivedOn: req.today.vietnamese)
        if let id = req.query[UUID.self, at: "decision"] {
            // From a decision on a member's page: the appellant and the decision are filled in.
            let decision = try await DisciplineStore(database: req.db).find(id, for: actor)
            form.decisionID = decision.id.uuidString
            form.subjectKind = decision.subjectKind.rawValue
            if let memberID = decision.memberID { form.member = try await Self.memberReference(req.members.visible(memberID, to: actor).member) }
            if decision.subjectKind == .organization { form.organizationID = decision.organizationID.uuidString }
        } else if let id = req.query[UUID.self, at: "member"] {
            form.member = try await Self.memberReference(req.members.visible(id, to: actor).member)
        }
        return try await renderAppealForm(req, actor: actor, form: form, problems: [])
    }

    func recordAppeal(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let form = try req.content.decode(AppealForm.self)
        do {
            var problems: [FieldProblem] = []
            let subject = try await Self.subject(kind: form.subjectKind, member: form.member, organization: form.organizationID, req: req,
                                                 actor: actor, problems: &problems)
            let handler = try await Self.handler(form.handlerOrganizationID, req: req, actor: actor, problems: &problems)
            let role = InspectionActor(rawValue: form.actor ?? "")
            if role == nil { problems.append(.init(field: "actor", message: "Chọn cấp giải quyết: cấp ủy hay ủy ban kiểm tra")) }
            let day = FormDates.required(form.receivedOn, field: "receivedOn", label: "Ngày nhận đơn", problems: &problems)
            let decisionID = form.decisionID?.nilIfBlank.flatMap(UUID.init(uuidString:))
            let item = DisciplineAppeal(
                subjectKind: subject.kind ?? .member, memberID: subject.memberID ?? (subject.kind == .organization ? nil : UUID()),
                organizationID: subject.organizationID ?? actor.scopeOrganizationID, decisionID: decisionID,
                handlerOrganizationID: handler ?? actor.scopeOrganizationID, actor: role ?? .commission, receivedOn: day ?? req.today,
                content: String((form.content ?? "").prefix(2100)))
            problems = Self.merge(problems, item.problems(today: req.today))
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let recorded = try await ComplaintStore(database: req.db).record(item, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/appeals/\(recorded.id.uuidString)",
                                                           notice: "Đã ghi đơn khiếu nại kỷ luật nhận ngày \(recorded.receivedOn.vietnamese)")
        } catch DomainError.invalid(let problems) {
            return try await renderAppealForm(req, actor: actor, form: form, problems: Self.merge([], problems))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderAppealForm(_ req: Request, actor: Actor, form: AppealForm, problems: [FieldProblem]) async throws -> View {
        let memberName = await Self.memberName(form.member, req: req, actor: actor)
        var decision = ""
        if let id = form.decisionID?.nilIfBlank.flatMap(UUID.init(uuidString:)),
           let found = try? await DisciplineStore(database: req.db).find(id, for: actor) {
            decision = found.caption
        }
        return try await req.view.render("complaints/appeal-form", AppealFormPage(
            page: PageChrome(title: "Ghi đơn khiếu nại kỷ luật", req: req), form: form, memberName: memberName, decision: decision,
            subjects: Self.subjectChoices(form.subjectKind), actors: Self.actorChoices(form.actor),
            organization: await OrganizationReference.picked(form.organizationID, store: req.organizations, actor: actor),
            handler: await OrganizationReference.picked(form.handlerOrganizationID, store: req.organizations, actor: actor),
            problems: problems))
    }

    struct ConcludeAppealForm: Content {
        var concludedOn: String?
        var outcome: String?
        var conclusionNumber: String?
    }

    struct AppealPage: Encodable {
        var page: PageChrome
        var id: String
        var subject: String
        var subjectHref: String?
        var subjectKind: String
        var organization: String
        var decision: String
        var handler: String
        var actor: String
        var receivedOn: String
        var content: String
        var status: String
        var concludedOn: String
        var outcome: String
        var conclusionNumber: String
        var canConclude: Bool
        var form: ConcludeAppealForm
        var outcomes: [Choice]
        var today: String
        var problems: [FieldProblem]
    }

    func appeal(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewDiscipline)
        return try await renderAppeal(req, actor: actor, id: try req.parameters.requireUUID("id"), form: nil, problems: [])
    }

    func concludeAppeal(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let id = try req.parameters.requireUUID("id")
        let form = try req.content.decode(ConcludeAppealForm.self)
        do {
            var problems: [FieldProblem] = []
            let day = FormDates.required(form.concludedOn, field: "concludedOn", label: "Ngày kết luận", problems: &problems)
            let outcome = AppealOutcome(rawValue: form.outcome ?? "")
            if outcome == nil { problems.append(.init(field: "outcome", message: "Chọn kết luận giải quyết khiếu nại")) }
            let number = String((form.conclusionNumber ?? "").prefix(60))
            guard problems.isEmpty else {
                let found = try await ComplaintStore(database: req.db).appeal(id, for: actor)
                throw DomainError.invalid(Self.merge(problems, found.concluded(on: day, outcome: outcome, number: number).problems(today: req.today)
                    .filter { !["decisionID", "receivedOn"].contains($0.field) }))
            }
            _ = try await ComplaintStore(database: req.db).conclude(appeal: id, on: day, outcome: outcome, number: number, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/appeals/\(id.uuidString)", notice: "Đã ghi kết luận")
        } catch DomainError.invalid(let problems) {
            return try await renderAppeal(req, actor: actor, id: id, form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderAppeal(_ req: Request, actor: Actor, id: UUID, form: ConcludeAppealForm?, problems: [FieldProblem]) async throws -> View {
        let store = ComplaintStore(database: req.db)
        let item = try await store.appeal(id, for: actor)
        let names = try await RegistryNames(database: req.db).names(members: item.memberID.map { [$0] } ?? [], organizations: [item.organizationID, item.handlerOrganizationID])
        var decision = ""
        if let decisionID = item.decisionID, let found = try? await DisciplineStore(database: req.db).find(decisionID, for: actor) {
            decision = found.caption
        }
        let form = form ?? ConcludeAppealForm(concludedOn: item.concludedOn?.vietnamese, outcome: item.outcome?.rawValue,
                                              conclusionNumber: item.conclusionNumber)
        let organization = names.organizations[item.organizationID] ?? ""
        return try await req.view.render("complaints/appeal", AppealPage(
            page: PageChrome(title: "Đơn khiếu nại kỷ luật", req: req), id: id.uuidString,
            subject: item.memberID.flatMap { names.members[$0] } ?? organization,
            subjectHref: item.memberID.map { "/members/\($0.uuidString)#complaints" }, subjectKind: item.subjectKind.label,
            organization: organization, decision: decision, handler: names.organizations[item.handlerOrganizationID] ?? "",
            actor: item.actor.label, receivedOn: item.receivedOn.vietnamese, content: item.content, status: item.status.label,
            concludedOn: item.concludedOn?.vietnamese ?? "", outcome: item.outcome?.label ?? "", conclusionNumber: item.conclusionNumber ?? "",
            canConclude: actor.role.can(.recordDiscipline), form: form,
            outcomes: AppealOutcome.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.outcome) },
            today: req.today.vietnamese, problems: problems))
    }
}
