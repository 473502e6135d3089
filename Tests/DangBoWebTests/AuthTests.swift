import DangBoCore
import DangBoStorage
@testable import DangBoWeb
import SQLKit
import Vapor
import XCTVapor

final class AuthTests: XCTestCase {
    func testLoginSetsAHardenedSessionCookieStoredInTheDatabase() async throws {
        try await TestApp.with { test in
            let page = try await test.app.sendRequest(.GET, "/login")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Đăng nhập"))
            let header = try XCTUnwrap(page.headers.first(name: .setCookie))
            XCTAssertTrue(header.contains("HttpOnly"), header)
            XCTAssertTrue(header.lowercased().contains("samesite=lax"), header)
            let session = try await test.session("admin")
            let sessions = try await (test.app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM sessions").first()?.decode(column: "n", as: Int.self)
            XCTAssertGreaterThanOrEqual(sessions ?? 0, 1)
            let tree = try await test.app.sendRequest(.GET, "/organizations", headers: session.headers)
            XCTAssertEqual(tree.status, .ok)
            XCTAssertTrue(tree.body.string.contains("Đảng bộ Sở Y tế"))
        }
    }

    func testWrongPasswordThenThrottle() async throws {
        try await TestApp.with { test in
            let page = try await test.app.sendRequest(.GET, "/login")
            let cookie = try XCTUnwrap(page.headers.setCookie?[SessionAuthenticator.cookieName]?.string)
            let session = TestApp.Session(cookie: cookie, csrf: try XCTUnwrap(TestApp.csrf(in: page.body.string)))
            for _ in 0 ..< AccountStore.maxFailures {
                let wrong = try await test.post("/login", form: ["username": "office", "password": "sai"], session: session)
                XCTAssertEqual(wrong.status, .unauthorized)
                XCTAssertTrue(wrong.body.string.contains("không đúng"))
            }
            // Even the right password is refused while throttled.
            let right = try await test.post("/login", form: ["username": "office", "password": TestApp.password], session: session)
            XCTAssertEqual(right.status, .tooManyRequests)
            XCTAssertTrue(right.body.string.contains("15 phút"))
            // Other accounts are unaffected.
            _ = try await test.session("admin")
            var json = HTTPHeaders()
            json.contentType = .json
            let api = try await test.app.sendRequest(.POST, "/api/v1/auth/token", headers: json,
                                                     body: ByteBuffer(string: #"{"username":"office","password":"\#(TestApp.password)"}"#))
            XCTAssertEqual(api.status, .tooManyRequests)
        }
    }

    func testFormPostsWithoutTheCSRFTokenAreRefused() async throws {
        try await TestApp.with { test in
            let session = try await test.session("admin")
            let before = try await test.writeCounts()
            let member = test.members[2]
            let response = try await test.post("/members/\(member.id.uuidString)/delete", form: [:], session: session, csrf: false)
            XCTAssertEqual(response.status, .forbidden)
            XCTAssertTrue(response.body.string.contains("chống giả mạo"))
            let forged = try await test.post("/members/\(member.id.uuidString)/delete", form: ["_csrf": String(repeating: "0", count: 64)],
                                             session: session, csrf: false)
            XCTAssertEqual(forged.status, .forbidden)
            let after = try await test.writeCounts()
            XCTAssertEqual(before, after)
        }
    }

    func testLogoutEndsTheSession() async throws {
        try await TestApp.with { test in
            let session = try await test.session("admin")
            let out = try await test.post("/logout", form: [:], session: session)
            XCTAssertEqual(out.status, .seeOther)
            let after = try await test.app.sendRequest(.GET, "/organizations", headers: session.headers)
            XCTAssertEqual(after.status, .seeOther)
            XCTAssertTrue(after.headers.first(name: .location)?.hasPrefix("/login") ?? false)
        }
    }

    func testLoginRedirectStaysOnThisSite() {
        XCTAssertEqual(AuthController.safeNext("/members?q=a"), "/members?q=a")
        XCTAssertEqual(AuthController.safeNext("//evil.example"), "/")
        XCTAssertEqual(AuthController.safeNext("https://evil.example"), "/")
        XCTAssertEqual(AuthController.safeNext(nil), "/")
    }

    func testRolesSeeOnlyWhatTheyMay() async throws {
        try await TestApp.with { test in
            let inspector = try await test.session("inspector")
            let list = try await test.app.sendRequest(.GET, "/members", headers: inspector.headers)
            XCTAssertEqual(list.status, .ok)
            let edit = try await test.app.sendRequest(.GET, "/members/\(test.members[0].id.uuidString)/edit", headers: inspector.headers)
            XCTAssertEqual(edit.status, .forbidden)
            let office = try await test.session("office")
            let audit = try await test.app.sendRequest(.GET, "/audit", headers: office.headers)
            XCTAssertEqual(audit.status, .forbidden)
            let member = try await test.session("member")
            let own = try await test.app.sendRequest(.GET, "/members/\(test.members[0].id.uuidString)", headers: member.headers)
            XCTAssertEqual(own.status, .ok)
            let other = try await test.app.sendRequest(.GET, "/members/\(test.members[1].id.uuidString)", headers: member.headers)
            XCTAssertEqual(other.status, .notFound)
            let members = try await test.app.sendRequest(.GET, "/members", headers: member.headers)
            XCTAssertEqual(members.status, .forbidden)
        }
    }
}
