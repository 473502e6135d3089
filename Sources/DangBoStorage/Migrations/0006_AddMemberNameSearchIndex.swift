import FluentKit
import SQLKit

/// On PostgreSQL, a trigram index makes the diacritic-insensitive `search_name LIKE '%...%'` fast at national scale
/// (millions of members). SQLite has no equivalent; there the scan is over one bloc and stays cheap.
struct AddMemberNameSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS ix_members_search_trgm ON members USING gin (search_name gin_trgm_ops)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP INDEX IF EXISTS ix_members_search_trgm").run()
    }
}
