import Foundation

/// A row of a rendered table; heading rows have empty cells.
public struct RenderedRow: Codable, Sendable, Hashable {
    public var key: String
    public var number: String
    public var label: String
    public var indent: Int
    public var kind: RowKind
    /// The row's unit when the table prints a unit column (a third stub column): "" for a row without one.
    /// Nil when the table has no unit column.
    public var unit: String?
    /// The texts of the stub cells, left to right, matching `RenderedTable.numberingRow`'s first entries:
    /// [label], [number, label] or [number, label, unit].
    public var stub: [String]
    /// One cell per printed column, in column order.
    public var cells: [RenderedCell]
}
