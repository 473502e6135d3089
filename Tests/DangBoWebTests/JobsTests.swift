import DangBoCore
@testable import DangBoStorage
@testable import DangBoWeb
import Fluent
import Vapor
import XCTVapor

/// Imports run as jobs: the upload answers at once with the job's page, the page shows the progress and then the
/// outcome, a second start finds the running job, a reload finds it again, and only its owner sees it.
final class JobsTests: XCTestCase {
    static func csv(_ lines: [String]) -> Data {
        Data((MemberImportColumn.allCases.map(\.header).joined(separator: ",") + "\n" + lines.joined(separator: "\n") + "\n").utf8)
    }

    static let twoMembers = csv([
        "Lê Văn Mới,Nam,1/1/1990,Kinh,Không,Đại học,Sơ cấp,,,555001,,CB-A1,,",
        "Phạm Thị Hai,Nữ,2/2/1991,Kinh,Không,Đại học,Sơ cấp,,,555002,,CB-A1,,",
    ])

    func jobID(_ response: XCTHTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> UUID {
        XCTAssertEqual(response.status, .seeOther, response.body.string.prefix(300).description, file: file, line: line)
        let location = try XCTUnwrap(response.headers.first(name: .location), file: file, line: line)
        let text = try XCTUnwrap(URLComponents(string: location)?.queryItems?.first { $0.name == "job" }?.value, file: file, line: line)
        return try XCTUnwrap(UUID(uuidString: text), file: file, line: line)
    }

    func testAMemberImportIsCheckedThenWrittenAsJobsEndingWithASummary() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            let before = try await test.writeCounts()
            let upload = try await test.multipart("/members/import", fields: ["organizationCode": "CB-A1", "mode": "check"],
                                                  file: Self.twoMembers, fileName: "ds.csv", session: office)
            let check = try jobID(upload)
            let checked = try await test.followingJob(upload, session: office)
            XCTAssertEqual(checked.status, .ok, checked.body.string)
            XCTAssertTrue(checked.body.string.contains("id=\"import-preview\""))
            XCTAssertTrue(checked.body.string.contains("name=\"job\" value=\"\(check.uuidString)\""), "the write step names the checked file's job")
            XCTAssertFalse(checked.body.string.contains("name=\"fileData\""), "the file does not travel back through the page")
            let afterCheck = try await test.writeCounts()
            XCTAssertEqual(before, afterCheck, "checking writes nothing")

            let write = try await test.post("/members/import", form: ["mode": "import", "job": check.uuidString, "organizationCode": "CB-A1"],
                                            session: office)
            let written = try await test.followingJob(write, session: office)
            XCTAssertEqual(written.status, .ok)
            XCTAssertTrue(written.body.string.contains("Đã nhập tệp ds.csv: thêm 2, cập nhật 0, không đổi 0"), written.body.string)
            let credentials = try await AccountStore(database: test.app.db).credentials(username: "office")
            let owner = try XCTUnwrap(credentials?.actor)
            let job = try await JobStore(database: test.app.db).find(try jobID(write), accountID: owner.accountID)
            XCTAssertEqual(job?.status, .succeeded)
            XCTAssertEqual(job?.progress.done, 2)
            XCTAssertEqual(job?.progress.total, 2)
            let count = try await MemberRecord.query(on: test.app.db).filter(\.$cardNumber ~~ ["555001", "555002"]).count()
            XCTAssertEqual(count, 2)
            // Once written, the uploaded file (personal data) is no longer kept; writing it again is refused.
            let kept = try await JobStore(database: test.app.db).input(check, accountID: owner.accountID)
            XCTAssertNil(kept)
            let again = try await test.post("/members/import", form: ["mode": "import", "job": check.uuidString, "organizationCode": "CB-A1"],
                                            session: office)
            XCTAssertEqual(again.status, .unprocessableEntity)
        }
    }

    func testASecondStartFindsTheRunningJobAndAReloadShowsItsProgressToItsOwnerOnly() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            let credentials = try await AccountStore(database: test.app.db).credentials(username: "office")
            let actor = try XCTUnwrap(credentials?.actor)
            let gate = Gate()
            let request = Request(application: test.app, on: test.app.eventLoopGroup.next())
            let running = try await test.app.jobs.start(request, kind: .memberImport, actor: actor, input: nil, inputName: "lon.xlsx") { _, progress in
                await progress.report(JobProgress(done: 2300, total: 5000, phase: MemberImporter.writePhase))
                await gate.wait()
                return JobOutcome(summary: "Đã nhập tệp lon.xlsx: thêm 5.000, cập nhật 0, không đổi 0")
            }
            await gate.reached()

            // A second click (or a second tab) starts nothing: it is sent to the job that runs.
            let again = try await test.multipart("/members/import", fields: ["organizationCode": "CB-A1"], file: Self.twoMembers,
                                                 fileName: "ds.csv", session: office)
            XCTAssertEqual(try jobID(again), running.id)

            // A reload of the import page finds the running job and shows its progress.
            let page = try await test.app.sendRequest(.GET, "/members/import", headers: office.headers)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("data-job-running=\"1\""), page.body.string)
            XCTAssertTrue(page.body.string.contains("Ghi vào sổ đảng viên: 2.300/5.000 dòng (46%)"), page.body.string)
            XCTAssertTrue(page.body.string.contains("value=\"46\""), "the bar stands at 46 %")

            let status = try await test.app.sendRequest(.GET, "/jobs/\(running.id.uuidString)/status", headers: office.headers)
            XCTAssertEqual(status.status, .ok)
            let body = try status.content.decode(JobsController.Status.self)
            XCTAssertEqual(body.status, .running)
            XCTAssertEqual(body.percent, 46)
            XCTAssertEqual(status.headers.first(name: .cacheControl), "no-store")

            // Someone else's job does not exist for another account.
            let other = try await test.session("admin-a")
            let theirs = try await test.app.sendRequest(.GET, "/jobs/\(running.id.uuidString)/status", headers: other.headers)
            XCTAssertEqual(theirs.status, .notFound)
            let theirPage = try await test.app.sendRequest(.GET, "/members/import?job=\(running.id.uuidString)", headers: other.headers)
            XCTAssertEqual(theirPage.status, .notFound)
            XCTAssertFalse(theirPage.body.string.contains("2.300"))

            await gate.open()
            await test.app.jobs.wait(running.id)
            let ended = try await test.app.sendRequest(.GET, "/members/import?job=\(running.id.uuidString)", headers: office.headers)
            XCTAssertTrue(ended.body.string.contains("Đã nhập tệp lon.xlsx: thêm 5.000"), ended.body.string)
            XCTAssertFalse(ended.body.string.contains("data-job-running=\"1\""))
            // Once it has ended, the import page no longer shows it on a plain visit.
            let plain = try await test.app.sendRequest(.GET, "/members/import", headers: office.headers)
            XCTAssertFalse(plain.body.string.contains("id=\"job\""))
        }
    }

    func testAFileThatCannotBeReadEndsOnTheFormWithItsProblem() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            let upload = try await test.multipart("/members/import", fields: ["organizationCode": "CB-A1"],
                                                  file: Data("đây không phải là tệp excel".utf8), fileName: "ds.xlsx", session: office)
            let page = try await test.followingJob(upload, session: office)
            XCTAssertEqual(page.status, .unprocessableEntity)
            XCTAssertTrue(page.body.string.contains("Chưa thực hiện được. Hãy sửa các lỗi sau:"), page.body.string)
            XCTAssertTrue(page.body.string.contains("data-field=\"file\""))
            XCTAssertTrue(page.body.string.contains("id=\"file\""), "the upload form is there to try again")
            // Without a file the form answers at once, on the page.
            let empty = try await test.post("/members/import", form: ["organizationCode": "CB-A1"], session: office)
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(empty.body.string.contains("Chọn tệp .xlsx hoặc .csv để nhập"))
        }
    }

    func testAnImportCannotWriteAFileAnotherAccountChecked() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            let upload = try await test.multipart("/members/import", fields: ["organizationCode": "CB-A1"], file: Self.twoMembers,
                                                  fileName: "ds.csv", session: office)
            let check = try jobID(upload)
            _ = try await test.followingJob(upload, session: office)
            let before = try await test.writeCounts()
            let other = try await test.session("admin-a")
            let write = try await test.post("/members/import", form: ["mode": "import", "job": check.uuidString, "organizationCode": "CB-A1"],
                                            session: other)
            XCTAssertEqual(write.status, .unprocessableEntity)
            XCTAssertTrue(write.body.string.contains("Không còn tệp đã kiểm tra"))
            let after = try await test.writeCounts()
            XCTAssertEqual(before, after)
        }
    }

    func testPastFiguresAreCheckedAndWrittenAsJobs() async throws {
        let test = try await TestApp.make(forms: HistoricalValuesTests.repositoryForms)
        do {
            let office = try await test.session("office")
            let csv = Data("Mã tổ chức,Kỳ,Mã chỉ tiêu,Phân tổ,Giá trị\nDB-A,2015-07-01..2018-03-31,kiemtra.r1a,,1.109\n".utf8)
            let upload = try await test.multipart("/reports/values/import", fields: ["mode": "check"], file: csv, fileName: "cu.csv", session: office)
            let check = try jobID(upload)
            let checked = try await test.followingJob(upload, session: office)
            XCTAssertEqual(checked.status, .ok, checked.body.string)
            XCTAssertTrue(checked.body.string.contains("name=\"job\" value=\"\(check.uuidString)\""))
            let write = try await test.post("/reports/values/import", form: ["mode": "import", "job": check.uuidString], session: office)
            let written = try await test.followingJob(write, session: office)
            XCTAssertTrue(written.body.string.contains("Đã nhập tệp cu.csv: 1 số liệu mới, 0 sửa, 0 không đổi"), written.body.string)
        } catch {
            try await test.app.asyncShutdown()
            throw error
        }
        try await test.app.asyncShutdown()
    }
}

