import Foundation

/// A merged header cell above consecutive leaf columns: `{"title": "Năm", "columns": ["c2", "c3"]}`.
///
/// `level` 0 (the default) sits directly above the leaves, 1 above level 0, and so on. A group of a higher level
/// must contain each lower-level group it touches entirely. A cell with nothing above it spans upward to the top
/// header row, as printed tables merge them.
public struct HeaderGroup: Codable, Sendable, Hashable {
    public var title: String
    public var columns: [String]
    public var level: Int

    public init(title: String, columns: [String], level: Int = 0) {
        self.title = title
        self.columns = columns
        self.level = level
    }

    private enum CodingKeys: String, CodingKey {
        case title, columns, level
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        columns = try container.decode([String].self, forKey: .columns)
        level = try container.decodeIfPresent(Int.self, forKey: .level) ?? 0
    }
}
