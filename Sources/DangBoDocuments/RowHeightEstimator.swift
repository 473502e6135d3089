import Foundation

/// Estimates how tall a row must be for its wrapped text to show every line.
///
/// Neither Excel nor LibreOffice reliably grows rows when opening a file, so wrapped text would be
/// cut off on screen and in print. The estimate counts characters against the column width
/// (Excel measures widths in digit widths of the default font, Times New Roman 12), weighting
/// capitals and spaces, and errs slightly on the tall side.
struct RowHeightEstimator {
    static let defaultColumnWidth = 8.43
    /// One line of Times New Roman 12, Excel's default row height for that font.
    static let defaultHeight = 15.75
    static let maxHeight = 409.0

    private let columnWidths: [Double]
    /// Last column of merged areas that lie within one row, keyed by their top-left cell.
    private var spans: [CellReference: Int] = [:]
    /// Top-left cells of merged areas over several rows: their text spreads over those rows.
    private var tallAnchors: Set<CellReference> = []

    init(columnWidths: [Double], merged: [CellRange]) {
        self.columnWidths = columnWidths
        for range in merged {
            if range.first.row == range.last.row {
                spans[range.first] = range.last.column
            } else {
                tallAnchors.insert(range.first)
            }
        }
    }

    private func width(of column: Int) -> Double {
        guard column < columnWidths.count, columnWidths[column] > 0 else { return Self.defaultColumnWidth }
        return min(columnWidths[column], 255)
    }

    /// A height in points when some wrapped text needs more than one line; nil otherwise.
    func height(row: Int, cells: [XLSXCell]) -> Double? {
        var tallest = 0.0
        for (column, cell) in cells.enumerated() where cell.style.wrapText {
            guard case .text(let text) = cell.value, !text.isEmpty else { continue }
            let anchor = CellReference(row: row, column: column)
            guard !tallAnchors.contains(anchor) else { continue }
            let last = max(column, spans[anchor] ?? column)
            let available = (column...last).reduce(0.0) { $0 + width(of: $1) } - 1
            let size = (1...409).contains(cell.style.fontSize) ? cell.style.fontSize : XLSXStyle.defaultFontSize
            let scale = size / XLSXStyle.defaultFontSize * (cell.style.bold ? 1.08 : 1) * 1.05
            let perLine = max(1, available / scale)
            var lines = 0
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines += max(1, Int((Self.weightedLength(paragraph) / perLine).rounded(.up)))
            }
            tallest = max(tallest, Double(lines) * size * 1.3125)
        }
        guard tallest > Self.defaultHeight + 0.5 else { return nil }
        return min((tallest * 4).rounded(.up) / 4, Self.maxHeight)
    }

    /// Characters in digit widths: capitals are wider, spaces narrower.
    private static func weightedLength(_ text: Substring) -> Double {
        text.reduce(0.0) { total, character in
            if character == " " { return total + 0.5 }
            if character.isUppercase { return total + 1.4 }
            return total + 1
        }
    }
}
