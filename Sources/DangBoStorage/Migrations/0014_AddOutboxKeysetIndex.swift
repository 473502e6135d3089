import FluentKit
import SQLKit

/// The outbox page lists reminders newest first by keyset on (created_at, id) within the viewer's subtree: (created_at,
/// id) serves a large scope (messages read in order, kept when their organization walks up to the scope), and
/// (organization_id, created_at) a small one (the subtree joined to its organizations' messages). `dangbo remind`
/// queues one message per overdue reporter, so the outbox grows by a country's worth of rows a period.
struct AddOutboxKeysetIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndexes.create("ix_outbox_messages_created_id", on: "outbox_messages", columns: ["created_at", "id"],
                                    database: database)
        try await SQLIndexes.create("ix_outbox_messages_organization_created", on: "outbox_messages",
                                    columns: ["organization_id", "created_at"], database: database)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for name in ["ix_outbox_messages_organization_created", "ix_outbox_messages_created_id"] {
            try await sql.drop(index: name).run()
        }
    }
}
