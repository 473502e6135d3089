import Foundation

/// What a reporter types for each data row: `{"key": "n", "title": "Số lượng", "type": "count"}`.
public struct EntryColumn: Codable, Sendable, Hashable {
    public var key: String
    public var title: String
    public var type: CellType
    /// The data element this column's cells report (a row's `element` wins) and the disaggregation options it adds.
    public var element: String?
    public var options: [String: String]

    public init(key: String, title: String, type: CellType, element: String? = nil, options: [String: String] = [:]) {
        self.key = key
        self.title = title
        self.type = type
        self.element = element
        self.options = options
    }

    private enum CodingKeys: String, CodingKey { case key, title, type, element, options }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        type = try container.decode(CellType.self, forKey: .type)
        element = try container.decodeIfPresent(String.self, forKey: .element)
        options = try container.decodeIfPresent([String: String].self, forKey: .options) ?? [:]
    }
}
