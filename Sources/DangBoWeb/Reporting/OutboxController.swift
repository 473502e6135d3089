import DangBoCore
import DangBoStorage
import Vapor

struct OutboxPage: Encodable {
    struct Line: Encodable {
        var createdAt: String
        var recipient: String
        var subject: String
        var body: String
        /// "sent", "failed", "waiting" or "manual".
        var state: String
        var stateLabel: String
    }

    /// What an administrator reads about the mail server; a bloc officer only reads whether mail goes out.
    struct MailSettings: Encodable {
        var isConfigured: Bool
        var host: String?
        var port: String?
        var from: String?
    }

    var page: PageChrome
    var lines: [Line]
    var pager: CursorPager
    /// "1.234 thư" or "hơn 1.000 thư".
    var count: String
    var isConfigured: Bool
    /// No mail server, and the viewer is not the one who sets it: "hãy báo quản trị hệ thống".
    var asksAdministrator: Bool
    /// Only for administrators.
    var settings: MailSettings?
}

/// "Thư nhắc hạn báo cáo": the reminders `dangbo remind` queued for the reporters who are late, about the viewer's
/// subtree, newest first, 100 a page by keyset with a count that stops at 1.000: what went to whom, what is waiting,
/// what failed. Reached from the reports page by the bloc office and administrators; only administrators read how
/// mail is configured.
struct OutboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("outbox", use: list)
    }

    /// Who reads the outbox (and sees the link to it on the reports page).
    static func mayRead(_ actor: Actor) -> Bool {
        actor.role == .administrator || actor.role == .blocOffice
    }

    func list(req: Request) async throws -> View {
        let actor = try req.requireActor()
        guard Self.mayRead(actor) else {
            throw DomainError.forbidden("Chỉ Đảng ủy Khối xem thư nhắc hạn báo cáo")
        }
        let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        let pageSize = min(max(req.query[Int.self, at: "pageSize"] ?? 100, 1), OutboxStore.maxPageSize)
        let result = try await OutboxStore(database: req.db).page(under: actor.scopeOrganizationID, organizations: req.organizations,
                                                                  direction: direction, pageSize: pageSize)
        let keep: [(String, String?)] = [("pageSize", req.query[Int.self, at: "pageSize"] == nil ? nil : String(pageSize))]
        let smtp = req.application.mailSettings
        return try await req.view.render("reports/outbox", OutboxPage(
            page: PageChrome(title: "Thư nhắc hạn báo cáo", req: req),
            lines: result.items.map(Self.line),
            pager: CursorPager(previous: result.previous, next: result.next) { "/outbox" + queryString(keep + [($0, $1)]) },
            count: result.count.label("thư"), isConfigured: smtp != nil, asksAdministrator: smtp == nil && actor.role != .administrator,
            settings: actor.role == .administrator
                ? .init(isConfigured: smtp != nil, host: smtp?.host, port: smtp.map { String($0.port) }, from: smtp?.from) : nil))
    }

    /// A message and what became of it, in plain words.
    static func line(_ message: OutboxStore.Message) -> OutboxPage.Line {
        let (state, label): (String, String)
        if let error = message.error {
            (state, label) = ("failed", "Không gửi được: \(error)")
        } else if let sent = message.sentAt {
            (state, label) = ("sent", "Đã gửi lúc \(AuditQuery.format(sent))")
        } else if message.recipient.contains("@") {
            (state, label) = ("waiting", "Đang chờ gửi")
        } else {
            (state, label) = ("manual", "Chưa có địa chỉ e-mail: văn phòng gọi điện hoặc gửi trực tiếp")
        }
        return .init(createdAt: AuditQuery.format(message.createdAt), recipient: message.recipient, subject: message.subject,
                     body: message.body, state: state, stateLabel: label)
    }
}

extension Application {
    private struct MailSettingsKey: StorageKey {
        typealias Value = SMTPConfiguration?
    }

    /// The mail server reminders go through (DANGBO_SMTP_HOST, DANGBO_SMTP_PORT, DANGBO_SMTP_FROM), as `dangbo remind`
    /// reads it from the environment; tests set it.
    var mailSettings: SMTPConfiguration? {
        get {
            if let stored = storage[MailSettingsKey.self] { return stored }
            return SMTPConfiguration.fromEnvironment()
        }
        set { storage[MailSettingsKey.self] = .some(newValue) }
    }
}
