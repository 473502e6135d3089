import DangBoCore
import XCTest

final class FormCatalogTests: XCTestCase {
    private var parent: URL!
    private var forms: URL!

    override func setUpWithError() throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("dangbo-forms-\(UUID().uuidString)")
        forms = parent.appendingPathComponent("Forms")
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: parent)
    }

    private func write(_ name: String, _ data: Data) throws {
        try data.write(to: forms.appendingPathComponent(name))
    }

    private func write(_ name: String, mutate: (inout [String: Any]) -> Void) throws {
        var object = try ReportingFixtures.pl81Object()
        mutate(&object)
        try write(name, ReportingFixtures.data(object))
    }

    private func loadErrors() throws -> [String] {
        do {
            _ = try FormCatalog.load(directory: forms)
            XCTFail("the catalog should not load")
            return []
        } catch {
            return error.entries.map(\.description)
        }
    }

    private func columns(_ object: [String: Any]) -> [[String: Any]] { object["columns"] as! [[String: Any]] }
    private func rows(_ object: [String: Any]) -> [[String: Any]] { object["rows"] as! [[String: Any]] }

    func testLoadsValidFormsSortedByName() throws {
        try write("b.json") { $0["code"] = "PL9" }
        try write("a.json") { _ in }
        try write("notes.txt", Data("không phải biểu mẫu".utf8))
        let catalog = try FormCatalog.load(directory: forms)
        XCTAssertEqual(catalog.codes, ["PL8.1", "PL9"])
        XCTAssertEqual(catalog.form(code: "PL9")?.rows.count, 7)
        XCTAssertNil(catalog.form(code: "PL7.1"))
    }

    func testCollectsEveryProblemOfEveryFile() throws {
        try write("a.json") { _ in }
        try write("b-duplicate.json") { _ in }
        try write("c-unknown.json") { object in
            var rows = self.rows(object)
            rows[6]["formula"] = "r1a+r9"
            object["rows"] = rows
            var columns = self.columns(object)
            columns[0]["expr"] = "m"
            columns[1]["fromula"] = "c1"
            object["columns"] = columns
        }
        try write("d-cycle.json") { object in
            object["code"] = "CYCLE"
            var columns = self.columns(object)
            columns[5]["formula"] = "c7+c2"
            object["columns"] = columns
        }
        try write("e-broken.json", Data(#"{"code": "X", "title": "Y" "rows": []}"#.utf8))
        try write("f-types.json") { object in
            object["code"] = "TYPES"
            var rows = self.rows(object)
            rows[2]["indent"] = "1"
            object["rows"] = rows
        }
        let errors = try loadErrors()
        XCTAssertTrue(errors.contains("Forms/b-duplicate.json: code: mã biểu mẫu \"PL8.1\" đã dùng trong Forms/a.json"),
                      "\(errors)")
        XCTAssertTrue(errors.contains("Forms/c-unknown.json: rows[6].formula: không có dòng \"r9\""), "\(errors)")
        XCTAssertTrue(errors.contains("Forms/c-unknown.json: columns[0].expr: không có cột nhập \"m\""), "\(errors)")
        XCTAssertTrue(errors.contains("Forms/c-unknown.json: columns[1].fromula: trường không có trong định dạng biểu mẫu"),
                      "\(errors)")
        XCTAssertTrue(errors.contains("Forms/d-cycle.json: columns[5].formula: vòng lặp công thức: c6 → c7 → c6"),
                      "\(errors)")
        XCTAssertTrue(errors.contains("Forms/e-broken.json: JSON không hợp lệ (dòng 1, cột 28)"), "\(errors)")
        XCTAssertTrue(errors.contains("Forms/f-types.json: rows[2].indent: sai kiểu dữ liệu, cần số nguyên"), "\(errors)")
    }

    func testReportsBadValuesAndReferences() throws {
        try write("pl.json") { object in
            object["periodType"] = "week"
            object["reporters"] = ["levels": ["grassrootsCell", "commune"], "unitKinds": ["bank"]]
            object["deadline"] = ["daysAfterPeriodEnd": -3]
            object["greyed"] = ["r9:c7", "r1a:c99", "r1a"]
            object["headerGroups"] = [["title": "Lẻ", "columns": ["c2", "c4"]], ["title": "Lạ", "columns": ["c42"]]]
            var rows = self.rows(object)
            rows[3]["key"] = "r1a"
            rows[5]["kind"] = "total"
            object["rows"] = rows
            object["rules"] = [["left": "r1:n", "op": "=<", "right": "r1a:m", "severity": "fatal", "message": "x"]]
        }
        let errors = try loadErrors()
        let expected = [
            "Forms/pl.json: periodType: giá trị \"week\" không hợp lệ, chỉ dùng: month, quarter, halfYear, year",
            "Forms/pl.json: reporters.levels[1]: giá trị \"commune\" không hợp lệ, chỉ dùng: central, province, district, bloc, grassrootsCommittee, partialCommittee, grassrootsCell, subordinateCell",
            "Forms/pl.json: reporters.unitKinds[0]: giá trị \"bank\" không hợp lệ, chỉ dùng: agency, publicServiceUnit, stateEnterprise, privateEnterprise",
            "Forms/pl.json: deadline.daysAfterPeriodEnd: số ngày không được âm (-3)",
            "Forms/pl.json: greyed[0]: không có dòng \"r9\"",
            "Forms/pl.json: greyed[1]: không có cột \"c99\"",
            "Forms/pl.json: greyed[2]: \"r1a\" phải có dạng \"dòng:cột\", \"dòng:*\" hoặc \"*:cột\"",
            "Forms/pl.json: headerGroups[0].columns: các cột phải liền nhau, theo thứ tự in (c2, c4)",
            "Forms/pl.json: headerGroups[1].columns: không có cột \"c42\"",
            "Forms/pl.json: rows[3].key: trùng khóa \"r1a\" với rows[2]",
            "Forms/pl.json: rows[5].kind: giá trị \"total\" không hợp lệ, chỉ dùng: data, heading, computed",
            "Forms/pl.json: rules[0].op: giá trị \"=<\" không hợp lệ, chỉ dùng: ==, <=, <, >=, >, !=",
            "Forms/pl.json: rules[0].severity: giá trị \"fatal\" không hợp lệ, chỉ dùng: error, warning",
            "Forms/pl.json: rules[0].left: dòng \"r1\" không phải dòng số liệu (data)",
            "Forms/pl.json: rules[0].right: không có cột nhập \"m\"",
        ]
        for line in expected {
            XCTAssertTrue(errors.contains(line), "missing: \(line)\nin:\n\(errors.joined(separator: "\n"))")
        }
    }

    func testComputedRowCyclesAndHeadingReferences() throws {
        try write("rows.json") { object in
            var rows = self.rows(object)
            rows.append(["key": "t2", "number": "", "label": "Vòng", "kind": "computed", "formula": "t3 + r1"])
            rows.append(["key": "t3", "number": "", "label": "Vòng", "kind": "computed", "formula": "t2"])
            rows.append(["key": "t4", "number": "", "label": "Thiếu công thức", "kind": "computed"])
            object["rows"] = rows
        }
        let errors = try loadErrors()
        XCTAssertTrue(errors.contains("Forms/rows.json: rows[7].formula: dòng \"r1\" là dòng tiêu đề, không có số liệu"),
                      "\(errors)")
        XCTAssertTrue(errors.contains("Forms/rows.json: rows[7].formula: vòng lặp công thức: t2 → t3 → t2"), "\(errors)")
        XCTAssertTrue(errors.contains("Forms/rows.json: rows[9].formula: dòng tính toán (computed) cần công thức"),
                      "\(errors)")
    }

    func testSyntaxErrorsAndMissingFields() throws {
        try write("syntax.json") { object in
            object.removeValue(forKey: "title")
            var columns = self.columns(object)
            columns[6]["formula"] = "c6/(c1*100"
            columns[2].removeValue(forKey: "number")
            object["columns"] = columns
        }
        let errors = try loadErrors()
        XCTAssertTrue(errors.contains("Forms/syntax.json: title: thiếu trường bắt buộc"), "\(errors)")
        XCTAssertTrue(errors.contains("Forms/syntax.json: columns[2].number: thiếu trường bắt buộc"), "\(errors)")
        XCTAssertTrue(errors.contains("Forms/syntax.json: columns[6].formula: lỗi cú pháp ở ký tự 11: thiếu dấu \")\""),
                      "\(errors)")
    }

    func testErrorDescriptionListsOneProblemPerLine() throws {
        try write("two.json") { object in
            object["code"] = "bad code!"
            object["deadline"] = ["daysAfterPeriodEnd": -1]
        }
        do {
            _ = try FormCatalog.load(directory: forms)
            XCTFail("should not load")
        } catch {
            XCTAssertEqual(error.description.split(separator: "\n").count, 2, error.description)
            XCTAssertTrue(error.description.hasPrefix("Forms/two.json: code: mã \"bad code!\""), error.description)
        }
    }

    func testMissingDirectory() {
        XCTAssertThrowsError(try FormCatalog.load(directory: parent.appendingPathComponent("Nowhere")))
    }
}
