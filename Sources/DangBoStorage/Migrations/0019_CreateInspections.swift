import FluentKit

/// The inspection and supervision registry: programs, their cases, each case's subjects with their findings, and
/// the conclusions' requirements. PL 8.1's sections I and II count concluded subjects by conclusion date in the
/// subtree of the organization that acted (`actor_organization_id`).
struct CreateInspections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("inspection_programs")
            .id()
            .field("organization_id", .uuid, .required)
            .field("actor", .string, .required)
            .field("scope", .string, .required)
            .field("title", .string, .required)
            .field("start_on", .string, .required)
            .field("end_on", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("inspection_cases")
            .id()
            .field("program_id", .uuid)
            .field("actor_organization_id", .uuid, .required)
            .field("actor", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("planned_start", .string, .required)
            .field("planned_end", .string, .required)
            .field("started_on", .string)
            .field("concluded_on", .string)
            .field("conclusion_number", .string, .required)
            .field("conclusion", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("inspection_subjects")
            .id()
            .field("case_id", .uuid, .required)
            .field("position", .int, .required)
            .field("member_id", .uuid)
            .field("organization_id", .uuid, .required)
            .field("is_committee_member", .bool, .required)
            .field("violation", .bool)
            .field("discipline_required", .bool)
            .field("referred", .bool)
            .create()
        try await database.schema("inspection_requirements")
            .id()
            .field("case_id", .uuid, .required)
            .field("organization_id", .uuid, .required)
            .field("text", .string, .required)
            .field("due_date", .string, .required)
            .field("done_on", .string)
            .field("follow_up", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // Programs listed newest first by keyset, for a scope joined or walked up (NewestFirstSelection).
        try await SQLIndexes.create("ix_inspection_programs_created_id", on: "inspection_programs", columns: ["created_at", "id"], database: database)
        try await SQLIndexes.create("ix_inspection_programs_organization_created", on: "inspection_programs",
                                    columns: ["organization_id", "created_at"], database: database)
        // A program's cases; the subtree's cases by acting organization and conclusion date (bound elements, progress).
        try await SQLIndexes.create("ix_inspection_cases_program", on: "inspection_cases", columns: ["program_id"], database: database)
        try await SQLIndexes.create("ix_inspection_cases_actor_concluded", on: "inspection_cases",
                                    columns: ["actor_organization_id", "concluded_on"], database: database)
        try await SQLIndexes.create("ix_inspection_subjects_case", on: "inspection_subjects", columns: ["case_id", "position"], database: database)
        try await SQLIndexes.create("ix_inspection_subjects_member", on: "inspection_subjects", columns: ["member_id"], database: database)
        try await SQLIndexes.create("ix_inspection_requirements_case", on: "inspection_requirements", columns: ["case_id"], database: database)
        // Overdue requirements of a scope, listed newest first by keyset.
        try await SQLIndexes.create("ix_inspection_requirements_organization_created", on: "inspection_requirements",
                                    columns: ["organization_id", "created_at"], database: database)
        try await SQLIndexes.create("ix_inspection_requirements_created_id", on: "inspection_requirements",
                                    columns: ["created_at", "id"], database: database)
    }

    func revert(on database: any Database) async throws {
        for table in ["inspection_requirements", "inspection_subjects", "inspection_cases", "inspection_programs"] {
            try await database.schema(table).delete()
        }
    }
}
