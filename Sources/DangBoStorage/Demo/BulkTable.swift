import Foundation
import SQLKit

/// One value of a bulk-inserted row, typed as Fluent binds it (so a row written here reads back as a record's).
enum BulkValue: Sendable {
    case text(String)
    case uuid(UUID)
    case double(Double)
    case int(Int)
    case bool(Bool)
    case date(Date)
    case null

    static func text(_ value: String?) -> BulkValue { value.map(BulkValue.text) ?? .null }
    static func double(_ value: Double?) -> BulkValue { value.map(BulkValue.double) ?? .null }
    static func date(_ value: Date?) -> BulkValue { value.map(BulkValue.date) ?? .null }
}

/// A column of a bulk-inserted table with the type of its values (PostgreSQL binds a whole column as one array).
struct BulkColumn: Sendable {
    enum Kind: Sendable { case text, uuid, double, int, bool, date }

    let name: String
    let kind: Kind

    static func text(_ name: String) -> BulkColumn { BulkColumn(name: name, kind: .text) }
    static func uuid(_ name: String) -> BulkColumn { BulkColumn(name: name, kind: .uuid) }
    static func double(_ name: String) -> BulkColumn { BulkColumn(name: name, kind: .double) }
    static func int(_ name: String) -> BulkColumn { BulkColumn(name: name, kind: .int) }
    static func bool(_ name: String) -> BulkColumn { BulkColumn(name: name, kind: .bool) }
    static func date(_ name: String) -> BulkColumn { BulkColumn(name: name, kind: .date) }
}

/// The rows of one table, written in multi-row INSERTs. On SQLite, `INSERT INTO t (...) VALUES (...), (...)` with as
/// many rows per statement as keep the bound parameters under its limit of 32,766; on PostgreSQL,
/// `INSERT INTO t (...) SELECT * FROM unnest($1::uuid[], $2::text[], ...)`: one array per column, so a statement of
/// 10,000 rows has as many parameters as the table has columns (its limit is 65,535) and the server parses no
/// per-row SQL.
struct BulkTable: Sendable {
    /// Bound parameters per SQLite statement at most.
    static let maxBinds = 30_000
    /// Rows per PostgreSQL statement.
    static let postgresRows = 10_000

    let name: String
    let columns: [BulkColumn]
    /// Row after row, `columns.count` values each.
    private(set) var values: [BulkValue] = []

    init(_ name: String, columns: [BulkColumn]) {
        self.name = name
        self.columns = columns
    }

    var rowCount: Int { values.count / columns.count }

    mutating func append(_ row: [BulkValue]) {
        precondition(row.count == columns.count, "\(name): \(row.count) values for \(columns.count) columns")
        values.append(contentsOf: row)
    }

    mutating func reserve(rows: Int) {
        values.reserveCapacity(values.count + rows * columns.count)
    }

    /// Writes every row (call it inside a transaction).
    func insert(on sql: any SQLDatabase) async throws {
        let isPostgres = sql.dialect.name == "postgresql"
        let stride = (isPostgres ? Self.postgresRows : Self.maxBinds / columns.count) * columns.count
        var start = 0
        while start < values.count {
            let end = min(start + stride, values.count)
            let rows = values[start ..< end]
            if isPostgres {
                try await sql.execute(sql: PostgresStatement(table: name, columns: columns, values: rows)) { _ in }
            } else {
                try await sql.execute(sql: ValuesStatement(table: name, columns: columns, values: rows)) { _ in }
            }
            start = end
        }
    }

    /// `INSERT INTO table (columns)`, the part both statements share.
    static func serializeHead(table: String, columns: [BulkColumn], to serializer: inout SQLSerializer) {
        serializer.write("INSERT INTO ")
        SQLIdentifier(table).serialize(to: &serializer)
        serializer.write(" (")
        for (index, column) in columns.enumerated() {
            if index > 0 { serializer.write(", ") }
            SQLIdentifier(column.name).serialize(to: &serializer)
        }
        serializer.write(")")
    }

    /// `INSERT INTO table (columns) VALUES (...), (...)` for a slice of whole rows; NULL is written as a literal.
    struct ValuesStatement: SQLExpression {
        let table: String
        let columns: [BulkColumn]
        let values: ArraySlice<BulkValue>

        func serialize(to serializer: inout SQLSerializer) {
            BulkTable.serializeHead(table: table, columns: columns, to: &serializer)
            serializer.write(" VALUES ")
            var column = 0
            var isFirstRow = true
            for value in values {
                if column > 0 {
                    serializer.write(", ")
                } else {
                    serializer.write(isFirstRow ? "(" : ", (")
                    isFirstRow = false
                }
                switch value {
                case .text(let text): serializer.write(bind: text)
                case .uuid(let id): serializer.write(bind: id)
                case .double(let number): serializer.write(bind: number)
                case .int(let number): serializer.write(bind: number)
                case .bool(let flag): serializer.write(bind: flag)
                case .date(let date): serializer.write(bind: date)
                case .null: serializer.write("NULL")
                }
                column += 1
                if column == columns.count {
                    serializer.write(")")
                    column = 0
                }
            }
        }
    }
}
