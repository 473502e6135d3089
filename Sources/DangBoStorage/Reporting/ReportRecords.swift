import FluentKit
import Foundation

final class ReportEntryRecord: Model, @unchecked Sendable {
    static let schema = "report_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "form_code") var formCode: String
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "period_code") var periodCode: String
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "status") var status: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "reviewed_by") var reviewedBy: String?
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "warning_comment") var warningComment: String?
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}

final class ReportValueRecord: Model, @unchecked Sendable {
    static let schema = "report_values"

    @ID(key: .id) var id: UUID?
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "row_key") var rowKey: String
    @Field(key: "column_key") var columnKey: String
    @OptionalField(key: "number") var number: Double?
    @OptionalField(key: "text") var text: String?

    init() {}
}

final class ReportValueHistoryRecord: Model, @unchecked Sendable {
    static let schema = "report_value_history"

    @ID(key: .id) var id: UUID?
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "row_key") var rowKey: String
    @Field(key: "column_key") var columnKey: String
    @OptionalField(key: "old_value") var oldValue: String?
    @OptionalField(key: "new_value") var newValue: String?
    @Field(key: "changed_by") var changedBy: String
    @Field(key: "changed_at") var changedAt: Date
    @OptionalField(key: "comment") var comment: String?

    init() {}
}

final class DeadlineExceptionRecord: Model, @unchecked Sendable {
    static let schema = "report_deadline_exceptions"

    @ID(key: .id) var id: UUID?
    @Field(key: "form_code") var formCode: String
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "period_code") var periodCode: String
    @Field(key: "until") var until: String
    @Field(key: "reason") var reason: String
    @Field(key: "granted_by") var grantedBy: String
    @Field(key: "granted_at") var grantedAt: Date

    init() {}
}

final class OutboxMessageRecord: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @OptionalField(key: "organization_id") var organizationID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "error") var error: String?

    init() {}
}
