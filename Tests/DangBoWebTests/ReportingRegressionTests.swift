import DangBoCore
import DangBoDocuments
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// One test per reporting bug found in review; each failed before its fix. Cell A1 of committee A reports KT1
/// (count cells); committees and cell B report KT2 (money and decimal cells), cell A1 does not.
final class ReportingRegressionTests: XCTestCase {
    var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    func path(_ test: TestApp, _ what: String = "entry", form: String = "KT1", org: Organization? = nil, period: Period? = nil) -> String {
        "/reports/\(form)/\(what)?org=\((org ?? test.fixture.cellA1).id.uuidString)&period=\((period ?? self.period).code)"
    }

    func stored(_ test: TestApp, form: String = "KT1", org: Organization? = nil) async throws -> ReportEntry? {
        try await ReportStore(database: test.app.db, forms: test.app.forms).entry(form: form, organization: (org ?? test.fixture.cellA1).id, period: period.code)
    }

    /// Entries, their history and comments, tables and rates are for the roles that enter or review reports.
    func testMembersAndInspectorsDoNotReadReportEntries() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let saved = try await test.post(path(test), form: ["version": "0", "action": "save", "v:total:n": "5",
                                                               "comment": "ghi chú riêng của chi bộ"], session: clerk)
            XCTAssertEqual(saved.status, .seeOther)
            let root = test.fixture.root.id.uuidString
            let pages = [path(test), path(test, "template.xlsx"), "/reports/KT1/table?org=\(test.fixture.cellA1.id.uuidString)&span=\(period.code)",
                         "/reports/KT1/table.csv?org=\(root)&span=\(period.code)", "/reports/KT1/table.xlsx?org=\(root)&span=\(period.code)",
                         "/reports/KT1/rate?period=\(period.code)", "/reports"]
            let apis = ["/api/v1" + path(test), "/api/v1/reports/KT1/rollup?org=\(root)&span=\(period.code)",
                        "/api/v1/reports/KT1/rate?period=\(period.code)", "/api/v1/reports/forms"]
            for username in ["member", "inspector"] {
                let session = try await test.session(username)
                for page in pages {
                    let response = try await test.app.sendRequest(.GET, page, headers: session.headers)
                    XCTAssertEqual(response.status, .forbidden, "\(username) \(page)")
                    XCTAssertFalse(response.body.string.contains("ghi chú riêng"), "\(username) \(page)")
                }
                let token = try await test.token(username)
                for api in apis {
                    let response = try await test.api(.GET, api, headers: token)
                    XCTAssertEqual(response.status, .forbidden, "\(username) \(api): \(response.body.string.prefix(200))")
                }
                let home = try await test.app.sendRequest(.GET, "/", headers: session.headers)
                XCTAssertFalse(home.body.string.contains(#"href="/reports""#), "\(username) sees the reports menu")
            }
            let office = try await test.session("office")
            let officePage = try await test.app.sendRequest(.GET, path(test), headers: office.headers)
            XCTAssertEqual(officePage.status, .ok)
            XCTAssertTrue(officePage.body.string.contains("ghi chú riêng"), "the reviewing level reads the history")
        }
    }

