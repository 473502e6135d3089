import DangBoCore
import DangBoStorage
import Vapor

struct OutboxPage: Encodable {
    struct Line: Encodable {
        var createdAt: String
        var recipient: String
        var subject: String
        var body: String
        var state: String
    }

    var page: PageChrome
    var lines: [Line]
    var pager: CursorPager
    /// "1.234 thư" or "hơn 1.000 thư".
    var count: String
}

/// Reminders that `dangbo remind` queued: sent ones, and the ones waiting for a mail server, for the bloc to read;
/// those about the viewer's subtree, newest first, 100 a page by keyset with a count that stops at 1.000.
struct OutboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("outbox", use: list)
    }

    func list(req: Request) async throws -> View {
        let actor = try req.requireActor()
        guard actor.role == .administrator || actor.role == .blocOffice else {
            throw DomainError.forbidden("Chỉ Đảng ủy Khối xem hộp thư nhắc nộp báo cáo")
        }
        let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        let pageSize = min(max(req.query[Int.self, at: "pageSize"] ?? 100, 1), OutboxStore.maxPageSize)
        let result = try await OutboxStore(database: req.db).page(under: actor.scopeOrganizationID, organizations: req.organizations,
                                                                  direction: direction, pageSize: pageSize)
        let keep: [(String, String?)] = [("pageSize", req.query[Int.self, at: "pageSize"] == nil ? nil : String(pageSize))]
        return try await req.view.render("reports/outbox", OutboxPage(
            page: PageChrome(title: "Hộp thư nhắc nộp báo cáo", req: req),
            lines: result.items.map {
                .init(createdAt: AuditQuery.format($0.createdAt), recipient: $0.recipient, subject: $0.subject, body: $0.body,
                      state: $0.sentAt != nil ? "Đã gửi" : ($0.error.map { "Lỗi: \($0)" } ?? "Chờ gửi / liên hệ trực tiếp"))
            },
            pager: CursorPager(previous: result.previous, next: result.next) { "/outbox" + queryString(keep + [($0, $1)]) },
            count: result.count.label("thư")))
    }
}
