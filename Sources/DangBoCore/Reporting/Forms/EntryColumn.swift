import Foundation

/// What a reporter types for each data row: `{"key": "n", "title": "Số lượng", "type": "count"}`.
public struct EntryColumn: Codable, Sendable, Hashable {
    public var key: String
    public var title: String
    public var type: CellType

    public init(key: String, title: String, type: CellType) {
        self.key = key
        self.title = title
        self.type = type
    }
}
