import DangBoCore
import XCTest

final class TableRendererTests: XCTestCase {
    /// The seed's row "Tổng số đảng viên được kiểm tra": 801, 384, 648, 1,257, 89 → 2,378 and 297.
    private func seedValues(span: Period, form: FormDefinition) throws -> FakeValues {
        let periods = TableRenderer(form: form).columnPeriods(span: span)
        var values = FakeValues()
        for (column, number) in [("c1", 801.0), ("c2", 384), ("c3", 648), ("c4", 1257), ("c5", 89)] {
            values.set("r1a", "n", try XCTUnwrap(periods[column]), number)
        }
        for (column, number) in [("c1", 121.0), ("c2", 64), ("c3", 98), ("c4", 178), ("c5", 14)] {
            values.set("r2a", "n", try XCTUnwrap(periods[column]), number)
        }
        values.set("r1b1", "n", try XCTUnwrap(periods["c1"]), 0)
        return values
    }

    func testReproducesTheSeedRow() throws {
        let form = try ReportingFixtures.pl81()
        let span = try ReportingFixtures.seedSpan()
        let table = TableRenderer(form: form).render(span: span, values: try seedValues(span: span, form: form))

        let row = try XCTUnwrap(table.row("r1a"))
        XCTAssertEqual(row.cells.map(\.text), ["801", "384", "648", "1.257", "89", "2.378", "297"])
        XCTAssertEqual(row.cells[5].value, 2378)
        XCTAssertEqual(row.cells[6].value ?? 0, 296.879, accuracy: 0.001)
        XCTAssertEqual(row.cells.map(\.isComputed), [false, false, false, false, false, true, true])
        XCTAssertEqual(row.indent, 1)
        XCTAssertEqual(table.explain(row: "r1a", column: "c6"), "c2+c3+c4+c5 = 384 + 648 + 1.257 + 89 = 2.378")
        XCTAssertEqual(table.explain(row: "r1a", column: "c7"), "c6/c1*100 = 2.378/801 = 297%")
        XCTAssertEqual(table.explain(row: "r1a", column: "c3"), "Số lượng, Năm 2021: 648")
    }

    func testColumnPeriodsFollowTheSpan() throws {
        let form = try ReportingFixtures.pl81()
        let periods = TableRenderer(form: form).columnPeriods(span: try ReportingFixtures.seedSpan())
        XCTAssertEqual(periods["c1"]?.code, "2015-07-01..2018-03-31")
        XCTAssertEqual(periods["c2"]?.code, "2020-H2")
        XCTAssertEqual(periods["c3"]?.code, "2021")
        XCTAssertEqual(periods["c4"]?.code, "2022")
        XCTAssertEqual(periods["c5"]?.code, "2023-Q1")
        XCTAssertNil(periods["c6"])
        XCTAssertEqual(TableRenderer(form: form).requiredPeriods(span: try ReportingFixtures.seedSpan()).count, 5)
    }

    func testAShortSpanShowsEachPeriodOnceSoSumsCountItOnce() throws {
        let form = try ReportingFixtures.pl81()
        // One year: the first part (c2) and the last part (c5) are the same year; it shows in c5 only.
        let year = TableRenderer(form: form).columnPeriods(span: try ReportingFixtures.period("2022"))
        XCTAssertNil(year["c2"])
        XCTAssertEqual(year["c5"]?.code, "2022")
        // 01/2021–03/2023: the third year part (c4) is the last part (c5): Q1/2023 shows once, in c5.
        let range = TableRenderer(form: form).columnPeriods(span: try ReportingFixtures.period("01/2021-03/2023"))
        XCTAssertEqual(range["c2"]?.code, "2021")
        XCTAssertEqual(range["c3"]?.code, "2022")
        XCTAssertNil(range["c4"])
        XCTAssertEqual(range["c5"]?.code, "2023-Q1")
        var values = FakeValues()
        for period in Set(range.values) { values.set("r1a", "n", period, 10) }
        let table = TableRenderer(form: form).render(span: try ReportingFixtures.period("01/2021-03/2023"), values: values)
        XCTAssertEqual(table.cell(row: "r1a", column: "c6")?.value, 30, "2021 + 2022 + Q1/2023, each once")
    }

