import DangBoCore
import DangBoStorage
import Vapor

/// Pages for the organization tree: browse level by level (as of any date), search, detail; the forms (create, edit,
/// transfer) are in OrganizationsController+Forms.swift.
struct OrganizationsController: RouteCollection {
    /// Children shown per opened node; more are read on with "Xem tiếp".
    static let childrenShown = 200

    func boot(routes: any RoutesBuilder) throws {
        let organizations = routes.grouped("organizations")
        organizations.get(use: tree)
        organizations.get("search", use: search)
        organizations.get("new", use: newForm)
        organizations.post(use: create)
        organizations.get("transfer", use: transferForm)
        organizations.post("transfer", use: transfer)
        organizations.get(":id", use: detail)
        organizations.get(":id", "children", use: children)
        organizations.get(":id", "edit", use: editForm)
        organizations.post(":id", "edit", use: update)
    }

    /// `/organizations?on=31/12/2021&open=ID&after=…`: the scope's root and its children; with `open`, the path from
    /// the root down to that node, each node on it opened. One children query per opened node, nothing more.
    func tree(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        // A mistyped date or an edited address comes back beside the filter; the tree of today is shown meanwhile.
        var filters = FilterProblems()
        let day = try filters.read("on", fallback: req.today) { try Self.day(req) }
        let after = try filters.read("after", fallback: nil) { try Self.cursor(req) }
        let store = req.organizations
        let scope = actor.scopeOrganizationID
        var path = [scope]
        if let open = try filters.read("open", fallback: nil, { try Self.openedID(req) }), open != scope {
            let found = try await filters.read("open", fallback: nil) { () async throws -> [UUID]? in
                guard try await store.isInSubtree(open, of: scope, on: day),
                      let found = try await store.path(from: scope, to: open, on: day) else {
                    throw Self.notInScope(day: day, today: req.today)
                }
                return found
            }
            path = found ?? [scope]
        }
        guard let root = try await store.node(scope, on: day) else { throw Self.notInScope(day: day, today: req.today) }
        var levels: [TreeLevel] = []
        var parent = root
        for (index, id) in path.enumerated() {
            let isLast = index == path.count - 1
            var level = try await Self.level(of: parent, on: day, after: isLast ? after : nil, store: store)
            if !isLast {
                let next = path[index + 1]
                if let shown = level.children.first(where: { $0.organization.id == next }) {
                    parent = shown
                } else {
                    guard var child = try await store.node(next, on: day) else { throw Self.notInScope(day: day, today: req.today) }
                    child.parentID = id
                    level.pathChild = child
                    parent = child
                }
            }
            levels.append(level)
        }
        let title = day == req.today ? "Cây tổ chức đảng" : "Cây tổ chức đảng ngày \(day.vietnamese)"
        var page = OrganizationTreePage(page: PageChrome(title: title, req: req), root: root, levels: levels, day: day,
                                        today: req.today, actor: actor)
        page.problems = filters.problems
        if !filters.isEmpty, let typed = req.query[String.self, at: "on"] { page.day = String(typed.prefix(20)) }
        return try await req.view.render("organizations/tree", page).encodeResponse(status: filters.status, for: req)
    }

    /// `/organizations/:id/children?on=…&depth=N&after=…`: the rows of one node's children, for the script that opens
    /// a node in place (the same rows the page shows with `?open=`).
    func children(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        let id = try req.parameters.requireUUID("id")
        let day = try Self.day(req)
        let after = try Self.cursor(req)
        let depth = min(max(req.query[Int.self, at: "depth"] ?? 1, 1), 32)
        let store = req.organizations
        guard try await store.isInSubtree(id, of: actor.scopeOrganizationID, on: day),
              let parent = try await store.node(id, on: day) else { throw Self.notInScope(day: day, today: req.today) }
        let level = try await Self.level(of: parent, on: day, after: after, store: store)
        let links = TreeLinks(day: day, isToday: day == req.today)
        return try await req.view.render("organizations/_rows", TreeFragment(rows: TreeRow.rows(of: [level], depth: depth, links: links, day: day)))
    }

    /// `/organizations/search?q=…&level=cell`: up to 20 organizations of the actor's scope whose code is `q` or whose
    /// name or code contains it (without diacritics), for the pickers.
    func search(req: Request) async throws -> [OrganizationSuggestion] {
        let actor = try req.requireActor()
        let levels = try OrganizationLevelFilter.parse(req.query[String.self, at: "level"])
        let matches = try await req.organizations.search(req.query[String.self, at: "q"] ?? "", levels: levels, for: actor)
        return matches.map(OrganizationSuggestion.init)
    }

