import FluentKit

/// Server-side sessions, shared by every app instance that uses the same database.
struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "key", name: "uq_sessions_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
