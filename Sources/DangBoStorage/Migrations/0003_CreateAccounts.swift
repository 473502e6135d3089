import FluentKit

struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("scope_organization_id", .uuid, .required, .references("organizations", "id"))
            .field("member_id", .uuid, .references("members", "id"))
            .field("email", .string)
            .unique(on: "username", name: "uq_accounts_username")
            .create()
        try await database.schema("api_tokens")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash", name: "uq_api_tokens_hash")
            .create()
        try await database.schema("login_attempts")
            .id()
            .field("username", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .create()
        try await SQLIndexes.create("ix_login_attempts_username_at", on: "login_attempts",
                                    columns: ["username", "at"], database: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
        try await database.schema("api_tokens").delete()
        try await database.schema("accounts").delete()
    }
}
