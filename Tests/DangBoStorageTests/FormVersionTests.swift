import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

/// A form's layout changes (a row renamed, moved, added) without losing values: old periods print with the layout
/// in force then, or with the current one, by choice.
final class FormVersionTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    static func form(version: Int, validTo: String?, rows: String) -> Data {
        let until = validTo.map { #", "validTo": "\#($0)""# } ?? ""
        return Data(#"{"code": "F", "appendix": "B", "title": "T", "version": \#(version)\#(until), "periodType": "quarter", "reporters": {"levels": ["grassrootsCommittee", "grassrootsCell", "subordinateCell"]}, "deadline": {"daysAfterPeriodEnd": 5}, "entryColumns": [{"key": "n", "title": "Số", "type": "count"}], "columns": [{"key": "c1", "title": "C", "number": "1", "type": "count", "expr": "n"}], "rows": \#(rows)}"#.utf8)
    }

    func directory(_ files: [String: Data]) throws -> URL {
        let forms = FileManager.default.temporaryDirectory.appendingPathComponent("fv-\(UUID().uuidString)/Forms")
        try FileManager.default.createDirectory(at: forms.appendingPathComponent("elements"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: forms.appendingPathComponent("versions"), withIntermediateDirectories: true)
        try Data(#"{"elements": [{"code": "e.kiemtra", "name": "Được kiểm tra", "type": "count"}, {"code": "e.giamsat", "name": "Được giám sát", "type": "count"}]}"#.utf8)
            .write(to: forms.appendingPathComponent("elements/e.json"))
        for (name, data) in files { try data.write(to: forms.appendingPathComponent(name)) }
        return forms
    }

    let old = #"[{"key": "a", "number": "1", "label": "Đảng viên được kiểm tra", "element": "e.kiemtra"}]"#
    let new = #"[{"key": "gs", "number": "1", "label": "Đảng viên được giám sát", "element": "e.giamsat"}, {"key": "kt", "number": "2", "label": "Số đảng viên đã được kiểm tra", "element": "e.kiemtra"}]"#

    func testOldPeriodsPrintWithTheirLayoutOrTheNewOneAndNoValueIsOrphaned() async throws {
        let forms = try FormCatalog.load(directory: try directory([
            "f.json": Self.form(version: 2, validTo: nil, rows: new),
            "versions/f-v1.json": Self.form(version: 1, validTo: "2023-12-31", rows: old),
        ]))
        XCTAssertEqual(forms.form(code: "F", on: Day(parsing: "15/11/2023")!)?.version, 1)
        XCTAssertEqual(forms.form(code: "F", on: Day(parsing: "1/1/2024")!)?.version, 2)
        let clerk = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        let store = ReportStore(database: test.database, forms: forms)
        // 2023-Q4 is entered with the layout of then: row "a".
        let q4 = Period(code: "2023-Q4")!
        let entry = try await store.save(form: "F", organization: fixture.cellA1.id, period: PeriodSlot(code: q4.code, start: q4.start, end: q4.end),
                                         cells: [StoredCell(row: "a", column: "n", number: 6)], version: 0, submit: true, by: clerk)
        try await store.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office)
        let rollUp = ReportRollUp(database: test.database, forms: forms)
        let then = try XCTUnwrap(forms.form(code: "F", on: q4.end))
        let current = try XCTUnwrap(forms.form(code: "F"))
        let asThen = try await rollUp.values(layout: then, root: fixture.root.id, periods: [q4], statuses: [.approved])
        let asNow = try await rollUp.values(layout: current, root: fixture.root.id, periods: [q4], statuses: [.approved])
        XCTAssertEqual(asThen[q4]?.numbers["a:n"], 6)
        XCTAssertEqual(asNow[q4]?.numbers["kt:n"], 6, "the renamed, moved row prints the same element's value")
        XCTAssertNil(asNow[q4]?.numbers["gs:n"], "the new row has no value for an old period")
        // The entry reads back in its layout.
        let stored = try await store.entry(id: entry.id)
        XCTAssertEqual(stored?.cells.map(\.row), ["a"])
    }

    func testVersionsAreCheckedWithTheirFile() throws {
        XCTAssertThrowsError(try FormCatalog.load(directory: try directory([
            "f.json": Self.form(version: 2, validTo: nil, rows: new),
            "versions/f-v3.json": Self.form(version: 3, validTo: nil, rows: old),
        ]))) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("Forms/versions/f-v3.json") && text.contains("validTo"), text)
        }
        XCTAssertThrowsError(try FormCatalog.load(directory: try directory([
            "f.json": Self.form(version: 2, validTo: nil, rows: new),
            "versions/f-v2.json": Self.form(version: 2, validTo: "2023-12-31", rows: old),
        ]))) { error in
            XCTAssertTrue(String(describing: error).contains("phải nhỏ hơn phiên bản hiện hành"), String(describing: error))
        }
    }
}
