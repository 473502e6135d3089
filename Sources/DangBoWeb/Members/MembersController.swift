import DangBoCore
import DangBoStorage
import Vapor

/// Member registry pages: list (search, filter, page), detail, create, edit, transfer, delete.
struct MembersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped("members")
        members.get(use: list)
        members.get("new", use: newForm)
        members.post(use: create)
        members.get(":id", use: detail)
        members.get(":id", "edit", use: editForm)
        members.post(":id", "edit", use: update)
        members.post(":id", "transfer", use: transfer)
        members.post(":id", "delete", use: delete)
    }

    /// `/members?q=…&org=…&status=…&after=…|before=…`: 50 members in Vietnamese order from a keyset cursor, with a count
    /// that stops at 10.000. A cursor that was edited comes back as a message on the page (422), the search kept.
    func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewMembers)
        let q = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let orgText = req.query[String.self, at: "org"] ?? ""
        let statusText = req.query[String.self, at: "status"] ?? ""
        // Filters that cannot be read come back beside their field, with the search kept and no list.
        var filters = FilterProblems()
        let status = try filters.read("status", fallback: .onRegistry) { try MemberStatusFilter.parse(statusText) }
        let organizationID = orgText.isEmpty ? nil : UUID(uuidString: orgText)
        if !orgText.isEmpty && organizationID == nil {
            _ = try filters.read("org", fallback: ()) { throw DomainError.notFound("Không tìm thấy tổ chức \"\(orgText.prefix(40))\"") }
        }
        let orgName = try await filters.read("org", fallback: nil) {
            try await organizationID.asyncMap { try await req.organizations.visible($0, to: actor).name }
        }
        func render(_ result: MemberPage?, problems: [FieldProblem]) async throws -> View {
            let keep: [(String, String?)] = [("q", q), ("org", orgText), ("status", statusText)]
            let pager = CursorPager(previous: result?.previous, next: result?.next) { "/members" + queryString(keep + [($0, $1)]) }
            var page = MemberListPage(
                page: PageChrome(title: orgName.map { "Đảng viên — \($0)" } ?? "Đảng viên", req: req),
                rows: (result?.items ?? []).map { MemberRow($0, today: req.today) }, pager: pager,
                firstPageHref: "/members" + queryString(keep), count: result?.count.text ?? "",
                problems: problems, q: q, organizationID: orgText, organizationName: orgName,
                statuses: MemberStatusFilter.choices(selected: statusText), canManage: actor.role.can(.manageMembers))
            page.canSeeDiscipline = actor.role.can(.viewDiscipline)
            page.canSeeRatings = actor.role.can(.viewRatings)
            return try await req.view.render("members/list", page)
        }
        guard filters.isEmpty else {
            return try await render(nil, problems: filters.problems).encodeResponse(status: filters.status, for: req)
        }
        do {
            let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
            let result = try await req.members.list(
                MemberListQuery(organizationID: organizationID, text: q, status: status, direction: direction, pageSize: 50), for: actor)
            return try await render(result, problems: []).encodeResponse(for: req)
        } catch DomainError.invalid(let problems) where problems.contains(where: { $0.field == "after" || $0.field == "before" }) {
            return try await render(nil, problems: problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func detail(req: Request) async throws -> View {
        try await renderDetail(req: req, id: try req.parameters.requireUUID("id"), transfer: nil, problems: [])
    }

    func renderDetail(req: Request, id: UUID, transfer: TransferForm?, problems: [FieldProblem]) async throws -> View {
        let actor = try req.requireActor()
        let listing = try await req.members.visible(id, to: actor)
        var placements: [MemberDetailPage.Placement] = []
        for assignment in try await req.members.assignments(of: listing.member.id) {
            let name = try await req.organizations.find(assignment.organizationID)?.name ?? ""
            placements.append(.init(organizationName: name, from: assignment.validFrom.vietnamese, to: assignment.validTo?.vietnamese ?? "nay"))
        }
        let canManage = actor.role.can(.manageMembers)
        var page = MemberDetailPage(
            page: PageChrome(title: listing.member.fields.fullName, req: req), listing: listing, placements: placements,
            canManage: canManage,
            transferTo: await OrganizationReference.picked(transfer?.organizationID, store: req.organizations, actor: actor),
            transferDay: transfer?.day, problems: problems, today: req.today)
        // Discipline is sensitive: only those who may read it see the section, and each decision they see is audited.
        page.canSeeDiscipline = actor.role.can(.viewDiscipline) || (actor.role == .member && actor.memberID == listing.member.id)
        page.canRecordDiscipline = actor.role.can(.recordDiscipline)
        if page.canSeeDiscipline {
            page.discipline = try await DisciplineStore(database: req.db).decisions(ofMember: listing.member.id, for: actor).map(DisciplineLine.init)
        }
        page.ratings = try await QualityRatingStore(database: req.db).ratings(ofMember: listing.member.id, for: actor)
            .filter { $0.subject == .member }.map(RatingLine.init)
        let complaints = ComplaintStore(database: req.db)
        page.denunciations = try await complaints.denunciations(ofMember: listing.member.id, for: actor).map(ComplaintLine.init)
        page.appeals = try await complaints.appeals(ofMember: listing.member.id, for: actor).map(ComplaintLine.init)
        return try await req.view.render("members/detail", page)
    }

    func newForm(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.manageMembers)
        var form = MemberForm()
        form.organizationID = req.query[String.self, at: "org"]
        form.status = MemberStatus.active.rawValue
        return try await renderForm(req: req, actor: actor, form: form, action: "/members", problems: [], isEdit: false)
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageMembers)
        let form = try req.content.decode(MemberForm.self)
        do {
            var problems: [FieldProblem] = []
            var cell: Organization?
            do {
                cell = try await OrganizationReference.resolve(form.organizationID, field: "organizationID", store: req.organizations, actor: actor)
                if cell == nil { problems.append(.init(field: "organizationID", message: "Chọn chi bộ sinh hoạt")) }
            } catch DomainError.invalid(let list) {
                problems += list
            }
            var fields: MemberFields?
            do { fields = try form.fields() } catch DomainError.invalid(let list) { problems += list }
            guard problems.isEmpty, let cell, let fields else { throw DomainError.invalid(problems) }
            let member = try await req.members.create(fields, in: cell.id, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/members/\(member.id.uuidString)", notice: "Đã thêm \(member.fields.fullName)")
        } catch DomainError.invalid(let problems) {
            return try await renderForm(req: req, actor: actor, form: form, action: "/members", problems: problems, isEdit: false)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func editForm(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.manageMembers)
        let listing = try await req.members.visible(try req.parameters.requireUUID("id"), to: actor)
        return try await renderForm(req: req, actor: actor, form: MemberForm(listing.member),
                                    action: "/members/\(listing.member.id.uuidString)/edit", problems: [], isEdit: true)
    }

    func update(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageMembers)
        let id = try req.parameters.requireUUID("id")
        let form = try req.content.decode(MemberForm.self)
        do {
            guard let version = form.version else {
                throw DomainError.invalid([.init(field: "version", message: "Thiếu phiên bản hồ sơ; hãy tải lại trang")])
            }
            let member = try await req.members.update(id, fields: try form.fields(), version: version, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/members/\(id.uuidString)", notice: "Đã lưu hồ sơ \(member.fields.fullName)")
        } catch let error as DomainError {
            let problems: [FieldProblem]
            switch error {
            case .invalid(let list): problems = list
            case .conflict(let message): problems = [.init(field: "version", message: message)]
            default: throw error
            }
            let status: HTTPStatus = if case .conflict = error { .conflict } else { .unprocessableEntity }
            return try await renderForm(req: req, actor: actor, form: form, action: "/members/\(id.uuidString)/edit",
                                        problems: problems, isEdit: true).encodeResponse(status: status, for: req)
        }
    }

    struct TransferForm: Content {
        var organizationID: String?
        var day: String?
    }

    func transfer(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.parameters.requireUUID("id")
        let form = try req.content.decode(TransferForm.self)
        var problems: [FieldProblem] = []
        do {
            var target: Organization?
            do {
                target = try await OrganizationReference.resolve(form.organizationID, field: "organizationID", store: req.organizations, actor: actor)
                if target == nil { problems.append(.init(field: "organizationID", message: "Chọn chi bộ chuyển đến")) }
            } catch DomainError.invalid(let list) {
                problems += list
            }
            let day = FormDates.required(form.day, field: "day", label: "Ngày chuyển", problems: &problems)
            guard problems.isEmpty, let target, let day else { throw DomainError.invalid(problems) }
            let member = try await req.members.transfer(id, to: target.id, on: day, by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/members/\(member.id.uuidString)", notice: "Đã chuyển sinh hoạt")
        } catch DomainError.invalid(let problems) {
            return try await renderDetail(req: req, id: id, transfer: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func delete(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try await req.members.delete(try req.parameters.requireUUID("id"), by: actor)
        return try await SessionAuthenticator.redirect(req, to: "/members", notice: "Đã xóa hồ sơ")
    }

    func renderForm(req: Request, actor: Actor, form: MemberForm, action: String, problems: [FieldProblem], isEdit: Bool) async throws -> View {
        try await req.view.render("members/form", MemberFormPage(
            page: PageChrome(title: isEdit ? "Sửa hồ sơ đảng viên" : "Thêm đảng viên", req: req), action: action, form: form,
            cell: await OrganizationReference.picked(form.organizationID, store: req.organizations, actor: actor),
            problems: problems, isEdit: isEdit))
    }
}
