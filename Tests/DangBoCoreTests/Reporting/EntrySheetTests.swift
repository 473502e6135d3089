import DangBoCore
import XCTest

final class EntrySheetTests: XCTestCase {
    private func cell(_ text: String) -> CellKey { CellKey(parsing: text)! }

    func testFailingErrorRuleBlocksAndWarningNeedsExplaining() throws {
        let form = try ReportingFixtures.pl81()
        let sheet = EntrySheet(form: form, period: try ReportingFixtures.period("Q1/2023"), values: [
            cell("r1a:n"): .number(3),
            cell("r1b1:n"): .number(5),
            cell("r1b2:n"): .number(6),
            cell("r2a:n"): .number(4),
        ])
        let check = sheet.check()
        XCTAssertTrue(check.cellProblems.isEmpty)
        XCTAssertEqual(check.ruleOutcomes.map(\.status), [.failed, .failed])
        let error = check.ruleOutcomes[0]
        XCTAssertEqual(error.severity, .error)
        XCTAssertEqual(error.left, 5)
        XCTAssertEqual(error.right, 3)
        XCTAssertEqual(error.cells, [cell("r1b1:n"), cell("r1a:n")])
        XCTAssertEqual(check.blockingErrors, [
            "Số đảng viên có vi phạm không vượt quá số đảng viên được kiểm tra (r1b1:n ≤ r1a:n: 5 ≤ 3 không đúng)",
        ])
        XCTAssertEqual(check.warnings.map(\.ruleIndex), [1])
        XCTAssertFalse(check.canSubmit(explainedWarnings: [1]))
        XCTAssertEqual(check.fieldProblems.map(\.field), ["rules[0]"])
        XCTAssertEqual(check.computedValues[cell("total:n")], 7)
    }

    func testPassingRulesAndExplainedWarnings() throws {
        let form = try ReportingFixtures.pl81()
        var sheet = EntrySheet(form: form, period: try ReportingFixtures.period("Q1/2023"), values: [
            cell("r1a:n"): .number(10), cell("r1b1:n"): .number(2), cell("r1b2:n"): .number(3),
        ])
        var check = sheet.check()
        XCTAssertEqual(check.ruleOutcomes.map(\.status), [.passed, .failed])
        XCTAssertTrue(check.blockingErrors.isEmpty)
        XCTAssertFalse(check.canSubmit(explainedWarnings: []))
        XCTAssertTrue(check.canSubmit(explainedWarnings: [1]))
        XCTAssertEqual(check.computedValues[cell("total:n")], 10, "r1a+r2a with r2a empty counts it as 0")

        sheet.values[cell("r1b2:n")] = nil
        check = sheet.check()
        XCTAssertEqual(check.ruleOutcomes.map(\.status), [.passed, .skipped])
        XCTAssertTrue(check.canSubmit(explainedWarnings: []))
        XCTAssertEqual(check.ruleOutcomes[1].description, "Số phải thi hành kỷ luật thường không vượt quá số có vi phạm")
    }

    func testTypeProblemsPerCell() throws {
        let form = try ReportingFixtures.pl81()
        let sheet = EntrySheet(form: form, period: try ReportingFixtures.period("Q1/2023"), values: [
            cell("r1a:n"): .number(2.5),
            cell("r1b1:n"): .number(-1),
            cell("r2a:n"): .text("nhiều"),
            cell("r1:n"): .number(1),
            cell("total:n"): .number(1),
            cell("r9:n"): .number(1),
        ])
        let check = sheet.check()
        XCTAssertEqual(check.cellProblems.map(\.description), [
            "Ô r1:n: dòng tiêu đề không nhập số liệu",
            "Ô r1a:n: phải là số nguyên không âm",
            "Ô r1b1:n: phải là số nguyên không âm",
            "Ô r2a:n: phải là số nguyên không âm",
            "Ô total:n: dòng tính toán không nhập số liệu",
            "Ô r9:n: không có ô này trong biểu mẫu PL8.1",
        ])
        XCTAssertTrue(check.hasBlockingErrors)
    }

    func testParsingTypedInput() throws {
        let form = try ReportingFixtures.pl81()
        let (sheet, problems) = EntrySheet.parsing(form: form, period: try ReportingFixtures.period("Q1/2023"), inputs: [
            cell("r1a:n"): "1.257", cell("r1b1:n"): "", cell("r2a:n"): "abc",
        ])
        XCTAssertEqual(sheet.values, [cell("r1a:n"): .number(1257)])
        XCTAssertEqual(problems.map(\.description), ["Ô r2a:n: \"abc\" không phải số (viết 1.257 hoặc 98,86)"])
    }

    func testRangeAndTextChecks() {
        XCTAssertEqual(CellValue.number(100.5).problem(for: .percent), "phải là tỉ lệ từ 0 đến 100")
        XCTAssertNil(CellValue.number(98.86).problem(for: .percent))
        XCTAssertNil(CellValue.number(-2.5).problem(for: .money))
        XCTAssertNil(CellValue.text("6/2021").problem(for: .monthYear))
        XCTAssertEqual(CellValue.text("giữa năm").problem(for: .monthYear), "phải có dạng tháng/năm, ví dụ 6/2021")
        XCTAssertEqual(CellValue.text(String(repeating: "a", count: 501)).problem(for: .text), "không quá 500 ký tự")
        XCTAssertNil(CellValue.text(String(repeating: "ă", count: 500)).problem(for: .text))
    }
}
