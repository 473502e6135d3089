import DangBoCore
import XCTest

final class DataElementTests: XCTestCase {
    var formsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Forms")
    }

    /// Every data cell of every repository form names a declared element (none falls back to FORM/row/column).
    func testEveryRepositoryCellReportsADeclaredElement() throws {
        let catalog = try FormCatalog.load(directory: formsDirectory)
        XCTAssertGreaterThan(catalog.elements.elements.count, 300)
        for form in catalog.forms {
            for cell in form.entryCells {
                XCTAssertFalse(form.isImplicit(cell), "\(form.code) \(cell) names no element")
                XCTAssertNotNil(catalog.elements.element(form.valueKey(cell).element), "\(form.code) \(cell)")
            }
        }
    }

    /// PL 7.8 is one element disaggregated by position, sex, ethnicity, age band and levels: its rules come from
    /// the disaggregations, not from 75 hand-written lines.
    func testPL78IsOneDisaggregatedElementWhoseRulesComeFromItsCategories() throws {
        let catalog = try FormCatalog.load(directory: formsDirectory)
        let form = try XCTUnwrap(catalog.form(code: "PL7.8"))
        let keys = Set(form.entryCells.map { form.valueKey($0).element })
        XCTAssertEqual(keys, ["quyhoach.huyen"])
        XCTAssertEqual(form.valueKey(CellKey(row: "f", column: "c5")),
                       ValueKey(element: "quyhoach.huyen", options: ["position.huyen": "c5", "sex": "female"]))
        let data = try Data(contentsOf: formsDirectory.appendingPathComponent("pl-7-8.json"))
        let written = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual((written["rules"] as? [Any])?.count ?? 0, 0, "no hand-written rule is left")
        XCTAssertEqual(form.rules.filter { $0.severity == .error }.count, 30, "nữ and dân tộc thiểu số ≤ total, for 15 positions")
        XCTAssertEqual(form.rules.filter { $0.severity == .warning }.count, 45, "age bands, professional and theory levels add up")

        let period = try ReportingFixtures.period("2022")
        var values: [CellKey: CellValue] = [CellKey(row: "tot", column: "c5"): .number(4), CellKey(row: "f", column: "c5"): .number(5)]
        for (row, value) in [("a40", 1.0), ("a50", 1.0), ("a51", 2.0)] { values[CellKey(row: row, column: "c5")] = .number(value) }
        let outcomes = EntrySheet(form: form, period: period, values: values).ruleOutcomes().filter(\.failed)
        let error = try XCTUnwrap(outcomes.first { $0.severity == .error })
        XCTAssertTrue(error.message.contains("Cán bộ đưa vào quy hoạch cấp huyện (Bí thư, Nữ)"), error.message)
        XCTAssertTrue(error.message.contains("không vượt quá Cán bộ đưa vào quy hoạch cấp huyện (Bí thư)"), error.message)
        XCTAssertFalse(outcomes.contains { $0.message.contains("tuổi") }, "the age bands add up to 4")
    }

    /// Two forms that print one element share its value key; a wrong reference is named with its file and place.
    func testSharedElementsAndBrokenReferences() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("elements-\(UUID().uuidString)")
        let forms = root.appendingPathComponent("Forms")
        try FileManager.default.createDirectory(at: forms.appendingPathComponent("elements"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(#"{"categories": [{"code": "sex", "name": "Giới tính", "options": [{"code": "female", "name": "Nữ"}]}], "elements": [{"code": "dv.kiemtra", "name": "Đảng viên được kiểm tra", "type": "count", "categories": ["sex"]}]}"#.utf8)
            .write(to: forms.appendingPathComponent("elements/e.json"))
        func form(_ code: String, rows: String) -> Data {
            Data(#"{"code": "\#(code)", "appendix": "B", "title": "T", "periodType": "quarter", "reporters": {"levels": ["grassrootsCell"]}, "deadline": {"daysAfterPeriodEnd": 5}, "entryColumns": [{"key": "n", "title": "Số", "type": "count"}], "columns": [{"key": "c1", "title": "C", "number": "1", "type": "count", "expr": "n"}], "rows": \#(rows)}"#.utf8)
        }
        try form("A", rows: #"[{"key": "x", "number": "1", "label": "Được kiểm tra", "element": "dv.kiemtra"}, {"key": "xf", "number": "-", "label": "Nữ", "element": "dv.kiemtra", "options": {"sex": "female"}}]"#)
            .write(to: forms.appendingPathComponent("a.json"))
        try form("B", rows: #"[{"key": "tong", "number": "a", "label": "Tổng số được kiểm tra", "element": "dv.kiemtra"}]"#)
            .write(to: forms.appendingPathComponent("b.json"))
        let catalog = try FormCatalog.load(directory: forms)
        let a = try XCTUnwrap(catalog.form(code: "A")), b = try XCTUnwrap(catalog.form(code: "B"))
        XCTAssertEqual(a.valueKey(CellKey(row: "x", column: "n")), b.valueKey(CellKey(row: "tong", column: "n")))
        XCTAssertEqual(a.rules.count, 1, "nữ ≤ total is implied")

        try form("C", rows: #"[{"key": "y", "number": "1", "label": "Y", "element": "khong.co"}, {"key": "z", "number": "2", "label": "Z", "element": "dv.kiemtra", "options": {"sex": "male"}}]"#)
            .write(to: forms.appendingPathComponent("c.json"))
        XCTAssertThrowsError(try FormCatalog.load(directory: forms)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("Forms/c.json") && text.contains("rows[0].element") && text.contains("khong.co"), text)
            XCTAssertTrue(text.contains("rows[1].element") && text.contains("male"), text)
        }
    }

    func testValueKeysRoundTripTheirOptions() {
        let key = ValueKey(element: "quyhoach.huyen", options: ["sex": "female", "position.huyen": "c5"])
        XCTAssertEqual(key.optionsKey, "position.huyen=c5;sex=female")
        XCTAssertEqual(ValueKey(element: key.element, optionsKey: key.optionsKey), key)
        XCTAssertNil(ValueKey(element: "e", optionsKey: "sex"))
        XCTAssertEqual(ValueKey(element: "e", optionsKey: ""), ValueKey(element: "e"))
    }
}
