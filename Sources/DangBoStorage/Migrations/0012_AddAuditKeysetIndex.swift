import FluentKit
import SQLKit

/// The audit log pages by keyset on (at, id), newest first, and its filters on the action and the person are read in
/// that order too: an index on (at, id) serves the unfiltered list (and replaces the one on `at` alone, which it
/// covers), and (action, at, id) and (actor_name, at, id) serve a filtered one without walking the whole log for a rare
/// action or person. Entries about one organization keep (organization_id, at).
struct AddAuditKeysetIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndexes.create("ix_audit_entries_at_id", on: "audit_entries", columns: ["at", "id"], database: database)
        try await SQLIndexes.create("ix_audit_entries_action_at", on: "audit_entries", columns: ["action", "at", "id"], database: database)
        try await SQLIndexes.create("ix_audit_entries_actor_at", on: "audit_entries", columns: ["actor_name", "at", "id"], database: database)
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "ix_audit_entries_at").run()
    }

    func revert(on database: any Database) async throws {
        try await SQLIndexes.create("ix_audit_entries_at", on: "audit_entries", columns: ["at"], database: database)
        guard let sql = database as? any SQLDatabase else { return }
        for name in ["ix_audit_entries_actor_at", "ix_audit_entries_action_at", "ix_audit_entries_at_id"] {
            try await sql.drop(index: name).run()
        }
    }
}
