import DangBoCore
import XCTest

final class CellValueTests: XCTestCase {
    private func parse(_ text: String, _ type: CellType) throws -> CellValue? {
        try CellValue.parse(text, type: type)
    }

    func testReadsVietnameseNumbers() throws {
        XCTAssertEqual(try parse("1.257", .count), .number(1257))
        XCTAssertEqual(try parse("12.345.678", .count), .number(12_345_678))
        XCTAssertEqual(try parse("98,86", .percent), .number(98.86))
        XCTAssertEqual(try parse("98,86%", .percent), .number(98.86))
        XCTAssertEqual(try parse("1.257,5", .number), .number(1257.5))
        XCTAssertEqual(try parse(" 1 257 ", .count), .number(1257))
        XCTAssertEqual(try parse("-1,25", .money), .number(-1.25))
        XCTAssertEqual(try parse("1.5", .money), .number(1.5))
        XCTAssertEqual(try parse("0", .count), .number(0))
        XCTAssertNil(try parse("", .count))
        XCTAssertNil(try parse("   ", .text))
    }

    func testRejectsWhatIsNotANumber() {
        for text in ["abc", "1,2,3", "1.2.3", "12,", "1.25.6", "1..2", "5%"] {
            XCTAssertThrowsError(try parse(text, .number), text)
        }
    }

    func testTextAndMonthYear() throws {
        XCTAssertEqual(try parse("  Đã hoàn thành ", .text), .text("Đã hoàn thành"))
        XCTAssertEqual(try parse("06/2021", .monthYear), .text("6/2021"))
        XCTAssertEqual(try parse("tháng 12/2020", .monthYear), .text("12/2020"))
        XCTAssertThrowsError(try parse("13/2021", .monthYear))
    }

    func testFormatsForEntryFields() {
        XCTAssertEqual(CellValue.number(1257).formatted(as: .count), "1.257")
        XCTAssertEqual(CellValue.number(98.86).formatted(as: .percent), "98,86")
        XCTAssertEqual(CellValue.number(1.5).formatted(as: .money), "1,5")
        XCTAssertEqual(CellValue.number(3).formatted(as: .number), "3")
        XCTAssertEqual(CellValue.number(1.25).formatted(as: .money, decimals: 2), "1,25")
        XCTAssertEqual(CellType.percent.format(296.879, decimals: 0), "297")
        XCTAssertEqual(CellType.count.format(-1234), "-1.234")
    }

    func testCodable() throws {
        let values: [CellKey: CellValue] = [CellKey(row: "r1", column: "n"): .number(3), CellKey(row: "r2", column: "t"): .text("x")]
        let data = try JSONEncoder().encode(values)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        XCTAssertEqual(object?["r1:n"] as? Double, 3)
        XCTAssertEqual(try JSONDecoder().decode([CellKey: CellValue].self, from: data), values)
    }
}
