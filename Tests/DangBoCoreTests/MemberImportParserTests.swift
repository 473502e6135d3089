import DangBoCore
import XCTest

final class MemberImportParserTests: XCTestCase {
    let header = MemberImportColumn.allCases.map(\.header)
    let parser = MemberImportParser(defaultOrganizationCode: "CB-A", today: Day(year: 2023, month: 3, day: 31)!,
                                    isKnownOrganization: { ["CB-A", "CB-B"].contains($0) })

    func row(_ name: String, card: String, birth: String = "12/4/1985", org: String = "", gender: String = "Nữ") -> [String] {
        [name, gender, birth, "Kinh", "Không", "Đại học", "Trung cấp", "3/2/2010", "3/2/2011", card, "", org, "", ""]
    }

    func testCleanFile() {
        let plan = parser.plan(rows: [header, row("Nguyễn Thị Vinh", card: "1"), row("Trần Văn An", card: "2", org: "CB-B", gender: "Nam")])
        XCTAssertTrue(plan.isClean)
        XCTAssertEqual(plan.cleanRows.map(\.organizationCode), ["CB-A", "CB-B"])
        XCTAssertEqual(plan.cleanRows.map(\.row), [2, 3])
    }

    func testEveryBadRowIsReportedWithRowColumnAndReason() {
        let plan = parser.plan(rows: [
            header,
            row("Nguyễn Thị Vinh", card: "1"),
            row("Lê Văn Bình", card: "2", birth: "31/2/1980"),      // row 3: bad date (column C)
            row("Phạm Thị Dung", card: "1"),                         // row 4: duplicate card (column J)
            row("Hoàng Văn Em", card: "4", org: "KHONG-CO"),         // row 5: unknown org (column L)
            row("", card: "5"),                                      // row 6: empty name (column A)
        ])
        XCTAssertFalse(plan.isClean)
        XCTAssertEqual(plan.badRowNumbers, [3, 4, 5, 6])
        XCTAssertEqual(plan.cleanRows.map(\.row), [2])
        let byRow = Dictionary(grouping: plan.issues, by: \.row)
        XCTAssertEqual(byRow[3]?.first?.column, "C (Ngày sinh)")
        XCTAssertTrue(byRow[3]?.first?.message.contains("31/2/1980") ?? false)
        XCTAssertEqual(byRow[4]?.first?.column, "J (Số thẻ đảng viên)")
        XCTAssertTrue(byRow[4]?.first?.message.contains("dòng 2") ?? false)
        XCTAssertEqual(byRow[5]?.first?.column, "L (Mã tổ chức)")
        XCTAssertEqual(byRow[6]?.first?.column, "A (Họ và tên)")
        XCTAssertEqual(byRow[6]?.first?.text, "Dòng 6, cột A (Họ và tên): Không được để trống")
    }

    func testHeaderProblems() {
        let plan = parser.plan(rows: [["Họ và tên", "Giới tính", "Cột lạ"], ["A", "Nam", "x"]])
        XCTAssertTrue(plan.issues.contains { $0.row == 1 && $0.column.hasPrefix("C") })
        XCTAssertTrue(plan.issues.contains { $0.message.contains("Ngày sinh") })
        XCTAssertTrue(plan.cleanRows.isEmpty)
    }

    func testHeadersMatchWithoutDiacriticsAndInAnyOrder() {
        let folded = header.map { VietnameseText.folded($0).uppercased() }.reversed()
        let values = Array(row("Nguyễn Thị Vinh", card: "1").reversed())
        let plan = parser.plan(rows: [Array(folded), values])
        XCTAssertTrue(plan.isClean, plan.issues.map(\.text).joined(separator: "\n"))
        XCTAssertEqual(plan.cleanRows.first?.fields.fullName, "Nguyễn Thị Vinh")
    }

    func testExcelSerialDatesAndBlankRows() {
        var r = row("Nguyễn Thị Vinh", card: "1")
        r[2] = "31149" // 12/4/1985 as an Excel serial
        let plan = parser.plan(rows: [header, [], r, ["", " "]])
        XCTAssertTrue(plan.isClean)
        XCTAssertEqual(plan.totalRows, 1)
        XCTAssertEqual(plan.cleanRows.first?.fields.birthDate, Day(parsing: "12/4/1985"))
    }

    func testEmptyFile() {
        XCTAssertEqual(parser.plan(rows: []).issues.first?.row, 0)
    }
}
