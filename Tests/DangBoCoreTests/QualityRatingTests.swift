import DangBoCore
import XCTest

/// The quality rating registry's rules, without a database: grades read as people type them, one rating's problems,
/// the import file's row-level problems, and the repository's forms printing PL 7.5, PL 7.6 and the targets from it.
final class QualityRatingTests: XCTestCase {
    let today = Day(parsing: "2/12/2026")!
    let organization = UUID()

    func testGradesAreReadFromLabelsAndAbbreviations() {
        XCTAssertEqual(QualityGrade(text: "HTXSNV"), .excellent)
        XCTAssertEqual(QualityGrade(text: "hoàn thành tốt nhiệm vụ"), .good)
        XCTAssertEqual(QualityGrade(text: "Hoan thanh nhiem vu"), .completed)
        XCTAssertEqual(QualityGrade(text: "Không hoàn thành"), .notCompleted)
        XCTAssertNil(QualityGrade(text: "Giỏi"))
        XCTAssertNil(QualityGrade(text: ""))
        XCTAssertTrue(QualityGrade.good.isGoodOrBetter)
        XCTAssertFalse(QualityGrade.completed.isGoodOrBetter)
    }

    func testARatingNamesEachOfItsProblems() {
        let cadre = QualityRating(year: 2027, subject: .cadre, organizationID: organization, memberID: nil, grade: .good, notRatedReason: "Ốm")
        let fields = Set(cadre.problems(today: today).map(\.field))
        XCTAssertEqual(fields, ["year", "memberID", "title", "notRatedReason"])
        let capped = QualityRating(year: 2025, subject: .collective, organizationID: organization, collective: .standingCommittee,
                                   grade: .completed, cases: [.disunity])
        XCTAssertEqual(capped.problems(today: today).map(\.field), ["grade"], "disunity concluded: not completed at best")
        var allowed = capped
        allowed.grade = .notCompleted
        XCTAssertEqual(allowed.problems(today: today), [])
        let member = QualityRating(year: 2025, subject: .member, organizationID: organization, memberID: UUID(), grade: nil,
                                   cases: [.otherCase])
        XCTAssertEqual(Set(member.problems(today: today).map(\.field)), ["notRatedReason", "cases"])
        XCTAssertEqual(QualityRating(year: 2025, subject: .member, organizationID: organization, memberID: UUID(), grade: nil,
                                     notRatedReason: "Nghỉ ốm dài ngày").problems(today: today), [])
    }

    func testOneRatingPerMemberAYearWhereverTheyAre() {
        let member = UUID()
        let a = QualityRating(year: 2025, subject: .member, organizationID: UUID(), memberID: member, grade: .good)
        let b = QualityRating(year: 2025, subject: .member, organizationID: UUID(), memberID: member, grade: .excellent)
        XCTAssertEqual(a.subjectKey, b.subjectKey)
        let secretary = QualityRating(year: 2025, subject: .cadre, organizationID: organization, memberID: member, title: .secretary, grade: .good)
        let deputy = QualityRating(year: 2025, subject: .cadre, organizationID: organization, memberID: member, title: .deputySecretary, grade: .good)
        XCTAssertNotEqual(secretary.subjectKey, deputy.subjectKey)
        XCTAssertNotEqual(secretary.subjectKey, a.subjectKey)
    }

    func testTheImportFileSaysWhatIsWrongWhere() {
        let parser = RatingImportParser()
        XCTAssertEqual(parser.parse(rows: [["Số thẻ đảng viên"]]).issues.map(\.message), ["Thiếu cột bắt buộc \"Xếp loại\""])
        let rows = [["So the dang vien", "Xếp loại", "Lý do chưa xếp loại"],
                    ["100001", "HTXSNV", ""],
                    ["100002", "Giỏi", ""],
                    ["100001", "HTNV", ""],
                    ["", "", ""],
                    ["100004", "", ""],
                    ["100005", "HTTNV", "Ốm"],
                    ["100006", "", "Chuyển sinh hoạt tạm thời"]]
        let (lines, issues) = parser.parse(rows: rows)
        XCTAssertEqual(lines.map(\.cardNumber), ["100001", "100006"])
        XCTAssertEqual(lines.map(\.grade), [.excellent, nil])
        XCTAssertEqual(issues.map(\.row), [3, 4, 6, 7])
        XCTAssertEqual(issues.map(\.column), ["B (Xếp loại)", "A (Số thẻ đảng viên)", "B (Xếp loại)", "C (Lý do chưa xếp loại)"])
        XCTAssertTrue(issues[1].message.contains("trùng với dòng 2"))
    }

    func testTheRepositoryPrintsPL75PL76AndTheTargetsFromRatings() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Forms")
        let catalog = try FormCatalog.load(directory: directory)
        for code in ["PL7.5", "PL7.6", "targets"] {
            let form = try XCTUnwrap(catalog.form(code: code), code)
            let printed = try XCTUnwrap(form.printedFromRecords(catalog: catalog.elements), code)
            let bound = printed.dataCells.filter { catalog.elements.element(printed.valueKey($0).element)?.binding?.source == "ratings" }
            XCTAssertFalse(bound.isEmpty, code)
        }
        let pl75 = try XCTUnwrap(catalog.form(code: "PL7.5"))
        let printed = try XCTUnwrap(pl75.printedFromRecords(catalog: catalog.elements))
        // Every count cell of PL 7.5 comes from the records; the notes column stays typed.
        for cell in printed.dataCells {
            let element = try XCTUnwrap(catalog.elements.element(printed.valueKey(cell).element))
            XCTAssertEqual(element.binding != nil, cell.column != "c10", "\(cell)")
        }
    }
}
