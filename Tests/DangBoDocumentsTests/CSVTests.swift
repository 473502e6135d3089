@testable import DangBoDocuments
import XCTest

final class CSVTests: XCTestCase {
    private func read(_ text: String, bom: Bool = false) throws -> [[String]] {
        var bytes: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        bytes += Array(text.utf8)
        return try CSVReader.readRows(from: Data(bytes))
    }

    func testBOMAndCRLF() throws {
        let rows = try read("Họ và tên,Ngày sinh\r\nNguyễn Thị Hương,12/4/1990\r\n", bom: true)
        XCTAssertEqual(rows, [["Họ và tên", "Ngày sinh"], ["Nguyễn Thị Hương", "12/4/1990"]])
        XCTAssertEqual(rows[0][0].unicodeScalars.first, "H", "the byte order mark must not stick to the first field")
    }

    func testSemicolonDelimiterDetected() throws {
        let rows = try read("Họ tên;Ghi chú;Số\nAn;\"a, b\";1,5\n")
        XCTAssertEqual(rows, [["Họ tên", "Ghi chú", "Số"], ["An", "a, b", "1,5"]])
    }

    func testTabDelimiterAndSepLine() throws {
        XCTAssertEqual(try read("a\tb\tc\n1\t2\t3"), [["a", "b", "c"], ["1", "2", "3"]])
        XCTAssertEqual(try read("sep=;\r\na,b;c\r\n"), [["a,b", "c"]])
        // Delimiters inside quotes on the first line do not count.
        XCTAssertEqual(try read("\"x;y;z\",b\n1,2"), [["x;y;z", "b"], ["1", "2"]])
    }

    func testQuotedNewlineAndDoubledQuotes() throws {
        let rows = try read("ten,ghi chu\nAn,\"dòng 1\r\ndòng 2\"\nBình,\"Nói \"\"xin chào\"\"\"\n\"\",x\n")
        XCTAssertEqual(rows, [["ten", "ghi chu"], ["An", "dòng 1\r\ndòng 2"], ["Bình", "Nói \"xin chào\""], ["", "x"]])
    }

    func testEmptyFieldsLoneCRAndTrailingBlankRows() throws {
        XCTAssertEqual(try read("a,,c\r,b,\n\n,,\n\n"), [["a", "", "c"], ["", "b", ""]])
        XCTAssertEqual(try read("a,b\n\nc,d"), [["a", "b"], [""], ["c", "d"]])
        XCTAssertEqual(try read("a"), [["a"]])
    }

    func testLenientStrayQuotes() throws {
        XCTAssertEqual(try read("5\" đĩa,\"ab\"c\n"), [["5\" đĩa", "abc"]])
    }

    func testUnclosedQuoteReportsTheRowWhereItOpened() {
        XCTAssertThrowsError(try read("a,b\n1,2\n3,\"mở mà không đóng\n4,5\n")) { error in
            guard case .malformedCSV(let row, let detail) = error as? DocumentError else {
                return XCTFail("expected malformedCSV, got \(error)")
            }
            XCTAssertEqual(row, 3)
            XCTAssertFalse(detail.isEmpty)
            XCTAssertTrue((error as? DocumentError)?.message.hasPrefix("Tệp CSV bị lỗi ở dòng 3") == true)
        }
    }

    func testInvalidUTF8() {
        // "Nguyễn" in Windows-1258 is not valid UTF-8.
        let windows1258 = Data([0x4E, 0x67, 0x75, 0x79, 0xEA, 0xDE, 0x6E, 0x2C, 0x31, 0x0A])
        XCTAssertThrowsError(try CSVReader.readRows(from: windows1258)) { error in
            XCTAssertEqual(error as? DocumentError, .notUTF8)
        }
        XCTAssertThrowsError(try CSVReader.readRows(from: Data([0x61, 0xC3]))) { error in
            XCTAssertEqual(error as? DocumentError, .notUTF8)
        }
    }

    func testUTF8ValidatorAgreesWithTheStandardLibrary() {
        XCTAssertTrue(XMLScreen.isValidUTF8(Array("Đảng viên 😀 ".utf8)))
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE1, 0x80], [0x80], [0xFF]] {
            XCTAssertFalse(XMLScreen.isValidUTF8(bad), "\(bad)")
        }
        func reference(_ bytes: [UInt8]) -> Bool {
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
        var generator = SplitMix(seed: 7)
        let pieces: [[UInt8]] = [[0x61], [0xC3, 0xA9], [0xE1, 0xBB, 0x87], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xC3], [0xED, 0xBF, 0xBF], [0xEF, 0xBF, 0xBF], [0xF5]]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 6) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
            if !bytes.isEmpty, generator.next() % 3 == 0 { bytes.removeLast() }
            XCTAssertEqual(XMLScreen.isValidUTF8(bytes), reference(bytes), "\(bytes)")
        }
    }

    func testEmptyInput() {
        XCTAssertThrowsError(try CSVReader.readRows(from: Data())) { XCTAssertEqual($0 as? DocumentError, .empty) }
        XCTAssertThrowsError(try CSVReader.readRows(from: Data([0xEF, 0xBB, 0xBF]))) { XCTAssertEqual($0 as? DocumentError, .empty) }
    }

    func testWriterQuotesAndBOM() {
        let data = CSVWriter.make(rows: [["Họ tên", "Ghi chú"], ["An, Bình", "Nói \"chào\""], ["x\ny", ""]])
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: data.dropFirst(3), as: UTF8.self),
                       "Họ tên,Ghi chú\r\n\"An, Bình\",\"Nói \"\"chào\"\"\"\r\n\"x\ny\",\r\n")
        let plain = CSVWriter.make(rows: [["a;b", "c,d"]], bom: false, delimiter: .semicolon)
        XCTAssertEqual(String(decoding: plain, as: UTF8.self), "\"a;b\";c,d\r\n")
    }

    func testWriterReaderRoundTrip() throws {
        let rows = [["Số thẻ", "Họ và tên", "Ghi chú"], ["093.001", "Trần Văn Đức", "\"Đảng viên\" dự bị;\r\nchuyển đến"],
                    ["", "Lê Thị Ánh", ""]]
        XCTAssertEqual(try CSVReader.readRows(from: CSVWriter.make(rows: rows)), rows)
        XCTAssertEqual(try CSVReader.readRows(from: CSVWriter.make(rows: rows, bom: false, delimiter: .semicolon)), rows)
    }
}
