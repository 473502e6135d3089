import DangBoCore
@testable import DangBoDocuments
import XCTest

final class XLSXWriterTests: XCTestCase {
    /// A report-like sheet: merged title, a three-row table heading repeated on every page, totals.
    private func reportSheet() throws -> XLSXSheet {
        let header = XLSXStyle.tableHeader
        let body = XLSXStyle.table
        let numbers = XLSXStyle.table.with { $0.numberFormat = .integerGrouped; $0.horizontal = .right }
        var sheet = XLSXSheet(name: "Báo cáo quý I/2024", columnWidths: [6, 30, 14, 0, 12])
        sheet.appendRow([.text("BÁO CÁO SỐ LƯỢNG ĐẢNG VIÊN", style: .title)], height: 30)
        sheet.appendRow([])
        sheet.appendRow([.text("STT", style: header), .text("Chi bộ", style: header), .text("Số lượng", style: header)])
        sheet.appendRow([.empty(style: header), .empty(style: header), .text("Chính thức", style: header),
                         .text("Dự bị", style: header), .text("Tỷ lệ", style: header)])
        sheet.appendRow([.text("(1)", style: header), .text("(2)", style: header), .text("(3)", style: header),
                         .text("(4)", style: header), .text("(5)", style: header)])
        sheet.appendRow([.integer(1, style: body), .text("Chi bộ Khu phố 1 & 2 <Tân Định>", style: body),
                         .integer(1_234, style: numbers), .integer(5, style: numbers),
                         .number(0.9886, style: body.with { $0.numberFormat = .percent2 })])
        sheet.appendRow([.integer(2, style: body), .text("Chi bộ \"Trường học\"", style: body), .empty(style: body),
                         .integer(0, style: numbers), .empty(style: body.with { $0.fill = .gray })])
        sheet.appendRow([.empty, .text("Tổng cộng", style: body.with { $0.bold = true }),
                         .formula("=SUM(C6:C7)", style: numbers)])
        sheet.mergedRanges = ["A1:E1", "A3:A4", "B3:B4", "C3:E3"]
        sheet.headerRows = 3...5
        sheet.freezePane = XLSXSheet.FreezePane(rows: 5, columns: 2)
        sheet.pageSetup = XLSXSheet.PageSetup(orientation: .landscape, fitToWidth: true, centerHorizontally: true,
                                              centerFooter: "Trang &P/&N")
        return sheet
    }

