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

    func list(req: Request) async throws -> View {
        let actor = try req.requireActor()
        let q = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let orgText = req.query[String.self, at: "org"] ?? ""
        let statusText = req.query[String.self, at: "status"] ?? ""
        let status = try MemberStatusFilter.parse(statusText)
        let organizationID = orgText.isEmpty ? nil : UUID(uuidString: orgText)
        if !orgText.isEmpty && organizationID == nil { throw DomainError.notFound("Không tìm thấy tổ chức \"\(orgText.prefix(40))\"") }
        let pageNumber = max(1, req.query[Int.self, at: "page"] ?? 1)
        let result = try await req.members.list(
            MemberListQuery(organizationID: organizationID, text: q, status: status, page: pageNumber, pageSize: 50), for: actor)
        let orgName = try await organizationID.asyncMap { try await req.organizations.find($0)?.name } ?? nil
        let pager = Pager(page: result.page, pageCount: result.pageCount, total: result.total) {
            "/members" + queryString([("q", q), ("org", orgText), ("status", statusText), ("page", String($0))])
        }
        return try await req.view.render("members/list", MemberListPage(
            page: PageChrome(title: orgName.map { "Đảng viên — \($0)" } ?? "Đảng viên", req: req),
            rows: result.items.map { MemberRow($0, today: req.today) }, pager: pager, q: q, organizationID: orgText,
            organizationName: orgName, statuses: MemberStatusFilter.choices(selected: statusText),
            canManage: actor.role.can(.manageMembers)))
    }

    func detail(req: Request) async throws -> View {
        let actor = try req.requireActor()
        let listing = try await req.members.visible(try req.parameters.requireUUID("id"), to: actor)
        var placements: [MemberDetailPage.Placement] = []
        for assignment in try await req.members.assignments(of: listing.member.id) {
            let name = try await req.organizations.find(assignment.organizationID)?.name ?? ""
            placements.append(.init(organizationName: name, from: assignment.validFrom.vietnamese, to: assignment.validTo?.vietnamese ?? "nay"))
        }
        let canManage = actor.role.can(.manageMembers)
        let cells = canManage ? try await cellChoices(req: req, actor: actor, selected: nil) : []
        return try await req.view.render("members/detail", MemberDetailPage(
            page: PageChrome(title: listing.member.fields.fullName, req: req), listing: listing, placements: placements,
            canManage: canManage, cells: cells, today: req.today))
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
            guard let orgID = UUID(uuidString: form.organizationID ?? "") else {
                throw DomainError.invalid([.init(field: "organizationID", message: "Chọn chi bộ sinh hoạt")])
            }
            let member = try await req.members.create(try form.fields(), in: orgID, by: actor)
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
        let target = UUID(uuidString: form.organizationID ?? "")
        if target == nil { problems.append(.init(field: "organizationID", message: "Chọn chi bộ chuyển đến")) }
        let day = FormDates.required(form.day, field: "day", label: "Ngày chuyển", problems: &problems)
        guard problems.isEmpty, let target, let day else { throw DomainError.invalid(problems) }
        let member = try await req.members.transfer(id, to: target, on: day, by: actor)
        return try await SessionAuthenticator.redirect(req, to: "/members/\(member.id.uuidString)", notice: "Đã chuyển sinh hoạt")
    }

    func delete(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try await req.members.delete(try req.parameters.requireUUID("id"), by: actor)
        return try await SessionAuthenticator.redirect(req, to: "/members", notice: "Đã xóa hồ sơ")
    }

    func renderForm(req: Request, actor: Actor, form: MemberForm, action: String, problems: [FieldProblem], isEdit: Bool) async throws -> View {
        let cells = try await cellChoices(req: req, actor: actor, selected: form.organizationID)
        return try await req.view.render("members/form", MemberFormPage(
            page: PageChrome(title: isEdit ? "Sửa hồ sơ đảng viên" : "Thêm đảng viên", req: req), action: action, form: form,
            cells: cells, problems: problems, isEdit: isEdit))
    }

    /// The cells of the actor's subtree, for choosing where a member belongs.
    func cellChoices(req: Request, actor: Actor, selected: String?) async throws -> [Choice] {
        try await req.organizations.tree(root: actor.scopeOrganizationID, on: req.today)
            .filter { $0.organization.level == .grassrootsCell || $0.organization.level == .subordinateCell }
            .map { Choice(value: $0.organization.id.uuidString, label: "\($0.organization.name) (\($0.organization.code))",
                          isSelected: $0.organization.id.uuidString == selected) }
    }
}
