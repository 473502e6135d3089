import FluentKit

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("organization_id", .uuid)
            .field("summary", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await SQLIndexes.create("ix_audit_entries_at", on: "audit_entries", columns: ["at"], database: database)
        try await SQLIndexes.create("ix_audit_entries_organization", on: "audit_entries",
                                    columns: ["organization_id", "at"], database: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}
