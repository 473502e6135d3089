import Foundation

/// The printed cells that are not filled ("gạch chéo"): whole rows ("r1:*"), whole columns ("*:c7") and single
/// cells ("r1b:c7").
struct GreyedCells: Sendable, Hashable {
    var rows: Set<String> = []
    var columns: Set<String> = []
    var cells: Set<CellKey> = []

    func contains(row: String, column: String) -> Bool {
        rows.contains(row) || columns.contains(column) || cells.contains(CellKey(row: row, column: column))
    }

    /// Adds a pattern; nil when it is not "row:col", "row:*" or "*:col", else the (row, column) it names
    /// ("*" for a wildcard).
    mutating func add(_ pattern: String) -> (row: String, column: String)? {
        guard let key = CellKey(parsing: pattern), key != CellKey(row: "*", column: "*") else { return nil }
        if key.column == "*" {
            rows.insert(key.row)
        } else if key.row == "*" {
            columns.insert(key.column)
        } else {
            cells.insert(key)
        }
        return (key.row, key.column)
    }
}
