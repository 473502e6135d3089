import Foundation

public enum AuditAction: String, LabeledValue {
    case create, update, delete, transfer, importRows, login, grant, submit, approve, giveBack, remind
    /// A login refused: unknown username or wrong password (`after` says which; the login page never does).
    case loginFailed
    /// The failure that reached `maxFailures` within the throttle window: further logins wait.
    case lockout
    /// A sensitive record (a discipline decision) was read: who read which record, when.
    case view
    public var label: String {
        switch self {
        case .submit: return "Gửi báo cáo"
        case .approve: return "Duyệt"
        case .giveBack: return "Trả lại"
        case .remind: return "Nhắc nộp"
        case .create: return "Tạo mới"
        case .update: return "Sửa"
        case .delete: return "Xóa"
        case .transfer: return "Chuyển"
        case .importRows: return "Nhập từ tệp"
        case .login: return "Đăng nhập"
        case .loginFailed: return "Đăng nhập không thành công"
        case .lockout: return "Tạm khóa đăng nhập"
        case .view: return "Xem hồ sơ kỷ luật"
        case .grant: return "Gia hạn / cấp quyền"
        }
    }
}

/// The kinds of record the audit page filters by, each a few `entityType`s.
public enum AuditKind: String, LabeledValue {
    case members, organizations, reports, accounts

    public var label: String {
        switch self {
        case .members: return "Đảng viên"
        case .organizations: return "Tổ chức đảng"
        case .reports: return "Báo cáo"
        case .accounts: return "Tài khoản, đăng nhập"
        }
    }

    /// The entity types of this kind, as writers store them.
    public var entityTypes: [String] {
        switch self {
        case .members: return ["member", "memberImport"]
        case .organizations: return ["organization"]
        case .reports: return ["reportEntry", "deadlineException", "dataValues"]
        case .accounts: return [AuditEntry.accountEntityType]
        }
    }
}

/// One change: who, when, what, before and after (JSON text). Append-only.
public struct AuditEntry: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var at: Date
    public var actorID: UUID?
    public var actorName: String
    public var action: AuditAction
    public var entityType: String
    public var entityID: String
    /// The organization the change concerns, so scoped users see only their subtree's entries.
    public var organizationID: UUID?
    public var summary: String
    public var before: String?
    public var after: String?

    public init(id: UUID = UUID(), at: Date, actorID: UUID?, actorName: String, action: AuditAction,
                entityType: String, entityID: String, organizationID: UUID?, summary: String,
                before: String?, after: String?) {
        self.id = id
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.organizationID = organizationID
        self.summary = summary
        self.before = before
        self.after = after
    }

    /// The entity type of login entries; the entity id is the username tried.
    public static let accountEntityType = "account"

    /// JSON text of a value for `before` / `after`, keys sorted so that diffs are stable.
    public static func snapshot<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
