import DangBoCore
import DangBoStorage
import Vapor

extension Organization: Content {}
extension OrganizationNode: Content {}
extension TransferResult: Content {}
extension Actor: Content {}

struct OrganizationDetail: Content {
    var organization: Organization
    var parentID: UUID?
    var history: [OrganizationLink]
    var memberCount: Int
    var subtreeMemberCount: Int
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
        organizations.get(use: tree)
        organizations.post(use: create)
        organizations.post("transfer", use: transfer)
        organizations.get(":id", use: detail)
        organizations.put(":id", use: update)
    }

    func tree(req: Request) async throws -> [OrganizationNode] {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        let day = try ApiQuery.day(req, "on") ?? req.today
        let root = try await ApiQuery.uuid(req, "root").asyncMap { try await req.organizations.visible($0, to: actor).id }
        return try await req.organizations.tree(root: root ?? actor.scopeOrganizationID, on: day)
    }

    func detail(req: Request) async throws -> OrganizationDetail {
        let actor = try req.requireActor()
        try actor.require(.viewOrganizations)
        let organization = try await req.organizations.visible(try req.parameters.requireUUID("id"), to: actor)
        let root = try await req.organizations.tree(root: organization.id, on: req.today).first
        return OrganizationDetail(organization: organization,
                                  parentID: try await req.organizations.parentID(of: organization.id, on: req.today),
                                  history: try await req.organizations.history(of: organization.id),
                                  memberCount: root?.memberCount ?? 0, subtreeMemberCount: root?.subtreeMemberCount ?? 0)
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
