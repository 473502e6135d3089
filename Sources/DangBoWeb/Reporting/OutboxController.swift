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
}

/// Reminders that `dangbo remind` queued: sent ones, and the ones waiting for a mail server, for the bloc to read.
struct OutboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("outbox", use: list)
    }

    func list(req: Request) async throws -> View {
        let actor = try req.requireActor()
        guard actor.role == .administrator || actor.role == .blocOffice else {
            throw DomainError.forbidden("Chỉ Đảng ủy Khối xem hộp thư nhắc nộp báo cáo")
        }
        let scope = try await req.organizations.subtreeIDs(of: actor.scopeOrganizationID, on: req.today)
        let messages = try await OutboxStore(database: req.db).list(organizations: scope)
        return try await req.view.render("reports/outbox", OutboxPage(
            page: PageChrome(title: "Hộp thư nhắc nộp báo cáo", req: req),
            lines: messages.map {
                .init(createdAt: AuditQuery.format($0.createdAt), recipient: $0.recipient, subject: $0.subject, body: $0.body,
                      state: $0.sentAt != nil ? "Đã gửi" : ($0.error.map { "Lỗi: \($0)" } ?? "Chờ gửi / liên hệ trực tiếp"))
            }))
    }
}