    func detail(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        let organization = try await req.organizations.visible(try req.parameters.requireUUID("id"), to: actor)
        let store = req.organizations
        let today = req.today
        let node = try await store.node(organization.id, on: today)
        let level = try await Self.level(of: node ?? OrganizationChild(organization: organization, parentID: nil, childCount: 0,
                                                                       memberCount: 0, nameKey: ""), on: today, after: nil, store: store)
        let subtree = try await req.members.count(MemberListQuery(organizationID: organization.id), for: actor)
        let history = try await store.history(of: organization.id)
        var names: [UUID: String] = [:]
        for link in history where names[link.parentID] == nil {
            names[link.parentID] = try await store.find(link.parentID)?.name ?? ""
        }
        let parentID = try await store.parentID(of: organization.id, on: today)
        let parentVisible = try await parentID.asyncFilter { try await store.isInSubtree($0, of: actor.scopeOrganizationID, on: today) }
        let links = TreeLinks(day: today, isToday: true)
        let page = OrganizationDetailPage(
            page: PageChrome(title: organization.name, req: req), id: organization.id.uuidString, name: organization.name,
            code: organization.code, levelLabel: organization.level.label, unitKindLabel: organization.unitKind?.label ?? "—",
            cluster: organization.cluster ?? "—", openedOn: organization.openedOn.vietnamese,
            closedOn: organization.closedOn?.vietnamese ?? "", parentName: parentID.flatMap { names[$0] },
            parentID: parentVisible?.uuidString,
            memberCount: VietnameseNumberFormat.integer(node?.memberCount ?? 0),
            subtreeMemberCount: subtree.text,
            childCount: VietnameseNumberFormat.integer(node?.childCount ?? 0),
            children: level.children.map { TreeRow($0, depth: 1, isExpanded: false, links: links, day: today) },
            hasMoreChildren: level.hasMore, treeHref: links.page(open: organization.id),
            history: history.map {
                .init(parentName: names[$0.parentID] ?? "", parentID: $0.parentID.uuidString, from: $0.validFrom.vietnamese,
                      to: $0.validTo?.vietnamese ?? "nay")
            },
            canManage: actor.role.can(.manageOrganizations),
            canAddChild: actor.role.can(.manageOrganizations) && !organization.level.allowedChildren.isEmpty,
            holdsMembers: organization.level == .grassrootsCell || organization.level == .subordinateCell,
            canRecordDiscipline: actor.role.can(.recordDiscipline))
        return try await req.view.render("organizations/detail", page)
    }

    /// The children of `parent` shown on one level: `childrenShown` of them after `after`, and whether more follow.
    static func level(of parent: OrganizationChild, on day: Day, after: KeysetCursor?, store: OrganizationStore) async throws -> TreeLevel {
        let fetched = try await store.children(of: parent.organization.id, on: day, after: after, limit: childrenShown + 1)
        return TreeLevel(parent: parent, children: Array(fetched.prefix(childrenShown)), after: after,
                         hasMore: fetched.count > childrenShown, pathChild: nil)
    }

    /// The `on` parameter: the day the tree is shown as of (today when absent).
    static func day(_ req: Request) throws -> Day {
        guard let text = req.query[String.self, at: "on"], !text.isEmpty else { return req.today }
        guard let parsed = Day(parsing: String(text.prefix(20))) else {
            throw DomainError.invalid([.init(field: "on", message: "Ngày \"\(text.prefix(20))\" không hợp lệ; ghi theo ngày/tháng/năm")])
        }
        return parsed
    }

    static func openedID(_ req: Request) throws -> UUID? {
        guard let text = req.query[String.self, at: "open"], !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw DomainError.notFound("Không tìm thấy tổ chức: mã \"\(text.prefix(40))\" không hợp lệ")
        }
        return id
    }

    static func cursor(_ req: Request) throws -> KeysetCursor? {
        try req.query[String.self, at: "after"].flatMap(\.nilIfBlank).map { try KeysetCursor(token: $0, field: "after") }
    }

    static func notInScope(day: Day, today: Day) -> DomainError {
        .notFound("Không tìm thấy tổ chức đảng trong phạm vi được phân quyền" + (day == today ? "" : " vào ngày \(day.vietnamese)"))
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
        guard let value = self else { return nil }
        return try await predicate(value) ? value : nil
    }
}
