import DangBoCore
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// Figures from before DangBo and values computed from records, over HTTP with the repository's own forms.
final class HistoricalValuesTests: XCTestCase {
    static let repositoryForms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Forms")

    func withRepositoryForms(_ body: (TestApp) async throws -> Void) async throws {
        let test = try await TestApp.make(forms: Self.repositoryForms)
        do { try await body(test) } catch {
            try? await test.app.asyncShutdown()
            throw error
        }
        try await test.app.asyncShutdown()
    }

    func csv(_ lines: [String]) -> String {
        (["Mã tổ chức,Kỳ,Mã chỉ tiêu,Phân tổ,Giá trị"] + lines).joined(separator: "\n") + "\n"
    }

    /// PL 8.1's column 1 (the same span of the previous term) is filled from an import of the previous term's
    /// totals; a bad file names every bad row and column and writes nothing; the same file again changes nothing.
    func testPastSpansAreImportedAndPrintedInTheSameSpanOfThePreviousTerm() async throws {
        try await withRepositoryForms { test in
            let office = try await test.token("office")
            let before = try await test.writeCounts()
            let bad = try await test.api(.POST, "/api/v1/reports/values/import?dryRun=false", json: csv([
                "XX,2016,kiemtra.r1a,,3", "DB-A,2018-Q5,kiemtra.r1a,,3", "DB-A,2016,khong.co,,3",
                "DB-A,2016,kiemtra.r1a,sex=female,3", "DB-A,2016,kiemtra.r1a,,abc", "DB-A,2099,kiemtra.r1a,,3",
                "DB-A,2016,dangvien.danhsach,,3", "DB-A,2016,kiemtra.r1a,,-2",
            ]), headers: office)
            XCTAssertEqual(bad.status, .unprocessableEntity, bad.body.string)
            let result = try bad.content.decode(DataValueImportResult.self)
            XCTAssertEqual(Set(result.issues.map(\.row)), Set(2...9), "\(result.issues)")
            XCTAssertTrue(result.issues.contains { $0.row == 2 && $0.column.contains("Mã tổ chức") })
            XCTAssertTrue(result.issues.contains { $0.row == 3 && $0.column.contains("Kỳ") })
            XCTAssertTrue(result.issues.contains { $0.row == 5 && $0.message.contains("không phân tổ theo") })
            XCTAssertTrue(result.issues.contains { $0.row == 8 && $0.message.contains("tính từ hồ sơ") })
            let after = try await test.writeCounts()
            XCTAssertEqual(before, after, "nothing written")

            let good = csv(["DB-A,2015-07-01..2018-03-31,kiemtra.r1a,,1.109", "CB-B,1/7/2015-31/3/2018,kiemtra.r1a,,20"])
            let dry = try await test.api(.POST, "/api/v1/reports/values/import", json: good, headers: office)
            XCTAssertEqual(dry.status, .ok, dry.body.string)
            XCTAssertEqual(try dry.content.decode(DataValueImportResult.self).created, 2)
            let written = try await test.api(.POST, "/api/v1/reports/values/import?dryRun=false", json: good, headers: office)
            XCTAssertEqual(try written.content.decode(DataValueImportResult.self).created, 2)
            let again = try await test.api(.POST, "/api/v1/reports/values/import?dryRun=false", json: good, headers: office)
            XCTAssertEqual(try again.content.decode(DataValueImportResult.self).unchanged, 2, "importing the same file changes nothing")

            let table = try await test.api(.GET, "/api/v1/reports/PL8.1/rollup?org=\(test.fixture.root.id.uuidString)&span=2020-07-01..2023-03-31", headers: office)
            XCTAssertEqual(table.status, .ok, table.body.string)
            let rendered = try table.content.decode(RenderedTable.self)
            XCTAssertEqual(rendered.cell(row: "r1a", column: "c1")?.value, 1129, "the previous term's mid-term total")
            XCTAssertTrue(rendered.headerRows.joined().contains { $0.text == "Giữa nhiệm kỳ 2015 - 2020" })

            let clerk = try await test.token("coso-a")
            let refused = try await test.api(.POST, "/api/v1/reports/values/import", json: good, headers: clerk)
            XCTAssertEqual(refused.status, .forbidden)
            let session = try await test.session("office")
            let page = try await test.app.sendRequest(.GET, "/reports/values/import", headers: session.headers)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Mã chỉ tiêu"))

            // One figure for a whole past span, typed on the page; a refused one comes back with what was typed.
            let wrong = try await test.post("/reports/values/import/one", form: [
                "organization": "DB-A", "period": "1/7/2015-31/13/2018", "element": "kiemtra.r1b1", "value": "12"], session: session)
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            XCTAssertTrue(wrong.body.string.contains("data-field=\"period\""), wrong.body.string)
            XCTAssertTrue(wrong.body.string.contains("value=\"1/7/2015-31/13/2018\""), "the input is kept")
            let one = try await test.post("/reports/values/import/one", form: [
                "organization": "DB-A", "period": "1/7/2015-31/3/2018", "element": "kiemtra.r1b1", "value": "12"], session: session)
            XCTAssertEqual(one.status, .ok, one.body.string)
            XCTAssertTrue(one.body.string.contains("id=\"import-result\""), one.body.string)
            let withOne = try await test.api(.GET, "/api/v1/reports/PL8.1/rollup?org=\(test.fixture.root.id.uuidString)&span=2020-07-01..2023-03-31", headers: office)
            XCTAssertEqual(try withOne.content.decode(RenderedTable.self).cell(row: "r1b1", column: "c1")?.value, 12)
        }
    }