    func testHeadersAndNumberingRow() throws {
        let form = try ReportingFixtures.pl81()
        let span = try ReportingFixtures.seedSpan()
        let table = TableRenderer(form: form).render(span: span, values: FakeValues())
        XCTAssertEqual(table.appendix, "PHỤ LỤC 8.1")
        XCTAssertEqual(table.spanLabel, "Từ 1/7/2020 đến 31/3/2023")
        XCTAssertEqual(table.headerRows.count, 2)
        let top = table.headerRows[0]
        XCTAssertEqual(top.map(\.text), ["STT", "Nội dung", "Giữa nhiệm kỳ 2015 - 2020", "Nhiệm kỳ 2020 - 2025",
                                         "Cộng kết quả thực hiện từ 01/2021 đến tháng 3/2023",
                                         "So sánh giữa NK 2015-2020 với giữa NK 2020-2025 (%)"])
        XCTAssertEqual(top.map(\.rowSpan), [2, 2, 2, 1, 2, 2])
        XCTAssertEqual(top.map(\.colSpan), [1, 1, 1, 4, 1, 1])
        XCTAssertEqual(top.map(\.column), [0, 1, 2, 3, 7, 8])
        let leaves = table.headerRows[1]
        XCTAssertEqual(leaves.map(\.text), ["Năm 2020 (6 tháng cuối năm)", "Năm 2021", "Năm 2022", "Đến tháng 3/2023"])
        XCTAssertEqual(leaves.map(\.column), [3, 4, 5, 6])
        XCTAssertEqual(leaves.map(\.rowSpan), [1, 1, 1, 1])
        XCTAssertEqual(table.numberingRow, ["A", "B", "1", "2", "3", "4", "5", "6=2+3+4+5", "7=6/1*100"])
    }

    func testNestedHeaderGroupsSpanUpward() throws {
        var object = try ReportingFixtures.pl81Object()
        object["headerGroups"] = [
            ["title": "Theo năm", "columns": ["c2", "c3", "c4"]],
            ["title": "Nhiệm kỳ 2020 - 2025", "columns": ["c2", "c3", "c4", "c5", "c6"], "level": 1],
        ]
        let form = try FormDefinition.decode(ReportingFixtures.data(object))
        let table = TableRenderer(form: form).render(span: try ReportingFixtures.seedSpan(), values: FakeValues())
        XCTAssertEqual(table.headerRows.count, 3)
        XCTAssertEqual(table.headerRows[0].map(\.text), ["STT", "Nội dung", "Giữa nhiệm kỳ 2015 - 2020",
                                                         "Nhiệm kỳ 2020 - 2025",
                                                         "So sánh giữa NK 2015-2020 với giữa NK 2020-2025 (%)"])
        XCTAssertEqual(table.headerRows[0].map(\.rowSpan), [3, 3, 3, 1, 3])
        XCTAssertEqual(table.headerRows[1].map(\.text), ["Theo năm", "Đến tháng 3/2023",
                                                         "Cộng kết quả thực hiện từ 01/2021 đến tháng 3/2023"])
        XCTAssertEqual(table.headerRows[1].map(\.rowSpan), [1, 2, 2])
        XCTAssertEqual(table.headerRows[2].map(\.text), ["Năm 2020 (6 tháng cuối năm)", "Năm 2021", "Năm 2022"])
    }

