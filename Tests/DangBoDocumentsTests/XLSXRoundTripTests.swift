import DangBoCore
@testable import DangBoDocuments
import XCTest

final class XLSXRoundTripTests: XCTestCase {
    func testWriterOutputReadsBack() throws {
        let header = XLSXStyle.tableHeader
        var sheet = XLSXSheet(name: "Đảng viên", columnWidths: [5, 28, 14, 14, 20])
        sheet.appendRow([.text("DANH SÁCH ĐẢNG VIÊN CHI BỘ ẤP PHƯỚC HƯNG", style: .title)])
        sheet.appendRow([.text("STT", style: header), .text("Họ và tên", style: header), .text("Ngày sinh", style: header),
                         .text("Điểm", style: header), .text("Ghi chú", style: header)])
        sheet.appendRow([.integer(1), .text("Nguyễn Thị Ngọc Ánh"), .date(Day(year: 1990, month: 4, day: 2)!),
                         .number(8.25), .text("Chuyển sinh hoạt\nđến từ xã bên")])
        sheet.appendRow([.integer(2), .text("Trần Quốc Vượng"), .empty, .number(-0.5)])
        sheet.appendRow([])
        sheet.appendRow([.integer(3), .empty(style: .table), .text("   "), .number(1_234_567.891, style: .init(numberFormat: .integerGrouped)),
                         .empty(style: .table)])
        sheet.mergedRanges = ["A1:E1"]
        sheet.headerRows = 2...2
        let data = try XLSXWriter.make(sheets: [sheet, XLSXSheet(name: "Trang 2", rows: [[.text("khác")]])])

        XCTAssertEqual(try XLSXReader.readRows(from: data), [
            ["DANH SÁCH ĐẢNG VIÊN CHI BỘ ẤP PHƯỚC HƯNG"],
            ["STT", "Họ và tên", "Ngày sinh", "Điểm", "Ghi chú"],
            ["1", "Nguyễn Thị Ngọc Ánh", "2/4/1990", "8.25", "Chuyển sinh hoạt\nđến từ xã bên"],
            ["2", "Trần Quốc Vượng", "", "-0.5"],
            [],
            ["3", "", "   ", "1234567.891"],
        ])
        XCTAssertEqual(try XLSXReader.readRows(from: data, sheet: 1), [["khác"]])
        XCTAssertEqual(try XLSXReader.sheetNames(from: data), ["Đảng viên", "Trang 2"])
        // Unicode stays composed as written (NFC), so lookups by exact text keep working.
        XCTAssertEqual(try XLSXReader.readRows(from: data)[1][1].unicodeScalars.count, "Họ và tên".unicodeScalars.count)
    }

    func testEmptyWorkbookReadsAsNoRows() throws {
        let data = try XLSXWriter.make(sheets: [XLSXSheet(name: "Trống")])
        XCTAssertEqual(try XLSXReader.readRows(from: data), [])
    }

    /// Written to a temporary folder as a real file (for opening by hand in LibreOffice).
    func testWrittenFileReadsBackFromDisk() throws {
        var sheet = XLSXSheet(name: "Mẫu")
        sheet.appendRow([.text("Họ và tên", style: .tableHeader), .text("Ngày sinh", style: .tableHeader)])
        sheet.appendRow([.text("Lê Văn Tám"), .date(Day(year: 2022, month: 4, day: 12)!)])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dangbo-documents-tests", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("mau.xlsx")
        try XLSXWriter.make(sheets: [sheet]).write(to: url)
        XCTAssertEqual(try XLSXReader.readRows(from: Data(contentsOf: url)), [["Họ và tên", "Ngày sinh"], ["Lê Văn Tám", "12/4/2022"]])
    }

    /// Damaged uploads must end in a DocumentError, never a crash.
    func testDamagedPackagesNeverCrash() throws {
        var sheet = XLSXSheet(name: "A")
        for index in 0..<30 { sheet.appendRow([.integer(index), .text("Dòng \(index)"), .date(Day(year: 2020, month: 1, day: 1 + index % 28)!)]) }
        let original = try XLSXWriter.make(sheets: [sheet])
        var generator = SplitMix(seed: 20_240_412)
        var failures = 0
        for round in 0..<300 {
            var bytes = [UInt8](original)
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
            } else {
                for _ in 0..<(1 + round % 8) {
                    let position = Int(generator.next() % UInt64(bytes.count))
                    bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            do {
                _ = try XLSXReader.readRows(from: Data(bytes))
            } catch {
                failures += 1
            }
        }
        XCTAssertGreaterThan(failures, 50, "most damaged packages must be refused")
    }
}

/// A small deterministic random number generator for the damage test.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
