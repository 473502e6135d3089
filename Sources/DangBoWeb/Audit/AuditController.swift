import DangBoCore
import DangBoStorage
import Vapor

struct AuditPage: Encodable {
    struct Row: Encodable {
        var at: String
        var actor: String
        var action: String
        var entityType: String
        var summary: String
        var changes: [AuditDiff.Change]
    }

    var page: PageChrome
    var rows: [Row]
    var pager: CursorPager
    /// "1.234" or "hơn 1.000".
    var count: String
    var actions: [Choice]
    var entities: [Choice]
    var actorName: String
    var entityType: String
    var from: String
    var to: String
}

/// The audit log, read-only: administrators browse and filter it. There is no route that edits or deletes it.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    func list(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewAudit)
        let filter = try AuditQuery.filter(from: req)
        let result = try await req.audit.list(filter, scope: actor.scopeOrganizationID, organizations: req.organizations)
        let keep: [(String, String?)] = ["action", "actor", "entity", "from", "to"].map { ($0, req.query[String.self, at: $0]) }
        let pager = CursorPager(previous: result.previous, next: result.next) { "/audit" + queryString(keep + [($0, $1)]) }
        let rows = result.items.map {
            AuditPage.Row(at: AuditQuery.format($0.at), actor: $0.actorName, action: $0.action.label, entityType: $0.entityType,
                          summary: $0.summary, changes: AuditDiff.changes(before: $0.before, after: $0.after))
        }
        return try await req.view.render("audit/list", AuditPage(
            page: PageChrome(title: "Nhật ký thay đổi", req: req), rows: rows, pager: pager, count: result.count.text,
            actions: Choice.list(AuditAction.self, selected: filter.action?.rawValue),
            entities: [("member", "Đảng viên"), ("organization", "Tổ chức"), ("memberImport", "Nhập tệp")].map {
                Choice(value: $0.0, label: $0.1, isSelected: $0.0 == filter.entityType)
            },
            actorName: filter.actorName ?? "",
            entityType: filter.entityType ?? "", from: filter.from?.vietnamese ?? "", to: filter.to?.vietnamese ?? ""))
    }
}

enum AuditQuery {
    static func filter(from req: Request) throws -> AuditFilter {
        var problems: [FieldProblem] = []
        let actionText = req.query[String.self, at: "action"] ?? ""
        let action = AuditAction(rawValue: actionText)
        if !actionText.isEmpty && action == nil { problems.append(.init(field: "action", message: "Loại thao tác không hợp lệ")) }
        let from = FormDates.optional(req.query[String.self, at: "from"], field: "from", label: "Từ ngày", problems: &problems)
        let to = FormDates.optional(req.query[String.self, at: "to"], field: "to", label: "Đến ngày", problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        return AuditFilter(action: action, entityType: req.query[String.self, at: "entity"].map { String($0.prefix(50)) },
                           actorName: req.query[String.self, at: "actor"].map { String($0.prefix(64)) }, from: from, to: to,
                           direction: direction, pageSize: min(req.query[Int.self, at: "pageSize"] ?? 50, 200))
    }

    /// "12/4/2022 14:05" in Vietnam time.
    static func format(_ date: Date) -> String {
        let day = Day(date)
        let seconds = Int(date.timeIntervalSince1970 + 7 * 3600) % 86_400
        return "\(day.vietnamese) " + String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }
}

struct AuditApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    /// Newest first, read by keyset: `nextCursor` / `previousCursor` go back as `after` / `before`.
    func list(req: Request) async throws -> KeysetApiPage<AuditEntry> {
        let actor = try req.requireActor()
        try actor.require(.viewAudit)
        try KeysetApiPage<AuditEntry>.refuseOffset(req)
        let filter = try AuditQuery.filter(from: req)
        let page = try await req.audit.list(filter, scope: actor.scopeOrganizationID, organizations: req.organizations)
        return KeysetApiPage(items: page.items, count: page.count, pageSize: filter.pageSize, next: page.next, previous: page.previous)
    }
}

