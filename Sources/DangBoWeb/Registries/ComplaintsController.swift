import DangBoCore
import DangBoStorage
import Vapor

/// A denunciation or an appeal as a member's page lists it.
struct ComplaintLine: Encodable {
    var href: String
    var receivedOn: String
    var status: String
    var outcome: String
    var concludedOn: String

    init(_ item: some Complaint) {
        href = ComplaintsController.base(of: item) + "/\(item.id.uuidString)"
        receivedOn = item.receivedOn.vietnamese
        status = item.status.label
        outcome = item.outcomeLabel
        concludedOn = item.concludedOn?.vietnamese ?? ""
    }
}

/// The denunciation (`/denunciations`) and discipline appeal (`/appeals`) registries' pages (issue 8): a list of the
/// scope's letters newest recorded first (filter by status, keyset pages), a form to record one, and its page with
/// the conclusion form. Reading needs `viewDiscipline` (each letter shown is an audited reading), writing
/// `recordDiscipline`; refused input comes back on its form with what was typed and each problem beside its field.
struct ComplaintsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let denunciations = routes.grouped("denunciations")
        denunciations.get(use: denunciationList)
        denunciations.get("new", use: newDenunciation)
        denunciations.post(use: recordDenunciation)
        denunciations.get(":id", use: denunciation)
        denunciations.post(":id", "conclude", use: concludeDenunciation)
        let appeals = routes.grouped("appeals")
        appeals.get(use: appealList)
        appeals.get("new", use: newAppeal)
        appeals.post(use: recordAppeal)
        appeals.get(":id", use: appeal)
        appeals.post(":id", "conclude", use: concludeAppeal)
    }

    // MARK: Shared

    /// "/denunciations" or "/appeals": where a letter's pages are.
    static func base(of item: some Complaint) -> String { item is DisciplineAppeal ? "/appeals" : "/denunciations" }

    /// `GET /denunciations` and `GET /appeals`: the scope's letters of one kind (`page` reads them), newest recorded
    /// first, filtered by status.
    func list<Item: Complaint>(req: Request, base: String, title: String, view: String,
                               page: (Actor, ComplaintStatus?, KeysetDirection) async throws -> ComplaintPage<Item>) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewDiscipline)
        var filters = FilterProblems()
        let (status, direction) = try Self.listFilters(req, filters: &filters)
        let result = try await page(actor, status, direction)
        let rows = result.items.map { listing in
            Row(href: "\(base)/\(listing.item.id.uuidString)", subject: listing.memberName ?? listing.organizationName,
                organization: listing.organizationName, handler: listing.handlerName, actor: listing.item.actor.label,
                receivedOn: listing.item.receivedOn.vietnamese, status: listing.item.status.label, outcome: listing.item.outcomeLabel)
        }
        return try await req.view.render(view, ListPage(
            page: PageChrome(title: title, req: req), base: base, rows: rows, count: result.count.text,
            statuses: Self.statusChoices(status?.rawValue),
            pager: CursorPager(previous: result.previous, next: result.next) { base + queryString([("status", status?.rawValue), ($0, $1)]) },
            canRecord: actor.role.can(.recordDiscipline), problems: filters.problems)).encodeResponse(status: filters.status, for: req)
    }

    /// One row of a list: the subject, where it counts, who handles it, dates and outcome.
    struct Row: Encodable {
        var href: String
        var subject: String
        var organization: String
        var handler: String
        var actor: String
        var receivedOn: String
        var status: String
        var outcome: String
    }

    struct ListPage: Encodable {
        var page: PageChrome
        /// "/denunciations" or "/appeals".
        var base: String
        var rows: [Row]
        var count: String
        var statuses: [Choice]
        var pager: CursorPager
        var canRecord: Bool
        var problems: [FieldProblem]
    }

    /// A subject's fields as the forms post them: its kind, the member (card number, or id from a link) or the
    /// organization (code).
    struct Subject {
        var kind: DisciplineDecision.SubjectKind?
        var memberID: UUID?
        var organizationID: UUID?
    }

    static func subject(kind: String?, member: String?, organization: String?, req: Request, actor: Actor,
                        problems: inout [FieldProblem]) async throws -> Subject {
        var subject = Subject(kind: DisciplineDecision.SubjectKind(rawValue: kind ?? ""))
        switch subject.kind {
        case nil:
            problems.append(.init(field: "subjectKind", message: "Chọn đối tượng: đảng viên hay tổ chức đảng"))
        case .member:
            guard let text = member?.nilIfBlank.map({ String($0.prefix(60)) }) else {
                problems.append(.init(field: "member", message: "Ghi số thẻ đảng viên"))
                break
            }
            var id = UUID(uuidString: text)
            if id == nil { id = try await RegistryNames(database: req.db).members(cardNumbers: [text])[text] }
            if let id, let listing = try? await req.members.visible(id, to: actor) {
                subject.memberID = listing.member.id
                subject.organizationID = listing.member.organizationID
            } else {
                problems.append(.init(field: "member", message: "Không có đảng viên số thẻ \"\(text.prefix(20))\" trong phạm vi được phân quyền"))
            }
        case .organization:
            subject.organizationID = try await OrganizationReference.resolve(organization, field: "organizationID", missing: "Ghi mã tổ chức đảng",
                                                                             store: req.organizations, actor: actor, problems: &problems)?.id
        }
        return subject
    }

    static func handler(_ text: String?, req: Request, actor: Actor, problems: inout [FieldProblem]) async throws -> UUID? {
        try await OrganizationReference.resolve(text, field: "handlerOrganizationID", missing: "Ghi mã tổ chức giải quyết đơn",
                                                store: req.organizations, actor: actor, problems: &problems)?.id
    }

    /// The domain's problems, the member's named by the form's field, without repeating a field already reported.
    static func merge(_ problems: [FieldProblem], _ more: [FieldProblem]) -> [FieldProblem] {
        let reported = Set(problems.map(\.field))
        return problems + more.map { $0.field == "memberID" ? FieldProblem(field: "member", message: $0.message) : $0 }
            .filter { !reported.contains($0.field) }
    }

    static func statusChoices(_ selected: String?) -> [Choice] {
        [Choice(value: "", label: "Tất cả", isSelected: (selected ?? "").isEmpty)]
            + ComplaintStatus.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == selected) }
    }

    /// The status and cursor of a list request, each refused one a problem beside its filter.
    static func listFilters(_ req: Request, filters: inout FilterProblems) throws -> (ComplaintStatus?, KeysetDirection) {
        let status = try filters.read("status", fallback: nil) { () throws -> ComplaintStatus? in
            guard let text = req.query[String.self, at: "status"]?.nilIfBlank else { return nil }
            guard let status = ComplaintStatus(rawValue: text) else {
                throw DomainError.invalid([.init(field: "status", message: "Không có trạng thái \"\(text.prefix(20))\"")])
            }
            return status
        }
        let direction = try filters.read("after", fallback: .first) {
            try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        }
        return (status, direction)
    }

    static func subjectChoices(_ selected: String?) -> [Choice] {
        DisciplineDecision.SubjectKind.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == selected) }
    }

    static func actorChoices(_ selected: String?) -> [Choice] {
        InspectionActor.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == selected) }
    }

    static func yesNo(_ value: Bool?) -> String { value == true ? "có" : "không" }

    // MARK: Denunciations

    func denunciationList(req: Request) async throws -> Response {
        try await list(req: req, base: "/denunciations", title: "Đơn tố cáo", view: "complaints/denunciations") { actor, status, direction in
            try await ComplaintStore(database: req.db).denunciationPage(for: actor, status: status, organizations: req.organizations, direction: direction)
        }
    }

    struct DenunciationForm: Content {
        var subjectKind: String?
        var member: String?
        var organizationID: String?
        var handlerOrganizationID: String?
        var actor: String?
        var receivedOn: String?
        var denouncer: String?
        var content: String?
    }

    struct DenunciationFormPage: Encodable {
        var page: PageChrome
        var form: DenunciationForm
        var memberName: String
        var subjects: [Choice]
        var actors: [Choice]
        var organization: PickedOrganization
        var handler: PickedOrganization
        var problems: [FieldProblem]
    }

    func newDenunciation(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        var form = DenunciationForm(subjectKind: "member", handlerOrganizationID: scope.code, actor: InspectionActor.commission.rawValue,
                                    receivedOn: req.today.vietnamese)
        // From a member's page: the member is filled in.
        if let id = req.query[UUID.self, at: "member"] { form.member = try await Self.memberReference(req.members.visible(id, to: actor).member) }
        return try await renderDenunciationForm(req, actor: actor, form: form, problems: [])
    }

    func recordDenunciation(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let form = try req.content.decode(DenunciationForm.self)
        do {
            var problems: [FieldProblem] = []
            let subject = try await Self.subject(kind: form.subjectKind, member: form.member, organization: form.organizationID, req: req,
                                                 actor: actor, problems: &problems)
            let handler = try await Self.handler(form.handlerOrganizationID, req: req, actor: actor, problems: &problems)
            let role = InspectionActor(rawValue: form.actor ?? "")
            if role == nil { problems.append(.init(field: "actor", message: "Chọn cấp giải quyết: cấp ủy hay ủy ban kiểm tra")) }
            let day = FormDates.required(form.receivedOn, field: "receivedOn", label: "Ngày nhận đơn", problems: &problems)
            let item = Denunciation(
                subjectKind: subject.kind ?? .member, memberID: subject.memberID ?? (subject.kind == .organization ? nil : UUID()),
                organizationID: subject.organizationID ?? actor.scopeOrganizationID, handlerOrganizationID: handler ?? actor.scopeOrganizationID,
                actor: role ?? .commission, receivedOn: day ?? req.today, denouncer: String((form.denouncer ?? "").prefix(300)),
                content: String((form.content ?? "").prefix(2100)))
            problems = Self.merge(problems, item.problems(today: req.today))
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let recorded = try await ComplaintStore(database: req.db).record(item, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/denunciations/\(recorded.id.uuidString)",
                                                           notice: "Đã ghi đơn tố cáo nhận ngày \(recorded.receivedOn.vietnamese)")
        } catch DomainError.invalid(let problems) {
            return try await renderDenunciationForm(req, actor: actor, form: form, problems: Self.merge([], problems))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderDenunciationForm(_ req: Request, actor: Actor, form: DenunciationForm, problems: [FieldProblem]) async throws -> View {
        let memberName = await Self.memberName(form.member, req: req, actor: actor)
        return try await req.view.render("complaints/denunciation-form", DenunciationFormPage(
            page: PageChrome(title: "Ghi đơn tố cáo", req: req), form: form, memberName: memberName,
            subjects: Self.subjectChoices(form.subjectKind), actors: Self.actorChoices(form.actor),
            organization: await OrganizationReference.picked(form.organizationID, store: req.organizations, actor: actor),
            handler: await OrganizationReference.picked(form.handlerOrganizationID, store: req.organizations, actor: actor),
            problems: problems))
    }

    /// What the member field shows for a member: the card number, or the id when the member has none.
    static func memberReference(_ member: Member) -> String { member.fields.cardNumber ?? member.id.uuidString }

    /// The name beside the member field (an id from a link, or a card number typed), when it is in the scope.
    static func memberName(_ text: String?, req: Request, actor: Actor) async -> String {
        guard let text = text?.nilIfBlank else { return "" }
        let card = String(text.prefix(60))
        var id = UUID(uuidString: text)
        if id == nil { id = try? await RegistryNames(database: req.db).members(cardNumbers: [card])[card] }
        guard let id else { return "" }
        return (try? await req.members.visible(id, to: actor))?.member.fields.fullName ?? ""
    }

    struct ConcludeDenunciationForm: Content {
        var concludedOn: String?
        var outcome: String?
        var violation: String?
        var disciplineRequired: String?
        var conclusionNumber: String?
    }

    struct DenunciationPage: Encodable {
        var page: PageChrome
        var id: String
        var subject: String
        var subjectHref: String?
        var subjectKind: String
        var organization: String
        var handler: String
        var actor: String
        var receivedOn: String
        var denouncer: String
        var content: String
        var status: String
        var concludedOn: String
        var outcome: String
        var violation: String
        var disciplineRequired: String
        var conclusionNumber: String
        var canConclude: Bool
        var form: ConcludeDenunciationForm
        var outcomes: [Choice]
        var today: String
        var problems: [FieldProblem]
    }

    func denunciation(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewDiscipline)
        return try await renderDenunciation(req, actor: actor, id: try req.parameters.requireUUID("id"), form: nil, problems: [])
    }

    func concludeDenunciation(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordDiscipline)
        let id = try req.parameters.requireUUID("id")
        let form = try req.content.decode(ConcludeDenunciationForm.self)
        do {
            var problems: [FieldProblem] = []
            let day = FormDates.required(form.concludedOn, field: "concludedOn", label: "Ngày kết luận", problems: &problems)
            let outcome = DenunciationOutcome(rawValue: form.outcome ?? "")
            if outcome == nil { problems.append(.init(field: "outcome", message: "Chọn kết luận: tố đúng, tố đúng một phần hay tố sai")) }
            let conclusion = DenunciationConclusion(concludedOn: day, outcome: outcome, violation: form.violation == "1",
                                                    disciplineRequired: form.disciplineRequired == "1",
                                                    conclusionNumber: String((form.conclusionNumber ?? "").prefix(60)))
            guard problems.isEmpty else {
                // The store checks the rest; report what it would say about the other fields too.
                let found = try await ComplaintStore(database: req.db).denunciation(id, for: actor)
                throw DomainError.invalid(Self.merge(problems, found.concluded(with: conclusion).problems(today: req.today)))
            }
            _ = try await ComplaintStore(database: req.db).conclude(denunciation: id, with: conclusion, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/denunciations/\(id.uuidString)", notice: "Đã ghi kết luận")
        } catch DomainError.invalid(let problems) {
            return try await renderDenunciation(req, actor: actor, id: id, form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderDenunciation(_ req: Request, actor: Actor, id: UUID, form: ConcludeDenunciationForm?, problems: [FieldProblem]) async throws -> View {
        let store = ComplaintStore(database: req.db)
        let item = try await store.denunciation(id, for: actor)
        let names = try await RegistryNames(database: req.db).names(members: item.memberID.map { [$0] } ?? [], organizations: [item.organizationID, item.handlerOrganizationID])
        let form = form ?? ConcludeDenunciationForm(concludedOn: item.concludedOn?.vietnamese, outcome: item.outcome?.rawValue,
                                                    violation: item.violation == true ? "1" : nil,
                                                    disciplineRequired: item.disciplineRequired == true ? "1" : nil,
                                                    conclusionNumber: item.conclusionNumber)
        let organization = names.organizations[item.organizationID] ?? ""
        return try await req.view.render("complaints/denunciation", DenunciationPage(
            page: PageChrome(title: "Đơn tố cáo", req: req), id: id.uuidString,
            subject: item.memberID.flatMap { names.members[$0] } ?? organization,
            subjectHref: item.memberID.map { "/members/\($0.uuidString)#complaints" }, subjectKind: item.subjectKind.label,
            organization: organization, handler: names.organizations[item.handlerOrganizationID] ?? "", actor: item.actor.label,
            receivedOn: item.receivedOn.vietnamese, denouncer: item.denouncer, content: item.content, status: item.status.label,
            concludedOn: item.concludedOn?.vietnamese ?? "", outcome: item.outcome?.label ?? "",
            violation: item.outcome?.isFounded == true ? Self.yesNo(item.violation) : "",
            disciplineRequired: item.outcome?.isFounded == true ? Self.yesNo(item.disciplineRequired) : "",
            conclusionNumber: item.conclusionNumber ?? "", canConclude: actor.role.can(.recordDiscipline), form: form,
            outcomes: DenunciationOutcome.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.outcome) },
            today: req.today.vietnamese, problems: problems))
    }
}
