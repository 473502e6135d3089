import Foundation

/// Reads a worksheet part's cells as text, each placed at its row and column.
final class WorksheetHandler: XMLEventHandler {
    private let part: String
    private let sharedStrings: [String]
    private let styleKinds: [NumberFormatKind]
    private let date1904: Bool
    private let maxRows: Int
    private let maxCells: Int

    /// Non-empty cells in document order.
    private var cells: [(row: Int, column: Int, value: String)] = []

    private var row = -1
    private var nextColumn = 0
    private var inCell = false
    private var column = 0
    private var type = "n"
    private var style = 0
    private var value = ""
    private var inlineText = ""
    private var inValue = false
    private var inInline = false
    private var inInlineText = false
    private var phoneticDepth = 0

    init(part: String, sharedStrings: [String], styleKinds: [NumberFormatKind], date1904: Bool,
         maxRows: Int = DocumentLimits.maxRows, maxCells: Int = DocumentLimits.maxCells) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.styleKinds = styleKinds
        self.date1904 = date1904
        self.maxRows = maxRows
        self.maxCells = maxCells
    }

    private func malformed(_ detail: String) -> DocumentError {
        .malformedXML(part: part, detail: detail)
    }

    func start(_ name: String, attributes: [String: String]) throws(DocumentError) {
        switch name {
        case "row":
            if let text = attributes["r"] {
                guard let number = Int(text.trimmingCharacters(in: .whitespaces)), (1...CellReference.maxRows).contains(number) else {
                    throw malformed("số dòng không hợp lệ \"\(text)\"")
                }
                row = number - 1
            } else {
                row += 1
            }
            nextColumn = 0
        case "c":
            if row < 0 { row = 0 }
            if let reference = attributes["r"] {
                guard let cell = CellReference(reference) else { throw malformed("tham chiếu ô không hợp lệ \"\(reference)\"") }
                column = cell.column
            } else {
                guard nextColumn < CellReference.maxColumns else { throw malformed("dòng \(row + 1) có quá nhiều ô") }
                column = nextColumn
            }
            nextColumn = column + 1
            inCell = true
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            inlineText = ""
        case "v" where inCell:
            inValue = true
        case "is" where inCell:
            inInline = true
        case "rPh" where inInline:
            phoneticDepth += 1
        case "t" where inInline:
            inInlineText = phoneticDepth == 0
        default:
            break
        }
    }

    func end(_ name: String) throws(DocumentError) {
        switch name {
        case "v":
            inValue = false
        case "t":
            inInlineText = false
        case "rPh":
            phoneticDepth = max(0, phoneticDepth - 1)
        case "is":
            inInline = false
        case "c" where inCell:
            inCell = false
            let text = try cellText()
            guard !text.isEmpty else { return }
            guard row < maxRows else { throw .tooManyRows(limit: maxRows) }
            guard cells.count < maxCells else { throw .tooManyCells(limit: maxCells) }
            cells.append((row, column, text))
        default:
            break
        }
    }

    func text(_ text: String) {
        if inValue {
            value += text
        } else if inInlineText {
            inlineText += text
        }
    }

    private func cellText() throws(DocumentError) -> String {
        switch type {
        case "s":
            let trimmed = SpreadsheetValueText.trimmedASCII(value)
            if trimmed.isEmpty { return "" }
            guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                throw malformed("ô \(CellReference(row: row, column: column)) trỏ tới chuỗi dùng chung số \(trimmed) không tồn tại")
            }
            return sharedStrings[index]
        case "inlineStr":
            return SpreadsheetValueText.decodeEscapes(inlineText)
        case "str":
            return SpreadsheetValueText.decodeEscapes(value)
        case "b":
            switch SpreadsheetValueText.trimmedASCII(value) {
            case "1", "true": return "TRUE"
            case "0", "false": return "FALSE"
            default: return value
            }
        case "e":
            return value
        case "d":
            return SpreadsheetValueText.isoDate(value)
        default:
            if value.isEmpty { return SpreadsheetValueText.decodeEscapes(inlineText) }
            let kind = styleKinds.indices.contains(style) ? styleKinds[style] : .plain
            if kind != .plain, let serial = Double(SpreadsheetValueText.trimmedASCII(value)),
               let text = SpreadsheetValueText.dateTime(serial: serial, kind: kind, date1904: date1904) {
                return text
            }
            return SpreadsheetValueText.number(value)
        }
    }

    /// The rows, with row N of the sheet at index N-1, empty cells as "", and no trailing
    /// empty cells or rows.
    func rows() throws(DocumentError) -> [[String]] {
        guard !cells.isEmpty else { return [] }
        var widths: [Int: Int] = [:]
        var lastRow = 0
        for cell in cells {
            widths[cell.row] = max(widths[cell.row] ?? 0, cell.column + 1)
            lastRow = max(lastRow, cell.row)
        }
        var total = 0
        for width in widths.values {
            total += width
            guard total <= maxCells else { throw .tooManyCells(limit: maxCells) }
        }
        var result = [[String]](repeating: [], count: lastRow + 1)
        for (index, width) in widths {
            result[index] = [String](repeating: "", count: width)
        }
        for cell in cells {
            result[cell.row][cell.column] = cell.value
        }
        return result
    }
}
