import FluentKit

/// The denunciation and discipline appeal registries: one row per letter received. PL 8.1 counts them by received
/// date and by conclusion date in the subtree of `handler_organization_id` (the organization whose committee or
/// inspection commission resolves them) on that day.
struct CreateComplaints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("denunciations")
            .id()
            .field("subject_kind", .string, .required)
            .field("member_id", .uuid)
            .field("organization_id", .uuid, .required)
            .field("handler_organization_id", .uuid, .required)
            .field("actor", .string, .required)
            .field("received_on", .string, .required)
            .field("denouncer", .string, .required)
            .field("content", .string, .required)
            .field("concluded_on", .string)
            .field("outcome", .string)
            .field("violation", .bool)
            .field("discipline_required", .bool)
            .field("conclusion_number", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("discipline_appeals")
            .id()
            .field("subject_kind", .string, .required)
            .field("member_id", .uuid)
            .field("organization_id", .uuid, .required)
            .field("decision_id", .uuid)
            .field("handler_organization_id", .uuid, .required)
            .field("actor", .string, .required)
            .field("received_on", .string, .required)
            .field("content", .string, .required)
            .field("concluded_on", .string)
            .field("outcome", .string)
            .field("conclusion_number", .string)
            .field("created_at", .datetime, .required)
            .create()
        for (table, prefix) in [("denunciations", "ix_denunciations"), ("discipline_appeals", "ix_appeals")] {
            // Bound elements count a handler's letters received or resolved in a span.
            try await SQLIndexes.create("\(prefix)_handler_received", on: table, columns: ["handler_organization_id", "received_on"], database: database)
            try await SQLIndexes.create("\(prefix)_handler_concluded", on: table, columns: ["handler_organization_id", "concluded_on"], database: database)
            // The lists read newest recorded first by keyset: (created_at, id) for a large scope, and the scope's
            // organizations joined for a small one.
            try await SQLIndexes.create("\(prefix)_created_id", on: table, columns: ["created_at", "id"], database: database)
            try await SQLIndexes.create("\(prefix)_handler_created", on: table, columns: ["handler_organization_id", "created_at"], database: database)
            try await SQLIndexes.create("\(prefix)_organization_created", on: table, columns: ["organization_id", "created_at"], database: database)
            // A member's page lists the letters about them.
            try await SQLIndexes.create("\(prefix)_member", on: table, columns: ["member_id"], database: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("discipline_appeals").delete()
        try await database.schema("denunciations").delete()
    }
}
