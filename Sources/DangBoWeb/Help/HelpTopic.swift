import Foundation

/// The help pages, one per area, at `/help/<topic>`; every page's title links to its area's (`of(path:)`).
enum HelpTopic: String, CaseIterable, Encodable {
    case members, `import`, reports, reviewing, exports, login

    var href: String { "/help/\(slug)" }

    /// The address: "/help/members", "/help/import", ..., "/help/login".
    var slug: String { rawValue }

    var title: String {
        switch self {
        case .members: return "Quản lý đảng viên"
        case .import: return "Nhập danh sách từ tệp"
        case .reports: return "Nhập và gửi báo cáo"
        case .reviewing: return "Duyệt báo cáo và theo dõi nộp"
        case .exports: return "Bảng tổng hợp và tải về"
        case .login: return "Đăng nhập"
        }
    }

    /// Readable without signing in (how to sign in); every other topic needs a login.
    var isPublic: Bool { self == .login }

    /// The area a page belongs to, from its path; nil for pages without a help page (the help pages themselves).
    static func of(path: String) -> HelpTopic? {
        let parts = path.split(separator: "/").map(String.init)
        guard let first = parts.first else { return nil }
        switch first {
        case "members":
            return parts.count > 1 && parts[1] == "import" ? .import : .members
        case "reports":
            guard parts.count > 1 else { return .reports }
            if parts[1] == "values" { return .import }
            switch parts.count > 2 ? parts[2] : "" {
            case "rate", "review", "exception": return .reviewing
            case "table", "table.xlsx", "table.csv", "print": return .exports
            default: return .reports
            }
        case "outbox": return .reviewing
        case "login": return .login
        default: return nil
        }
    }
}
