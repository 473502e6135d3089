import FluentKit

struct CreateOrganizations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("level", .string, .required)
            .field("unit_kind", .string)
            .field("cluster", .string)
            .field("opened_on", .string, .required)
            .field("closed_on", .string)
            .unique(on: "code", name: "uq_organizations_code")
            .create()
        try await database.schema("organization_links")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("parent_id", .uuid, .required, .references("organizations", "id"))
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .create()
        try await SQLIndexes.create("ix_organization_links_parent", on: "organization_links",
                                    columns: ["parent_id", "valid_from"], database: database)
        try await SQLIndexes.create("ix_organization_links_organization", on: "organization_links",
                                    columns: ["organization_id", "valid_from"], database: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organization_links").delete()
        try await database.schema("organizations").delete()
    }
}
