import FluentKit
import SQLKit

/// The audit page filters by kind of record (members, organizations, reports, logins: a few entity types each), read
/// newest first by keyset like every other filter: (entity_type, at, id) serves it without walking the whole log for
/// a rare kind. Logins are the most frequent entries, so the other kinds would otherwise be read past them.
struct AddAuditEntityTypeIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndexes.create("ix_audit_entries_entity_at", on: "audit_entries", columns: ["entity_type", "at", "id"],
                                    database: database)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "ix_audit_entries_entity_at").run()
    }
}
