import Foundation

/// One entry cell of a form: a row and an entry column, written "r1a:n".
public struct CellKey: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var row: String
    public var column: String

    public init(row: String, column: String) {
        self.row = row
        self.column = column
    }

    /// Reads "row:column"; nil unless both sides are non-empty and there is exactly one colon.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(row: String(parts[0]), column: String(parts[1]))
    }

    public var description: String { "\(row):\(column)" }

    public static func < (lhs: CellKey, rhs: CellKey) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }

    /// Encoded as "row:column", so that dictionaries keyed by cells encode as JSON objects.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let key = CellKey(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Ô không hợp lệ: \(text)")
        }
        self = key
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CellKey: CodingKeyRepresentable {
    public var codingKey: CodingKey { CellCodingKey(stringValue: description) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(parsing: codingKey.stringValue)
    }
}

private struct CellCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
