import DangBoCore
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import SQLKit
import Vapor
import XCTVapor

/// /audit tells each entry as a sentence (names, organizations, forms, periods, changed cells in the app's formats),
/// filters by kind of record, organization, person and date, and lists logins, failed logins and lockouts.
final class AuditPageTests: XCTestCase {
    static var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    /// Gives two test accounts real names, as people have.
    func name(_ test: TestApp) async throws {
        let sql = test.app.db as! any SQLDatabase
        try await sql.raw("UPDATE accounts SET display_name = 'Nguyễn Văn A' WHERE username = 'coso-a'").run()
        try await sql.raw("UPDATE accounts SET display_name = 'Trần Thị B' WHERE username = 'office'").run()
    }

    func actor(_ test: TestApp, _ username: String) async throws -> Actor {
        let credentials = try await AccountStore(database: test.app.db).credentials(username: username)
        return try XCTUnwrap(credentials?.actor)
    }

    /// Cell A1's KT1 report: submitted by the committee's secretary with two cells, returned by the bloc office.
    func submitAndReturn(_ test: TestApp) async throws {
        let store = ReportStore(database: test.app.db, forms: test.app.forms)
        let slot = PeriodSlot(code: Self.period.code, start: Self.period.start, end: Self.period.end)
        let submitted = try await store.save(form: "KT1", organization: test.fixture.cellA1.id, period: slot,
                                             cells: [StoredCell(row: "total", column: "n", number: 1250),
                                                     StoredCell(row: "violations", column: "n", number: 3)],
                                             version: 0, submit: true, by: try await actor(test, "coso-a"))
        _ = try await store.review(submitted.id, version: submitted.version, to: .returned, comment: "Thiếu số dòng 3",
                                   by: try await actor(test, "office"))
    }

    func testReportEntriesReadAsSentencesWithTheirChangedCells() async throws {
        try await TestApp.with { test in
            try await name(test)
            try await submitAndReturn(test)
            let admin = try await test.session("admin")
            let page = try await test.app.sendRequest(.GET, "/audit?kind=reports", headers: admin.headers)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            let text = Self.text(html)
            let label = Self.period.label
            XCTAssertTrue(text.contains("Nguyễn Văn A (Đảng bộ Sở Y tế) gửi báo cáo BIỂU KT1 \(label) của Chi bộ Văn phòng Sở (2 ô thay đổi)"), text)
            XCTAssertTrue(text.contains("Trần Thị B (Đảng bộ Khối) trả lại báo cáo BIỂU KT1 \(label) của Chi bộ Văn phòng Sở với ý kiến “Thiếu số dòng 3”"), html)
            XCTAssertTrue(html.contains("<td>I › 1 Tổng số đảng viên được kiểm tra — Số lượng</td><td class=\"num\">(trống)</td><td class=\"num\">1.250</td>"), html)
            XCTAssertTrue(html.contains("I › 1 Tổng số đảng viên được kiểm tra › 2 Có vi phạm — Số lượng"), "a row under another names it")
            XCTAssertFalse(html.contains("changedCells"), "no raw codes")
            XCTAssertFalse(html.contains(Self.period.code), "the period by its name, not its code")
            XCTAssertFalse(html.contains(">submitted<"))
        }
    }

