import DangBoCore
import DangBoStorage
@testable import DangBoWeb
import XCTest
import XCTVapor

/// /outbox lists the reminders about the viewer's subtree, newest first, 100 a page by keyset with a bounded count;
/// an edited cursor is a 422.
final class OutboxPageTests: XCTestCase {
    func testTheOutboxPagesTheViewersSubtreeByKeyset() async throws {
        try await TestApp.with { test in
            let outbox = OutboxStore(database: test.app.db)
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            for index in 0 ..< 120 {
                try await outbox.enqueue(recipient: "a\(index)@example.vn", subject: "Nhắc nộp A số \(index)", body: "Thư",
                                         organizationID: test.fixture.cellA1.id, at: start.addingTimeInterval(Double(index)))
            }
            for index in 0 ..< 3 {
                try await outbox.enqueue(recipient: "c\(index)@example.vn", subject: "Nhắc nộp C số \(index)", body: "Thư",
                                         organizationID: test.fixture.cellC1.id, at: start.addingTimeInterval(Double(index)))
            }
            try await outbox.enqueue(recipient: "khong@example.vn", subject: "Không thuộc tổ chức nào", body: "Thư",
                                     organizationID: nil, at: start)

            let admin = try await test.session("admin-a")
            let first = try await test.app.sendRequest(.GET, "/outbox", headers: admin.headers)
            XCTAssertEqual(first.status, .ok)
            let html = first.body.string
            XCTAssertTrue(html.contains(#"<strong id="outbox-count">120 thư</strong>"#), html)
            XCTAssertTrue(html.contains("Nhắc nộp A số 119"), "newest first")
            XCTAssertFalse(html.contains("Nhắc nộp A số 19<"), "the oldest twenty are on the next page")
            XCTAssertFalse(html.contains("Nhắc nộp C số"), "committee C is outside committee A")
            XCTAssertFalse(html.contains(#"rel="prev""#))
            let next = try XCTUnwrap(Self.href(in: html, rel: "next"))
            XCTAssertTrue(next.hasPrefix("/outbox?after="), next)
            let second = try await test.app.sendRequest(.GET, next, headers: admin.headers)
            XCTAssertEqual(second.status, .ok)
            XCTAssertEqual(second.body.string.components(separatedBy: "<details>").count - 1, 20)
            XCTAssertTrue(second.body.string.contains("Nhắc nộp A số 0<"))
            XCTAssertNil(Self.href(in: second.body.string, rel: "next"))
            XCTAssertNotNil(Self.href(in: second.body.string, rel: "prev"))

            let office = try await test.session("office")
            let whole = try await test.app.sendRequest(.GET, "/outbox?pageSize=5", headers: office.headers)
            XCTAssertTrue(whole.body.string.contains(#"<strong id="outbox-count">123 thư</strong>"#), whole.body.string)
            XCTAssertEqual(whole.body.string.components(separatedBy: "<details>").count - 1, 5)
            XCTAssertTrue(Self.href(in: whole.body.string, rel: "next")?.contains("pageSize=5") ?? false)

            let edited = try await test.app.sendRequest(.GET, "/outbox?after=abc", headers: admin.headers)
            XCTAssertEqual(edited.status, .unprocessableEntity)
            let secretary = try await test.session("coso-a")
            let refused = try await test.app.sendRequest(.GET, "/outbox", headers: secretary.headers)
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    func testTheRemindersAreLinkedFromTheReportsPageForTheBlocOfficeOnly() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            let reports = try await test.app.sendRequest(.GET, "/reports", headers: office.headers)
            XCTAssertTrue(reports.body.string.contains(#"<a class="button" href="/outbox" id="outbox-link">Thư nhắc hạn báo cáo</a>"#),
                          reports.body.string)
            let outbox = try await test.app.sendRequest(.GET, "/outbox", headers: office.headers)
            XCTAssertTrue(outbox.body.string.contains(#"<a href="/reports" aria-current="page">Báo cáo</a>"#),
                          "the reminders sit in the reports section")
            let secretary = try await test.session("coso-a")
            let theirs = try await test.app.sendRequest(.GET, "/reports", headers: secretary.headers)
            XCTAssertEqual(theirs.status, .ok)
            XCTAssertFalse(theirs.body.string.contains("/outbox"), "a grassroots secretary has no reminders page")
        }
    }

    func testMailSettingsAreExplainedToAnAdministratorNotToTheBlocOffice() async throws {
        try await TestApp.with { test in
            test.app.mailSettings = nil
            let office = try await test.session("office")
            let plain = try await test.app.sendRequest(.GET, "/outbox", headers: office.headers)
            XCTAssertEqual(plain.status, .ok)
            XCTAssertTrue(plain.body.string.contains("Chưa cấu hình gửi thư; hãy báo quản trị hệ thống."))
            XCTAssertFalse(plain.body.string.contains("DANGBO_SMTP"), "no environment variables for the bloc office")
            XCTAssertFalse(plain.body.string.contains("dangbo remind"), "no commands for the bloc office")
            XCTAssertFalse(plain.body.string.contains(#"id="mail-settings""#))
            let admin = try await test.session("admin")
            let unset = try await test.app.sendRequest(.GET, "/outbox", headers: admin.headers)
            XCTAssertTrue(unset.body.string.contains(#"id="mail-settings""#))
            XCTAssertTrue(unset.body.string.contains("<code>DANGBO_SMTP_HOST</code>"))
            XCTAssertTrue(unset.body.string.contains("Chưa đặt máy chủ thư"))
            XCTAssertFalse(unset.body.string.contains("hãy báo quản trị hệ thống"), "the administrator is the one to set it")

            test.app.mailSettings = SMTPConfiguration(host: "mail.tinh.gov.vn", port: 587, from: "duk@tinh.gov.vn")
            let configured = try await test.app.sendRequest(.GET, "/outbox", headers: admin.headers)
            XCTAssertTrue(configured.body.string.contains("<code>mail.tinh.gov.vn</code>, cổng <code>587</code>"), configured.body.string)
            let officeConfigured = try await test.app.sendRequest(.GET, "/outbox", headers: office.headers)
            XCTAssertFalse(officeConfigured.body.string.contains("mail.tinh.gov.vn"))
            XCTAssertFalse(officeConfigured.body.string.contains("Chưa cấu hình gửi thư"))
        }
    }

    func testEachReminderSaysWhatBecameOfIt() async throws {
        try await TestApp.with { test in
            let outbox = OutboxStore(database: test.app.db)
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            let sent = try await outbox.enqueue(recipient: "a@example.vn", subject: "Đã gửi", body: "Thư", organizationID: test.fixture.cellA1.id, at: start)
            try await outbox.markSent(sent, at: start.addingTimeInterval(60))
            let failed = try await outbox.enqueue(recipient: "b@example.vn", subject: "Lỗi", body: "Thư", organizationID: test.fixture.cellA1.id, at: start)
            try await outbox.markSent(failed, error: "Máy chủ thư trả lời: 550")
            try await outbox.enqueue(recipient: "c@example.vn", subject: "Chờ", body: "Thư", organizationID: test.fixture.cellA1.id, at: start)
            try await outbox.enqueue(recipient: "Bí thư Lê Văn C (Chi bộ A1)", subject: "Gọi", body: "Thư", organizationID: test.fixture.cellA1.id, at: start)
            let office = try await test.session("office")
            let html = try await test.app.sendRequest(.GET, "/outbox", headers: office.headers).body.string
            XCTAssertTrue(html.contains("Đã gửi lúc \(AuditQuery.format(start.addingTimeInterval(60)))"), html)
            XCTAssertTrue(html.contains("Không gửi được: Máy chủ thư trả lời: 550"))
            XCTAssertTrue(html.contains(#"<tr data-state="waiting">"#))
            XCTAssertTrue(html.contains("Chưa có địa chỉ e-mail: văn phòng gọi điện hoặc gửi trực tiếp"))
        }
    }

    static func href(in html: String, rel: String) -> String? {
        guard let end = html.range(of: #"" rel="\#(rel)""#) else { return nil }
        let before = html[..<end.lowerBound]
        guard let start = before.range(of: #"href=""#, options: .backwards) else { return nil }
        return String(before[start.upperBound...]).replacingOccurrences(of: "&amp;", with: "&")
    }
}
