import FluentPostgresDriver
import Foundation
import NIOCore
import SQLKit

extension BulkTable {
    /// `INSERT INTO table (columns) SELECT * FROM unnest($1::uuid[], $2::text[], ...)` for a slice of whole rows:
    /// each column is bound as one array (`ColumnArray`), which `unnest` zips back into rows.
    struct PostgresStatement: SQLExpression {
        let table: String
        let columns: [BulkColumn]
        let values: ArraySlice<BulkValue>

        func serialize(to serializer: inout SQLSerializer) {
            BulkTable.serializeHead(table: table, columns: columns, to: &serializer)
            serializer.write(" SELECT * FROM unnest(")
            for (index, column) in columns.enumerated() {
                if index > 0 { serializer.write(", ") }
                let array = ColumnArray(kind: column.kind, values: values, width: columns.count, column: index)
                serializer.write(bind: array)
                serializer.write("::\(array.elementTypeName)[]")
            }
            serializer.write(")")
        }
    }

    /// One column of a slice of rows as a one-dimensional PostgreSQL array in the binary format (`array_send`:
    /// dimensions, a null flag, the element type, then each element as its length and bytes, -1 for NULL); each
    /// element is encoded by PostgresNIO's own encoder for its Swift type, the encoding Fluent binds it with.
    struct ColumnArray: PostgresDynamicTypeEncodable, Encodable, Sendable {
        let kind: BulkColumn.Kind
        let values: ArraySlice<BulkValue>
        let width: Int
        let column: Int

        var elementType: PostgresDataType {
            switch kind {
            case .text: return .text
            case .uuid: return .uuid
            case .double: return .float8
            case .int: return .int8
            case .bool: return .bool
            case .date: return .timestamptz
            }
        }

        var elementTypeName: String {
            switch kind {
            case .text: return "text"
            case .uuid: return "uuid"
            case .double: return "float8"
            case .int: return "int8"
            case .bool: return "bool"
            case .date: return "timestamptz"
            }
        }

        var psqlType: PostgresDataType {
            switch kind {
            case .text: return .textArray
            case .uuid: return .uuidArray
            case .double: return .float8Array
            case .int: return .int8Array
            case .bool: return .boolArray
            case .date: return PostgresDataType(1185) // timestamptz[]
            }
        }

        var psqlFormat: PostgresFormat { .binary }

        func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
            let count = values.count / width
            var hasNulls = false
            var index = values.startIndex + column
            for _ in 0 ..< count {
                if case .null = values[index] { hasNulls = true; break }
                index += width
            }
            buffer.writeInteger(Int32(1))
            buffer.writeInteger(Int32(hasNulls ? 1 : 0))
            buffer.writeInteger(elementType.rawValue)
            buffer.writeInteger(Int32(count))
            buffer.writeInteger(Int32(1))
            index = values.startIndex + column
            for _ in 0 ..< count {
                let value = values[index]
                index += width
                if case .null = value {
                    buffer.writeInteger(Int32(-1))
                    continue
                }
                let lengthIndex = buffer.writerIndex
                buffer.writeInteger(Int32(0))
                let start = buffer.writerIndex
                switch value {
                case .text(let text): text.encode(into: &buffer, context: context)
                case .uuid(let id): id.encode(into: &buffer, context: context)
                case .double(let number): number.encode(into: &buffer, context: context)
                case .int(let number): number.encode(into: &buffer, context: context)
                case .bool(let flag): flag.encode(into: &buffer, context: context)
                case .date(let date): date.encode(into: &buffer, context: context)
                case .null: break
                }
                buffer.setInteger(Int32(buffer.writerIndex - start), at: lengthIndex)
            }
        }

        /// Never used: PostgresNIO takes the binary encoding above.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode("\(kind) × \(values.count / width)")
        }
    }
}
