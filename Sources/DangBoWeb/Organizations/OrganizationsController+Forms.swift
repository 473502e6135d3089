import DangBoCore
import DangBoStorage
import Vapor

/// Create, edit and transfer organizations. Organizations are chosen with pickers that search as you type (and accept
/// a code without JavaScript), never with a list of the whole tree.
extension OrganizationsController {
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
            try actor.require(.manageOrganizations)
            var checked = form
            var problems: [FieldProblem] = []
            do {
                checked.parentID = try await OrganizationReference.resolve(form.parentID, field: "parentID", store: req.organizations,
                                                                          actor: actor)?.id.uuidString
            } catch DomainError.invalid(let list) {
                problems += list
                checked.parentID = nil
            }
            var draft: OrganizationDraft?
            do { draft = try checked.draft() } catch DomainError.invalid(let list) { problems += list }
            guard problems.isEmpty, let draft else { throw DomainError.invalid(problems) }
            let created = try await req.organizations.create(draft, by: actor)
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
        var form = try req.content.decode(OrganizationForm.self)
        form.parentID = nil // the place in the tree changes by transfer only
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
        let page = OrganizationFormPage(
            page: PageChrome(title: isEdit ? "Sửa tổ chức đảng" : "Thêm tổ chức đảng", req: req), action: action, form: form,
            levels: Choice.list(OrganizationLevel.self, selected: form.level).filter { $0.value != OrganizationLevel.bloc.rawValue || isEdit },
            unitKinds: Choice.list(UnitKind.self, selected: form.unitKind),
            parent: await OrganizationReference.picked(form.parentID, store: req.organizations, actor: actor),
            problems: problems, isEdit: isEdit)
        return try await req.view.render("organizations/form", page)
    }

    struct TransferForm: Content {
        /// Ids (checkboxes of earlier versions, scripts).
        var organizationIDs: [String]?
        /// Codes, one per line (or separated by commas or spaces), as typed or added by the picker.
        var organizationCodes: String?
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
        let store = req.organizations
        var problems: [FieldProblem] = []
        var ids = (form.organizationIDs ?? []).compactMap(UUID.init(uuidString:))
        if ids.count != (form.organizationIDs ?? []).count {
            problems.append(.init(field: "organizationIDs", message: "Danh sách tổ chức không hợp lệ"))
        }
        do {
            ids += try await OrganizationReference.resolveList(form.organizationCodes, field: "organizationCodes", store: store, actor: actor).map(\.id)
        } catch DomainError.invalid(let list) {
            problems += list
        }
        var parent: UUID?
        do {
            parent = try await OrganizationReference.resolve(form.parentID, field: "parentID", store: store, actor: actor)?.id
            if parent == nil && form.parentID?.nilIfBlank == nil {
                problems.append(.init(field: "parentID", message: "Chọn tổ chức cấp trên mới"))
            }
        } catch DomainError.invalid(let list) {
            problems += list
        }
        let day = FormDates.required(form.day, field: "day", label: "Ngày chuyển", problems: &problems)
        do {
            guard problems.isEmpty, let parent, let day else { throw DomainError.invalid(problems) }
            let result = try await store.transfer(ids, to: parent, on: day, decision: form.decision ?? "", by: actor)
            let message = "Đã chuyển \(result.organizationCount) tổ chức với \(VietnameseNumberFormat.integer(result.memberCount)) đảng viên"
            return try await renderTransfer(req: req, actor: actor, form: TransferForm(), problems: [], result: message)
                .encodeResponse(for: req)
        } catch DomainError.invalid(let problems) {
            return try await renderTransfer(req: req, actor: actor, form: form, problems: problems, result: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderTransfer(req: Request, actor: Actor, form: TransferForm, problems: [FieldProblem], result: String?) async throws -> View {
        let store = req.organizations
        // Ids posted by an older form are shown again as codes, so nothing typed or chosen is lost.
        var codes = form.organizationCodes ?? ""
        for text in form.organizationIDs ?? [] {
            let picked = await OrganizationReference.picked(text, store: store, actor: actor)
            if !picked.value.isEmpty { codes += (codes.isEmpty || codes.hasSuffix("\n") ? "" : "\n") + picked.value }
        }
        return try await req.view.render("organizations/transfer", TransferPage(
            page: PageChrome(title: "Chuyển giao tổ chức đảng", req: req), organizationCodes: codes,
            parent: await OrganizationReference.picked(form.parentID, store: store, actor: actor),
            day: form.day ?? req.today.vietnamese, decision: form.decision ?? "", problems: problems, result: result))
    }
}
