import DangBoCore
import DangBoStorage
import Vapor

/// The inspection and supervision registry's pages (issue 8): the overview of an organization and a year (progress of
/// its programs, of every case in its subtree, overdue requirements with a reminder), programs, cases planned,
/// started and concluded, and the follow-up of the conclusions' requirements. Reading needs `viewInspections`,
/// writing `recordInspections`; refused input comes back on its form with what was typed.
struct InspectionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let inspections = routes.grouped("inspections")
        inspections.get(use: overview)
        inspections.post("remind", use: remind)
        inspections.get("programs", "new", use: newProgram)
        inspections.post("programs", use: createProgram)
        inspections.get("programs", ":id", use: program)
        inspections.get("cases", "new", use: newCase)
        inspections.post("cases", use: createCase)
        inspections.get("cases", ":id", use: detail)
        inspections.post("cases", ":id", "start", use: start)
        inspections.post("cases", ":id", "conclude", use: conclude)
        inspections.post("requirements", ":id", use: followUp)
    }

    // MARK: Overview

    struct ProgressView: Encodable {
        var planned: String, started: String, concluded: String, late: String, total: String
        init(_ progress: InspectionProgress) {
            planned = VietnameseNumberFormat.integer(progress.planned)
            started = VietnameseNumberFormat.integer(progress.started)
            concluded = VietnameseNumberFormat.integer(progress.concluded)
            late = VietnameseNumberFormat.integer(progress.late)
            total = VietnameseNumberFormat.integer(progress.total)
        }
    }

    struct CaseLine: Encodable {
        var href: String, title: String, kind: String, status: String, planned: String, isLate: Bool
        init(_ item: InspectionCase, today: Day) {
            href = "/inspections/cases/\(item.id.uuidString)"
            title = item.title
            kind = item.kind.label
            status = item.status.label
            planned = "\(item.plannedStart.vietnamese) – \(item.plannedEnd.vietnamese)"
            isLate = item.isLate(today: today)
        }
    }

    struct OverviewPage: Encodable {
        struct ProgramLine: Encodable { var href: String; var title: String; var actor: String; var span: String; var progress: ProgressView }
        struct OverdueLine: Encodable { var caseHref: String; var caseTitle: String; var organization: String; var text: String; var due: String }
        var page: PageChrome
        var organization: PickedOrganization
        var organizationName: String
        var year: String
        var rolledUp: ProgressView
        var own: ProgressView
        var programs: [ProgramLine]
        var unplanned: [CaseLine]
        var overdue: [OverdueLine]
        var overdueCount: String
        var pager: CursorPager
        var canRecord: Bool
        var query: String
        var problems: [FieldProblem]
    }

    /// `GET /inspections?org=CODE&year=2024`: the chosen organization (default: the account's own) and year (default:
    /// this one).
    func overview(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewInspections)
        var filters = FilterProblems()
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        let asked = try await filters.read("org", fallback: nil) {
            try await OrganizationReference.resolve(req.query[String.self, at: "org"], field: "org", store: req.organizations, actor: actor)
        }
        let organization = asked ?? scope
        let year = try filters.read("year", fallback: req.today.year) { () throws -> Int in
            guard let text = req.query[String.self, at: "year"]?.nilIfBlank else { return req.today.year }
            guard let year = Int(text), (2000 ... 2100).contains(year) else {
                throw DomainError.invalid([.init(field: "year", message: "Năm \"\(text.prefix(10))\" không hợp lệ, ví dụ 2024")])
            }
            return year
        }
        let direction = try filters.read("after", fallback: .first) {
            try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        }
        let span = Period.year(year)!
        let store = InspectionStore(database: req.db)
        let overview = try await store.overview(of: organization.id, span: span, for: actor, organizations: req.organizations, direction: direction)
        let query = "?org=\(organization.code)&year=\(year)"
        return try await req.view.render("inspections/overview", OverviewPage(
            page: PageChrome(title: "Kiểm tra, giám sát", req: req),
            organization: PickedOrganization(value: organization.code, name: organization.name), organizationName: organization.name,
            year: String(year), rolledUp: ProgressView(overview.rolledUp), own: ProgressView(overview.own),
            programs: overview.programs.map {
                .init(href: "/inspections/programs/\($0.program.id.uuidString)", title: $0.program.title, actor: $0.program.actor.label,
                      span: "\($0.program.start.vietnamese) – \($0.program.end.vietnamese)", progress: ProgressView($0.progress))
            },
            unplanned: overview.unplanned.map { CaseLine($0, today: req.today) },
            overdue: overview.overdue.map {
                .init(caseHref: "/inspections/cases/\($0.requirement.caseID.uuidString)", caseTitle: $0.caseTitle,
                      organization: $0.organizationName, text: $0.requirement.text, due: $0.requirement.dueDate.vietnamese)
            },
            overdueCount: overview.overdueCount.text,
            pager: CursorPager(previous: overview.previous, next: overview.next) { "/inspections" + query + "&" + queryString([($0, $1)]).dropFirst() },
            canRecord: actor.role.can(.recordInspections), query: query, problems: filters.problems))
            .encodeResponse(status: filters.status, for: req)
    }

    struct RemindForm: Content { var org: String?; var year: String? }

    /// `POST /inspections/remind`: a reminder through the outbox to each organization with an overdue requirement on
    /// the overview's first page.
    func remind(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        let form = try req.content.decode(RemindForm.self)
        // A hidden field of the overview: an organization outside the scope is not found, as on any page.
        let organization = if let code = form.org?.nilIfBlank { try await req.organizations.visible(code: String(code.prefix(100)), to: actor) }
            else { try await req.organizations.visible(actor.scopeOrganizationID, to: actor) }
        let year = form.year.flatMap { Int($0) }.flatMap { (2000 ... 2100).contains($0) ? $0 : nil } ?? req.today.year
        let store = InspectionStore(database: req.db)
        let overview = try await store.overview(of: organization.id, span: Period.year(year)!, for: actor, organizations: req.organizations)
        let queued = try await store.remindOverdue(overview, by: actor)
        let notice = queued == 0 ? "Không có địa chỉ thư nào để nhắc (các tổ chức chưa có tài khoản có thư điện tử)"
            : "Đã đưa \(VietnameseNumberFormat.integer(queued)) thư nhắc vào hộp thư đi"
        return try await SessionAuthenticator.redirect(req, to: "/inspections?org=\(organization.code)&year=\(year)", notice: notice)
    }

    // MARK: Programs

    struct ProgramForm: Content {
        var organization: String?
        var actor: String?
        var scope: String?
        var title: String?
        var start: String?
        var end: String?
    }

    struct ProgramFormPage: Encodable {
        var page: PageChrome
        var form: ProgramForm
        var organization: PickedOrganization
        var actors: [Choice]
        var scopes: [Choice]
        var problems: [FieldProblem]
    }

    func newProgram(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        let year = req.today.year
        return try await renderProgram(req, actor: actor, form: ProgramForm(organization: scope.code, actor: nil, scope: "year",
                                                                            title: "Chương trình kiểm tra, giám sát năm \(year)",
                                                                            start: "1/1/\(year)", end: "31/12/\(year)"), problems: [])
    }

    func createProgram(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        let form = try req.content.decode(ProgramForm.self)
        do {
            var problems: [FieldProblem] = []
            let organization = try await OrganizationReference.resolve(form.organization, field: "organization", missing: "Ghi mã tổ chức thực hiện",
                                                                       store: req.organizations, actor: actor, problems: &problems)
            let who = InspectionActor(rawValue: form.actor ?? "")
            if who == nil { problems.append(.init(field: "actor", message: "Chọn chủ thể: cấp ủy hay ủy ban kiểm tra")) }
            let scope = InspectionProgram.Scope(rawValue: form.scope ?? "")
            if scope == nil { problems.append(.init(field: "scope", message: "Chọn chương trình toàn khóa hay hằng năm")) }
            let start = FormDates.required(form.start, field: "start", label: "Ngày bắt đầu", problems: &problems)
            let end = FormDates.required(form.end, field: "end", label: "Ngày kết thúc", problems: &problems)
            let program = InspectionProgram(organizationID: organization?.id ?? actor.scopeOrganizationID, actor: who ?? .committee,
                                            scope: scope ?? .term, title: String((form.title ?? "").prefix(400)),
                                            start: start ?? req.today, end: end ?? start ?? req.today)
            let reported = Set(problems.map(\.field))
            problems += program.problems().filter { !reported.contains($0.field) }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let created = try await InspectionStore(database: req.db).createProgram(program, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/inspections/programs/\(created.id.uuidString)", notice: "Đã lập \(created.title)")
        } catch DomainError.invalid(let problems) {
            return try await renderProgram(req, actor: actor, form: form, problems: problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderProgram(_ req: Request, actor: Actor, form: ProgramForm, problems: [FieldProblem]) async throws -> View {
        try await req.view.render("inspections/program-form", ProgramFormPage(
            page: PageChrome(title: "Lập chương trình kiểm tra, giám sát", req: req), form: form,
            organization: await OrganizationReference.picked(form.organization, store: req.organizations, actor: actor),
            actors: InspectionActor.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.actor) },
            scopes: InspectionProgram.Scope.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.scope) },
            problems: problems))
    }

    struct ProgramPage: Encodable {
        var page: PageChrome
        var title: String
        var organization: String
        var actor: String
        var span: String
        var progress: ProgressView
        var cases: [CaseLine]
        var newCaseHref: String?
        var backHref: String
    }

    func program(req: Request) async throws -> View {
        let actor = try req.requireActor()
        let (program, cases) = try await InspectionStore(database: req.db).program(try req.parameters.requireUUID("id"), for: actor)
        let organization = try await req.organizations.visible(program.organizationID, to: actor)
        var progress = InspectionProgress()
        for item in cases { progress.add(item.status, late: item.isLate(today: req.today)) }
        return try await req.view.render("inspections/program", ProgramPage(
            page: PageChrome(title: program.title, req: req), title: program.title, organization: organization.name,
            actor: program.actor.label, span: "\(program.start.vietnamese) – \(program.end.vietnamese)", progress: ProgressView(progress),
            cases: cases.map { CaseLine($0, today: req.today) },
            newCaseHref: actor.role.can(.recordInspections) ? "/inspections/cases/new?program=\(program.id.uuidString)" : nil,
            backHref: "/inspections?org=\(organization.code)&year=\(program.start.year)"))
    }

    // MARK: Cases

    struct CaseForm: Content {
        var program: String?
        var organization: String?
        var actor: String?
        var kind: String?
        var title: String?
        var plannedStart: String?
        var plannedEnd: String?
        var subjectOrganizations: String?
        var subjectMembers: String?
        var committeeMembers: String?
    }

    struct CaseFormPage: Encodable {
        var page: PageChrome
        var form: CaseForm
        var programTitle: String?
        var organization: PickedOrganization
        var actors: [Choice]
        var kinds: [Choice]
        var problems: [FieldProblem]
    }

    func newCase(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        var form = CaseForm()
        if let id = req.query[String.self, at: "program"].flatMap(UUID.init(uuidString:)) {
            let (program, _) = try await InspectionStore(database: req.db).program(id, for: actor)
            let organization = try await req.organizations.visible(program.organizationID, to: actor)
            form = CaseForm(program: id.uuidString, organization: organization.code, actor: program.actor.rawValue,
                            plannedStart: program.start.vietnamese, plannedEnd: program.end.vietnamese)
        } else {
            form.organization = try await req.organizations.visible(actor.scopeOrganizationID, to: actor).code
            form.kind = InspectionKind.signsOfViolation.rawValue
        }
        return try await renderCase(req, actor: actor, form: form, problems: [])
    }

    func createCase(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        let form = try req.content.decode(CaseForm.self)
        do {
            var problems: [FieldProblem] = []
            let organization = try await OrganizationReference.resolve(form.organization, field: "organization", missing: "Ghi mã tổ chức thực hiện",
                                                                       store: req.organizations, actor: actor, problems: &problems)
            let who = InspectionActor(rawValue: form.actor ?? "")
            if who == nil { problems.append(.init(field: "actor", message: "Chọn chủ thể: cấp ủy hay ủy ban kiểm tra")) }
            let kind = InspectionKind(rawValue: form.kind ?? "")
            if kind == nil { problems.append(.init(field: "kind", message: "Chọn loại cuộc kiểm tra, giám sát")) }
            let start = FormDates.required(form.plannedStart, field: "plannedStart", label: "Ngày dự kiến bắt đầu", problems: &problems)
            let end = FormDates.required(form.plannedEnd, field: "plannedEnd", label: "Ngày dự kiến kết thúc", problems: &problems)
            var subjects: [InspectionCase.Subject] = []
            do {
                subjects += try await OrganizationReference.resolveList(form.subjectOrganizations, field: "subjectOrganizations",
                                                                        store: req.organizations, actor: actor).map { .init(organizationID: $0.id) }
            } catch DomainError.invalid(let list) {
                problems += list
            }
            let cards = Self.codes(form.subjectMembers)
            let committee = Set(Self.codes(form.committeeMembers))
            let found = try await RegistryNames(database: req.db).members(cardNumbers: cards + Array(committee))
            for card in cards {
                if let id = found[card] {
                    subjects.append(.init(memberID: id, organizationID: organization?.id ?? actor.scopeOrganizationID, isCommitteeMember: committee.contains(card)))
                } else {
                    problems.append(.init(field: "subjectMembers", message: "Không có đảng viên số thẻ \"\(card.prefix(20))\""))
                }
            }
            for card in committee where !cards.contains(card) {
                problems.append(.init(field: "committeeMembers", message: "Số thẻ \(card.prefix(20)) không có trong danh sách đảng viên là đối tượng"))
            }
            let item = InspectionCase(programID: form.program.flatMap(UUID.init(uuidString:)), actorOrganizationID: organization?.id ?? actor.scopeOrganizationID,
                                      actor: who ?? .committee, kind: kind ?? .regularInspection, title: String((form.title ?? "").prefix(600)),
                                      plannedStart: start ?? req.today, plannedEnd: end ?? start ?? req.today, subjects: subjects)
            let reported = Set(problems.map(\.field))
            problems += item.problems().filter { !reported.contains($0.field) && !(kind == nil && $0.field == "kind") }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let planned = try await InspectionStore(database: req.db).plan(item, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/inspections/cases/\(planned.id.uuidString)", notice: "Đã lên kế hoạch: \(planned.title)")
        } catch DomainError.invalid(let problems) {
            return try await renderCase(req, actor: actor, form: form, problems: problems.map(Self.subjectField))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// A problem of "subjects[2]" belongs beside the subjects' fields of the form.
    static func subjectField(_ problem: FieldProblem) -> FieldProblem {
        problem.field.hasPrefix("subjects") ? FieldProblem(field: "subjectMembers", message: problem.message) : problem
    }

    func renderCase(_ req: Request, actor: Actor, form: CaseForm, problems: [FieldProblem]) async throws -> View {
        var programTitle: String?
        if let id = form.program.flatMap(UUID.init(uuidString:)) {
            programTitle = try? await InspectionStore(database: req.db).program(id, for: actor).program.title
        }
        return try await req.view.render("inspections/case-form", CaseFormPage(
            page: PageChrome(title: "Lên kế hoạch cuộc kiểm tra, giám sát", req: req), form: form, programTitle: programTitle,
            organization: await OrganizationReference.picked(form.organization, store: req.organizations, actor: actor),
            actors: InspectionActor.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.actor) },
            kinds: InspectionKind.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form.kind) },
            problems: problems))
    }

    struct DetailPage: Encodable {
        struct SubjectLine: Encodable {
            var index: Int
            var name: String
            var href: String?
            var kind: String
            var committee: Bool
            var finding: String
        }
        struct RequirementLine: Encodable {
            var id: String
            var organization: String
            var text: String
            var due: String
            var done: String?
            var followUp: String
            var isOverdue: Bool
        }
        struct Slot: Encodable { var index: Int; var number: Int }
        var page: PageChrome
        var caseID: String
        var item: CaseLine
        var slots: [Slot]
        var actor: String
        var organization: String
        var startedOn: String?
        var concludedOn: String?
        var conclusionNumber: String
        var conclusion: String
        var isSupervision: Bool
        var subjects: [SubjectLine]
        var requirements: [RequirementLine]
        var canStart: Bool
        var canConclude: Bool
        var canFollowUp: Bool
        var today: String
        var requirementOrganizations: [Choice]
        var form: ConcludeForm
        var problems: [FieldProblem]
    }

    func detail(req: Request) async throws -> View {
        let actor = try req.requireActor()
        return try await renderDetail(req, actor: actor, id: try req.parameters.requireUUID("id"), form: ConcludeForm(), problems: [])
    }

    func renderDetail(_ req: Request, actor: Actor, id: UUID, form: ConcludeForm, problems: [FieldProblem]) async throws -> View {
        let store = InspectionStore(database: req.db)
        let (item, requirements) = try await store.find(id, for: actor)
        let names = try await store.names(for: item, requirements: requirements)
        let writes = actor.role.can(.recordInspections)
        func finding(_ subject: InspectionCase.Subject) -> String {
            guard let violation = subject.violation else { return "" }
            var words = [violation ? (item.kind.isSupervision ? "Có dấu hiệu vi phạm" : "Có vi phạm") : "Không vi phạm"]
            if subject.disciplineRequired == true { words.append("phải thi hành kỷ luật") }
            if subject.referred == true { words.append("chuyển kiểm tra khi có dấu hiệu vi phạm") }
            return words.joined(separator: ", ")
        }
        let places = Array(Set(item.subjects.map(\.organizationID) + [item.actorOrganizationID]))
        return try await req.view.render("inspections/case", DetailPage(
            page: PageChrome(title: item.title, req: req), caseID: item.id.uuidString, item: CaseLine(item, today: req.today),
            slots: [.init(index: 0, number: 1), .init(index: 1, number: 2)], actor: item.actor.label,
            organization: names.organizations[item.actorOrganizationID] ?? "", startedOn: item.startedOn?.vietnamese,
            concludedOn: item.concludedOn?.vietnamese, conclusionNumber: item.conclusionNumber, conclusion: item.conclusion,
            isSupervision: item.kind.isSupervision,
            subjects: item.subjects.enumerated().map { index, subject in
                .init(index: index, name: subject.memberID.flatMap { names.members[$0] } ?? names.organizations[subject.organizationID] ?? "",
                      href: subject.memberID.map { "/members/\($0.uuidString)" }, kind: subject.kind.label, committee: subject.isCommitteeMember,
                      finding: finding(subject))
            },
            requirements: requirements.map {
                .init(id: $0.id.uuidString, organization: names.organizations[$0.organizationID] ?? "", text: $0.text, due: $0.dueDate.vietnamese,
                      done: $0.doneOn?.vietnamese, followUp: $0.followUp, isOverdue: $0.isOverdue(today: req.today))
            },
            canStart: writes && item.status == .planned, canConclude: writes && item.status != .concluded, canFollowUp: writes,
            today: req.today.vietnamese,
            requirementOrganizations: places.compactMap { id in names.organizations[id].map { Choice(value: id.uuidString, label: $0, isSelected: false) } }
                .sorted { $0.label < $1.label },
            form: form, problems: problems))
    }

    struct StartForm: Content { var startedOn: String? }

    func start(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        let id = try req.parameters.requireUUID("id")
        var problems: [FieldProblem] = []
        let day = FormDates.required(try req.content.decode(StartForm.self).startedOn, field: "startedOn", label: "Ngày bắt đầu", problems: &problems)
        do {
            guard let day, problems.isEmpty else { throw DomainError.invalid(problems) }
            _ = try await InspectionStore(database: req.db).start(id, on: day, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/inspections/cases/\(id.uuidString)", notice: "Đã ghi ngày bắt đầu \(day.vietnamese)")
        } catch DomainError.invalid(let problems) {
            return try await renderDetail(req, actor: actor, id: id, form: ConcludeForm(), problems: problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct ConcludeForm: Content {
        var concludedOn: String?
        var conclusionNumber: String?
        var conclusion: String?
        /// "1" per subject index that violated, had to be disciplined, was moved to an inspection.
        var violation: [String: String]?
        var disciplineRequired: [String: String]?
        var referred: [String: String]?
        var requirementOrganization: [String]?
        var requirementText: [String]?
        var requirementDue: [String]?
    }

    func conclude(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        let id = try req.parameters.requireUUID("id")
        let form = try req.content.decode(ConcludeForm.self)
        do {
            var problems: [FieldProblem] = []
            let day = FormDates.required(form.concludedOn, field: "concludedOn", label: "Ngày kết luận", problems: &problems)
            let (item, _) = try await InspectionStore(database: req.db).find(id, for: actor)
            let findings = item.subjects.indices.map { index in
                InspectionConclusion.Finding(violation: form.violation?[String(index)] == "1",
                                             disciplineRequired: form.disciplineRequired?[String(index)] == "1",
                                             referred: form.referred?[String(index)] == "1")
            }
            var requirements: [InspectionConclusion.Requirement] = []
            let texts = form.requirementText ?? []
            for (index, text) in texts.enumerated().prefix(20) where text.nilIfBlank != nil {
                let field = "requirements[\(index)].dueDate"
                let due = FormDates.required(form.requirementDue?[safe: index], field: field, label: "Hạn thực hiện yêu cầu thứ \(index + 1)", problems: &problems)
                guard let organization = form.requirementOrganization?[safe: index].flatMap(UUID.init(uuidString:)) else {
                    problems.append(.init(field: "requirements[\(index)].organizationID", message: "Yêu cầu thứ \(index + 1): chọn tổ chức thực hiện"))
                    continue
                }
                requirements.append(.init(organizationID: organization, text: String(text.prefix(2100)), dueDate: due ?? req.today))
            }
            guard let day, problems.isEmpty else { throw DomainError.invalid(problems) }
            _ = try await InspectionStore(database: req.db).conclude(id, with: InspectionConclusion(
                day: day, number: String((form.conclusionNumber ?? "").prefix(60)), text: String((form.conclusion ?? "").prefix(4100)),
                findings: findings, requirements: requirements), by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/inspections/cases/\(id.uuidString)", notice: "Đã ghi kết luận")
        } catch DomainError.invalid(let problems) {
            return try await renderDetail(req, actor: actor, id: id, form: form, problems: problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct FollowUpForm: Content { var doneOn: String?; var followUp: String?; var caseID: String? }

    func followUp(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordInspections)
        let id = try req.parameters.requireUUID("id")
        let form = try req.content.decode(FollowUpForm.self)
        let caseID = form.caseID.flatMap(UUID.init(uuidString:))
        do {
            var problems: [FieldProblem] = []
            let done = FormDates.optional(form.doneOn, field: "doneOn", label: "Ngày hoàn thành", problems: &problems)
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let requirement = try await InspectionStore(database: req.db).followUp(id, doneOn: done, note: String((form.followUp ?? "").prefix(2100)), by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/inspections/cases/\(requirement.caseID.uuidString)#requirements",
                                                           notice: done == nil ? "Đã ghi theo dõi" : "Đã ghi hoàn thành yêu cầu")
        } catch DomainError.invalid(let problems) {
            guard let caseID else { throw DomainError.invalid(problems) }
            return try await renderDetail(req, actor: actor, id: caseID, form: ConcludeForm(), problems: problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    // MARK: Helpers

    /// Card numbers typed one per line (or separated by commas, semicolons or spaces); more than 200 subjects are
    /// refused by the case's own rules.
    static func codes(_ text: String?) -> [String] { OrganizationReference.split(text, limit: 200) }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
