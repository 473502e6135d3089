import Foundation

/// A value cell of a rendered table.
public struct RenderedCell: Codable, Sendable, Hashable {
    public var column: String
    /// The number, for numeric cells; nil when empty (nothing entered, division by zero, greyed, heading row).
    public var value: Double?
    /// The printed text: the number formatted the Vietnamese way, or the entered text.
    public var text: String
    public var type: CellType
    public var isGreyed: Bool
    /// True when the cell is not an entered value as such: a formula column, a computed row, or an `expr` that
    /// combines entry columns (a ratio).
    public var isComputed: Bool
    /// The period the value covers (for columns without `formula`).
    public var period: Period?
    public var explanation: String
}