    func testFiltersNarrowTheLog() async throws {
        try await TestApp.with { test in
            try await name(test)
            try await submitAndReturn(test)
            // An edit about committee C, by the root administrator.
            let organizations = OrganizationStore(database: test.app.db)
            let c1 = test.fixture.cellC1
            _ = try await organizations.update(c1.id, with: OrganizationDraft(code: c1.code, name: "Chi bộ Kho xăng dầu mới", level: c1.level,
                                                                              unitKind: c1.unitKind, cluster: c1.cluster, parentID: nil,
                                                                              openedOn: c1.openedOn), by: try await actor(test, "admin"))
            let admin = try await test.session("admin")
            func sentences(_ query: String) async throws -> String {
                let response = try await test.app.sendRequest(.GET, "/audit" + query, headers: admin.headers)
                XCTAssertEqual(response.status, .ok, "\(query): \(response.body.string.prefix(300))")
                return Self.text(response.body.string)
            }
            let all = try await sentences("")
            XCTAssertTrue(all.contains("sửa thông tin tổ chức Chi bộ Kho xăng dầu mới (CB-C1)"), all)
            XCTAssertTrue(all.contains("gửi báo cáo BIỂU KT1"))
            XCTAssertTrue(all.contains("Admin (Đảng bộ Khối) đăng nhập"), "logins are in the log")

            let reports = try await sentences("?kind=reports")
            XCTAssertTrue(reports.contains("gửi báo cáo BIỂU KT1"))
            XCTAssertFalse(reports.contains("sửa thông tin tổ chức"))
            XCTAssertFalse(reports.contains("Admin (Đảng bộ Khối) đăng nhập"), "no logins among reports")

            let organizationsOnly = try await sentences("?kind=organizations")
            XCTAssertTrue(organizationsOnly.contains("sửa thông tin tổ chức Chi bộ Kho xăng dầu mới"))
            XCTAssertFalse(organizationsOnly.contains("gửi báo cáo"))

            let underA = try await sentences("?org=DB-A")
            XCTAssertTrue(underA.contains("gửi báo cáo BIỂU KT1"), "cell A1's report is under committee A")
            XCTAssertFalse(underA.contains("Chi bộ Kho xăng dầu mới"), "committee C is not")
            XCTAssertTrue(underA.contains(#"|Đảng bộ Sở Y tế|"#), "the picker shows the name of the code it keeps")
            let underC = try await sentences("?org=CB-C1")
            XCTAssertFalse(underC.contains("gửi báo cáo"))
            XCTAssertTrue(underC.contains("Chi bộ Kho xăng dầu mới"))

            let byOffice = try await sentences("?actor=office")
            XCTAssertTrue(byOffice.contains("Trần Thị B (Đảng bộ Khối) trả lại báo cáo"))
            XCTAssertFalse(byOffice.contains("Nguyễn Văn A (Đảng bộ Sở Y tế) gửi"))

            let today = Day(Date())
            let past = try await sentences("?from=1/1/2020&to=31/12/2020")
            XCTAssertTrue(past.contains("|0| mục"), past)
            XCTAssertTrue(past.contains("Không có mục nào khớp bộ lọc."))
            let now = try await sentences("?kind=reports&from=\(today.adding(days: -1).vietnamese)&to=\(today.adding(days: 1).vietnamese)")
            XCTAssertTrue(now.contains("|2| mục"), now)

            let reversed = try await test.app.sendRequest(.GET, "/audit?from=2/1/2024&to=1/1/2024", headers: admin.headers)
            XCTAssertEqual(reversed.status, .unprocessableEntity)
            let unknownKind = try await test.app.sendRequest(.GET, "/audit?kind=everything", headers: admin.headers)
            XCTAssertEqual(unknownKind.status, .unprocessableEntity)
            let outsideScope = try await test.session("admin-c")
            let refused = try await test.app.sendRequest(.GET, "/audit?org=DB-A", headers: outsideScope.headers)
            XCTAssertEqual(refused.status, .unprocessableEntity, "committee A is outside committee C's administrator's scope")
        }
    }

    func testLoginsFailedLoginsAndLockoutsAreAudited() async throws {
        try await TestApp.with { test in
            try await name(test)
            let page = try await test.app.sendRequest(.GET, "/login")
            let cookie = try XCTUnwrap(page.headers.setCookie?[SessionAuthenticator.cookieName]?.string)
            let anonymous = TestApp.Session(cookie: cookie, csrf: try XCTUnwrap(TestApp.csrf(in: page.body.string)))
            let unknown = try await test.post("/login", form: ["username": "khongco", "password": "sai"], session: anonymous)
            var pages = [unknown]
            for _ in 0 ..< AccountStore.maxFailures {
                let wrong = try await test.post("/login", form: ["username": "office", "password": "sai"], session: anonymous)
                XCTAssertEqual(wrong.status, .unauthorized)
                pages.append(wrong)
            }
            for response in pages {
                // The page does not say whether the username exists.
                XCTAssertEqual(response.status, .unauthorized)
                XCTAssertTrue(response.body.string.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
                XCTAssertFalse(response.body.string.contains("không có tài khoản"))
                XCTAssertFalse(response.body.string.contains("sai mật khẩu"))
            }
            let throttled = try await test.post("/login", form: ["username": "office", "password": TestApp.password], session: anonymous)
            XCTAssertEqual(throttled.status, .tooManyRequests, "the lockout still holds")

            let admin = try await test.session("admin")
            let logins = try await test.app.sendRequest(.GET, "/audit?kind=accounts", headers: admin.headers)
            let html = Self.text(logins.body.string)
            XCTAssertTrue(html.contains("Có người đăng nhập không thành công với tên đăng nhập “khongco”: không có tài khoản này"), html)
            XCTAssertEqual(html.components(separatedBy: "Trần Thị B (Đảng bộ Khối) đăng nhập không thành công: sai mật khẩu").count - 1,
                           AccountStore.maxFailures, "one entry per failure; the refused attempt while locked out is not one")
            XCTAssertEqual(html.components(separatedBy: "Tài khoản office bị tạm khóa đăng nhập 15 phút sau 5 lần nhập sai mật khẩu").count - 1, 1)
            XCTAssertTrue(html.contains("Admin (Đảng bộ Khối) đăng nhập|"), html)
            let failures = try await test.app.sendRequest(.GET, "/audit?action=loginFailed", headers: admin.headers)
            XCTAssertTrue(failures.body.string.contains(#"<strong id="audit-count">6</strong>"#), failures.body.string)
            _ = try await test.token("admin")
            let api = try await test.app.sendRequest(.GET, "/audit?kind=accounts&actor=admin", headers: admin.headers)
            XCTAssertTrue(Self.text(api.body.string).contains("Admin (Đảng bộ Khối) đăng nhập qua API"), api.body.string)
            XCTAssertFalse(api.body.string.contains("Trần Thị B"), "only the person asked for")

            // An administrator of committee C sees neither the unknown username (no organization) nor the bloc office's account.
            let scoped = try await test.session("admin-c")
            let theirs = try await test.app.sendRequest(.GET, "/audit?kind=accounts", headers: scoped.headers)
            XCTAssertFalse(theirs.body.string.contains("khongco"))
            XCTAssertFalse(theirs.body.string.contains("Tài khoản office"))
            XCTAssertTrue(Self.text(theirs.body.string).contains("Admin-c (Đảng bộ Công ty Xăng dầu B12) đăng nhập"), theirs.body.string)
        }
    }

    /// The page's text: links dissolved into their sentence, every other tag a "|".
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: #"</?a\b[^>]*>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"<[^>]+>"#, with: "|", options: .regularExpression)
    }

    func testThePersonOpensTheirOtherEntries() async throws {
        try await TestApp.with { test in
            try await name(test)
            try await submitAndReturn(test)
            let admin = try await test.session("admin")
            let html = try await test.app.sendRequest(.GET, "/audit?kind=reports", headers: admin.headers).body.string
            XCTAssertTrue(html.contains(#"<a href="/audit?actor=coso-a" title="Các việc khác của người này">Nguyễn Văn A (Đảng bộ Sở Y tế)</a> gửi báo cáo"#), html)
        }
    }
}
