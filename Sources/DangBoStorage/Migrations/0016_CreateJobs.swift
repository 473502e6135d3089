import FluentKit

/// Long operations run as jobs (imports checked and written): their progress and outcome, readable by every app
/// instance, and the uploaded file they work on, so that the step after a check needs no second upload.
struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("account_id", .uuid, .required)
            .field("status", .string, .required)
            .field("done", .int, .required)
            .field("total", .int, .required)
            .field("phase", .string, .required)
            .field("summary", .string)
            .field("result", .data)
            .field("input", .data)
            .field("input_name", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        // A page finds the account's latest job of its kind: (account_id, created_at) keeps that one index step.
        try await SQLIndexes.create("ix_jobs_account_created", on: "jobs", columns: ["account_id", "created_at"], database: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