/// Holds a job's work until the test lets it go, and tells the test when the work has got there.
actor Gate {
    private var waiting: CheckedContinuation<Void, Never>?
    private var arrivals: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false
    private var hasArrived = false

    func wait() async {
        hasArrived = true
        arrivals.forEach { $0.resume() }
        arrivals = []
        if isOpen { return }
        await withCheckedContinuation { waiting = $0 }
    }

    func reached() async {
        if hasArrived { return }
        await withCheckedContinuation { arrivals.append($0) }
    }

    func open() {
        isOpen = true
        waiting?.resume()
        waiting = nil
    }
}

final class ProgressTextTests: XCTestCase {
    func testProgressReadsInTheAppsNumberFormatOnThePageAndTheCommandLine() {
        let progress = JobProgress(done: 2300, total: 5000, phase: "Ghi vào sổ đảng viên")
        XCTAssertEqual(progress.text(unit: "dòng"), "Ghi vào sổ đảng viên: 2.300/5.000 dòng (46%)")
        XCTAssertEqual(TerminalProgress.line(progress, unit: "dòng"), "[#########-----------] Ghi vào sổ đảng viên: 2.300/5.000 dòng (46%)")
        XCTAssertEqual(JobProgress(done: 0, total: 0, phase: "Đang bắt đầu").text(unit: "dòng"), "Đang bắt đầu")
        XCTAssertEqual(JobProgress(done: 7, total: 5, phase: "Ghi").fraction, 1)
    }

