import Foundation
import DangBoCore
import FluentKit
import SQLKit

/// Values are keyed by data element from now on: `data_values(element, options, organization, period)`. Every
/// stored report value moves to the key its form's cell names today (forms: the catalog the server loaded);
/// a value whose form or cell the catalog does not know moves to the cell's implicit element `FORM/row/column`, so
/// nothing is lost. Revert moves them back the same way.
struct MoveReportValuesToDataElements: AsyncMigration {
    let forms: FormCatalog

    func prepare(on database: any Database) async throws {
        try await database.schema("data_values")
            .id()
            .field("element", .string, .required)
            .field("options", .string, .required)
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("period_code", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("entry_id", .uuid, .required, .references("report_entries", "id", onDelete: .cascade))
            .field("number", .double)
            .field("text", .string)
            .unique(on: "element", "options", "organization_id", "period_code", name: "uq_data_values_key")
            .create()
        try await SQLIndexes.create("ix_data_values_organization_period", on: "data_values",
                                    columns: ["organization_id", "period_end"], database: database)
        try await SQLIndexes.create("ix_data_values_entry", on: "data_values", columns: ["entry_id"], database: database)
        let sql = database as! any SQLDatabase
        try await withCellMap(on: database) {
            try await sql.raw("""
                INSERT INTO data_values (id, element, options, organization_id, period_code, period_start, period_end,
                                         entry_id, number, text)
                SELECT v.id, COALESCE(m.element, e.form_code || '/' || v.row_key || '/' || v.column_key), COALESCE(m.options, ''),
                       e.organization_id, e.period_code, e.period_start, e.period_end, e.id, v.number, v.text
                FROM report_values v JOIN report_entries e ON e.id = v.entry_id
                LEFT JOIN migration_cell_map m ON m.form_code = e.form_code AND m.row_key = v.row_key AND m.column_key = v.column_key
                WHERE 1 = 1
                ON CONFLICT DO NOTHING
                """).run()
            try await sql.raw("DELETE FROM report_values").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await withCellMap(on: database) {
            try await sql.raw("""
                INSERT INTO report_values (id, entry_id, row_key, column_key, number, text)
                SELECT d.id, d.entry_id, m.row_key, m.column_key, d.number, d.text
                FROM data_values d JOIN report_entries e ON e.id = d.entry_id
                JOIN migration_cell_map m ON m.form_code = e.form_code AND m.element = d.element AND m.options = d.options
                WHERE 1 = 1
                ON CONFLICT DO NOTHING
                """).run()
        }
        // Implicit elements (FORM/row/column) of forms the catalog does not know go back to their cells too.
        let implicit = try await sql.raw("""
            SELECT d.id AS id, d.entry_id AS entry_id, d.element AS element, d.number AS number, d.text AS text
            FROM data_values d WHERE d.element LIKE '%/%/%'
            """).all()
        var rows: [(UUID, UUID, String, String, Double?, String?)] = []
        for row in implicit {
            let parts = try row.decode(column: "element", as: String.self).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            rows.append((try row.decode(column: "id", as: UUID.self), try row.decode(column: "entry_id", as: UUID.self),
                         String(parts[1]), String(parts[2]), try row.decode(column: "number", as: Double?.self),
                         try row.decode(column: "text", as: String?.self)))
        }
        for batch in rows.chunked(200) {
            var insert = sql.insert(into: "report_values").columns("id", "entry_id", "row_key", "column_key", "number", "text")
            for row in batch {
                insert = insert.values(SQLBind(row.0), SQLBind(row.1), SQLBind(row.2), SQLBind(row.3), SQLBind(row.4), SQLBind(row.5))
            }
            try await insert.ignoringConflicts().run()
        }
        try await database.schema("data_values").delete()
    }

    /// A scratch table of every cell of every form: (form, row, column) → (element, options), plus each form's
    /// implicit elements, for the duration of `body`.
    private func withCellMap(on database: any Database, _ body: () async throws -> Void) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TABLE IF EXISTS migration_cell_map").run()
        try await sql.raw("""
            CREATE TABLE migration_cell_map (form_code TEXT NOT NULL, row_key TEXT NOT NULL, column_key TEXT NOT NULL,
                                             element TEXT NOT NULL, options TEXT NOT NULL)
            """).run()
        var rows: [(String, String, String, String, String)] = []
        for form in forms.forms {
            for cell in form.entryCells {
                let key = form.valueKey(cell)
                rows.append((form.code, cell.row, cell.column, key.element, key.optionsKey))
            }
        }
        for batch in rows.chunked(200) {
            var insert = sql.insert(into: "migration_cell_map").columns("form_code", "row_key", "column_key", "element", "options")
            for row in batch { insert = insert.values(SQLBind(row.0), SQLBind(row.1), SQLBind(row.2), SQLBind(row.3), SQLBind(row.4)) }
            try await insert.run()
        }
        do {
            try await body()
        } catch {
            try? await sql.raw("DROP TABLE IF EXISTS migration_cell_map").run()
            throw error
        }
        try await sql.raw("DROP TABLE IF EXISTS migration_cell_map").run()
    }
}
