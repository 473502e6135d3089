import DangBoCore
import XCTest

final class RowPlaceTests: XCTestCase {
    func pl81() throws -> FormDefinition {
        let forms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Forms")
        return try XCTUnwrap(FormCatalog.load(directory: forms).form(code: "PL8.1"))
    }

    /// Three rows read "a Tổng số đảng viên được kiểm tra" in PL 8.1; their places differ.
    func testRowsWithTheSameLabelGetDifferentPlaces() throws {
        let form = try pl81()
        let same = form.dataRows.filter { $0.label == "Tổng số đảng viên được kiểm tra" }
        XCTAssertGreaterThanOrEqual(same.count, 2)
        let places = same.map { form.rowPlace($0.key) }
        XCTAssertEqual(Set(places).count, same.count, places.joined(separator: "\n"))
        XCTAssertEqual(form.rowPlace("r1a"), "I- › 1 Kiểm tra đảng viên › a Tổng số đảng viên được kiểm tra")
        XCTAssertEqual(form.rowPlace("r5a"), "I- › 5 Kiểm tra đảng viên khi có dấu hiệu vi phạm › a Tổng số đảng viên được kiểm tra")
    }

    /// Every data row of every repository form has a place no other row of its form shares.
    func testEveryPlaceIsUniqueInEveryForm() throws {
        let forms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Forms")
        for form in try FormCatalog.load(directory: forms).forms {
            var seen: [String: String] = [:]
            for row in form.rows where row.kind == .data {
                let place = form.rowPlace(row.key)
                if let other = seen[place] { XCTFail("\(form.code): \(row.key) and \(other) both read \"\(place)\"") }
                seen[place] = row.key
            }
        }
    }
}
