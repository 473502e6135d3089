import DangBoCore
import XCTest

final class PeriodTests: XCTestCase {
    func testParsesWhatPeopleType() {
        let cases: [(String, String)] = [
            ("3/2023", "2023-03"), ("03/2023", "2023-03"), ("Tháng 3/2023", "2023-03"), ("2023-03", "2023-03"),
            ("Q1/2023", "2023-Q1"), ("Quý 1/2023", "2023-Q1"), ("quy 1 2023", "2023-Q1"), ("Quý IV/2022", "2022-Q4"),
            ("H1/2023", "2023-H1"), ("H2/2020", "2020-H2"), ("6 tháng đầu năm 2023", "2023-H1"),
            ("6 tháng cuối năm 2020", "2020-H2"), ("6 THANG CUOI NAM 2020", "2020-H2"),
            ("2021", "2021"), ("Năm 2021", "2021"),
            ("2020-2025", "2020-2025"), ("Nhiệm kỳ 2020 - 2025", "2020-2025"), ("nhiem ky 2020–2025", "2020-2025"),
            ("01/2021-03/2023", "2021-01..2023-03"), ("01/2021–03/2023", "2021-01..2023-03"),
            ("Từ tháng 01/2021 đến tháng 03/2023", "2021-01..2023-03"),
            ("1/7/2020-31/3/2023", "2020-07-01..2023-03-31"), ("Từ 1/7/2020 đến 31/3/2023", "2020-07-01..2023-03-31"),
            (" 1/7/2020 – 31/3/2023 ", "2020-07-01..2023-03-31"),
        ]
        for (text, code) in cases {
            XCTAssertEqual(Period(parsing: text)?.code, code, text)
        }
    }

    func testRejectsNonsense() {
        for text in ["13/2023", "Q5/2023", "H3/2020", "Nhiệm kỳ 2020-2024", "31/2/2023-1/3/2023", "03/2023-01/2023",
                     "hôm qua", "", "2023-13", "1/7/2020-2023"] {
            XCTAssertNil(Period(parsing: text), text)
        }
    }

    func testCodesRoundTrip() throws {
        for code in ["2023-03", "2023-Q1", "2020-H2", "2021", "2020-2025", "2021-01..2023-03", "2020-07-01..2023-03-31"] {
            let period = try XCTUnwrap(Period(code: code), code)
            XCTAssertEqual(period.code, code)
            XCTAssertEqual(Period(parsing: period.label), period, period.label)
        }
        XCTAssertNil(Period(code: "2023-3"))
        XCTAssertNil(Period(code: "2020-2024"))
    }

    func testLabels() throws {
        XCTAssertEqual(try ReportingFixtures.period("3/2023").label, "Tháng 3/2023")
        XCTAssertEqual(try ReportingFixtures.period("Q1/2023").label, "Quý I/2023")
        XCTAssertEqual(try ReportingFixtures.period("H1/2023").label, "6 tháng đầu năm 2023")
        XCTAssertEqual(try ReportingFixtures.period("H2/2020").label, "6 tháng cuối năm 2020")
        XCTAssertEqual(try ReportingFixtures.period("2021").label, "Năm 2021")
        XCTAssertEqual(try ReportingFixtures.period("2020-2025").label, "Nhiệm kỳ 2020 - 2025")
        XCTAssertEqual(try ReportingFixtures.period("01/2021-03/2023").label, "Từ tháng 01/2021 đến tháng 03/2023")
        XCTAssertEqual(try ReportingFixtures.period("1/7/2020-31/3/2023").label, "Từ 1/7/2020 đến 31/3/2023")
    }

    func testBoundsAndKinds() throws {
        let quarter = try ReportingFixtures.period("Q3/2023")
        XCTAssertEqual(quarter.kind, .quarter)
        XCTAssertEqual(quarter.start, Day(year: 2023, month: 7, day: 1))
        XCTAssertEqual(quarter.end, Day(year: 2023, month: 9, day: 30))
        let term = try ReportingFixtures.period("2020-2025")
        XCTAssertEqual(term.start, Day(year: 2020, month: 1, day: 1))
        XCTAssertEqual(term.end, Day(year: 2024, month: 12, day: 31))
        XCTAssertEqual(try ReportingFixtures.period("2/2024").end, Day(year: 2024, month: 2, day: 29))
        XCTAssertEqual(try ReportingFixtures.period("2021").dayCount, 365)
    }

