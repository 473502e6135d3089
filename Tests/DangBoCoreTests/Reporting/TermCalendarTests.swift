import DangBoCore
import XCTest

final class TermCalendarTests: XCTestCase {
    func calendar(_ json: String) throws -> TermCalendar {
        try TermCalendar.decode(Data(json.utf8))
    }

    let blocTerms = #"""
    {"terms": [
      {"name": "2015 - 2020", "from": "2015-07-01", "to": "2020-06-30"},
      {"name": "2020 - 2025", "from": "2020-07-01", "to": "2025-06-30"},
      {"name": "2025 - 2030", "from": "2025-07-01", "to": "2030-06-30"}
    ]}
    """#

    /// The same span of the previous term follows the congress dates, not the calendar year.
    func testTheSameSpanOfThePreviousTermFollowsTheCongressDates() throws {
        let terms = try calendar(blocTerms)
        let midTerm = try ReportingFixtures.period("1/7/2020-31/3/2023")
        XCTAssertEqual(terms.sameSpanInPreviousTerm(midTerm)?.code, "2015-07-01..2018-03-31")
        // A congress in October moves "the previous term" with it.
        let october = try calendar(#"{"terms": [{"name": "A", "from": "2015-10-15", "to": "2020-10-14"}, {"name": "B", "from": "2020-10-15", "to": "2025-10-14"}]}"#)
        XCTAssertEqual(october.sameSpanInPreviousTerm(try ReportingFixtures.period("2021"))?.code, "2016")
        XCTAssertNil(terms.sameSpanInPreviousTerm(try ReportingFixtures.period("2016")), "the first term has no previous one")
        XCTAssertNil(TermCalendar.empty.sameSpanInPreviousTerm(midTerm))
        XCTAssertEqual(RelativePeriod(term: .previous).resolve(in: midTerm, terms: terms)?.code, "2015-07-01..2018-03-31")
        XCTAssertEqual(RelativePeriod(part: .year, index: -1, term: .previous).resolve(in: midTerm, terms: terms)?.code, "2018-Q1")
    }

    func testOverlapsAndBadDatesAreNamed() throws {
        XCTAssertThrowsError(try calendar(#"{"terms": [{"name": "A", "from": "2015-07-01", "to": "2020-07-01"}, {"name": "B", "from": "2020-07-01", "to": "2025-06-30"}]}"#)) { error in
            XCTAssertTrue(String(describing: error).contains("chưa kết thúc"), String(describing: error))
        }
        XCTAssertThrowsError(try calendar(#"{"terms": [{"name": "A", "from": "2015-07-01", "to": "hôm qua"}]}"#)) { error in
            XCTAssertTrue(String(describing: error).contains("terms[0]"))
        }
        XCTAssertThrowsError(try calendar(#"{"terms": [{"name": "A", "from": "2015-07-01", "to": "2014-01-01"}]}"#))
        XCTAssertThrowsError(try calendar(#"{"nhiemKy": []}"#))
    }

    /// Titles name the configured terms and the part of the year a column covers.
    func testTitlesFollowTheTermsAndTheSpan() throws {
        let terms = try calendar(blocTerms)
        let midTerm = try ReportingFixtures.period("1/7/2020-31/3/2023")
        XCTAssertEqual(midTerm.filling(template: "So sánh giữa NK {previousTermCompact} với giữa NK {termCompact} (%)", terms: terms),
                       "So sánh giữa NK 2015-2020 với giữa NK 2020-2025 (%)")
        XCTAssertEqual(try ReportingFixtures.period("2026").filling(template: "Nhiệm kỳ {term}", terms: terms), "Nhiệm kỳ 2025 - 2030")
        XCTAssertEqual(try ReportingFixtures.period("2020-H2").yearPartLabel, "Năm 2020 (6 tháng cuối năm)")
        XCTAssertEqual(try ReportingFixtures.period("2021").yearPartLabel, "Năm 2021")
        XCTAssertEqual(try ReportingFixtures.period("2023-Q1").yearPartLabel, "Đến tháng 3/2023")
        XCTAssertEqual(try ReportingFixtures.period("2023-H1").yearPartLabel, "Năm 2023 (6 tháng đầu năm)")
        XCTAssertEqual(try ReportingFixtures.period("2023-Q2").yearPartLabel, "Từ tháng 4 đến tháng 6/2023")
    }

    /// PL 8.1 for the year 2025: its columns are titled for 2025, and 2025's numbers sit under "Năm 2025" once.
    func testPL81ForOneYearTitlesItsColumnsForThatYear() throws {
        let forms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Forms")
        let form = try XCTUnwrap(FormCatalog.load(directory: forms).form(code: "PL8.1"))
        let terms = try TermCalendar.load(formsDirectory: forms)
        let span = try ReportingFixtures.period("2025")
        let table = TableRenderer(form: form, terms: terms).render(span: span, values: FakeValues(numbers: ["r1a|n|2025": 12, "r1a|n|2020": 9]))
        let titles = table.headerRows.joined().map(\.text)
        XCTAssertTrue(titles.contains("Năm 2025"), "\(titles)")
        XCTAssertFalse(titles.contains { $0.contains("6 tháng cuối năm") || $0.contains("3/2023") }, "\(titles)")
        XCTAssertTrue(titles.contains("Cộng kết quả thực hiện từ 01/2025 đến tháng 12/2025"), "\(titles)")
        XCTAssertTrue(titles.contains("Giữa nhiệm kỳ 2015 - 2020"), "2025 H1 lies in the term 2020 - 2025; its previous term is 2015 - 2020: \(titles)")
        let row = try XCTUnwrap(table.rows.first { $0.key == "r1a" })
        XCTAssertEqual(row.cells.filter { $0.value == 12 }.map(\.column).sorted(), ["c5", "c6"], "2025 counted once, then summed")
        XCTAssertEqual(row.cells.first { $0.column == "c1" }?.value, 9, "the same span of the previous term: 2020")
    }
}
