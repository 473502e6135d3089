import Foundation

/// A form rendered for a span: everything a page, an XLSX or a DOCX writer needs to print the appendix.
public struct RenderedTable: Codable, Sendable, Hashable {
    public var formCode: String
    public var appendix: String
    public var title: String
    public var subtitle: String?
    public var unit: String?
    public var span: Period
    public var spanLabel: String
    /// The printed column keys, left to right (after the stub columns).
    public var columnKeys: [String]
    /// Header rows top to bottom; each cell sits at its `column` (stub columns included, from 0) and spans.
    public var headerRows: [[HeaderCell]]
    /// The numbering row: stub numbers then column numbers ("A", "B", "1", ..., "6=2+3+4+5", "7=6/1*100").
    public var numberingRow: [String]
    public var rows: [RenderedRow]

    public func row(_ key: String) -> RenderedRow? { rows.first { $0.key == key } }

    public func cell(row: String, column: String) -> RenderedCell? {
        self.row(row)?.cells.first { $0.column == column }
    }

    /// Where a cell's number comes from, as a sentence: "c2+c3+c4+c5 = 384 + 648 + 1.257 + 89 = 2.378",
    /// "1.109/7.525 = 14,7%".
    public func explain(row: String, column: String) -> String {
        cell(row: row, column: column)?.explanation ?? "Không có ô \(row):\(column) trong bảng."
    }
}
