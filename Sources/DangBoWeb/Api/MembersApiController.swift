import DangBoCore
import DangBoStorage
import Vapor

extension Member: Content {}
extension MemberListing: Content {}
extension AuditEntry: Content {}
extension MemberImportResult: Content {}

struct MemberDetail: Content {
    var member: Member
    var organizationName: String
    var organizationCode: String
    var assignments: [MemberAssignment]
}

/// A page of `/api/v1/members`, read by keyset.
struct MemberApiPage: Content {
    var items: [MemberListing]
    /// How many members the query finds, counted up to `countLimit`.
    var count: Int
    /// False when there are more than `countLimit` ("hơn 10.000").
    var countIsExact: Bool
    var countLimit: Int
    var pageSize: Int
    /// Pass as `after` for the next page; absent on the last page.
    var nextCursor: String?
    /// Pass as `before` for the previous page; absent on the first page.
    var previousCursor: String?

    init(_ page: MemberPage, pageSize: Int) {
        items = page.items
        count = page.count.value
        countIsExact = page.count.isExact
        countLimit = page.count.limit
        self.pageSize = pageSize
        nextCursor = page.next?.token
        previousCursor = page.previous?.token
    }
}

struct CreateMemberRequest: Content {
    var organizationID: UUID
    var fields: MemberFields
}

struct UpdateMemberRequest: Content {
    var version: Int
    var fields: MemberFields
}

struct TransferMemberRequest: Content {
    var organizationID: UUID
    var day: Day
}

struct ImportPreviewResponse: Content {
    var totalRows: Int
    var cleanRows: Int
    var toCreate: Int
    var toUpdate: Int
    var unchanged: Int
    var issues: [ImportIssue]
}

extension ImportIssue: Content {}

/// /api/v1/members: the registry, with the same authorization as the pages.
struct MembersApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped("members")
        members.get(use: list)
        members.post(use: create)
        members.on(.POST, "import", body: .collect(maxSize: "25mb"), use: importFile)
        members.get(":id", use: detail)
        members.put(":id", use: update)
        members.delete(":id", use: delete)
        members.post(":id", "transfer", use: transfer)
    }

    /// Keyset paging: `nextCursor` / `previousCursor` of a page go back as `after` / `before`.
    func list(req: Request) async throws -> MemberApiPage {
        let actor = try req.requireActor()
        let status = try MemberStatusFilter.parse(req.query[String.self, at: "status"] ?? "", listingCodes: true)
        if let page = req.query[String.self, at: "page"], page != "1" {
            throw DomainError.invalid([.init(field: "page", message: "Danh sách không còn phân trang theo số trang; dùng after=nextCursor (hoặc before=previousCursor) của trang trước")])
        }
        let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        let query = MemberListQuery(organizationID: try ApiQuery.uuid(req, "org"),
                                    text: req.query[String.self, at: "q"], status: status, direction: direction,
                                    pageSize: req.query[Int.self, at: "pageSize"] ?? 50)
        return MemberApiPage(try await req.members.list(query, for: actor), pageSize: query.pageSize)
    }

    func detail(req: Request) async throws -> MemberDetail {
        let listing = try await req.members.visible(try req.parameters.requireUUID("id"), to: try req.requireActor())
        return MemberDetail(member: listing.member, organizationName: listing.organizationName,
                            organizationCode: listing.organizationCode,
                            assignments: try await req.members.assignments(of: listing.member.id))
    }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateMemberRequest.self)
        let member = try await req.members.create(body.fields, in: body.organizationID, by: try req.requireActor())
        return try await member.encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> Member {
        let body = try req.content.decode(UpdateMemberRequest.self)
        return try await req.members.update(try req.parameters.requireUUID("id"), fields: body.fields, version: body.version,
                                            by: try req.requireActor())
    }

    func delete(req: Request) async throws -> HTTPStatus {
        try await req.members.delete(try req.parameters.requireUUID("id"), by: try req.requireActor())
        return .noContent
    }

    func transfer(req: Request) async throws -> Member {
        let body = try req.content.decode(TransferMemberRequest.self)
        return try await req.members.transfer(try req.parameters.requireUUID("id"), to: body.organizationID, on: body.day,
                                              by: try req.requireActor())
    }

    /// POST /api/v1/members/import?org=CODE&dryRun=true|false&onlyClean=false, body = the XLSX or CSV file.
    func importFile(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.importMembers)
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw DomainError.invalid([.init(field: "file", message: "Thân yêu cầu phải là nội dung tệp .xlsx hoặc .csv")])
        }
        guard buffer.readableBytes <= MemberImportController.maxFileSize else {
            throw DomainError.invalid([.init(field: "file", message: "Tệp lớn hơn 10 MB")])
        }
        let fileName = String((req.query[String.self, at: "fileName"] ?? "api-upload").prefix(120))
        let rows = try MemberImportFile.rows(from: Data(buffer: buffer), fileName: fileName)
        let code = req.query[String.self, at: "org"] ?? ""
        let importer = MemberImporter(store: req.members)
        if req.query[Bool.self, at: "dryRun"] ?? true {
            let preview = try await importer.preview(rows: rows, defaultOrganizationCode: code, by: actor)
            let body = ImportPreviewResponse(totalRows: preview.plan.totalRows, cleanRows: preview.plan.cleanRows.count,
                                             toCreate: preview.toCreate, toUpdate: preview.toUpdate,
                                             unchanged: preview.unchanged, issues: preview.plan.issues)
            return try await body.encodeResponse(status: preview.plan.isClean ? .ok : .unprocessableEntity, for: req)
        }
        let result = try await importer.apply(rows: rows, defaultOrganizationCode: code,
                                              onlyCleanRows: req.query[Bool.self, at: "onlyClean"] ?? false,
                                              fileName: fileName, by: actor)
        return try await result.encodeResponse(for: req)
    }
}