    func testContainmentAndOverlap() throws {
        let year = try ReportingFixtures.period("2021")
        let q1 = try ReportingFixtures.period("Q1/2021")
        let span = try ReportingFixtures.seedSpan()
        XCTAssertTrue(year.contains(q1))
        XCTAssertFalse(q1.contains(year))
        XCTAssertTrue(try ReportingFixtures.period("2020-2025").contains(span))
        XCTAssertTrue(span.contains(year))
        XCTAssertFalse(span.contains(try ReportingFixtures.period("2023")))
        XCTAssertTrue(span.overlaps(try ReportingFixtures.period("2023")))
        XCTAssertFalse(span.overlaps(try ReportingFixtures.period("Q2/2023")))
        XCTAssertTrue(span.contains(try XCTUnwrap(Day(year: 2020, month: 7, day: 1))))
    }

    func testTilesIntoKinds() throws {
        XCTAssertEqual(try ReportingFixtures.period("2021").periods(of: .quarter).map(\.code),
                       ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"])
        XCTAssertEqual(try ReportingFixtures.period("Q2/2021").periods(of: .month).map(\.code),
                       ["2021-04", "2021-05", "2021-06"])
        let span = try ReportingFixtures.seedSpan()
        XCTAssertEqual(span.periods(of: .year).map(\.code), ["2020", "2021", "2022", "2023"])
        XCTAssertEqual(span.periods(of: .halfYear).count, 6)
        XCTAssertEqual(span.parts(of: .year).map(\.code), ["2020-H2", "2021", "2022", "2023-Q1"])
        XCTAssertEqual(span.periods(of: .term).map(\.code), ["2020-2025"])
        XCTAssertEqual(try ReportingFixtures.period("2020-2025").periods(of: .year).count, 5)
    }

    func testNextPreviousAndShift() throws {
        XCTAssertEqual(try ReportingFixtures.period("Q4/2023").next?.code, "2024-Q1")
        XCTAssertEqual(try ReportingFixtures.period("1/2024").previous?.code, "2023-12")
        XCTAssertEqual(try ReportingFixtures.period("H2/2020").next?.code, "2021-H1")
        XCTAssertEqual(try ReportingFixtures.period("2020-2025").next?.code, "2025-2030")
        XCTAssertEqual(try ReportingFixtures.period("01/2021-03/2021").next?.code, "2021-04..2021-06")
        XCTAssertEqual(try ReportingFixtures.period("1/1/2021-10/1/2021").next?.code, "2021-01-11..2021-01-20")
        XCTAssertEqual(try ReportingFixtures.seedSpan().shifted(years: -5)?.code, "2015-07-01..2018-03-31")
        XCTAssertEqual(try ReportingFixtures.period("1/3/2023-28/2/2024").shifted(years: 1)?.code,
                       "2024-03-01..2025-02-28")
        XCTAssertEqual(try ReportingFixtures.period("1/1/2023-28/2/2023").shifted(years: 1)?.code,
                       "2024-01-01..2024-02-29")
        XCTAssertEqual(try ReportingFixtures.period("Q1/2023").shifted(years: -3)?.code, "2020-Q1")
    }

    func testIntersectionUsesTheMostSpecificName() throws {
        let span = try ReportingFixtures.seedSpan()
        XCTAssertEqual(span.intersection(with: try ReportingFixtures.period("2020"))?.code, "2020-H2")
        XCTAssertEqual(span.intersection(with: try ReportingFixtures.period("2021"))?.code, "2021")
        XCTAssertEqual(span.intersection(with: try ReportingFixtures.period("2023"))?.code, "2023-Q1")
        XCTAssertEqual(try ReportingFixtures.period("2021").intersection(with: try ReportingFixtures.period("2/2021-5/2022"))?.code,
                       "2021-02..2021-12")
        XCTAssertNil(span.intersection(with: try ReportingFixtures.period("2024")))
    }

    func testTitleTemplates() throws {
        XCTAssertEqual(try ReportingFixtures.period("2021").filling(template: "Năm {year}"), "Năm 2021")
        XCTAssertEqual(try ReportingFixtures.period("Q1/2023").filling(template: "Đến tháng {endMonth}/{endYear}"),
                       "Đến tháng 3/2023")
        XCTAssertEqual(try ReportingFixtures.period("2020-2025").filling(template: "NK {startYear} - {endYear}"),
                       "NK 2020 - 2025")
        XCTAssertEqual(try ReportingFixtures.period("1/7/2020-31/3/2023").filling(template: "{startMonth}/{startYear}"),
                       "7/2020")
        XCTAssertEqual(Period.clearing(template: "Năm {year}"), "Năm ")
    }

    func testCodableAsCode() throws {
        let period = try ReportingFixtures.period("Q1/2023")
        let data = try JSONEncoder().encode([period])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["2023-Q1"]"#)
        XCTAssertEqual(try JSONDecoder().decode([Period].self, from: data), [period])
    }
}
