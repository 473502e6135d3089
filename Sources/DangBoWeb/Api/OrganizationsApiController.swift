import DangBoCore
import DangBoStorage
import Vapor

extension Organization: Content {}
extension OrganizationNode: Content {}
extension OrganizationChild: Content {}
extension TransferResult: Content {}
extension Actor: Content {}

struct OrganizationDetail: Content {
    var organization: Organization
    var parentID: UUID?
    var history: [OrganizationLink]
    /// Members on the registry placed in the organization itself.
    var memberCount: Int
    /// Members on the registry in its whole subtree, counted up to `subtreeMemberCountLimit`.
    var subtreeMemberCount: Int
    var subtreeMemberCountIsExact: Bool
    var subtreeMemberCountLimit: Int
    /// Organizations directly under it.
    var childCount: Int
}

struct TransferRequest: Content {
    var organizationIDs: [UUID]
    var parentID: UUID
    var day: Day
    var decision: String?
}

/// /api/v1/organizations: the same operations and authorization as the pages.
struct OrganizationsApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me") { req in try req.requireActor() }
        let organizations = routes.grouped("organizations")
        organizations.get(use: list)
        organizations.post(use: create)
        organizations.post("transfer", use: transfer)
        organizations.get(":id", use: detail)
        organizations.put(":id", use: update)
    }

    /// The organizations of the subtree of `root` (the account's scope by default) on the day `on`, or with `parent` only
    /// those directly under it, in Vietnamese order, read by keyset like `/api/v1/members`: `pageSize` (at most 500) a
    /// page, `nextCursor` / `previousCursor` back as `after` / `before`, a count that stops at 10.000. Each item has its
    /// parent, the number of units directly under it and of members placed in it.
    func list(req: Request) async throws -> KeysetApiPage<OrganizationChild> {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        try KeysetApiPage<OrganizationChild>.refuseOffset(req)
        let day = try ApiQuery.day(req, "on") ?? req.today
        let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        let pageSize = min(max(req.query[Int.self, at: "pageSize"] ?? 100, 1), OrganizationStore.maxPageSize)
        let page: OrganizationPage
        if let parent = try ApiQuery.uuid(req, "parent") {
            let id = try await req.organizations.visible(parent, to: actor).id
            page = try await req.organizations.childrenPage(of: id, on: day, direction: direction, pageSize: pageSize)
        } else {
            let root = try await ApiQuery.uuid(req, "root").asyncMap { try await req.organizations.visible($0, to: actor).id }
            page = try await req.organizations.subtreePage(root: root ?? actor.scopeOrganizationID, on: day, direction: direction,
                                                           pageSize: pageSize)
        }
        return KeysetApiPage(items: page.items, count: page.count, pageSize: pageSize, next: page.next, previous: page.previous)
    }

    /// One organization with its history and counts: its own members and children from one statement on it
    /// (`OrganizationStore.node`), its subtree's members by the member list's bounded count (never the whole subtree).
    func detail(req: Request) async throws -> OrganizationDetail {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        let organization = try await req.organizations.visible(try req.parameters.requireUUID("id"), to: actor)
        let node = try await req.organizations.node(organization.id, on: req.today)
        let subtree = try await req.members.count(MemberListQuery(organizationID: organization.id), for: actor)
        return OrganizationDetail(organization: organization,
                                  parentID: try await req.organizations.parentID(of: organization.id, on: req.today),
                                  history: try await req.organizations.history(of: organization.id),
                                  memberCount: node?.memberCount ?? 0, subtreeMemberCount: subtree.value,
                                  subtreeMemberCountIsExact: subtree.isExact, subtreeMemberCountLimit: subtree.limit,
                                  childCount: node?.childCount ?? 0)
    }

    func create(req: Request) async throws -> Response {
        let draft = try req.content.decode(OrganizationDraft.self)
        let created = try await req.organizations.create(draft, by: try req.requireActor())
        return try await created.encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> Organization {
        let draft = try req.content.decode(OrganizationDraft.self)
        return try await req.organizations.update(try req.parameters.requireUUID("id"), with: draft, by: try req.requireActor())
    }

    func transfer(req: Request) async throws -> TransferResult {
        let body = try req.content.decode(TransferRequest.self)
        return try await req.organizations.transfer(body.organizationIDs, to: body.parentID, on: body.day,
                                                    decision: body.decision ?? "", by: try req.requireActor())
    }
}

/// Query parameters with Vietnamese errors.
enum ApiQuery {
    static func day(_ req: Request, _ name: String) throws -> Day? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        guard let day = Day(parsing: String(text.prefix(20))) else {
            throw DomainError.invalid([.init(field: name, message: "Ngày \"\(text.prefix(20))\" không hợp lệ")])
        }
        return day
    }

    static func uuid(_ req: Request, _ name: String) throws -> UUID? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw DomainError.invalid([.init(field: name, message: "Mã \"\(text.prefix(40))\" không hợp lệ")])
        }
        return id
    }
}
