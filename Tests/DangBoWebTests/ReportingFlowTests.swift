import DangBoCore
import DangBoDocuments
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// The reporting workflow over HTTP with the test form KT1 (Fixtures/Forms): cell A1 of committee A reports; the
/// committee's clerk enters, the bloc office reviews.
final class ReportingFlowTests: XCTestCase {
    var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    func entryPath(_ test: TestApp, _ what: String = "entry", period: Period? = nil) -> String {
        "/reports/KT1/\(what)?org=\(test.fixture.cellA1.id.uuidString)&period=\((period ?? self.period).code)"
    }

    func stored(_ test: TestApp, period: Period? = nil) async throws -> ReportEntry? {
        try await ReportStore(database: test.app.db, forms: test.app.forms).entry(form: "KT1", organization: test.fixture.cellA1.id, period: (period ?? self.period).code)
    }

    func testEnterValidateSubmitReturnResubmitApproveAndRollUp() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let page = try await test.app.sendRequest(.GET, entryPath(test), headers: clerk.headers)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Tổng số đảng viên được kiểm tra"))
            XCTAssertTrue(page.body.string.contains(#"name="v:total:n""#))

            // An error rule blocks submission; nothing is written and the typed values come back.
            var bad = try await test.post(entryPath(test), form: ["version": "0", "action": "submit", "v:total:n": "5", "v:violations:n": "7"], session: clerk)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("không vượt quá số được kiểm tra"))
            XCTAssertTrue(bad.body.string.contains(#"value="7""#))
            var entry = try await stored(test)
            XCTAssertNil(entry)
            // A value of the wrong type names its cell.
            bad = try await test.post(entryPath(test), form: ["version": "0", "action": "save", "v:total:n": "-3"], session: clerk)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("số nguyên không âm"))

            // A draft saves with a failing warning; submitting needs an explanation of the warning.
            var ok = try await test.post(entryPath(test), form: ["version": "0", "action": "save", "v:total:n": "5", "v:violations:n": "1", "v:disciplined:n": "2"], session: clerk)
            XCTAssertEqual(ok.status, .seeOther)
            entry = try await stored(test)
            XCTAssertEqual(entry?.status, .draft)
            XCTAssertEqual(entry?.version, 1)
            bad = try await test.post(entryPath(test), form: ["version": "1", "action": "submit", "v:total:n": "5", "v:violations:n": "1", "v:disciplined:n": "2"], session: clerk)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("giải trình"))
            ok = try await test.post(entryPath(test), form: ["version": "1", "action": "submit", "v:total:n": "5", "v:violations:n": "1",
                                                             "v:disciplined:n": "2", "warningComment": "Một đồng chí bị kỷ luật theo kết luận kỳ trước"], session: clerk)
            XCTAssertEqual(ok.status, .seeOther)
            entry = try await stored(test)
            XCTAssertEqual(entry?.status, .submitted)
            // Submitted entries are locked for the reporter.
            let locked = try await test.post(entryPath(test), form: ["version": "2", "action": "save", "v:total:n": "6"], session: clerk)
            XCTAssertEqual(locked.status, .conflict)

            // The bloc office returns it, with a reason; the reporter sees the reason, fixes and resubmits.
            let office = try await test.session("office")
            bad = try await test.post(entryPath(test, "review"), form: ["version": "2", "decision": "return", "comment": ""], session: office)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            ok = try await test.post(entryPath(test, "review"), form: ["version": "2", "decision": "return", "comment": "Kiểm tra lại số kỷ luật"], session: office)
            XCTAssertEqual(ok.status, .seeOther)
            let returned = try await test.app.sendRequest(.GET, entryPath(test), headers: clerk.headers)
            XCTAssertTrue(returned.body.string.contains("Kiểm tra lại số kỷ luật"))
            ok = try await test.post(entryPath(test), form: ["version": "3", "action": "submit", "v:total:n": "5", "v:violations:n": "2", "v:disciplined:n": "1"], session: clerk)
            XCTAssertEqual(ok.status, .seeOther)
            ok = try await test.post(entryPath(test, "review"), form: ["version": "4", "decision": "approve"], session: office)
            XCTAssertEqual(ok.status, .seeOther)
            entry = try await stored(test)
            XCTAssertEqual(entry?.status, .approved)
            let afterApproval = try await test.post(entryPath(test), form: ["version": "5", "action": "save", "v:total:n": "9"], session: clerk)
            XCTAssertEqual(afterApproval.status, .conflict)

            // Every cell change has its history; the roll-up at the bloc shows the approved numbers.
            let history = try await ReportStore(database: test.app.db, forms: test.app.forms).history(entryID: try XCTUnwrap(entry?.id))
            XCTAssertTrue(history.contains { $0.row == "violations" && $0.oldValue == "1" && $0.newValue == "2" })
            let auth = try await test.token("office")
            let rollUp = try await test.api(.GET, "/api/v1/reports/KT1/rollup?org=\(test.fixture.root.id.uuidString)&span=\(period.code)", headers: auth)
            XCTAssertEqual(rollUp.status, .ok, rollUp.body.string)
            let table = try rollUp.content.decode(RenderedTable.self)
            XCTAssertEqual(table.cell(row: "total", column: "c2")?.value, 5)
            XCTAssertEqual(table.cell(row: "sum", column: "c2")?.value, 3, "computed row: violations + disciplined")
            XCTAssertEqual(table.cell(row: "total", column: "c3")?.text, "100,0")
            let xlsx = try await test.app.sendRequest(.GET, "/reports/KT1/table.xlsx?org=\(test.fixture.root.id.uuidString)&span=\(period.code)", headers: office.headers)
            XCTAssertEqual(xlsx.status, .ok)
            let rows = try XLSXReader.readRows(from: Data(buffer: xlsx.body))
            XCTAssertTrue(rows.contains { $0.contains("Tổng số đảng viên được kiểm tra") && $0.contains("5") }, "\(rows)")
            XCTAssertTrue(rows.contains { $0.contains("3=2/1*100") })
        }
    }

    func testConcurrentSavesConflictInsteadOfOverwriting() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let admin = try await test.session("admin-a")
            let first = try await test.post(entryPath(test), form: ["version": "0", "action": "save", "v:total:n": "5"], session: clerk)
            XCTAssertEqual(first.status, .seeOther)
            let second = try await test.post(entryPath(test), form: ["version": "0", "action": "save", "v:total:n": "8"], session: admin)
            XCTAssertEqual(second.status, .conflict)
            XCTAssertTrue(second.body.string.contains("người khác lưu"))
            let entry = try await stored(test)
            XCTAssertEqual(entry?.cells.first { $0.row == "total" }?.number, 5)
        }
    }

    func testAfterTheDeadlineEntryLocksUntilTheBlocGrantsAnException() async throws {
        try await TestApp.with { test in
            let past = Period.quarter(1, of: 2021)!
            let clerk = try await test.session("coso-a")
            let late = try await test.post(entryPath(test, period: past), form: ["version": "0", "action": "save", "v:total:n": "5"], session: clerk)
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.body.string.contains("quá hạn"))
            // The reporter cannot grant itself an exception.
            let selfGrant = try await test.post(entryPath(test, "exception", period: past), form: ["until": "31/12/2099", "reason": "x"], session: clerk)
            XCTAssertEqual(selfGrant.status, .forbidden)
            let office = try await test.session("office")
            let granted = try await test.post(entryPath(test, "exception", period: past), form: ["until": "31/12/2099", "reason": "Đơn vị mới chuyển về"], session: office)
            XCTAssertEqual(granted.status, .seeOther)
            let saved = try await test.post(entryPath(test, period: past), form: ["version": "0", "action": "save", "v:total:n": "5"], session: clerk)
            XCTAssertEqual(saved.status, .seeOther)
            let auth = try await test.token("admin")
            let audit = try await test.api(.GET, "/api/v1/audit?action=grant", headers: auth)
            XCTAssertTrue(audit.body.string.contains("Đơn vị mới chuyển về"))
        }
    }

    func testOfflineTemplateRoundTripAndErrorsNamedLikeExcel() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let template = try await test.app.sendRequest(.GET, entryPath(test, "template.xlsx"), headers: clerk.headers)
            XCTAssertEqual(template.status, .ok)
            var rows = try XLSXReader.readRows(from: Data(buffer: template.body))
            XCTAssertEqual(rows[3].prefix(3), ["Mã dòng", "TT", "Nội dung"])
            let totalRow = try XCTUnwrap(rows.firstIndex { $0.first == "total" })
            func upload(_ rows: [[String]]) async throws -> XCTHTTPResponse {
                var sheet = XLSXSheet(name: "KT1")
                for row in rows { sheet.appendRow(row.map { XLSXCell.text($0) }) }
                let file = try XLSXWriter.make(sheets: [sheet])
                return try await test.multipart(entryPath(test, "upload"), fields: ["version": "0"], file: file, fileName: "kt1.xlsx", session: clerk)
            }
            func set(_ value: String, row: Int, column: Int) {
                while rows[row].count <= column { rows[row].append("") }
                rows[row][column] = value
            }
            set("abc", row: totalRow, column: 3)
            let bad = try await upload(rows)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("Ô D\(totalRow + 1)"), bad.body.string)
            var entry = try await stored(test)
            XCTAssertNil(entry)
            set("12", row: totalRow, column: 3)
            let good = try await upload(rows)
            XCTAssertEqual(good.status, .seeOther, good.body.string)
            entry = try await stored(test)
            XCTAssertEqual(entry?.cells.first { $0.row == "total" }?.number, 12)
            XCTAssertEqual(entry?.status, .draft)
            // A template of another period is refused, naming cell A2.
            rows[1][0] = rows[1][0].replacingOccurrences(of: period.code, with: "2020-Q1")
            let wrong = try await upload(rows)
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            XCTAssertTrue(wrong.body.string.contains("Ô A2"))
        }
    }

    func testBrokenFormDefinitionsStopStartUpNamingTheFileAndPlace() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("forms-\(UUID().uuidString)/Forms")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let good = try Data(contentsOf: TestApp.formsDirectory.appendingPathComponent("test-quarterly.json"))
        let broken = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "violations+disciplined", with: "violations+khongco")
        try Data(broken.utf8).write(to: directory.appendingPathComponent("kt-hong.json"))
        let app = try await Application.make(.testing)
        do {
            try configure(app, database: .sqliteMemory, formsDirectory: directory)
            XCTFail("a broken form was accepted")
        } catch {
            let text = String(describing: error)
            XCTAssertTrue(text.contains("kt-hong.json"), text)
            XCTAssertTrue(text.contains("khongco"), text)
            XCTAssertTrue(text.contains("rows"), text)
        }
        try await app.asyncShutdown()
    }

    func testRemindQueuesMessagesForOverdueReporters() async throws {
        try await TestApp.with { test in
            let past = Period.quarter(1, of: 2021)!
            let lines = try await Reminder.run(app: test.app, formCode: "KT1", periodText: past.code, rootCode: nil, today: Day(Date()))
            XCTAssertTrue(lines[0].contains("chưa nộp"), lines.joined(separator: "\n"))
            XCTAssertTrue(lines.contains { $0.contains(test.fixture.cellA1.name) })
            let messages = try await OutboxStore(database: test.app.db).list()
            XCTAssertFalse(messages.isEmpty)
            XCTAssertTrue(messages.allSatisfy { $0.subject.contains("BIỂU KT1") })
            let session = try await test.session("office")
            let outbox = try await test.app.sendRequest(.GET, "/outbox", headers: session.headers)
            XCTAssertTrue(outbox.body.string.contains("Nhắc nộp"))
        }
    }

    func testBenchMeasuresEachQueryAgainstABaselineOfTheSameRun() async throws {
        try await TestApp.with { test in
            let lines = try await Bench.run(app: test.app, runs: 3)
            XCTAssertTrue(lines.contains { $0.hasPrefix("| Cây tổ chức cả Khối | cây một đảng bộ cơ sở |") && $0.hasSuffix("× |") }, lines.joined(separator: "\n"))
            XCTAssertTrue(lines.contains { $0.hasPrefix("| Tìm \"nguyen thi\" cả Khối") }, lines.joined(separator: "\n"))
        }
    }

    func testReportingRateCountsSubmittedEntriesOfExpectedOrganizations() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            _ = try await test.post(entryPath(test), form: ["version": "0", "action": "submit", "v:total:n": "5"], session: clerk)
            let auth = try await test.token("office")
            let response = try await test.api(.GET, "/api/v1/reports/KT1/rate?period=\(period.code)", headers: auth)
            XCTAssertEqual(response.status, .ok, response.body.string)
            let rate = try response.content.decode(RateResponse.self)
            // Reporters of KT1 in the fixture: committees A and C, cell B, and the cells A1, A2, C1.
            XCTAssertEqual(rate.rate.expected, 6)
            XCTAssertEqual(rate.rate.onTime, 1)
            XCTAssertEqual(rate.rate.missing, 5)
            XCTAssertEqual(rate.organizations.first { $0.code == "CB-A1" }?.outcome, .onTime)
        }
    }
}

extension TestApp {
    func multipart(_ path: String, fields: [String: String], file: Data, fileName: String, session: Session) async throws -> XCTHTTPResponse {
        let boundary = "dangbo-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields.merging(["_csrf": session.csrf], uniquingKeysWith: { $1 }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n")
        body.writeString("Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = session.headers
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await app.sendRequest(.POST, path, headers: headers, body: body)
    }
}