    /// The DV table is computed from the member registry: nothing to type, numbers at any organization and period.
    func testTheMemberTableIsComputedFromTheRegistry() async throws {
        try await withRepositoryForms { test in
            let office = try await test.token("office")
            let year = Day(Date()).year - 1
            let table = try await test.api(.GET, "/api/v1/reports/DV/rollup?org=\(test.fixture.root.id.uuidString)&span=\(year)", headers: office)
            XCTAssertEqual(table.status, .ok, table.body.string)
            let rendered = try table.content.decode(RenderedTable.self)
            XCTAssertEqual(rendered.cell(row: "tot", column: "c1")?.value, 8)
            XCTAssertEqual(rendered.cell(row: "f", column: "c1")?.value, 4)
            XCTAssertEqual(rendered.cell(row: "p_intermediate", column: "c1")?.value, 8)
            let committee = try await test.api(.GET, "/api/v1/reports/DV/rollup?org=\(test.fixture.committeeA.id.uuidString)&span=\(year)", headers: office)
            XCTAssertEqual(try committee.content.decode(RenderedTable.self).cell(row: "tot", column: "c1")?.value, 5)
            // A bound cell cannot be typed over.
            let clerk = try await test.token("coso-a")
            let typed = try await test.api(.PUT, "/api/v1/reports/DV/entry?org=\(test.fixture.committeeA.id.uuidString)&period=\(year + 1)",
                                           json: #"{"version":0,"cells":{"tot:n":99}}"#, headers: clerk)
            XCTAssertEqual(typed.status, .unprocessableEntity, typed.body.string)
            XCTAssertTrue(typed.body.string.contains("tính từ hồ sơ"), typed.body.string)
        }
    }

    /// PL 2.2's "members who must study" is typed, and the registry counts the same thing (its counterpart): where the
    /// two differ the table lists the cell, the period and both numbers; where they agree it lists nothing.
    func testATypedFigureThatDisagreesWithTheRegistryIsShown() async throws {
        try await withRepositoryForms { test in
            let office = try await test.token("office")
            let year = Day(Date()).year - 1
            // The registry: 8 members at the bloc on 31/12, 5 of them in committee A (testTheMemberTableIsComputedFromTheRegistry).
            let imported = try await test.api(.POST, "/api/v1/reports/values/import?dryRun=false", json: csv([
                "DB-A,\(year)-H2,quantriet.r1.members,,5", "CB-B,\(year)-H2,quantriet.r1.members,,4",
            ]), headers: office)
            XCTAssertEqual(imported.status, .ok, imported.body.string)
            let session = try await test.session("office")
            let bloc = try await test.app.sendRequest(.GET, "/reports/PL2.2/table?org=\(test.fixture.root.id.uuidString)&span=\(year)",
                                                      headers: session.headers)
            XCTAssertEqual(bloc.status, .ok, bloc.body.string)
            let html = bloc.body.string
            XCTAssertTrue(html.contains("id=\"disagreements\""), "the bloc typed 9 against 8 on the registry")
            let section = String(html[html.range(of: "id=\"disagreements\"")!.lowerBound...])
            XCTAssertTrue(section.contains("Tổng số đảng viên phải học tập"), "the cell is named by its column")
            XCTAssertTrue(section.contains(">9<") && section.contains(">8<"), String(section.prefix(1500)))
            XCTAssertTrue(section.contains("6 tháng cuối năm \(year)"), String(section.prefix(1500)))
            let committee = try await test.app.sendRequest(.GET, "/reports/PL2.2/table?org=\(test.fixture.committeeA.id.uuidString)&span=\(year)",
                                                           headers: session.headers)
            XCTAssertEqual(committee.status, .ok)
            XCTAssertFalse(committee.body.string.contains("id=\"disagreements\""), "committee A typed 5, as the registry counts")
        }
    }
}
