import DangBoCore
import Vapor

/// What every page's layout needs: title, navigation for the user's role, the user, and the CSRF token.
struct PageChrome: Encodable {
    struct NavItem: Encodable {
        var href: String
        var label: String
        var isCurrent: Bool
    }

    var title: String
    var nav: [NavItem] = []
    var userName: String?
    var roleLabel: String?
    var csrf: String = ""
    var notice: String?
    /// The help page of the area this page belongs to (`HelpTopic.of(path:)`), shown beside the title.
    var helpHref: String?
    var helpLabel: String?
    /// "Thư nhắc hạn báo cáo", linked from the reports page for those who follow up late reporters.
    var outboxHref: String?

    init(title: String) {
        self.title = title
    }

    init(title: String, req: Request, notice: String? = nil) {
        self.title = title
        self.csrf = req.storage[CSRFTokenKey.self] ?? ""
        self.notice = notice ?? req.storage[FlashKey.self]
        let path = req.url.path
        if let topic = HelpTopic.of(path: path) {
            helpHref = topic.href
            helpLabel = topic.title
        }
        guard let actor = req.actor else { return }
        userName = actor.displayName
        roleLabel = actor.role.label
        if OutboxController.mayRead(actor) { outboxHref = "/outbox" }
        var items: [(String, String)] = []
        if actor.role.can(.viewOrganizations) { items.append(("/organizations", "Tổ chức đảng")) }
        if actor.role.can(.viewMembers) { items.append(("/members", "Đảng viên")) }
        if actor.role.can(.importMembers) { items.append(("/members/import", "Nhập từ tệp")) }
        if actor.role.can(.viewReports) { items.append(("/reports", "Báo cáo")) }
        if actor.role.can(.viewInspections) { items.append(("/inspections", "Kiểm tra, giám sát")) }
        if actor.role == .member, let id = actor.memberID { items.append(("/members/\(id.uuidString)", "Hồ sơ của tôi")) }
        if actor.role.can(.viewAudit) { items.append(("/audit", "Nhật ký")) }
        // The longest matching prefix is the current section; the reminders belong to the reports.
        let section = path == "/outbox" ? "/reports" : path
        let current = items.map(\.0).filter { section == $0 || section.hasPrefix($0 + "/") }.max(by: { $0.count < $1.count })
        nav = items.map { NavItem(href: $0.0, label: $0.1, isCurrent: $0.0 == current) }
    }
}

/// "Trang trước" / "Trang sau" links of a list read by keyset: each carries the key of the row it continues from.
struct CursorPager: Encodable {
    var previousHref: String?
    var nextHref: String?

    /// `href(name, token)` is the list's address with `after=token` or `before=token`.
    init(previous: KeysetCursor?, next: KeysetCursor?, href: (String, String) -> String) {
        previousHref = previous.map { href("before", $0.token) }
        nextHref = next.map { href("after", $0.token) }
    }

    /// The cursor parameters of a list request: `after` (the next page) or `before` (the previous one).
    static func direction(after: String?, before: String?) throws -> KeysetDirection {
        if let token = after?.nilIfBlank { return .after(try KeysetCursor(token: token, field: "after")) }
        if let token = before?.nilIfBlank { return .before(try KeysetCursor(token: token, field: "before")) }
        return .first
    }
}

/// Builds a query string, percent-encoding values and skipping empty ones.
func queryString(_ items: [(String, String?)]) -> String {
    var components = URLComponents()
    components.queryItems = items.compactMap { name, value in
        guard let value, !value.isEmpty else { return nil }
        return URLQueryItem(name: name, value: value)
    }
    return components.percentEncodedQuery.map { "?" + $0 } ?? ""
}
