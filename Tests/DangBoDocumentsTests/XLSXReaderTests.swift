import DangBoCore
@testable import DangBoDocuments
import XCTest

final class XLSXReaderTests: XCTestCase {
    private func assertThrows(_ expected: DocumentError, file: StaticString = #filePath, line: UInt = #line,
                              _ body: () throws -> Void) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? DocumentError, expected, file: file, line: line)
        }
    }

    func testSharedRichInlineBooleanFormulaAndPlacement() throws {
        let strings = """
        <si><t>Họ và tên</t></si>
        <si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn An</t></r></si>
        <si><t>日本</t><rPh sb="0" eb="2"><t>にほん</t></rPh></si>
        <si><t>dòng_x000D_hai</t></si>
        """
        let sheet = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>
        <row r="3"><c r="B3" t="s"><v>1</v></c><c r="D3" t="inlineStr"><is><r><t>Chi bộ </t></r><r><t>số 1</t></r></is></c></row>
        <row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c><c r="C4"><f>SUM(1,2)</f><v>3</v></c>
        <c r="D4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="E4" t="e"><v>#N/A</v></c><c r="F4"/><c r="G4" t="s"/></row>
        <row r="5"><c r="A5"><v>2.5</v></c><c r="B5"><v>-42</v></c><c r="C5"><v>1.0E-3</v></c><c r="D5"><v>0.30000000000000004</v></c>
        <c r="E5"><v>123456789012</v></c><c r="F5" t="s"><v>3</v></c></row>
        <row r="7" spans="1:3"><c r="C7"><v></v></c></row>
        """
        let data = try TestPackages.workbook(sheetData: sheet, sharedStrings: strings)
        let rows = try XLSXReader.readRows(from: data)
        XCTAssertEqual(rows, [
            ["Họ và tên", "", "日本"],
            [],
            ["", "Nguyễn Văn An", "", "Chi bộ số 1"],
            ["TRUE", "FALSE", "3", "ab", "#N/A"],
            ["2.5", "-42", "0.001", "0.3", "123456789012", "dòng\rhai"],
        ])
        XCTAssertEqual(try XLSXReader.sheetNames(from: data), ["Dữ liệu"])
    }

    func testCellsWithoutReferencesAndPrefixedElements() throws {
        let data = try TestPackages.zip([
            ("xl/workbook.xml", #"<x:workbook xmlns:x="\#(TestPackages.main)" xmlns:r="\#(TestPackages.relationships)"><x:sheets><x:sheet name="A" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(TestPackages.relationships)/worksheet" Target="worksheets/../worksheets/s.xml"/></Relationships>"#),
            ("xl/worksheets/s.xml", #"<x:worksheet xmlns:x="\#(TestPackages.main)"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>2</x:v></x:c><x:c><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>"#),
        ])
        XCTAssertEqual(try XLSXReader.readRows(from: data), [["a", "1"], ["", "", "2", "3"]])
    }

    func testDateStyledCellsBecomeVietnameseDays() throws {
        let styles = """
        <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="#,##0 &quot;đ&quot;"/>
        <numFmt numFmtId="166" formatCode="[$-42A]mmmm\\ yyyy"/></numFmts>
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
        <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="20"/>
        <xf numFmtId="22"/><xf numFmtId="166"/></cellXfs>
        """
        let sheet = """
        <row r="1"><c r="A1" s="1"><v>44663</v></c><c r="B1" s="2"><v>44663</v></c><c r="C1" s="3"><v>44663</v></c>
        <c r="D1" s="4"><v>0.5</v></c><c r="E1" s="5"><v>44663.75</v></c><c r="F1" s="6"><v>44663</v></c>
        <c r="G1" s="0"><v>44663</v></c><c r="H1" s="99"><v>44663</v></c><c r="I1" t="d"><v>2022-04-12T00:00:00</v></c>
        <c r="J1" s="1"><v>60</v></c><c r="K1" s="1"><v>1</v></c></row>
        """
        let rows = try XLSXReader.readRows(from: TestPackages.workbook(sheetData: sheet, styles: styles))
        XCTAssertEqual(rows, [["12/4/2022", "12/4/2022", "44663", "12:00", "12/4/2022 18:00", "12/4/2022",
                               "44663", "44663", "12/4/2022", "29/2/1900", "1/1/1900"]])
    }

    func testDate1904System() throws {
        let data = try TestPackages.workbook(sheetData: #"<row r="1"><c r="A1" s="1"><v>43201</v></c></row>"#,
                                             styles: #"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#,
                                             workbookPr: #"<workbookPr date1904="1"/>"#)
        XCTAssertEqual(try XLSXReader.readRows(from: data), [["12/4/2022"]])
    }

    func testNumberFormatKinds() {
        XCTAssertEqual(NumberFormatKind(formatCode: "d/m/yyyy"), .date)
        XCTAssertEqual(NumberFormatKind(formatCode: "mmm"), .date)
        XCTAssertEqual(NumberFormatKind(formatCode: "[Red]0.00"), .plain)
        XCTAssertEqual(NumberFormatKind(formatCode: "0.00\\ \"ngày\""), .plain)
        XCTAssertEqual(NumberFormatKind(formatCode: "h:mm:ss"), .time(seconds: true, elapsed: false))
        XCTAssertEqual(NumberFormatKind(formatCode: "[h]:mm"), .time(seconds: false, elapsed: true))
        XCTAssertEqual(NumberFormatKind(formatCode: "General"), .plain)
        XCTAssertEqual(NumberFormatKind(builtinId: 14), .date)
        XCTAssertEqual(NumberFormatKind(builtinId: 3), .plain)
    }

    func testPackageWithoutWorkbookFallsBackToFirstSheet() throws {
        let data = try TestPackages.zip([
            ("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(TestPackages.main)"><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#),
        ])
        XCTAssertEqual(try XLSXReader.readRows(from: data), [[], ["", "x"]])
        assertThrows(.sheetNotFound(index: 1)) { _ = try XLSXReader.readRows(from: data, sheet: 1) }
    }

    func testNotAZip() {
        assertThrows(.notXLSX) { _ = try XLSXReader.readRows(from: Data("Họ và tên,Ngày sinh\n".utf8)) }
        assertThrows(.notXLSX) { _ = try XLSXReader.readRows(from: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])) }
        assertThrows(.legacyExcel) { _ = try XLSXReader.readRows(from: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])) }
        assertThrows(.empty) { _ = try XLSXReader.readRows(from: Data()) }
        assertThrows(.tooLarge(limitBytes: DocumentLimits.maxFileBytes)) {
            _ = try XLSXReader.readRows(from: Data(count: DocumentLimits.maxFileBytes + 1))
        }
    }

    func testMissingParts() throws {
        let noWorkbook = try TestPackages.zip([("docProps/app.xml", "<Properties/>")])
        assertThrows(.missingPart("xl/workbook.xml")) { _ = try XLSXReader.readRows(from: noWorkbook) }

        let noSheet = try TestPackages.zip([
            ("xl/workbook.xml", #"<workbook xmlns="\#(TestPackages.main)"><sheets><sheet name="A" sheetId="1"/></sheets></workbook>"#),
        ])
        assertThrows(.missingPart("xl/worksheets/sheet1.xml")) { _ = try XLSXReader.readRows(from: noSheet) }
        assertThrows(.sheetNotFound(index: 3)) { _ = try XLSXReader.readRows(from: noSheet, sheet: 3) }
        assertThrows(.sheetNotFound(index: -1)) { _ = try XLSXReader.readRows(from: noSheet, sheet: -1) }
    }

    func testMalformedXML() throws {
        let broken = try TestPackages.workbook(sheetData: #"<row r="1"><c r="A1"><v>1</v></row>"#)
        XCTAssertThrowsError(try XLSXReader.readRows(from: broken)) { error in
            guard case .malformedXML(let part, let detail) = error as? DocumentError else {
                return XCTFail("expected malformedXML, got \(error)")
            }
            XCTAssertEqual(part, "xl/worksheets/data.xml")
            XCTAssertTrue(detail.contains("dòng"), detail)
        }
        let badReference = try TestPackages.workbook(sheetData: #"<row r="1"><c r="1A"><v>1</v></c></row>"#)
        assertThrows(.malformedXML(part: "xl/worksheets/data.xml", detail: "tham chiếu ô không hợp lệ \"1A\"")) {
            _ = try XLSXReader.readRows(from: badReference)
        }
        let badString = try TestPackages.workbook(sheetData: #"<row r="1"><c r="B1" t="s"><v>5</v></c></row>"#,
                                                  sharedStrings: "<si><t>a</t></si>")
        assertThrows(.malformedXML(part: "xl/worksheets/data.xml", detail: "ô B1 trỏ tới chuỗi dùng chung số 5 không tồn tại")) {
            _ = try XLSXReader.readRows(from: badString)
        }
        let entity = try TestPackages.zip([
            ("xl/workbook.xml", #"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><workbook><sheets/></workbook>"#),
        ])
        XCTAssertThrowsError(try XLSXReader.readRows(from: entity)) { error in
            guard case .malformedXML(part: "xl/workbook.xml", _) = error as? DocumentError else {
                return XCTFail("expected malformedXML, got \(error)")
            }
        }
    }

    /// Inputs that crash Foundation's XMLParser on Linux or that it silently accepts.
    func testDangerousOrTruncatedXMLIsRefused() throws {
        let cases: [(String, String)] = [
            (#"<?xm?><worksheet><sheetData/></worksheet>"#, "chỉ thị xử lý XML không hợp lệ"),
            (#"<worksheet><sheetData><?x?></sheetData></worksheet>"#, "chỉ thị xử lý XML không hợp lệ"),
            (#"<?xml version="1.0" encoding="UTF-16"?><worksheet/>"#, "mã ký tự utf-16 không được hỗ trợ (chỉ nhận UTF-8)"),
        ]
        for (xml, detail) in cases {
            let data = try TestPackages.zip([("xl/worksheets/sheet1.xml", xml)])
            assertThrows(.malformedXML(part: "xl/worksheets/sheet1.xml", detail: detail)) { _ = try XLSXReader.readRows(from: data) }
        }
        // Cut short: libxml2 reports some of these and not others; either way the part is refused.
        for xml in ["", "<worksheet>", #"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>"#] {
            let data = try TestPackages.zip([("xl/worksheets/sheet1.xml", xml)])
            XCTAssertThrowsError(try XLSXReader.readRows(from: data), xml) { error in
                guard case .malformedXML(part: "xl/worksheets/sheet1.xml", _) = error as? DocumentError else {
                    return XCTFail("expected malformedXML, got \(error)")
                }
            }
        }
        var latin1 = Data(#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#.utf8)
        latin1.append(contentsOf: [0x4E, 0x67, 0xE2, 0x6E])
        latin1.append(contentsOf: Data("</t></is></c></row></sheetData></worksheet>".utf8))
        var writer = ZipPackageWriter()
        writer.add("xl/worksheets/sheet1.xml", latin1)
        assertThrows(.malformedXML(part: "xl/worksheets/sheet1.xml", detail: "không phải mã UTF-8")) {
            _ = try XLSXReader.readRows(from: writer.make())
        }
        // A processing instruction with data, and a UTF-8 declaration, are fine.
        let fine = try TestPackages.zip([("xl/worksheets/sheet1.xml", #"<?xml version="1.0" encoding="utf-8"?><?keep me?><worksheet><sheetData><row><c><v>7</v></c></row></sheetData></worksheet>"#)])
        XCTAssertEqual(try XLSXReader.readRows(from: fine), [["7"]])
    }

    /// Foundation on Linux refuses XML over about 10 MB when handed it whole; the reader streams it.
    func testSheetPartOverTenMegabytes() throws {
        let text = String(repeating: "Nguyễn Văn An ", count: 2_000)
        var rows = ""
        for index in 1...400 {
            rows += #"<row r="\#(index)"><c r="A\#(index)"><v>\#(index)</v></c><c r="B\#(index)" t="inlineStr"><is><t>\#(text)</t></is></c></row>"#
        }
        XCTAssertGreaterThan(rows.utf8.count, 12_000_000)
        let result = try XLSXReader.readRows(from: TestPackages.workbook(sheetData: rows))
        XCTAssertEqual(result.count, 400)
        XCTAssertEqual(result.last, ["400", text])
    }

    func testRowLimit() throws {
        let far = try TestPackages.workbook(sheetData: #"<row r="200001"><c r="A200001"><v>1</v></c></row>"#)
        assertThrows(.tooManyRows(limit: 200_000)) { _ = try XLSXReader.readRows(from: far) }
        // Formatting far down the sheet without values is not data and does not count.
        let formatted = try TestPackages.workbook(sheetData: #"<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c r="A900000" s="1"/></row>"#)
        XCTAssertEqual(try XLSXReader.readRows(from: formatted), [["1"]])
    }

    func testEveryErrorMessageIsVietnamese() {
        let errors: [DocumentError] = [.notXLSX, .legacyExcel, .missingPart("xl/workbook.xml"), .corruptPart("x"),
                                       .malformedXML(part: "p", detail: "d"), .sheetNotFound(index: 0), .notUTF8,
                                       .malformedCSV(row: 3, detail: "d"), .empty, .tooLarge(limitBytes: 20 * 1_048_576),
                                       .tooManyRows(limit: 200_000), .tooManyCells(limit: 10), .invalidWorkbook("d")]
        for error in errors {
            XCTAssertTrue(error.message.contains("Tệp") || error.message.contains("tệp") || error.message.contains("Không"), error.message)
        }
        XCTAssertEqual(DocumentError.tooLarge(limitBytes: 20 * 1_048_576).message, "Tệp quá lớn; giới hạn là 20 MB")
        XCTAssertEqual(DocumentError.tooManyRows(limit: 200_000).message, "Tệp có quá nhiều dòng; giới hạn là 200.000 dòng")
        XCTAssertEqual(DocumentError.missingPart("xl/workbook.xml").message, "Tệp .xlsx thiếu phần xl/workbook.xml")
    }
}
