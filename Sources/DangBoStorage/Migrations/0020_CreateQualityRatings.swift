import DangBoCore
import FluentKit

/// The quality rating registry: one row per subject rated (or recorded as not rated) in a year. PL 7.5, PL 7.6 and
/// the targets' shares count them as a stock on 31 December (`year_end`) in the subtree of `organization_id`.
struct CreateQualityRatings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        var schema = database.schema("quality_ratings")
            .id()
            .field("year", .int, .required)
            .field("year_end", .string, .required)
            .field("subject", .string, .required)
            .field("subject_key", .string, .required)
            .field("organization_id", .uuid, .required)
            .field("member_id", .uuid)
            .field("collective", .string)
            .field("title", .string)
            .field("grade", .string)
            .field("not_rated_reason", .string, .required)
        for item in CollectiveCase.allCases { schema = schema.field(.string(item.column), .bool, .required) }
        try await schema
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            // A member is rated once a year; an organization, a collective, a cadre's title once per organization.
            .unique(on: "year", "subject_key", name: "uq_quality_ratings_subject")
            .create()
        // Bound elements read an organization's ratings of a year end: (organization_id, year_end).
        try await SQLIndexes.create("ix_quality_ratings_organization_year", on: "quality_ratings",
                                    columns: ["organization_id", "year_end"], database: database)
        // A member's page lists their ratings; the unrated list looks a member's rating up by (member_id, year).
        try await SQLIndexes.create("ix_quality_ratings_member_year", on: "quality_ratings", columns: ["member_id", "year"], database: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quality_ratings").delete()
    }
}
