import DangBoCore
import XCTest

final class FormDefinitionTests: XCTestCase {
    func testEntryCellsSkipGreyedHeadingAndComputedRows() throws {
        let form = try ReportingFixtures.pl81()
        XCTAssertEqual(form.dataRows.map(\.key), ["r1a", "r1b1", "r1b2", "r2a"])
        XCTAssertEqual(form.entryCells.map(\.description), ["r1a:n", "r1b1:n", "r1b2:n", "r2a:n"])
        XCTAssertTrue(form.isGreyed(row: "r1b1", column: "c7"))
        XCTAssertFalse(form.isGreyed(row: "r1b1", column: "c6"))
        XCTAssertFalse(form.isEntryCellGreyed(row: "r1b1", entryColumn: "n"))
        XCTAssertEqual(form.entryType(row: "r1a", column: "n"), .count)
    }

    func testGridFormsDefaultTheirEntryColumns() throws {
        let form = try FormDefinition(
            code: "PL7.8", appendix: "PHỤ LỤC 7.8", title: "QUY HOẠCH CÁN BỘ", periodType: .year,
            reporters: Reporters(levels: [.grassrootsCommittee]), deadline: Deadline(daysAfterPeriodEnd: 15),
            columns: [
                PrintedColumn(key: "secretary", title: "Bí thư", number: "1", type: .count),
                PrintedColumn(key: "deputy", title: "Phó Bí thư", number: "2", type: .count),
                PrintedColumn(key: "total", title: "Tổng", number: "3=1+2", type: .count, formula: "secretary+deputy"),
            ],
            rows: [
                FormRow(key: "all", number: "1", label: "Tổng số"),
                FormRow(key: "women", number: "2", label: "Nữ"),
                FormRow(key: "young", number: "3", label: "Dưới 45 tuổi"),
            ],
            greyed: ["young:secretary"])
        XCTAssertEqual(form.entryColumns.map(\.key), ["secretary", "deputy"])
        XCTAssertEqual(form.columns.map(\.expr), ["secretary", "deputy", nil])
        XCTAssertEqual(form.entryCells.count, 5)
        XCTAssertTrue(form.isEntryCellGreyed(row: "young", entryColumn: "secretary"))
        XCTAssertFalse(form.entryCells.contains(CellKey(row: "young", column: "secretary")))
    }

    func testThrowingInitCollectsProblems() {
        XCTAssertThrowsError(try FormDefinition(
            code: "X", appendix: "", title: "X", periodType: .term, reporters: Reporters(levels: []),
            deadline: Deadline(daysAfterPeriodEnd: 1),
            columns: [PrintedColumn(key: "c1", title: "1", number: "1", type: .count, formula: "c1+1")],
            rows: [FormRow(key: "1r", number: "1", label: "x")])) { error in
            let lines = (error as? FormDefinitionError)?.entries.map(\.description) ?? []
            XCTAssertTrue(lines.contains { $0.hasPrefix("periodType:") }, "\(lines)")
            XCTAssertTrue(lines.contains("reporters.levels: cần ít nhất một cấp tổ chức báo cáo"), "\(lines)")
            XCTAssertTrue(lines.contains("columns[0].formula: vòng lặp công thức: c1 → c1"), "\(lines)")
            XCTAssertTrue(lines.contains { $0.hasPrefix("rows[0].key: khóa \"1r\" không hợp lệ") }, "\(lines)")
        }
    }

    func testDueDateAndExpectedReporters() throws {
        let form = try ReportingFixtures.pl81()
        let quarter = try ReportingFixtures.period("Q1/2023")
        XCTAssertEqual(form.dueDate(for: quarter), Day(year: 2023, month: 4, day: 10))
        XCTAssertFalse(form.isLocked(quarter, on: try XCTUnwrap(Day(year: 2023, month: 4, day: 10))))
        XCTAssertTrue(form.isLocked(quarter, on: try XCTUnwrap(Day(year: 2023, month: 4, day: 11))))

        let opened = try XCTUnwrap(Day(year: 2023, month: 3, day: 31))
        XCTAssertTrue(form.isExpected(level: .grassrootsCell, unitKind: nil, openedOn: opened, closedOn: nil, in: quarter))
        XCTAssertFalse(form.isExpected(level: .subordinateCell, unitKind: nil, openedOn: opened, closedOn: nil, in: quarter))
        XCTAssertFalse(form.isExpected(level: .grassrootsCell, unitKind: nil,
                                       openedOn: try XCTUnwrap(Day(year: 2023, month: 4, day: 1)), closedOn: nil, in: quarter))
        let old = try XCTUnwrap(Day(year: 2010, month: 1, day: 1))
        XCTAssertFalse(form.isExpected(level: .grassrootsCell, unitKind: nil, openedOn: old,
                                       closedOn: try XCTUnwrap(Day(year: 2023, month: 1, day: 1)), in: quarter))
        XCTAssertTrue(form.isExpected(level: .grassrootsCell, unitKind: nil, openedOn: old,
                                      closedOn: try XCTUnwrap(Day(year: 2023, month: 1, day: 2)), in: quarter))
        let agenciesOnly = Reporters(levels: [.grassrootsCell], unitKinds: [.agency])
        XCTAssertTrue(agenciesOnly.includes(level: .grassrootsCell, unitKind: .agency))
        XCTAssertFalse(agenciesOnly.includes(level: .grassrootsCell, unitKind: .stateEnterprise))
        XCTAssertFalse(agenciesOnly.includes(level: .grassrootsCell, unitKind: nil))
        XCTAssertEqual(form.entryPeriods(in: try ReportingFixtures.period("2021")).map(\.code),
                       ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"])
    }

    func testEncodesBackToTheSameDefinition() throws {
        let form = try ReportingFixtures.pl81()
        let data = try JSONEncoder().encode(form)
        let decoded = try JSONDecoder().decode(FormDefinition.self, from: data)
        XCTAssertEqual(decoded, form)
        XCTAssertEqual(decoded.columns[1].period, RelativePeriod.part(.year, index: 0))
    }
}
