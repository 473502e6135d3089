import FluentKit

struct CreateMembers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("members")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("full_name", .string, .required)
            .field("search_name", .string, .required)
            .field("sort_key", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string, .required)
            .field("ethnicity", .string, .required)
            .field("religion", .string, .required)
            .field("education_level", .string, .required)
            .field("political_theory_level", .string, .required)
            .field("admission_date", .string)
            .field("full_membership_date", .string)
            .field("card_number", .string)
            .field("positions", .string, .required)
            .field("status", .string, .required)
            .field("status_date", .string)
            .field("version", .int, .required)
            .unique(on: "card_number", name: "uq_members_card_number")
            .create()
        try await SQLIndexes.create("ix_members_organization_sort", on: "members",
                                    columns: ["organization_id", "sort_key"], database: database)
        try await SQLIndexes.create("ix_members_sort", on: "members", columns: ["sort_key"], database: database)
        try await database.schema("member_assignments")
            .id()
            .field("member_id", .uuid, .required, .references("members", "id"))
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .create()
        try await SQLIndexes.create("ix_member_assignments_member", on: "member_assignments",
                                    columns: ["member_id", "valid_from"], database: database)
        try await SQLIndexes.create("ix_member_assignments_organization", on: "member_assignments",
                                    columns: ["organization_id", "valid_from"], database: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("member_assignments").delete()
        try await database.schema("members").delete()
    }
}