    func testIntoAFileTheCommandLinePrintsOneLinePerTenthAndPerPhase() {
        final class Lines: @unchecked Sendable { var items: [String] = [] }
        let lines = Lines()
        let bar = TerminalProgress(unit: "dòng", isTerminal: false) { lines.items.append($0) }
        for done in stride(from: 0, through: 1000, by: 10) { bar.show(JobProgress(done: done, total: 1000, phase: "Ghi")) }
        bar.show(JobProgress(done: 1000, total: 1000, phase: "Xong"))
        bar.finish()
        XCTAssertEqual(lines.items.count, 12, lines.items.joined())
        XCTAssertEqual(lines.items.first, "[--------------------] Ghi: 0/1.000 dòng (0%)\n")
        XCTAssertEqual(lines.items[5], "[##########----------] Ghi: 500/1.000 dòng (50%)\n")
    }

    func testARunningJobSilentTooLongHasFailed() {
        let started = Date(timeIntervalSince1970: 1_000_000)
        let job = Job(kind: .memberImport, accountID: UUID(), createdAt: started)
        XCTAssertEqual(job.seen(at: started.addingTimeInterval(60)).status, .running)
        let stale = job.seen(at: started.addingTimeInterval(Job.silenceLimit + 1))
        XCTAssertEqual(stale.status, .failed)
        XCTAssertTrue(stale.summary?.contains("gián đoạn") ?? false)
    }
}