    func testGreyedHeadingAndComputedRows() throws {
        let form = try ReportingFixtures.pl81()
        let span = try ReportingFixtures.seedSpan()
        let table = TableRenderer(form: form).render(span: span, values: try seedValues(span: span, form: form))
        let heading = try XCTUnwrap(table.row("I"))
        XCTAssertEqual(heading.kind, .heading)
        XCTAssertTrue(heading.cells.allSatisfy { $0.value == nil && $0.text.isEmpty })

        let violations = try XCTUnwrap(table.row("r1b1"))
        XCTAssertEqual(violations.cells.map(\.text), ["0", "", "", "", "", "", ""], "an all-empty sum stays empty")
        XCTAssertTrue(violations.cells[6].isGreyed)
        XCTAssertFalse(violations.cells[5].isGreyed)

        let total = try XCTUnwrap(table.row("total"))
        XCTAssertEqual(total.cells.map(\.text), ["922", "448", "746", "1.435", "103", "2.732", "296"])
        XCTAssertTrue(total.cells.allSatisfy(\.isComputed))
        XCTAssertEqual(table.explain(row: "total", column: "c2"), "r1a+r2a = 384 + 64 = 448")
    }

    func testRatioIsComputedFromSummedNumeratorAndDenominator() throws {
        let form = try FormDefinition(
            code: "PL2.2", appendix: "PHỤ LỤC 2.2", title: "CÔNG TÁC QUÁN TRIỆT NGHỊ QUYẾT", periodType: .quarter,
            reporters: Reporters(levels: [.grassrootsCommittee, .grassrootsCell]),
            deadline: Deadline(daysAfterPeriodEnd: 10),
            entryColumns: [
                EntryColumn(key: "studied", title: "Số đảng viên được quán triệt", type: .count),
                EntryColumn(key: "members", title: "Số đảng viên", type: .count),
                EntryColumn(key: "done", title: "Thời gian hoàn thành", type: .monthYear),
            ],
            columns: [
                PrintedColumn(key: "rate", title: "Tỷ lệ quán triệt năm {year} (%)", number: "1", type: .percent,
                              expr: "studied/members*100"),
                PrintedColumn(key: "finished", title: "Thời gian hoàn thành", number: "2", type: .monthYear,
                              expr: "done"),
            ],
            rows: [
                FormRow(key: "nq13", number: "1", label: "Nghị quyết Đại hội XIII"),
                FormRow(key: "nq4", number: "2", label: "Nghị quyết Trung ương 4"),
                FormRow(key: "all", number: "", label: "Chung", kind: .computed, formula: "nq13+nq4"),
            ])
        var values = EnteredValues(form: form)
        let q1 = try ReportingFixtures.period("Q1/2021")
        let q2 = try ReportingFixtures.period("Q2/2021")
        // Organization A: 900 of 1,000 members (90%); organization B: 100 of 500 (20%) in two quarters.
        values.record(organization: "A", period: q1, values: [
            CellKey(row: "nq13", column: "studied"): .number(900), CellKey(row: "nq13", column: "members"): .number(1000),
            CellKey(row: "nq13", column: "done"): .text("6/2021"),
        ])
        values.record(organization: "B", period: q1, values: [
            CellKey(row: "nq13", column: "studied"): .number(60), CellKey(row: "nq13", column: "members"): .number(300),
        ])
        values.record(organization: "B", period: q2, values: [
            CellKey(row: "nq13", column: "studied"): .number(40), CellKey(row: "nq13", column: "members"): .number(200),
            CellKey(row: "nq4", column: "studied"): .number(10), CellKey(row: "nq4", column: "members"): .number(0),
        ])
        let table = TableRenderer(form: form).render(span: try ReportingFixtures.period("2021"), values: values)
        let rate = try XCTUnwrap(table.cell(row: "nq13", column: "rate"))
        XCTAssertEqual(rate.value ?? 0, 1000.0 / 1500 * 100, accuracy: 1e-9) // not (90 + 20) / 2 = 55
        XCTAssertEqual(rate.text, "66,67")
        XCTAssertEqual(table.explain(row: "nq13", column: "rate"), "1.000/1.500 = 66,67%")
        XCTAssertEqual(table.cell(row: "nq13", column: "finished")?.text, "6/2021")
        XCTAssertEqual(table.cell(row: "nq4", column: "rate")?.text, "", "division by zero leaves the cell empty")
        XCTAssertEqual(table.explain(row: "nq4", column: "rate"), "10/0: không tính được (chia cho 0)")
        let all = try XCTUnwrap(table.cell(row: "all", column: "rate"))
        XCTAssertEqual(all.value ?? 0, 1010.0 / 1500 * 100, accuracy: 1e-9)
        XCTAssertEqual(table.headerRows[0][2].text, "Tỷ lệ quán triệt năm 2021 (%)")
    }

