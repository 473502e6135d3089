import Foundation

/// Where a report entry (one form, one organization, one period) stands.
public enum EntryStatus: String, LabeledValue {
    case draft, submitted, approved, returned

    public var label: String {
        switch self {
        case .draft: return "Đang nhập"
        case .submitted: return "Đã gửi, chờ duyệt"
        case .approved: return "Đã duyệt"
        case .returned: return "Bị trả lại"
        }
    }

    /// The reporter may change values.
    public var isEditable: Bool { self == .draft || self == .returned }
}

public enum EntryAction: String, Sendable, CaseIterable {
    case save, submit, approve, giveBack
}

/// What the level above decides about a submitted entry. Decoded from "approve" or "return"; any other text is a
/// problem named on the `decision` field, never a silent "return".
public enum ReviewDecision: String, Sendable, CaseIterable, Codable {
    case approve
    case giveBack = "return"

    public var action: EntryAction { self == .approve ? .approve : .giveBack }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let decision = ReviewDecision(rawValue: text) else {
            throw DomainError.invalid([.init(field: "decision", message: "Quyết định \"\(text.prefix(20))\" không hợp lệ: chọn \"approve\" (duyệt) hoặc \"return\" (trả lại)")])
        }
        self = decision
    }
}

/// The bottom-up approval rules, as a pure function: who may do what, when.
public enum EntryWorkflow {
    public struct Context: Sendable {
        public var status: EntryStatus
        /// The actor's subtree contains the reporting organization (they may enter its data).
        public var actorCoversOrganization: Bool
        /// The actor's scope is strictly above the reporting organization (the level that approves).
        public var actorIsAbove: Bool
        public var role: Role
        public var today: Day
        public var dueDate: Day
        /// A bloc-granted extension of the deadline, if any.
        public var exceptionUntil: Day?

        public init(status: EntryStatus, actorCoversOrganization: Bool, actorIsAbove: Bool, role: Role, today: Day,
                    dueDate: Day, exceptionUntil: Day?) {
            self.status = status
            self.actorCoversOrganization = actorCoversOrganization
            self.actorIsAbove = actorIsAbove
            self.role = role
            self.today = today
            self.dueDate = dueDate
            self.exceptionUntil = exceptionUntil
        }

        /// Entry is open until the due date, or until the exception's date when one was granted.
        public var isLockedByDeadline: Bool {
            let limit = max(dueDate, exceptionUntil ?? dueDate)
            return today > limit
        }
    }

    /// The status after `action`, or the reason it is refused.
    public static func next(_ action: EntryAction, in context: Context) throws -> EntryStatus {
        guard context.actorCoversOrganization else {
            throw DomainError.notFound("Không tìm thấy báo cáo trong phạm vi được phân quyền")
        }
        switch action {
        case .save, .submit:
            guard context.role.can(.enterReports) else {
                throw DomainError.forbidden("Vai trò \"\(context.role.label)\" không nhập báo cáo")
            }
            guard context.status.isEditable else {
                throw DomainError.conflict(context.status == .approved
                    ? "Báo cáo đã được duyệt và đã khóa"
                    : "Báo cáo đã gửi, đang chờ cấp trên duyệt; không sửa được trừ khi bị trả lại")
            }
            guard !context.isLockedByDeadline else {
                throw DomainError.conflict("Đã quá hạn nộp (\(context.dueDate.vietnamese)); báo cáo đã khóa. Hãy đề nghị Đảng ủy Khối gia hạn.")
            }
            return action == .save ? (context.status == .returned ? .returned : .draft) : .submitted
        case .approve, .giveBack:
            guard context.actorIsAbove, context.role.can(.reviewReports) else {
                throw DomainError.forbidden("Chỉ cấp trên của tổ chức báo cáo mới duyệt hoặc trả lại báo cáo")
            }
            guard context.status == .submitted else {
                throw DomainError.conflict("Chỉ duyệt hoặc trả lại báo cáo đang chờ duyệt (hiện: \(context.status.label))")
            }
            return action == .approve ? .approved : .returned
        }
    }
}