    func testReportLayoutParts() throws {
        let data = try XLSXWriter.make(sheets: [reportSheet(), XLSXSheet(name: "Ghi chú")], title: "Báo cáo")
        let workbook = try TestPackages.part("xl/workbook.xml", of: data)
        XCTAssertTrue(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Báo cáo quý I-2024'!$3:$5</definedName>"#), workbook)
        XCTAssertTrue(workbook.contains(#"<sheet name="Ghi chú" sheetId="2" r:id="rId2"/>"#))
        XCTAssertTrue(workbook.contains(#"fullCalcOnLoad="1""#))

        let sheet = try TestPackages.part("xl/worksheets/sheet1.xml", of: data)
        XCTAssertTrue(sheet.contains(#"<mergeCells count="4"><mergeCell ref="A1:E1"/><mergeCell ref="A3:A4"/>"#), sheet)
        XCTAssertTrue(sheet.contains(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#))
        XCTAssertTrue(sheet.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#))
        XCTAssertTrue(sheet.contains(#"<pane xSplit="2" ySplit="5" topLeftCell="C6" activePane="bottomRight" state="frozen"/>"#))
        XCTAssertTrue(sheet.contains(#"<col min="2" max="2" width="30" customWidth="1"/>"#))
        XCTAssertFalse(sheet.contains(#"<col min="4""#), "a zero width keeps the default")
        XCTAssertTrue(sheet.contains(#"<row r="1" ht="30" customHeight="1">"#))
        XCTAssertTrue(sheet.contains("<f>SUM(C6:C7)</f>"))
        XCTAssertTrue(sheet.contains(#"<dimension ref="A1:E8"/>"#), sheet)
        XCTAssertTrue(sheet.contains("<oddFooter>&amp;C&amp;\"Times New Roman,Regular\"&amp;12Trang &amp;P/&amp;N</oddFooter>"))
        // The merged title's covered cells B1:E1 take the title's style.
        XCTAssertTrue(sheet.contains(#"<c r="E1" s=""#), sheet)

        let styles = try TestPackages.part("xl/styles.xml", of: data)
        XCTAssertFalse(styles.contains("Calibri"))
        XCTAssertTrue(styles.contains(#"<name val="Times New Roman"/>"#))
        XCTAssertTrue(styles.contains(#"<fgColor rgb="FFD9D9D9"/>"#))
        XCTAssertTrue(styles.contains(#"<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0""#))
        XCTAssertTrue(styles.contains(#"<xf numFmtId="10""#))
        // plain, title, header, table, numbers, percent, grey, bold table cell.
        XCTAssertTrue(styles.contains(#"<cellXfs count="8">"#), styles)

        let strings = try TestPackages.part("xl/sharedStrings.xml", of: data)
        XCTAssertTrue(strings.contains("<t>Chi bộ Khu phố 1 &amp; 2 &lt;Tân Định&gt;</t>"))
        for part in ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
                     "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml"] {
            XCTAssertFalse(try TestPackages.part(part, of: data).isEmpty, part)
        }
        XCTAssertTrue(try TestPackages.part("docProps/core.xml", of: data).contains("<dc:title>Báo cáo</dc:title>"))
    }

    func testSheetNamesAreMadeValidAndUnique() {
        XCTAssertEqual(XLSXWriter.uniqueSheetNames(["Chi bộ 1/2", "chi bộ 1-2", "", "'Trích'", String(repeating: "Đ", count: 40), "History"]),
                       ["Chi bộ 1-2", "chi bộ 1-2 (2)", "Sheet3", "Trích", String(repeating: "Đ", count: 31), "Sheet6"])
    }

    func testColumnLettersAndReferences() {
        XCTAssertEqual(CellReference.columnLetters(0), "A")
        XCTAssertEqual(CellReference.columnLetters(25), "Z")
        XCTAssertEqual(CellReference.columnLetters(26), "AA")
        XCTAssertEqual(CellReference.columnLetters(701), "ZZ")
        XCTAssertEqual(CellReference.columnLetters(702), "AAA")
        XCTAssertEqual(CellReference.columnLetters(16_383), "XFD")
        XCTAssertEqual(CellReference("$AB$12"), CellReference(row: 11, column: 27))
        XCTAssertNil(CellReference("XFE1"))
        XCTAssertNil(CellReference("A0"))
        XCTAssertNil(CellReference("A1B"))
        XCTAssertEqual(CellRange("C3:A1")?.description, "A1:C3")
        XCTAssertEqual(CellReference.columnIndex("AA"), 26)
    }

    func testIllegalCharactersAreStrippedAndEscapesProtected() throws {
        let sheet = XLSXSheet(name: "A", rows: [[.text("a\u{0}b\u{1B}c\u{FFFE}"), .text("_x0041_ và \r\n"), .text(" lề ")]])
        let data = try XLSXWriter.make(sheets: [sheet])
        let strings = try TestPackages.part("xl/sharedStrings.xml", of: data)
        XCTAssertTrue(strings.contains("<t>abc</t>"), strings)
        XCTAssertTrue(strings.contains(#"<t xml:space="preserve">_x005F_x0041_ và &#13;"#), strings)
        XCTAssertEqual(try XLSXReader.readRows(from: data), [["abc", "_x0041_ và \r\n", " lề "]])
    }

    func testInvalidLayoutsAreRefused() {
        func refuses(_ sheet: XLSXSheet, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try XLSXWriter.make(sheets: [sheet]), line: line) { error in
                guard case .invalidWorkbook(let detail) = error as? DocumentError else {
                    return XCTFail("expected invalidWorkbook, got \(error)", line: line)
                }
                XCTAssertTrue(detail.contains(fragment), detail, line: line)
            }
        }
        refuses(XLSXSheet(name: "A", mergedRanges: ["A1:"]), "vùng gộp ô \"A1:\" không hợp lệ")
        refuses(XLSXSheet(name: "A", mergedRanges: ["A1:C2", "B2:D4"]), "chồng lên")
        refuses(XLSXSheet(name: "A", headerRows: 0...2), "dòng tiêu đề")
        refuses(XLSXSheet(name: "A", rows: [[.text(String(repeating: "x", count: 32_768))]]), "A1")
        refuses(XLSXSheet(name: "A", listValidations: [.init(range: "C2:C9", options: ["Nam, Nữ"])]), "dấu phẩy")
        XCTAssertThrowsError(try XLSXWriter.make(sheets: [])) { XCTAssertNotNil($0 as? DocumentError) }
    }

    func testWrappedTextRowsGetTallEnough() throws {
        var sheet = XLSXSheet(name: "A", columnWidths: [10, 40])
        sheet.appendRow([.text("STT", style: .tableHeader), .text("Ngắn", style: .tableWrapped)])
        sheet.appendRow([.integer(1), .text(String(repeating: "Chi bộ Khu phố ", count: 10), style: .tableWrapped)])
        sheet.appendRow([.integer(2), .text("dòng một\ndòng hai\ndòng ba", style: .tableWrapped)])
        sheet.appendRow([.text(String(repeating: "không xuống dòng ", count: 10))])
        sheet.appendRow([.text(String(repeating: "gộp ", count: 20), style: .tableWrapped)])
        sheet.mergedRanges = ["A5:B5"]
        let xml = try TestPackages.part("xl/worksheets/sheet1.xml", of: XLSXWriter.make(sheets: [sheet]))
        XCTAssertTrue(xml.contains(#"<row r="1">"#), "short wrapped text keeps the default height")
        // 150 characters in a 40-wide column: four lines of 15.75 pt.
        XCTAssertTrue(xml.contains(#"<row r="2" ht="63" customHeight="1">"#), xml)
        XCTAssertTrue(xml.contains(#"<row r="3" ht="47.25" customHeight="1">"#))
        XCTAssertTrue(xml.contains(#"<row r="4">"#), "text without wrapping does not grow the row")
        XCTAssertTrue(xml.contains(#"<row r="5" ht="31.5" customHeight="1">"#), "two lines across the merged 50-wide area, not nine in column A")
    }

    func testListValidationAndDates() throws {
        var sheet = XLSXSheet(name: "Mẫu nhập")
        sheet.appendRow([.text("Giới tính"), .text("Ngày sinh")])
        sheet.appendRow([.text("Nữ"), .date(Day(year: 2022, month: 4, day: 12)!)])
        sheet.listValidations = [.init(range: "A2:A500", options: ["Nam", "Nữ"], errorMessage: "Chọn Nam hoặc Nữ")]
        let data = try XLSXWriter.make(sheets: [sheet])
        let xml = try TestPackages.part("xl/worksheets/sheet1.xml", of: data)
        XCTAssertTrue(xml.contains(#"sqref="A2:A500"><formula1>"Nam,Nữ"</formula1>"#), xml)
        XCTAssertTrue(xml.contains("<v>44663</v>"), "12/4/2022 is Excel serial 44663")
        XCTAssertTrue(try TestPackages.part("xl/styles.xml", of: data).contains(#"formatCode="d/m/yyyy""#))
        XCTAssertEqual(try XLSXReader.readRows(from: data), [["Giới tính", "Ngày sinh"], ["Nữ", "12/4/2022"]])
    }
}
