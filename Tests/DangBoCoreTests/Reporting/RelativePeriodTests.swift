import DangBoCore
import XCTest

final class RelativePeriodTests: XCTestCase {
    private func decode(_ json: String) throws -> RelativePeriod {
        try JSONDecoder().decode(RelativePeriod.self, from: Data(json.utf8))
    }

    func testResolvesAgainstTheSeedSpan() throws {
        let span = try ReportingFixtures.seedSpan()
        let firstYear = try XCTUnwrap(decode(#"{"part": "year", "index": 0}"#).resolve(in: span))
        XCTAssertEqual(firstYear.start, Day(year: 2020, month: 7, day: 1))
        XCTAssertEqual(firstYear.end, Day(year: 2020, month: 12, day: 31))
        XCTAssertEqual(firstYear.label, "6 tháng cuối năm 2020")

        XCTAssertEqual(try decode(#"{"part": "year", "index": 1}"#).resolve(in: span)?.code, "2021")

        let lastYear = try XCTUnwrap(decode(#"{"part": "year", "index": -1}"#).resolve(in: span))
        XCTAssertEqual(lastYear.start, Day(year: 2023, month: 1, day: 1))
        XCTAssertEqual(lastYear.end, Day(year: 2023, month: 3, day: 31))

        let previousTerm = try XCTUnwrap(decode(#"{"shiftYears": -5}"#).resolve(in: span))
        XCTAssertEqual(previousTerm.start, Day(year: 2015, month: 7, day: 1))
        XCTAssertEqual(previousTerm.end, Day(year: 2018, month: 3, day: 31))

        let fromSecondYear = try XCTUnwrap(decode(#"{"fromPartIndex": 1}"#).resolve(in: span))
        XCTAssertEqual(fromSecondYear.start, Day(year: 2021, month: 1, day: 1))
        XCTAssertEqual(fromSecondYear.end, Day(year: 2023, month: 3, day: 31))
        XCTAssertEqual(fromSecondYear.label, "Từ tháng 01/2021 đến tháng 03/2023")

        XCTAssertEqual(try decode("{}").resolve(in: span), span)
    }

    func testHalfYearsAndOutOfRangeIndexes() throws {
        let span = try ReportingFixtures.seedSpan()
        XCTAssertEqual(try decode(#"{"part": "halfYear", "index": 0}"#).resolve(in: span)?.code, "2020-H2")
        XCTAssertEqual(try decode(#"{"part": "halfYear", "index": -1}"#).resolve(in: span)?.code, "2023-Q1")
        XCTAssertEqual(try decode(#"{"part": "halfYear", "index": 2}"#).resolve(in: span)?.code, "2021-H2")
        XCTAssertNil(try decode(#"{"part": "year", "index": 4}"#).resolve(in: span))
        XCTAssertNil(try decode(#"{"part": "year", "index": -5}"#).resolve(in: span))
        XCTAssertNil(RelativePeriod.fromPart(9).resolve(in: span))
    }

    func testShiftCombinesWithParts() throws {
        let span = try ReportingFixtures.seedSpan()
        let relative = RelativePeriod(part: .year, index: 1, shiftYears: -5)
        XCTAssertEqual(relative.resolve(in: span)?.code, "2016")
    }

    func testProblems() {
        XCTAssertEqual(RelativePeriod(part: .year).problems.count, 1)
        XCTAssertEqual(RelativePeriod(index: 0, fromPartIndex: 1).problems.count, 1)
        XCTAssertEqual(RelativePeriod(part: .dayRange, index: 0).problems.count, 1)
        XCTAssertTrue(RelativePeriod.part(.quarter, index: -1).problems.isEmpty)
    }
}
