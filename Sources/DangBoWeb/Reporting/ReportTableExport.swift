import DangBoCore
import DangBoDocuments
import Foundation

/// The printed table in the official layout: XLSX (merged grouped headers, numbering row, borders, Times New Roman,
/// A4 landscape, header rows repeated on every page) and UTF-8 CSV with the same cells.
enum ReportTableExport {
    static func xlsx(_ table: RenderedTable, organizationName: String) throws -> Data {
        let columnCount = table.numberingRow.count
        var sheet = XLSXSheet(name: table.formCode, pageSetup: .init(orientation: .landscape, fitToWidth: true))
        sheet.columnWidths = (0 ..< columnCount).map { index in
            index == 0 ? 6 : (index == 1 ? 46 : 12)
        }
        func titleRow(_ text: String, style: XLSXStyle) {
            let row = sheet.appendRow([.text(text, style: style)] + Array(repeating: .empty(style: style), count: columnCount - 1))
            sheet.merge(fromRow: row - 1, fromColumn: 0, toRow: row - 1, toColumn: columnCount - 1)
        }
        titleRow(table.appendix + ": " + table.title, style: .title)
        if let subtitle = table.subtitle { titleRow(subtitle, style: XLSXStyle(bold: true, horizontal: .center)) }
        titleRow(organizationName + " — " + table.spanLabel, style: XLSXStyle(italic: true, horizontal: .center))
        if let unit = table.unit { titleRow(unit, style: XLSXStyle(italic: true, horizontal: .right)) }
        let headerStart = sheet.rows.count
        for headerRow in table.headerRows.indices {
            sheet.appendRow(Array(repeating: XLSXCell.empty(style: .tableHeader), count: columnCount), height: 30)
        }
        for (rowIndex, headerRow) in table.headerRows.enumerated() {
            for cell in headerRow {
                let row = headerStart + rowIndex
                sheet.rows[row][cell.column] = .text(cell.text, style: .tableHeader)
                if cell.rowSpan > 1 || cell.colSpan > 1 {
                    sheet.merge(fromRow: row, fromColumn: cell.column, toRow: row + cell.rowSpan - 1,
                                toColumn: cell.column + cell.colSpan - 1)
                }
            }
        }
        let numbering = sheet.appendRow(table.numberingRow.map { XLSXCell.text($0, style: XLSXStyle(italic: true, horizontal: .center, border: .thin)) })
        sheet.headerRows = (headerStart + 1) ... numbering
        sheet.freezePane = .init(rows: numbering, columns: 2)
        for row in table.rows {
            let heading = row.kind == .heading
            let labelStyle = XLSXStyle(bold: heading || row.kind == .computed, wrapText: true, border: .thin)
            let indent = String(repeating: "  ", count: row.indent)
            var cells: [XLSXCell] = [.text(row.number, style: XLSXStyle(horizontal: .center, border: .thin)),
                                     .text(indent + row.label, style: labelStyle)]
            if let unit = row.unit { cells.append(.text(unit, style: XLSXStyle(horizontal: .center, border: .thin))) }
            for cell in row.cells {
                var style = XLSXStyle(bold: row.kind == .computed, horizontal: cell.type.isNumeric ? .right : .left, wrapText: !cell.type.isNumeric,
                                      border: .thin, fill: cell.isGreyed ? .gray : .none)
                if let value = cell.value, cell.type.isNumeric {
                    style.numberFormat = numberFormat(decimals: decimals(of: cell.text))
                    cells.append(.number(value, style: style))
                } else {
                    cells.append(.text(cell.text, style: style))
                }
            }
            sheet.appendRow(cells)
        }
        return try XLSXWriter.make(sheets: [sheet], title: table.appendix + " " + table.title)
    }

    static func decimals(of text: String) -> Int {
        guard let comma = text.lastIndex(of: ",") else { return 0 }
        return text.distance(from: comma, to: text.endIndex) - 1
    }

    static func numberFormat(decimals: Int) -> XLSXStyle.NumberFormat {
        decimals == 0 ? .integerGrouped : .custom("#,##0." + String(repeating: "0", count: decimals))
    }

    /// One line per header row (merged cells repeated in their first cell only), the numbering row, then the body.
    static func csvRows(_ table: RenderedTable) -> [[String]] {
        let columnCount = table.numberingRow.count
        var rows: [[String]] = [[table.appendix + ": " + table.title], [table.subtitle ?? ""], [table.spanLabel]]
        for headerRow in table.headerRows {
            var line = Array(repeating: "", count: columnCount)
            for cell in headerRow { line[cell.column] = cell.text }
            rows.append(line)
        }
        rows.append(table.numberingRow)
        for row in table.rows {
            rows.append([row.number, row.label] + (row.unit.map { [$0] } ?? []) + row.cells.map(\.text))
        }
        return rows
    }
}
