import Foundation
import DangBoCore
import FluentKit
import SQLKit

/// Totals per ancestor (`DataTotals`): created and filled from the stored values, so a database that already holds
/// approved reports reads the same numbers through them from the first request.
struct CreateDataTotals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("data_totals")
            .field("element", .string, .required)
            .field("options", .string, .required)
            .field("ancestor_id", .uuid, .required)
            .field("level", .string, .required)
            .field("unit_kind", .string, .required)
            .field("period_code", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("number", .double, .required)
            .field("value_count", .int64, .required)
            .unique(on: "ancestor_id", "element", "options", "period_code", "level", "unit_kind", name: "uq_data_totals_key")
            .create()
        try await SQLIndexes.create("ix_data_totals_ancestor_period", on: "data_totals",
                                    columns: ["ancestor_id", "period_end"], database: database)
        try await DataTotals.computeAll(into: DataTotals.table, on: database as! any SQLDatabase)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("data_totals").delete()
    }
}
