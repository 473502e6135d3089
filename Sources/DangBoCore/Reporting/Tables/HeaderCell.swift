import Foundation

/// A header cell of a printed table; `column` is its first column counting the stub columns from 0.
public struct HeaderCell: Codable, Sendable, Hashable {
    public var text: String
    public var rowSpan: Int
    public var colSpan: Int
    public var column: Int

    public init(text: String, rowSpan: Int, colSpan: Int, column: Int) {
        self.text = text
        self.rowSpan = rowSpan
        self.colSpan = colSpan
        self.column = column
    }
}
