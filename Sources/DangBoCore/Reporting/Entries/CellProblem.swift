import Foundation

/// A problem with one entered cell: "Ô r1a:n: phải là số nguyên không âm".
public struct CellProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var cell: CellKey
    public var message: String

    public init(cell: CellKey, message: String) {
        self.cell = cell
        self.message = message
    }

    public var description: String { "Ô \(cell): \(message)" }

    public var fieldProblem: FieldProblem { FieldProblem(field: cell.description, message: message) }
}
