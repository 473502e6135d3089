import FluentKit

/// The discipline registry: one row per decision against a member or an organization (PL 8.1 section III counts
/// them by decision date in the subtree of `organization_id` on that day).
struct CreateDisciplineDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("discipline_decisions")
            .id()
            .field("subject_kind", .string, .required)
            .field("member_id", .uuid)
            .field("organization_id", .uuid, .required)
            .field("form", .string, .required)
            .field("decided_by", .string, .required)
            .field("decider_organization_id", .uuid, .required)
            .field("decision_date", .string, .required)
            .field("number", .string, .required)
            .field("reason", .string, .required)
            .field("is_committee_member", .bool, .required)
            .field("legal_action", .bool, .required)
            .field("administrative_action", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        // Bound elements count an organization's decisions in a span: (organization_id, decision_date).
        try await SQLIndexes.create("ix_discipline_organization_date", on: "discipline_decisions",
                                    columns: ["organization_id", "decision_date"], database: database)
        // The registry's list reads newest recorded first by keyset: (created_at, id) for a large scope, and
        // (organization_id, created_at) for a small one joined to its organizations.
        try await SQLIndexes.create("ix_discipline_created_id", on: "discipline_decisions", columns: ["created_at", "id"], database: database)
        try await SQLIndexes.create("ix_discipline_organization_created", on: "discipline_decisions",
                                    columns: ["organization_id", "created_at"], database: database)
        // A member's page lists their decisions.
        try await SQLIndexes.create("ix_discipline_member", on: "discipline_decisions", columns: ["member_id"], database: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("discipline_decisions").delete()
    }
}