    func testStocksTakeTheLastValue() throws {
        let form = try FormDefinition(
            code: "MEMBERS", appendix: "", title: "ĐẢNG VIÊN", periodType: .quarter,
            reporters: Reporters(levels: [.grassrootsCell]), deadline: Deadline(daysAfterPeriodEnd: 5),
            columns: [PrintedColumn(key: "n", title: "Số lượng", number: "1", type: .count)],
            rows: [
                FormRow(key: "members", number: "1", label: "Đảng viên cuối kỳ", aggregate: .last),
                FormRow(key: "admitted", number: "2", label: "Kết nạp trong kỳ"),
            ])
        var values = EnteredValues(form: form)
        for (quarter, members, admitted) in [("Q1/2022", 100.0, 2.0), ("Q2/2022", 103, 3), ("Q3/2022", 101, 1)] {
            values.record(organization: "A", period: try ReportingFixtures.period(quarter), values: [
                CellKey(row: "members", column: "n"): .number(members), CellKey(row: "admitted", column: "n"): .number(admitted),
            ])
        }
        values.record(organization: "B", period: try ReportingFixtures.period("Q1/2022"), values: [
            CellKey(row: "members", column: "n"): .number(40),
        ])
        let table = TableRenderer(form: form).render(span: try ReportingFixtures.period("2022"), values: values)
        XCTAssertEqual(table.cell(row: "members", column: "n")?.value, 141)
        XCTAssertEqual(table.cell(row: "admitted", column: "n")?.value, 6)
        XCTAssertNil(values.number(row: "admitted", column: "n", period: try ReportingFixtures.period("2021")))
    }

    func testUnitStubColumnPrintsRowUnits() throws {
        var object = try ReportingFixtures.pl81Object()
        object["stub"] = [["title": "TT", "number": ""], ["title": "NỘI DUNG", "number": ""], ["title": "ĐVT", "number": ""]]
        var rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        rows[2]["unit"] = "Người"
        object["rows"] = rows
        let form = try FormDefinition.decode(ReportingFixtures.data(object))
        XCTAssertEqual(form.row("r1a")?.unit, "Người")
        let table = TableRenderer(form: form).render(span: try ReportingFixtures.seedSpan(), values: FakeValues())
        XCTAssertEqual(table.row("r1a")?.unit, "Người")
        XCTAssertEqual(table.row("r1a")?.stub, ["a", "Tổng số đảng viên được kiểm tra", "Người"])
        XCTAssertEqual(table.row("r2a")?.unit, "")
        XCTAssertEqual(table.headerRows[0].prefix(3).map(\.text), ["TT", "NỘI DUNG", "ĐVT"])
        XCTAssertEqual(table.numberingRow.count, 10)

        let plain = TableRenderer(form: try ReportingFixtures.pl81()).render(span: try ReportingFixtures.seedSpan(),
                                                                              values: FakeValues())
        XCTAssertNil(plain.row("r1a")?.unit)
        XCTAssertEqual(plain.row("r1a")?.stub, ["a", "Tổng số đảng viên được kiểm tra"])
    }

    func testRenderedTableIsCodable() throws {
        let form = try ReportingFixtures.pl81()
        let span = try ReportingFixtures.seedSpan()
        let table = TableRenderer(form: form).render(span: span, values: try seedValues(span: span, form: form))
        let decoded = try JSONDecoder().decode(RenderedTable.self, from: JSONEncoder().encode(table))
        XCTAssertEqual(decoded, table)
    }
}