    /// JSON numbers are numbers: 0.125 is a decimal (refused in a count cell), 1.257 tỉ đồng stays 1.257.
    func testJSONNumbersWithThreeDecimalsAreNotReadAsThousands() async throws {
        try await TestApp.with { test in
            let auth = try await test.token("coso-a")
            let count = try await test.api(.PUT, "/api/v1" + path(test), json: #"{"version":0,"cells":{"total:n":0.125}}"#, headers: auth)
            XCTAssertEqual(count.status, .unprocessableEntity, count.body.string)
            XCTAssertTrue(count.body.string.contains("số nguyên"), count.body.string)
            let nothing = try await stored(test)
            XCTAssertNil(nothing)

            let office = try await test.token("office")
            let money = try await test.api(.PUT, "/api/v1" + path(test, form: "KT2", org: test.fixture.cellB),
                                           json: #"{"version":0,"cells":{"spent:n":1.257,"spent:ratio":0.125}}"#, headers: office)
            XCTAssertEqual(money.status, .created, money.body.string)
            let entry = try await stored(test, form: "KT2", org: test.fixture.cellB)
            XCTAssertEqual(entry?.cells.first { $0.column == "n" }?.number, 1.257)
            XCTAssertEqual(entry?.cells.first { $0.column == "ratio" }?.number, 0.125)
            // Whole numbers stay whole: 1257 is 1257.
            let whole = try await test.api(.PUT, "/api/v1" + path(test), json: #"{"version":0,"cells":{"total:n":1257}}"#, headers: auth)
            XCTAssertEqual(whole.status, .created, whole.body.string)
            let total = try await stored(test)
            XCTAssertEqual(total?.cells.first { $0.row == "total" }?.number, 1257)
        }
    }

    /// The template carries the version it was made from; an upload after a later save is a conflict.
    func testOfflineUploadOfAnOlderTemplateIsAConflict() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let template = try await test.app.sendRequest(.GET, path(test, "template.xlsx"), headers: clerk.headers)
            var rows = try XLSXReader.readRows(from: Data(buffer: template.body))
            XCTAssertTrue(rows[1][0].hasSuffix("|v0"), rows[1][0])
            let saved = try await test.post(path(test), form: ["version": "0", "action": "save", "v:total:n": "9"], session: clerk)
            XCTAssertEqual(saved.status, .seeOther)
            let totalRow = try XCTUnwrap(rows.firstIndex { $0.first == "total" })
            while rows[totalRow].count <= 3 { rows[totalRow].append("") }
            rows[totalRow][3] = "4"
            var sheet = XLSXSheet(name: "KT1")
            for row in rows { sheet.appendRow(row.map { XLSXCell.text($0) }) }
            let file = try XLSXWriter.make(sheets: [sheet])
            let upload = try await test.multipart(path(test, "upload"), fields: [:], file: file, fileName: "kt1.xlsx", session: clerk)
            XCTAssertEqual(upload.status, .conflict, upload.body.string.prefix(300).description)
            XCTAssertTrue(upload.body.string.contains("tải lại mẫu Excel mới nhất"))
            let entry = try await stored(test)
            XCTAssertEqual(entry?.cells.first { $0.row == "total" }?.number, 9, "the later save is kept")
            XCTAssertEqual(entry?.version, 1)
            // A fresh template (v1) uploads.
            let fresh = try await test.app.sendRequest(.GET, path(test, "template.xlsx"), headers: clerk.headers)
            var freshRows = try XLSXReader.readRows(from: Data(buffer: fresh.body))
            XCTAssertTrue(freshRows[1][0].hasSuffix("|v1"))
            while freshRows[totalRow].count <= 3 { freshRows[totalRow].append("") }
            freshRows[totalRow][3] = "4"
            var freshSheet = XLSXSheet(name: "KT1")
            for row in freshRows { freshSheet.appendRow(row.map { XLSXCell.text($0) }) }
            let ok = try await test.multipart(path(test, "upload"), fields: [:], file: try XLSXWriter.make(sheets: [freshSheet]),
                                              fileName: "kt1.xlsx", session: clerk)
            XCTAssertEqual(ok.status, .seeOther, ok.body.string.prefix(300).description)
            let after = try await stored(test)
            XCTAssertEqual(after?.cells.first { $0.row == "total" }?.number, 4)
        }
    }

    /// Only expected reporters of a form enter it (KT2 is for grassroots organizations, not subordinate cells).
    func testAnOrganizationThatIsNotAReporterCannotSave() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let page = try await test.app.sendRequest(.GET, path(test, form: "KT2"), headers: clerk.headers)
            XCTAssertEqual(page.status, .unprocessableEntity)
            XCTAssertTrue(page.body.string.contains("không thuộc diện báo cáo biểu KT2"), page.body.string.prefix(500).description)
            let save = try await test.post(path(test, form: "KT2"), form: ["version": "0", "action": "submit", "v:spent:n": "3"], session: clerk)
            XCTAssertEqual(save.status, .unprocessableEntity)
            let auth = try await test.token("coso-a")
            let api = try await test.api(.PUT, "/api/v1" + path(test, form: "KT2"), json: #"{"version":0,"cells":{"spent:n":3}}"#, headers: auth)
            XCTAssertEqual(api.status, .unprocessableEntity)
            let entry = try await stored(test, form: "KT2")
            XCTAssertNil(entry)
            // The committee itself reports KT2.
            let own = try await test.post(path(test, form: "KT2", org: test.fixture.committeeA), form: ["version": "0", "action": "save", "v:spent:n": "3"], session: clerk)
            XCTAssertEqual(own.status, .seeOther)
        }
    }