/// The table page's downloads are made by a job: its page shows the progress, then a link to the file, which is the
/// same file the direct address gives, and only for the account that asked for it.
final class ExportJobTests: XCTestCase {
    func testATableExportIsAJobWhoseFileIsTheDirectDownload() async throws {
        try await TestApp.with { test in
            let period = Period(kind: .quarter, containing: Day(Date()))!
            let clerk = try await test.session("coso-a")
            let entry = "/reports/KT1/entry?org=\(test.fixture.cellA1.id.uuidString)&period=\(period.code)"
            _ = try await test.post(entry, form: ["version": "0", "action": "submit", "v:total:n": "1234"], session: clerk)
            let office = try await test.session("office")
            _ = try await test.post("/reports/KT1/review?org=\(test.fixture.cellA1.id.uuidString)&period=\(period.code)",
                                    form: ["version": "1", "decision": "approve"], session: office)
            let query = "?org=\(test.fixture.root.id.uuidString)&span=\(period.start.year)"
            let table = try await test.app.sendRequest(.GET, "/reports/KT1/table" + query, headers: office.headers)
            XCTAssertTrue(table.body.string.contains("action=\"/reports/KT1/table/export\(query.replacingOccurrences(of: "&", with: "&amp;"))\""),
                          "the page's download buttons start the export job")

            let start = try await test.post("/reports/KT1/table/export" + query, form: ["format": "csv"], session: office)
            XCTAssertEqual(start.status, .seeOther)
            let page = try await test.followingJob(start, session: office)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("id=\"job-download\""), html)
            XCTAssertTrue(html.contains("đã sẵn sàng"))
            let href = try XCTUnwrap(html.range(of: #"href="/jobs/"#).map { "/jobs/" + String(html[$0.upperBound...].prefix(36)) + "/download" })
            let file = try await test.app.sendRequest(.GET, href, headers: office.headers)
            XCTAssertEqual(file.status, .ok)
            XCTAssertEqual(file.headers.first(name: .cacheControl), "no-store")
            XCTAssertTrue(file.headers.first(name: .contentDisposition)?.contains("KT1-") ?? false)
            let direct = try await test.app.sendRequest(.GET, "/reports/KT1/table.csv" + query, headers: office.headers)
            XCTAssertEqual(file.body.string, direct.body.string, "the job's file is the table the direct address gives")
            XCTAssertTrue(file.body.string.contains("1234") || file.body.string.contains("1.234"), file.body.string)
            // Nobody else downloads it.
            let other = try await test.session("admin-a")
            let theirs = try await test.app.sendRequest(.GET, href, headers: other.headers)
            XCTAssertEqual(theirs.status, .notFound)
        }
    }
}
