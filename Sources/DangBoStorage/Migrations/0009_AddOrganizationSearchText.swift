import Foundation
import DangBoCore
import FluentKit
import SQLKit

/// `organizations.search_text`: the name and the code folded like member names ("dang bo so y te db-syt"), so the
/// organization pickers find a unit by either, typed without diacritics. Existing rows are filled in. On PostgreSQL a
/// trigram index serves that `LIKE '%...%'` over a national tree (300,000 organizations); on both databases an index
/// on `name_key` lets a search in Vietnamese order stop after the first matches.
struct AddOrganizationSearchText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE organizations ADD COLUMN search_text TEXT NOT NULL DEFAULT ''").run()
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let rows = try await sql.raw("SELECT id, code, name FROM organizations").all()
            // 500 rows per statement: a national tree (300,000 organizations) is filled in 600 statements.
            for batch in stride(from: 0, to: rows.count, by: 500) {
                var cases: SQLQueryString = "UPDATE organizations SET search_text = CASE id"
                var ids: SQLQueryString = ""
                for (index, row) in rows[batch ..< min(batch + 500, rows.count)].enumerated() {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let text = Organization.searchText(name: try row.decode(column: "name", as: String.self),
                                                       code: try row.decode(column: "code", as: String.self))
                    cases += " WHEN \(bind: id) THEN \(bind: text)"
                    ids += index == 0 ? "\(bind: id)" : ", \(bind: id)"
                }
                try await sql.raw(cases + " END WHERE id IN (" + ids + ")").run()
            }
        }
        try await SQLIndexes.create("ix_organizations_name_key", on: "organizations", columns: ["name_key"], database: database)
        if sql.dialect.name == "postgresql" {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS ix_organizations_search_trgm ON organizations USING gin (search_text gin_trgm_ops)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS ix_organizations_search_trgm").run()
        try await sql.raw("DROP INDEX IF EXISTS ix_organizations_name_key").run()
        try await sql.raw("ALTER TABLE organizations DROP COLUMN search_text").run()
    }
}
