import DangBoCore
import DangBoStorage
import Vapor

/// Pages for the organization tree: browse (as of any date), detail, create, edit, transfer.
struct OrganizationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organizations = routes.grouped("organizations")
        organizations.get(use: tree)
        organizations.get("new", use: newForm)
        organizations.post(use: create)
        organizations.get("transfer", use: transferForm)
        organizations.post("transfer", use: transfer)
        organizations.get(":id", use: detail)
        organizations.get(":id", "edit", use: editForm)
        organizations.post(":id", "edit", use: update)
    }

    func tree(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        var day = req.today
        if let text = req.query[String.self, at: "on"], !text.isEmpty {
            guard let parsed = Day(parsing: String(text.prefix(20))) else {
                throw DomainError.invalid([.init(field: "on", message: "Ngày \"\(text.prefix(20))\" không hợp lệ; ghi theo ngày/tháng/năm")])
            }
            day = parsed
        }
        let nodes = try await req.organizations.tree(root: actor.scopeOrganizationID, on: day)
        let title = day == req.today ? "Cây tổ chức đảng" : "Cây tổ chức đảng ngày \(day.vietnamese)"
        return try await req.view.render("organizations/tree",
                                         OrganizationTreePage(page: PageChrome(title: title, req: req), nodes: nodes,
                                                              day: day, today: req.today, actor: actor))
    }

    func detail(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        let organization = try await req.organizations.visible(try req.parameters.requireUUID("id"), to: actor)
        let store = req.organizations
        let nodes = try await store.tree(root: organization.id, on: req.today)
        let root = nodes.first
        let history = try await store.history(of: organization.id)
        var names: [UUID: String] = [:]
        for link in history where names[link.parentID] == nil {
            names[link.parentID] = try await store.find(link.parentID)?.name ?? ""
        }
        let parentID = try await store.parentID(of: organization.id, on: req.today)
        let parentVisible = try await parentID.asyncFilter { try await store.isInSubtree($0, of: actor.scopeOrganizationID, on: req.today) }
        let page = OrganizationDetailPage(
            page: PageChrome(title: organization.name, req: req), id: organization.id.uuidString, name: organization.name,
            code: organization.code, levelLabel: organization.level.label, unitKindLabel: organization.unitKind?.label ?? "—",
            cluster: organization.cluster ?? "—", openedOn: organization.openedOn.vietnamese,
            closedOn: organization.closedOn?.vietnamese ?? "", parentName: parentID.flatMap { names[$0] },
            parentID: parentVisible?.uuidString,
            memberCount: VietnameseNumberFormat.integer(root?.memberCount ?? 0),
            subtreeMemberCount: VietnameseNumberFormat.integer(root?.subtreeMemberCount ?? 0),
            children: nodes.filter { $0.depth == 1 }.map { TreeRow($0, on: req.today) },
            history: history.map {
                .init(parentName: names[$0.parentID] ?? "", parentID: $0.parentID.uuidString, from: $0.validFrom.vietnamese,
                      to: $0.validTo?.vietnamese ?? "nay")
            },
            canManage: actor.role.can(.manageOrganizations),
            canAddChild: actor.role.can(.manageOrganizations) && !organization.level.allowedChildren.isEmpty,
            holdsMembers: organization.level == .grassrootsCell || organization.level == .subordinateCell)
        return try await req.view.render("organizations/detail", page)
    }

    func newForm(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.manageOrganizations)
        let parent = req.query[String.self, at: "parent"]
        return try await renderForm(req: req, actor: actor, form: OrganizationForm(parentID: parent, openedOn: req.today.vietnamese),
                                    action: "/organizations", problems: [], isEdit: false)
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = try req.content.decode(OrganizationForm.self)
        do {
            let created = try await req.organizations.create(try form.draft(), by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/organizations/\(created.id.uuidString)", notice: "Đã tạo \(created.name)")
        } catch DomainError.invalid(let problems) {
            return try await renderForm(req: req, actor: actor, form: form, action: "/organizations", problems: problems,
                                        isEdit: false).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func editForm(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.manageOrganizations)
        let organization = try await req.organizations.visible(try req.parameters.requireUUID("id"), to: actor)
        let parentID = try await req.organizations.parentID(of: organization.id, on: req.today)
        return try await renderForm(req: req, actor: actor, form: OrganizationForm(organization, parentID: parentID),
                                    action: "/organizations/\(organization.id.uuidString)/edit", problems: [], isEdit: true)
    }

    func update(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.parameters.requireUUID("id")
        let form = try req.content.decode(OrganizationForm.self)
        do {
            let saved = try await req.organizations.update(id, with: try form.draft(), by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/organizations/\(id.uuidString)", notice: "Đã lưu \(saved.name)")
        } catch DomainError.invalid(let problems) {
            return try await renderForm(req: req, actor: actor, form: form, action: "/organizations/\(id.uuidString)/edit",
                                        problems: problems, isEdit: true).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderForm(req: Request, actor: Actor, form: OrganizationForm, action: String, problems: [FieldProblem],
                    isEdit: Bool) async throws -> View {
        let nodes = try await req.organizations.tree(root: actor.scopeOrganizationID, on: req.today)
        let parents = nodes.filter { !$0.organization.level.allowedChildren.isEmpty }.map {
            Choice(value: $0.organization.id.uuidString, label: $0.organization.name, isSelected: $0.organization.id.uuidString == form.parentID)
        }
        let page = OrganizationFormPage(
            page: PageChrome(title: isEdit ? "Sửa tổ chức đảng" : "Thêm tổ chức đảng", req: req), action: action, form: form,
            levels: Choice.list(OrganizationLevel.self, selected: form.level).filter { $0.value != OrganizationLevel.bloc.rawValue || isEdit },
            unitKinds: Choice.list(UnitKind.self, selected: form.unitKind), parents: parents, problems: problems, isEdit: isEdit)
        return try await req.view.render("organizations/form", page)
    }

    struct TransferForm: Content {
        var organizationIDs: [String]?
        var parentID: String?
        var day: String?
        var decision: String?
    }

    func transferForm(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.transferOrganizations)
        return try await renderTransfer(req: req, actor: actor, form: TransferForm(), problems: [], result: nil)
    }

    func transfer(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.transferOrganizations)
        let form = try req.content.decode(TransferForm.self)
        var problems: [FieldProblem] = []
        let ids = (form.organizationIDs ?? []).compactMap(UUID.init(uuidString:))
        if ids.count != (form.organizationIDs ?? []).count {
            problems.append(.init(field: "organizationIDs", message: "Danh sách tổ chức không hợp lệ"))
        }
        let parent = UUID(uuidString: form.parentID ?? "")
        if parent == nil { problems.append(.init(field: "parentID", message: "Chọn tổ chức cấp trên mới")) }
        let day = FormDates.required(form.day, field: "day", label: "Ngày chuyển", problems: &problems)
        do {
            guard problems.isEmpty, let parent, let day else { throw DomainError.invalid(problems) }
            let result = try await req.organizations.transfer(ids, to: parent, on: day, decision: form.decision ?? "", by: actor)
            let message = "Đã chuyển \(result.organizationCount) tổ chức với \(VietnameseNumberFormat.integer(result.memberCount)) đảng viên"
            return try await renderTransfer(req: req, actor: actor, form: TransferForm(), problems: [], result: message)
                .encodeResponse(for: req)
        } catch DomainError.invalid(let problems) {
            return try await renderTransfer(req: req, actor: actor, form: form, problems: problems, result: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderTransfer(req: Request, actor: Actor, form: TransferForm, problems: [FieldProblem], result: String?) async throws -> View {
        let nodes = try await req.organizations.tree(root: actor.scopeOrganizationID, on: req.today)
        let checked = Set(form.organizationIDs ?? [])
        let candidates = nodes.filter { $0.depth > 0 }.map {
            TransferPage.Candidate(id: $0.organization.id.uuidString,
                                   label: String(repeating: "— ", count: max(0, $0.depth - 1)) + $0.organization.name
                                       + " (\(VietnameseNumberFormat.integer($0.subtreeMemberCount)) đảng viên)",
                                   isChecked: checked.contains($0.organization.id.uuidString))
        }
        let parents = nodes.filter { !$0.organization.level.allowedChildren.isEmpty }.map {
            Choice(value: $0.organization.id.uuidString, label: $0.organization.name, isSelected: $0.organization.id.uuidString == form.parentID)
        }
        return try await req.view.render("organizations/transfer", TransferPage(
            page: PageChrome(title: "Chuyển giao tổ chức đảng", req: req), candidates: candidates, parents: parents,
            day: form.day ?? req.today.vietnamese, decision: form.decision ?? "", problems: problems, result: result))
    }
}


extension Parameters {
    /// A UUID path parameter; a malformed one is a 404, not a 500.
    func requireUUID(_ name: String) throws -> UUID {
        guard let text = get(name), let id = UUID(uuidString: text) else {
            throw DomainError.notFound("Không tìm thấy: mã \"\(get(name)?.prefix(40) ?? "")\" không hợp lệ")
        }
        return id
    }
}

extension Optional {
    func asyncFilter(_ predicate: (Wrapped) async throws -> Bool) async rethrows -> Wrapped? {
        guard let value = self, try await predicate(value) else { return nil }
        return value
    }
}
