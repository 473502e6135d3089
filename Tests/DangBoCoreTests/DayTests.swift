import DangBoCore
import XCTest

final class DayTests: XCTestCase {
    func testParsesVietnameseAndISOForms() {
        XCTAssertEqual(Day(parsing: "12/4/2022"), Day(year: 2022, month: 4, day: 12))
        XCTAssertEqual(Day(parsing: "12/04/2022"), Day(year: 2022, month: 4, day: 12))
        XCTAssertEqual(Day(parsing: "2022-04-12"), Day(year: 2022, month: 4, day: 12))
        XCTAssertEqual(Day(parsing: " 1-2-1990 "), Day(year: 1990, month: 2, day: 1))
    }

    func testRejectsImpossibleDates() {
        XCTAssertNil(Day(parsing: "31/2/2022"))
        XCTAssertNil(Day(parsing: "29/2/2023"))
        XCTAssertNotNil(Day(parsing: "29/2/2024"))
        XCTAssertNil(Day(parsing: "12/13/2022"))
        XCTAssertNil(Day(parsing: "hôm qua"))
        XCTAssertNil(Day(parsing: "12/4/22"))
        XCTAssertNil(Day(parsing: ""))
    }

    func testFormatsAndOrders() throws {
        let day = try XCTUnwrap(Day(year: 2022, month: 4, day: 12))
        XCTAssertEqual(day.vietnamese, "12/4/2022")
        XCTAssertEqual(day.iso, "2022-04-12")
        XCTAssertLessThan(try XCTUnwrap(Day(parsing: "31/12/2021")), day)
    }

    func testOrdinalRoundTripAndAge() throws {
        let day = try XCTUnwrap(Day(year: 2000, month: 2, day: 29))
        XCTAssertEqual(Day(ordinal: day.ordinal), day)
        XCTAssertEqual(day.adding(days: 1), Day(year: 2000, month: 3, day: 1))
        XCTAssertEqual(Day(ordinal: 0), Day(year: 1970, month: 1, day: 1))
        let birth = try XCTUnwrap(Day(parsing: "15/6/1980"))
        XCTAssertEqual(birth.years(until: try XCTUnwrap(Day(parsing: "14/6/2020"))), 39)
        XCTAssertEqual(birth.years(until: try XCTUnwrap(Day(parsing: "15/6/2020"))), 40)
    }

    func testVietnamDayOfAnInstant() {
        // 2022-04-11 18:00 UTC is already 12/4/2022 in Vietnam (UTC+7).
        let instant = Date(timeIntervalSince1970: 1_649_700_000)
        XCTAssertEqual(Day(instant).vietnamese, "12/4/2022")
    }

    func testExcelSerialDates() {
        XCTAssertEqual(Day(excelSerial: "44663"), Day(year: 2022, month: 4, day: 12))
        XCTAssertNil(Day(excelSerial: "12.5"))
        XCTAssertNil(Day(excelSerial: "abc"))
    }
}
