import FluentKit

/// Report entries (one per form × organization × period), their cell values, every cell change, deadline exceptions
/// granted by the bloc, and the reminder outbox.
struct CreateReporting: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("report_entries")
            .id()
            .field("form_code", .string, .required)
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("period_code", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("submitted_at", .datetime)
            .field("submitted_by", .string)
            .field("reviewed_at", .datetime)
            .field("reviewed_by", .string)
            .field("review_comment", .string)
            .field("warning_comment", .string)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "form_code", "organization_id", "period_code", name: "uq_report_entries_form_org_period")
            .create()
        try await SQLIndexes.create("ix_report_entries_form_period", on: "report_entries",
                                    columns: ["form_code", "period_start", "period_end"], database: database)
        try await database.schema("report_values")
            .id()
            .field("entry_id", .uuid, .required, .references("report_entries", "id", onDelete: .cascade))
            .field("row_key", .string, .required)
            .field("column_key", .string, .required)
            .field("number", .double)
            .field("text", .string)
            .unique(on: "entry_id", "row_key", "column_key", name: "uq_report_values_cell")
            .create()
        try await database.schema("report_value_history")
            .id()
            .field("entry_id", .uuid, .required, .references("report_entries", "id", onDelete: .cascade))
            .field("row_key", .string, .required)
            .field("column_key", .string, .required)
            .field("old_value", .string)
            .field("new_value", .string)
            .field("changed_by", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("comment", .string)
            .create()
        try await SQLIndexes.create("ix_report_value_history_entry", on: "report_value_history",
                                    columns: ["entry_id", "changed_at"], database: database)
        try await database.schema("report_deadline_exceptions")
            .id()
            .field("form_code", .string, .required)
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("period_code", .string, .required)
            .field("until", .string, .required)
            .field("reason", .string, .required)
            .field("granted_by", .string, .required)
            .field("granted_at", .datetime, .required)
            .create()
        try await database.schema("outbox_messages")
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("organization_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("error", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["outbox_messages", "report_deadline_exceptions", "report_value_history", "report_values", "report_entries"] {
            try await database.schema(table).delete()
        }
    }
}
