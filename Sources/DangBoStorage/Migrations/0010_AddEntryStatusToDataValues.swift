import Foundation
import DangBoCore
import FluentKit
import SQLKit

/// Each stored value carries the status of the entry that wrote it (`entry_status`), kept in the same transaction as
/// every save, submission, approval and return, so a roll-up filters approved values without looking up each
/// value's entry (half of a province's roll-up time went to that lookup; BENCHMARKS.md).
struct AddEntryStatusToDataValues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE data_values ADD COLUMN entry_status TEXT NOT NULL DEFAULT 'draft'").run()
        try await sql.raw("""
            UPDATE data_values SET entry_status = (SELECT e.status FROM report_entries e WHERE e.id = data_values.entry_id)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("data_values").deleteField("entry_status").update()
    }
}
