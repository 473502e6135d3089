import DangBoCore
@testable import DangBoWeb
import Vapor
import XCTVapor

/// Controls appear only where they can be used, and inputs are named for screen readers by what the page shows.
final class RoleControlsTests: XCTestCase {
    var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    func testTheEntryTemplateIsOfferedOnlyToThoseWhoCanEnterAndCellsAreLabelledByRowAndColumn() async throws {
        try await TestApp.with { test in
            let entry = "/reports/KT1/entry?org=\(test.fixture.cellA1.id.uuidString)&period=\(period.code)"
            let clerk = try await test.session("coso-a")
            let open = try await test.app.sendRequest(.GET, entry, headers: clerk.headers)
            XCTAssertTrue(open.body.string.contains("Tải mẫu Excel để nhập"))
            XCTAssertTrue(open.body.string.contains(#"aria-label="1 Tổng số đảng viên được kiểm tra, Số lượng""#), open.body.string)
            XCTAssertFalse(open.body.string.contains("— total:n"), "no internal code in a label")

            // Once submitted, the entry is locked: the bloc office reviews it and is not offered a template to fill.
            _ = try await test.post(entry, form: ["version": "0", "action": "submit", "v:total:n": "5"], session: clerk)
            let office = try await test.session("office")
            let review = try await test.app.sendRequest(.GET, entry, headers: office.headers)
            XCTAssertTrue(review.body.string.contains("Duyệt báo cáo"))
            XCTAssertFalse(review.body.string.contains("Tải mẫu Excel để nhập"))
            XCTAssertFalse(review.body.string.contains("Tải lên và lưu nháp"))
            // A member cannot take the template by its address either.
            let member = try await test.session("member")
            let template = try await test.app.sendRequest(.GET, "/reports/KT1/template.xlsx?org=\(test.fixture.cellA1.id.uuidString)&period=\(period.code)",
                                                          headers: member.headers)
            XCTAssertEqual(template.status, .forbidden)
        }
    }

    func testNoWriteButtonWhenAFileWouldChangeNothing() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            func check() async throws -> String {
                let upload = try await test.multipart("/members/import", fields: ["organizationCode": "CB-A1"], file: JobsTests.twoMembers,
                                                      fileName: "ds.csv", session: office)
                return try await test.followingJob(upload, session: office).body.string
            }
            let first = try await check()
            XCTAssertTrue(first.contains("Ghi vào danh sách"))
            XCTAssertFalse(first.contains("id=\"nothing-to-write\""))
            let job = try XCTUnwrap(first.range(of: #"name="job" value=""#).map { String(first[$0.upperBound...].prefix(36)) })
            let written = try await test.followingJob(
                try await test.post("/members/import", form: ["mode": "import", "job": job, "organizationCode": "CB-A1"], session: office),
                session: office)
            XCTAssertTrue(written.body.string.contains("thêm 2"))
            // The same file again: every row is already there as it is, so nothing is offered to write.
            let again = try await check()
            XCTAssertTrue(again.contains("id=\"nothing-to-write\""), again)
            XCTAssertFalse(again.contains("Ghi vào danh sách"))
            XCTAssertFalse(again.contains("dòng hợp lệ</button>"))
        }
    }
}
