import DangBoCore
@testable import DangBoWeb
import Vapor
import XCTVapor

/// What a user can correct comes back on the page they were on — the filter or form kept, the message in the
/// summary at the top and tied to its field — never on the bare error page. The pages that remain (404, 403, 500)
/// are Vietnamese, in the site's layout, with a way back.
final class ErrorsOnPageTests: XCTestCase {
    var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    /// The bare error page's own marks: its headline and the "Về trang chủ" way out.
    func assertOnPage(_ response: XCTHTTPResponse, status: HTTPStatus, keeps typed: String, field: String,
                      _ note: String, file: StaticString = #filePath, line: UInt = #line) {
        let html = response.body.string
        XCTAssertEqual(response.status, status, "\(note): \(html.prefix(300))", file: file, line: line)
        XCTAssertFalse(html.contains("class=\"card error-page\""), "\(note) fell on the error page", file: file, line: line)
        XCTAssertTrue(html.contains("Chưa thực hiện được. Hãy sửa các lỗi sau:"), "\(note): no summary", file: file, line: line)
        XCTAssertTrue(html.contains("data-field=\"\(field)\""), "\(note): no problem for \(field)", file: file, line: line)
        XCTAssertTrue(html.contains(typed), "\(note): the input \(typed) is not kept", file: file, line: line)
    }

    func testMistypedFiltersComeBackBesideTheFilterWithTheTextKept() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            // An unknown or foreign identifier answers 404 like every route, the page still shown with the message.
            let cases: [(String, String, String, HTTPStatus)] = [
                ("/organizations?on=32/13/2021", "value=\"32/13/2021\"", "on", .unprocessableEntity),
                ("/organizations?open=khong-phai-ma", "Cây tổ chức đảng", "open", .notFound),
                ("/members?status=nghi-huu&q=nguyen", "value=\"nguyen\"", "status", .unprocessableEntity),
                ("/reports/KT1/table?span=nam-ngoai", "value=\"nam-ngoai\"", "span", .unprocessableEntity),
                ("/reports/KT1/table?org=\(UUID().uuidString)", "id=\"span\"", "org", .notFound),
                ("/reports/KT1/rate?period=quy-5", "id=\"period\"", "period", .unprocessableEntity),
                ("/reports/KT1/rate?outcome=tre-lam", "id=\"outcome\"", "outcome", .unprocessableEntity),
            ]
            for (path, typed, field, status) in cases {
                let response = try await test.app.sendRequest(.GET, path, headers: office.headers)
                assertOnPage(response, status: status, keeps: typed, field: field, path)
            }
            // A period of the wrong kind on the entry page: the page opens on the current quarter, with the message.
            let clerk = try await test.session("coso-a")
            let entry = try await test.app.sendRequest(
                .GET, "/reports/KT1/entry?org=\(test.fixture.cellA1.id.uuidString)&period=\(period.end.year)", headers: clerk.headers)
            assertOnPage(entry, status: .unprocessableEntity, keeps: "name=\"v:total:n\"", field: "period", "entry period")
            XCTAssertTrue(entry.body.string.contains(period.label), "the entry opens on the current quarter")
        }
    }

    func testEntryFormsComeBackOnTheEntryPage() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let entry = "org=\(test.fixture.cellA1.id.uuidString)&period=\(period.code)"
            // An upload without a file.
            let upload = try await test.post("/reports/KT1/upload?\(entry)", form: [:], session: clerk)
            assertOnPage(upload, status: .unprocessableEntity, keeps: "name=\"v:total:n\"", field: "file", "upload without a file")
            // A save whose version field was damaged keeps the user on the page.
            let save = try await test.post("/reports/KT1/entry?\(entry)", form: ["version": "abc", "v:total:n": "5"], session: clerk)
            assertOnPage(save, status: .badRequest, keeps: "name=\"v:total:n\"", field: "version", "damaged version")
            _ = try await test.post("/reports/KT1/entry?\(entry)", form: ["version": "0", "action": "submit", "v:total:n": "5"], session: clerk)
            // A review sent without choosing approve or return.
            let office = try await test.session("office")
            let review = try await test.post("/reports/KT1/review?\(entry)", form: ["version": "1", "comment": "xem lại"], session: office)
            assertOnPage(review, status: .unprocessableEntity, keeps: "Duyệt báo cáo", field: "decision", "review without a decision")
            XCTAssertTrue(review.body.string.contains("Chọn &quot;Duyệt&quot; hoặc &quot;Trả lại&quot;"), review.body.string)
            // A review of a version that has moved on is a conflict shown on the page, not an error page.
            let stale = try await test.post("/reports/KT1/review?\(entry)", form: ["version": "0", "decision": "approve"], session: office)
            assertOnPage(stale, status: .conflict, keeps: "Duyệt báo cáo", field: "version", "stale review")
        }
    }

    func testRemainingErrorPagesAreVietnameseInTheLayoutWithAWayBack() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            var headers = office.headers
            headers.replaceOrAdd(name: .referer, value: "http://localhost/members?q=an")
            headers.replaceOrAdd(name: .host, value: "localhost")
            let missing = try await test.app.sendRequest(.GET, "/khong-co-trang-nay", headers: headers)
            XCTAssertEqual(missing.status, .notFound)
            let html = missing.body.string
            XCTAssertTrue(html.contains("<nav class=\"nav\""), "the error page is in the site's layout with its menu")
            XCTAssertTrue(html.contains("href=\"/members?q=an\""), "a way back to the page the user came from")
            XCTAssertTrue(html.contains("Về trang chủ"))
            // A referrer from another site is not offered as the way back.
            headers.replaceOrAdd(name: .referer, value: "http://example.org/x")
            let foreign = try await test.app.sendRequest(.GET, "/khong-co-trang-nay", headers: headers)
            XCTAssertFalse(foreign.body.string.contains("example.org"))
            // Vapor's English reasons never reach the page.
            let method = try await test.app.sendRequest(.DELETE, "/members", headers: office.headers)
            XCTAssertEqual(method.status, .notFound)
            for english in ["Forbidden", "Not Found", "Method Not Allowed", "Bad Request"] {
                XCTAssertFalse(method.body.string.contains(english), english)
            }
            XCTAssertEqual(DangBoErrorMiddleware.translate("Forbidden", status: .forbidden), "Bạn không có quyền thực hiện thao tác này")
            XCTAssertEqual(DangBoErrorMiddleware.translate("Method Not Allowed", status: .methodNotAllowed),
                           "Thao tác này không dùng được ở địa chỉ này")
            XCTAssertEqual(DangBoErrorMiddleware.translate("Thiếu tệp", status: .badRequest), "Thiếu tệp")
        }
    }
}
