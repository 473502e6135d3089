import Foundation

public enum AuditAction: String, LabeledValue {
    case create, update, delete, transfer, importRows, login, grant, submit, approve, giveBack, remind
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
        case .grant: return "Gia hạn / cấp quyền"
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

    /// JSON text of a value for `before` / `after`, keys sorted so that diffs are stable.
    public static func snapshot<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
