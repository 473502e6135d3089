import FluentKit
import SQLKit

/// Index creation, which FluentKit's schema builder does not offer; the SQL is the same on SQLite and PostgreSQL.
enum SQLIndexes {
    static func create(_ name: String, on table: String, columns: [String], database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