    /// Heading and computed cells take no value; comments longer than the page allows are refused; an API save
    /// without `warningComment` keeps the stored explanation.
    func testHeadingComputedCellsLongCommentsAndKeptExplanations() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            for (cell, reason) in [("v:h:n", "dòng tiêu đề"), ("v:sum:n", "dòng tính tự động")] {
                let response = try await test.post(path(test), form: ["version": "0", "action": "save", "v:total:n": "5", cell: "4"], session: clerk)
                XCTAssertEqual(response.status, .unprocessableEntity, cell)
                XCTAssertTrue(response.body.string.contains(reason), "\(cell): \(response.body.string.prefix(300))")
                XCTAssertTrue(response.body.string.contains(#"value="5""#), "the typed values come back")
            }
            let long = try await test.post(path(test), form: ["version": "0", "action": "save", "v:total:n": "5",
                                                              "warningComment": String(repeating: "x", count: 1001)], session: clerk)
            XCTAssertEqual(long.status, .unprocessableEntity)
            XCTAssertTrue(long.body.string.contains("tối đa 1.000 ký tự"))
            let longNote = try await test.post(path(test), form: ["version": "0", "action": "save", "v:total:n": "5",
                                                                  "comment": String(repeating: "y", count: 301)], session: clerk)
            XCTAssertEqual(longNote.status, .unprocessableEntity)
            var entry = try await stored(test)
            XCTAssertNil(entry, "nothing was written")

            let explained = try await test.post(path(test), form: ["version": "0", "action": "save", "v:total:n": "5", "v:violations:n": "1",
                                                                   "v:disciplined:n": "2", "warningComment": "Kỷ luật theo kết luận kỳ trước"], session: clerk)
            XCTAssertEqual(explained.status, .seeOther)
            let auth = try await test.token("coso-a")
            let api = try await test.api(.PUT, "/api/v1" + path(test), json: #"{"version":1,"cells":{"total:n":6},"submit":true}"#, headers: auth)
            XCTAssertEqual(api.status, .ok, api.body.string)
            entry = try await stored(test)
            XCTAssertEqual(entry?.warningComment, "Kỷ luật theo kết luận kỳ trước")
            XCTAssertEqual(entry?.status, .submitted, "the kept explanation answers the warning")
            XCTAssertEqual(entry?.cells.first { $0.row == "violations" }?.number, 1, "cells not sent keep their values")
        }
    }

    /// An extension must end after the due date and not in the past; the API grants them too.
    func testDeadlineExceptionsInThePastOrBeforeTheDueDateAreRefused() async throws {
        try await TestApp.with { test in
            let past = Period.quarter(1, of: 2021)!
            let office = try await test.session("office")
            let yesterday = Day(Date()).adding(days: -1)
            let refused = try await test.post(path(test, "exception", period: past), form: ["until": yesterday.vietnamese, "reason": "Lý do"], session: office)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("đã qua"), refused.body.string.prefix(400).description)
            let current = period
            let early = try await test.post(path(test, "exception", period: current),
                                            form: ["until": current.end.vietnamese, "reason": "Lý do"], session: office)
            XCTAssertEqual(early.status, .unprocessableEntity)
            XCTAssertTrue(early.body.string.contains("phải sau hạn nộp"))
            let auth = try await test.token("office")
            let api = try await test.api(.POST, "/api/v1" + path(test, "exception", period: past),
                                         json: #"{"until":"2099-12-31","reason":"Đơn vị mới chuyển về"}"#, headers: auth)
            XCTAssertEqual(api.status, .ok, api.body.string)
            XCTAssertTrue(api.body.string.contains("2099-12-31"))
            let apiPast = try await test.api(.POST, "/api/v1" + path(test, "exception", period: past),
                                             json: #"{"until":"2021-01-01","reason":"x"}"#, headers: auth)
            XCTAssertEqual(apiPast.status, .unprocessableEntity)
            let clerk = try await test.token("coso-a")
            let selfGrant = try await test.api(.POST, "/api/v1" + path(test, "exception", period: past),
                                               json: #"{"until":"2099-12-31","reason":"x"}"#, headers: clerk)
            XCTAssertEqual(selfGrant.status, .forbidden)
        }
    }

    /// A review decision is "approve" or "return"; anything else is refused, never read as a return.
    func testAnUnknownReviewDecisionIsRefused() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let submitted = try await test.post(path(test), form: ["version": "0", "action": "submit", "v:total:n": "5"], session: clerk)
            XCTAssertEqual(submitted.status, .seeOther)
            let office = try await test.session("office")
            let typo = try await test.post(path(test, "review"), form: ["version": "1", "decision": "aprove", "comment": "ok"], session: office)
            XCTAssertEqual(typo.status, .unprocessableEntity, typo.body.string.prefix(300).description)
            XCTAssertTrue(typo.body.string.contains("decision") || typo.body.string.contains("Quyết định"))
            var entry = try await stored(test)
            XCTAssertEqual(entry?.status, .submitted)
            let auth = try await test.token("office")
            let api = try await test.api(.POST, "/api/v1" + path(test, "review"), json: #"{"version":1,"decision":"yes"}"#, headers: auth)
            XCTAssertEqual(api.status, .unprocessableEntity, api.body.string)
            let approve = try await test.api(.POST, "/api/v1" + path(test, "review"), json: #"{"version":1,"decision":"approve"}"#, headers: auth)
            XCTAssertEqual(approve.status, .ok, approve.body.string)
            entry = try await stored(test)
            XCTAssertEqual(entry?.status, .approved)
        }
    }

    /// A cell problem names the row's section, so "a Tổng số ..." under two headings cannot be confused.
    func testCellMessagesNameTheSection() async throws {
        try await TestApp.with { test in
            let clerk = try await test.session("coso-a")
            let bad = try await test.post(path(test), form: ["version": "0", "action": "save", "v:violations:n": "-1"], session: clerk)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("Dòng I › 1 Tổng số đảng viên được kiểm tra › 2 Có vi phạm, cột Số lượng"),
                          bad.body.string.prefix(2000).description)
        }
    }
}
