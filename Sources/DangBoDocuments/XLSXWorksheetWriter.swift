import Foundation

/// Writes one worksheet part (xl/worksheets/sheetN.xml), checking the sheet's layout as it goes.
struct XLSXWorksheetWriter {
    static let maxTextLength = 32_767
    /// Largest merged area whose covered cells get the area's style.
    static let maxStyledMergeCells = 20_000

    let sheet: XLSXSheet
    let isFirst: Bool

    private func invalid(_ detail: String) -> DocumentError {
        .invalidWorkbook("trang tính \"\(sheet.name)\": \(detail)")
    }

    func xml(styles: inout XLSXStyleTable, strings: inout SharedStringTable) throws(DocumentError) -> String {
        // CellReference.maxRows, written the Vietnamese way.
        guard sheet.rows.count <= CellReference.maxRows else { throw invalid("quá 1.048.576 dòng") }
        let merged = try mergedRanges()
        let covered = coveredStyles(merged)

        var lastRow = sheet.rows.count - 1
        if let coveredLast = covered.keys.max() { lastRow = max(lastRow, coveredLast) }
        if let tallest = sheet.rowHeights.keys.filter({ (1...CellReference.maxRows).contains($0) }).max() {
            lastRow = max(lastRow, tallest - 1)
        }

        let heights = RowHeightEstimator(columnWidths: sheet.columnWidths, merged: merged)
        var body = "<sheetData>"
        var lastColumn = 0
        if lastRow >= 0 {
            for row in 0...lastRow {
                let cells = row < sheet.rows.count ? sheet.rows[row] : []
                let cover = covered[row] ?? [:]
                guard cells.count <= CellReference.maxColumns else { throw invalid("dòng \(row + 1) có quá nhiều cột") }
                let width = max(cells.count, (cover.keys.max() ?? -1) + 1)
                var rowXML = ""
                for column in 0..<width {
                    var cell = column < cells.count ? cells[column] : XLSXCell.empty
                    if cell.value == .empty, cell.style == .plain, let style = cover[column] { cell.style = style }
                    let reference = CellReference(row: row, column: column).description
                    guard let xml = try cellXML(cell, reference: reference, styles: &styles, strings: &strings) else { continue }
                    rowXML += xml
                    lastColumn = max(lastColumn, column)
                }
                let height = sheet.rowHeights[row + 1].map { min(max($0, 0), 409) }
                    ?? heights.height(row: row, cells: cells)
                guard !rowXML.isEmpty || height != nil else { continue }
                body += #"<row r="\#(row + 1)""#
                if let height { body += #" ht="\#(XMLText.number(height))" customHeight="1""# }
                body += rowXML.isEmpty ? "/>" : ">\(rowXML)</row>"
            }
        }
        body += "</sheetData>"

        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        if sheet.pageSetup.fitToWidth { xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"# }
        let end = CellReference(row: max(lastRow, 0), column: lastColumn)
        xml += #"<dimension ref="\#(end.row == 0 && end.column == 0 ? "A1" : "A1:\(end)")"/>"#
        xml += try sheetViews()
        xml += #"<sheetFormatPr defaultRowHeight="15.75"/>"#
        xml += columns()
        xml += body
        if !merged.isEmpty {
            xml += #"<mergeCells count="\#(merged.count)">"#
            xml += merged.map { #"<mergeCell ref="\#($0)"/>"# }.joined()
            xml += "</mergeCells>"
        }
        xml += try validations()
        xml += try printSettings()
        return xml + "</worksheet>"
    }

    private func cellXML(_ cell: XLSXCell, reference: String, styles: inout XLSXStyleTable,
                         strings: inout SharedStringTable) throws(DocumentError) -> String? {
        let style = styles.index(of: cell.effectiveStyle)
        let styleAttribute = style == 0 ? "" : #" s="\#(style)""#
        let open = #"<c r="\#(reference)"\#(styleAttribute)"#
        switch cell.value {
        case .empty:
            return style == 0 ? nil : open + "/>"
        case .number(let number):
            guard number.isFinite else { return style == 0 ? nil : open + "/>" }
            return open + "><v>\(XMLText.number(number))</v></c>"
        case .integer(let number):
            return open + "><v>\(number)</v></c>"
        case .date(let day):
            return open + "><v>\(SpreadsheetValueText.serial(of: day))</v></c>"
        case .text(let text):
            guard text.count <= Self.maxTextLength else { throw invalid("ô \(reference) dài quá 32.767 ký tự") }
            return open + #" t="s"><v>\#(strings.index(of: XMLText.legal(text)))</v></c>"#
        case .formula(let formula):
            var text = formula.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasPrefix("=") { text.removeFirst() }
            guard !text.isEmpty, text.count <= 8_000 else { throw invalid("công thức ở ô \(reference) không hợp lệ") }
            return open + "><f>\(XMLText.escape(text))</f></c>"
        }
    }

    /// The merged areas, parsed and checked: inside the sheet, not overlapping. Single cells are dropped.
    private func mergedRanges() throws(DocumentError) -> [CellRange] {
        var ranges: [CellRange] = []
        for text in sheet.mergedRanges {
            guard let range = CellRange(text) else { throw invalid("vùng gộp ô \"\(text)\" không hợp lệ") }
            guard range.cellCount > 1 else { continue }
            if let other = ranges.first(where: { $0.intersects(range) }) {
                throw invalid("vùng gộp ô \(range) chồng lên vùng \(other)")
            }
            ranges.append(range)
        }
        return ranges
    }

    /// For each row, the styles that cells covered by a merged area take from the area's top-left cell.
    private func coveredStyles(_ ranges: [CellRange]) -> [Int: [Int: XLSXStyle]] {
        var result: [Int: [Int: XLSXStyle]] = [:]
        for range in ranges where range.cellCount <= Self.maxStyledMergeCells {
            let anchorRow = range.first.row < sheet.rows.count ? sheet.rows[range.first.row] : []
            guard range.first.column < anchorRow.count else { continue }
            let style = anchorRow[range.first.column].effectiveStyle
            guard style != .plain else { continue }
            for row in range.first.row...range.last.row {
                for column in range.first.column...range.last.column where (row, column) != (range.first.row, range.first.column) {
                    result[row, default: [:]][column] = style
                }
            }
        }
        return result
    }

    private func sheetViews() throws(DocumentError) -> String {
        var xml = #"<sheetViews><sheetView workbookViewId="0""# + (isFirst ? #" tabSelected="1""# : "") + ">"
        if let pane = sheet.freezePane, pane.rows > 0 || pane.columns > 0 {
            guard pane.rows >= 0, pane.columns >= 0, pane.rows < CellReference.maxRows, pane.columns < CellReference.maxColumns else {
                throw invalid("vùng cố định dòng/cột không hợp lệ")
            }
            let topLeft = CellReference(row: pane.rows, column: pane.columns).description
            let active = pane.rows > 0 && pane.columns > 0 ? "bottomRight" : (pane.rows > 0 ? "bottomLeft" : "topRight")
            xml += "<pane"
            if pane.columns > 0 { xml += #" xSplit="\#(pane.columns)""# }
            if pane.rows > 0 { xml += #" ySplit="\#(pane.rows)""# }
            xml += #" topLeftCell="\#(topLeft)" activePane="\#(active)" state="frozen"/>"#
            xml += #"<selection pane="\#(active)" activeCell="\#(topLeft)" sqref="\#(topLeft)"/>"#
        }
        return xml + "</sheetView></sheetViews>"
    }

    private func columns() -> String {
        let widths = sheet.columnWidths.prefix(CellReference.maxColumns).enumerated().filter { $0.element > 0 }
        guard !widths.isEmpty else { return "" }
        var xml = "<cols>"
        for (index, width) in widths {
            xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(XMLText.number(min(width, 255)))" customWidth="1"/>"#
        }
        return xml + "</cols>"
    }

    private func validations() throws(DocumentError) -> String {
        guard !sheet.listValidations.isEmpty else { return "" }
        var xml = #"<dataValidations count="\#(sheet.listValidations.count)">"#
        for validation in sheet.listValidations {
            guard let range = CellRange(validation.range) else { throw invalid("vùng \"\(validation.range)\" của danh sách chọn không hợp lệ") }
            let options = validation.options.map(XMLText.legal)
            let joined = options.joined(separator: ",")
            guard !options.isEmpty, options.allSatisfy({ !$0.isEmpty && !$0.contains(",") && !$0.contains("\"") }),
                  joined.count <= 255 else {
                throw invalid("danh sách chọn ở \(range) phải có giá trị, không chứa dấu phẩy hay ngoặc kép, tổng không quá 255 ký tự")
            }
            xml += #"<dataValidation type="list" allowBlank="\#(validation.allowBlank ? 1 : 0)" showInputMessage="1" showErrorMessage="1""#
            if let message = validation.errorMessage {
                xml += #" errorTitle="Giá trị không hợp lệ" error="\#(XMLText.escape(String(message.prefix(225)), attribute: true))""#
            }
            xml += #" sqref="\#(range)"><formula1>"\#(XMLText.escape(joined))"</formula1></dataValidation>"#
        }
        return xml + "</dataValidations>"
    }

    private func printSettings() throws(DocumentError) -> String {
        let setup = sheet.pageSetup
        var xml = setup.centerHorizontally ? #"<printOptions horizontalCentered="1"/>"# : ""
        let margins = setup.margins
        func inches(_ centimetres: Double) -> String {
            XMLText.number((max(0, min(centimetres, 50)) / 2.54 * 1000).rounded() / 1000)
        }
        xml += #"<pageMargins left="\#(inches(margins.left))" right="\#(inches(margins.right))" top="\#(inches(margins.top))""#
        xml += #" bottom="\#(inches(margins.bottom))" header="\#(inches(margins.header))" footer="\#(inches(margins.footer))"/>"#
        guard (1...118).contains(setup.paperSize) else { throw invalid("khổ giấy \(setup.paperSize) không hợp lệ") }
        xml += #"<pageSetup paperSize="\#(setup.paperSize)" orientation="\#(setup.orientation.rawValue)""#
        xml += setup.fitToWidth ? #" fitToWidth="1" fitToHeight="0"/>"# : "/>"
        if let footer = setup.centerFooter, !footer.isEmpty {
            guard footer.count <= 200 else { throw invalid("chân trang dài quá 200 ký tự") }
            // A space keeps footer text that starts with a digit from joining the font size code.
            let separator = footer.first?.isNumber == true ? " " : ""
            let code = #"&C&"Times New Roman,Regular"&12"# + separator + footer
            xml += "<headerFooter><oddFooter>\(XMLText.escape(code))</oddFooter></headerFooter>"
        }
        return xml
    }
}
