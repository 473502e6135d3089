import Foundation

/// A1-style cell references: column letters, "C5", and ranges "A1:C1".
/// Rows and columns here are 0-based indexes; the text forms are 1-based as in Excel.
public struct CellReference: Hashable, Sendable, CustomStringConvertible {
    /// Largest column count of a worksheet (column XFD).
    public static let maxColumns = 16_384
    /// Largest row count of a worksheet.
    public static let maxRows = 1_048_576

    /// 0-based row index (row 1 is 0).
    public var row: Int
    /// 0-based column index (column A is 0).
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses "C5" (also "$C$5", lower case letters). Nil for anything else or out of the sheet's bounds.
    public init?(_ text: String) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                let upper = byte & 0xDF
                column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, (1...Self.maxColumns).contains(column), (1...Self.maxRows).contains(row) else {
            return nil
        }
        self.init(row: row - 1, column: column - 1)
    }

    /// "A" for 0, "Z" for 25, "AA" for 26, ...; "" for a negative index.
    public static func columnLetters(_ index: Int) -> String {
        guard index >= 0 else { return "" }
        var number = index + 1
        var scalars: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(scalars.reversed())
    }

    /// Parses only the letters of a column ("C" is 2); nil when not letters or beyond XFD.
    public static func columnIndex(_ letters: String) -> Int? {
        guard !letters.isEmpty, letters.utf8.count <= 3 else { return nil }
        return CellReference(letters + "1")?.column
    }

    /// "C5" for row 4, column 2.
    public var description: String { Self.columnLetters(column) + String(row + 1) }
}

/// A rectangle of cells such as "A1:C1", with its corners normalized (first is top-left).
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = CellReference(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellReference(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    /// 0-based indexes, inclusive.
    public init(fromRow: Int, fromColumn: Int, toRow: Int, toColumn: Int) {
        self.init(first: CellReference(row: fromRow, column: fromColumn), last: CellReference(row: toRow, column: toColumn))
    }

    /// Parses "A1:C1" or a single cell "B2".
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let start = parts.first.flatMap({ CellReference(String($0)) }),
              let end = parts.last.flatMap({ CellReference(String($0)) }) else { return nil }
        self.init(first: start, last: end)
    }

    public var description: String {
        first == last ? first.description : "\(first):\(last)"
    }

    public var cellCount: Int { (last.row - first.row + 1) * (last.column - first.column + 1) }

    public func intersects(_ other: CellRange) -> Bool {
        first.row <= other.last.row && other.first.row <= last.row
            && first.column <= other.last.column && other.first.column <= last.column
    }

    public func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }
}
