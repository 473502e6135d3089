import DangBoCore
import DangBoDocuments
@testable import DangBoStorage
@testable import DangBoWeb
import Fluent
import Vapor
import XCTVapor

/// The quality rating registry's pages: a cell's members rated on its sheet (refused input kept, nothing written),
/// a collective and a cadre rated, a file checked then imported; the counts shown beside the members not yet rated;
/// PL 7.5, PL 7.6 and the targets' shares printed from those records; nobody outside the subtree sees or writes.
final class RatingPagesTests: XCTestCase {
    func testRatingsEnteredOnTheirPageFillPL75PL76AndTheTargets() async throws {
        let test = try await TestApp.make(forms: HistoricalValuesTests.repositoryForms)
        do { try await run(test) } catch {
            try? await test.app.asyncShutdown()
            throw error
        }
        try await test.app.asyncShutdown()
    }

    func count(_ test: TestApp) async throws -> Int { try await QualityRatingRecord.query(on: test.app.db).count() }

    func run(_ test: TestApp) async throws {
        let secretary = try await test.session("coso-a")
        let cell = test.fixture.cellA1
        let members = test.members.filter { $0.organizationID == cell.id }
        XCTAssertEqual(members.count, 3)
        let page = try await test.app.sendRequest(.GET, "/ratings?org=CB-A1&year=2025", headers: secretary.headers)
        XCTAssertEqual(page.status, .ok)
        for member in members { XCTAssertTrue(page.body.string.contains(member.fields.fullName)) }
        XCTAssertTrue(page.body.string.contains("id=\"save-sheet\""))
        let badYear = try await test.app.sendRequest(.GET, "/ratings?org=CB-A1&year=1999", headers: secretary.headers)
        XCTAssertEqual(badYear.status, .unprocessableEntity)
        XCTAssertTrue(badYear.body.string.contains("data-field=\"year\""))
        XCTAssertTrue(badYear.body.string.contains("value=\"CB-A1\""), "the organization asked for is kept")

        // Refused: a grade with a reason, a reason alone is fine; the typed reason is kept and nothing is written.
        let refused = try await test.post("/ratings/members", pairs: [
            ("org", "CB-A1"), ("year", "2025"),
            ("member[]", members[0].id.uuidString), ("grade[]", "excellent"), ("reason[]", "Ốm dài ngày"),
            ("member[]", members[1].id.uuidString), ("grade[]", "good"), ("reason[]", ""),
            ("member[]", members[2].id.uuidString), ("grade[]", ""), ("reason[]", "")], session: secretary)
        XCTAssertEqual(refused.status, .unprocessableEntity)
        XCTAssertTrue(refused.body.string.contains("data-field=\"reason[0]\""), refused.body.string)
        XCTAssertTrue(refused.body.string.contains("value=\"Ốm dài ngày\""))
        let none = try await count(test)
        XCTAssertEqual(none, 0)

        let saved = try await test.post("/ratings/members", pairs: [
            ("org", "CB-A1"), ("year", "2025"),
            ("member[]", members[0].id.uuidString), ("grade[]", "excellent"), ("reason[]", ""),
            ("member[]", members[1].id.uuidString), ("grade[]", "good"), ("reason[]", ""),
            ("member[]", members[2].id.uuidString), ("grade[]", ""), ("reason[]", "")], session: secretary)
        XCTAssertEqual(saved.status, .seeOther, saved.body.string)
        let two = try await count(test)
        XCTAssertEqual(two, 2, "the row left empty is left alone")
        let after = try await test.app.sendRequest(.GET, "/ratings?org=DB-A&year=2025", headers: secretary.headers)
        XCTAssertTrue(after.body.string.contains("1/2 = 50,00%"), "excellent ÷ rated")
        XCTAssertTrue(after.body.string.contains("2/2 = 100,00%"), "good or better ÷ rated")
        let unrated = try XCTUnwrap(after.body.string.range(of: "id=\"unrated\"")).upperBound
        let list = String(after.body.string[unrated...].prefix(2000))
        XCTAssertTrue(list.contains(members[2].fields.fullName))
        XCTAssertFalse(list.contains(members[0].fields.fullName))

        // A collective with a special case cannot be rated above its cap; a cadre by card number.
        let capped = try await test.post("/ratings/others", form: [
            "org": "DB-A", "year": "2025", "subject": "collective", "collective": "executiveCommittee", "grade": "excellent",
            "cases[]": "disunity"], session: secretary)
        XCTAssertEqual(capped.status, .unprocessableEntity)
        XCTAssertTrue(capped.body.string.contains("data-field=\"grade\""))
        let collective = try await test.post("/ratings/others", form: [
            "org": "DB-A", "year": "2025", "subject": "collective", "collective": "executiveCommittee", "grade": "notCompleted",
            "cases[]": "disunity"], session: secretary)
        XCTAssertEqual(collective.status, .seeOther, collective.body.string)
        let unknownCard = try await test.post("/ratings/others", form: [
            "org": "DB-A", "year": "2025", "subject": "cadre", "title": "secretary", "cardNumber": "999999", "grade": "good"], session: secretary)
        XCTAssertEqual(unknownCard.status, .unprocessableEntity)
        XCTAssertTrue(unknownCard.body.string.contains("data-field=\"cardNumber\""))
        let cadre = try await test.post("/ratings/others", form: [
            "org": "DB-A", "year": "2025", "subject": "cadre", "title": "secretary", "cardNumber": "100001", "grade": "good"], session: secretary)
        XCTAssertEqual(cadre.status, .seeOther, cadre.body.string)

        // A file: problems by row and column, nothing written; then checked (nothing written) and imported.
        let bad = Data("Số thẻ đảng viên,Xếp loại,Lý do chưa xếp loại\n100003,Giỏi,\n999999,HTNV,\n".utf8)
        let badUpload = try await test.multipart("/ratings/import", fields: ["org": "CB-A1", "year": "2025", "mode": "import"],
                                                 file: bad, fileName: "xl.csv", session: secretary)
        XCTAssertEqual(badUpload.status, .unprocessableEntity)
        XCTAssertTrue(badUpload.body.string.contains("Mức xếp loại &quot;Giỏi&quot; không có") || badUpload.body.string.contains("Mức xếp loại \"Giỏi\" không có"))
        XCTAssertTrue(badUpload.body.string.contains("Không có đảng viên mang số thẻ 999999"))
        let four = try await count(test)
        XCTAssertEqual(four, 4)
        let good = Data("Số thẻ đảng viên,Họ và tên,Xếp loại,Lý do chưa xếp loại\n100003,,Hoàn thành nhiệm vụ,\n".utf8)
        let check = try await test.multipart("/ratings/import", fields: ["org": "CB-A1", "year": "2025", "mode": "check"],
                                             file: good, fileName: "xl.csv", session: secretary)
        XCTAssertEqual(check.status, .ok)
        XCTAssertTrue(check.body.string.contains("HTNV 1"))
        let stillFour = try await count(test)
        XCTAssertEqual(stillFour, 4, "the dry run writes nothing")
        let imported = try await test.multipart("/ratings/import", fields: ["org": "CB-A1", "year": "2025", "mode": "import"],
                                                file: good, fileName: "xl.csv", session: secretary)
        XCTAssertEqual(imported.status, .seeOther, imported.body.string)
        let five = try await count(test)
        XCTAssertEqual(five, 5)
        let audited = try await AuditRecord.query(on: test.app.db).filter(\.$entityType == "qualityRating").count()
        XCTAssertEqual(audited, 5)

        // The appendices from the records.
        let token = try await test.token("office")
        let root = test.fixture.root.id.uuidString
        let span = Period.year(2025)!.code
        func table(_ form: String) async throws -> RenderedTable {
            let response = try await test.api(.GET, "/api/v1/reports/\(form)/rollup?org=\(root)&span=\(span)&source=records", headers: token)
            XCTAssertEqual(response.status, .ok, response.body.string)
            return try response.content.decode(RenderedTable.self)
        }
        let pl76 = try await table("PL7.6")
        XCTAssertEqual(pl76.cell(row: "s3d", column: "c4")?.value, 1)
        XCTAssertEqual(pl76.cell(row: "sk1", column: "c4")?.value, 1)
        XCTAssertEqual(pl76.cell(row: "s1", column: "c3")?.value, 1, "computed: at year end = not rated + rated")
        XCTAssertEqual(pl76.cell(row: "s3a", column: "c4")?.value, 0)
        let pl75 = try await table("PL7.5")
        XCTAssertEqual(pl75.cell(row: "s1", column: "c3")?.value, 1)
        XCTAssertEqual(pl75.cell(row: "s1", column: "c7")?.value, 1)
        XCTAssertEqual(pl75.cell(row: "s1", column: "c5")?.value, 1)
        XCTAssertEqual(pl75.cell(row: "h1", column: "c3")?.value, 0)
        let targets = try await table("targets")
        XCTAssertEqual(targets.cell(row: "t3a", column: "achieved")?.value, 2)
        XCTAssertEqual(targets.cell(row: "t3a", column: "base")?.value, 3)
        XCTAssertEqual(targets.cell(row: "t3b", column: "achieved")?.value, 1)
        XCTAssertEqual(targets.cell(row: "t3b", column: "base")?.value, 3, "both shares over the same population: the rated members")

        // The API: a batch with one bad rating writes nothing and names it; the year's figures as numbers.
        let badBatch = try await test.api(.PUT, "/api/v1/ratings", json: """
            {"year":2025,"ratings":[{"subject":"organization","organizationID":"\(cell.id.uuidString)","grade":"good"},
             {"subject":"cadre","organizationID":"\(cell.id.uuidString)","grade":"good"}]}
            """, headers: token)
        XCTAssertEqual(badBatch.status, .unprocessableEntity)
        XCTAssertTrue(badBatch.body.string.contains("ratings[1].memberID"), badBatch.body.string)
        let twice = try await test.api(.PUT, "/api/v1/ratings", json: """
            {"year":2025,"ratings":[{"subject":"organization","organizationID":"\(cell.id.uuidString)","grade":"good"},
             {"subject":"organization","organizationID":"\(cell.id.uuidString)","grade":"excellent"}]}
            """, headers: token)
        XCTAssertEqual(twice.status, .unprocessableEntity)
        XCTAssertTrue(twice.body.string.contains("trùng với kết quả thứ 1"), twice.body.string)
        let stillFive = try await count(test)
        XCTAssertEqual(stillFive, 5)
        let put = try await test.api(.PUT, "/api/v1/ratings", json: """
            {"year":2025,"ratings":[{"subject":"organization","organizationID":"\(cell.id.uuidString)","grade":"good"}]}
            """, headers: token)
        XCTAssertEqual(put.status, .ok, put.body.string)
        XCTAssertTrue(put.body.string.contains("\"created\":1"))
        let wrongYear = try await test.api(.GET, "/api/v1/ratings?org=\(cell.id.uuidString)&year=hai", headers: token)
        XCTAssertEqual(wrongYear.status, .unprocessableEntity)
        XCTAssertTrue(wrongYear.body.string.contains("không hợp lệ: từ 2000 đến"), wrongYear.body.string)
        let year = try await test.api(.GET, "/api/v1/ratings?org=\(cell.id.uuidString)&year=2025", headers: token)
        XCTAssertEqual(year.status, .ok, year.body.string)
        let figures = try year.content.decode(RatingsApiController.YearResponse.self)
        XCTAssertEqual(figures.onRegistry, 3)
        XCTAssertEqual(figures.rated, 3)
        XCTAssertEqual(figures.excellentShare.numerator, 1)
        XCTAssertEqual(figures.excellentShare.denominator, 3)
        XCTAssertEqual(figures.goodOrBetterShare.numerator, 2)
        XCTAssertEqual(figures.members.count, 3)
        XCTAssertEqual(figures.own.map(\.subject), [.organization])

        // The member's page shows the ratings; nobody outside the subtree reads or writes.
        let detail = try await test.app.sendRequest(.GET, "/members/\(members[0].id.uuidString)", headers: secretary.headers)
        XCTAssertTrue(detail.body.string.contains("id=\"ratings\""))
        let outsider = try await test.session("admin-c")
        // An organization named by code outside the subtree is an unknown code there (422, as on every form naming
        // one); the page falls back to the account's own organization.
        let outside = try await test.app.sendRequest(.GET, "/ratings?org=CB-A1&year=2025", headers: outsider.headers)
        XCTAssertEqual(outside.status, .unprocessableEntity)
        XCTAssertFalse(outside.body.string.contains(members[0].fields.fullName))
        let write = try await test.post("/ratings/others", form: [
            "org": "DB-A", "year": "2025", "subject": "organization", "grade": "good"], session: outsider)
        XCTAssertEqual(write.status, .unprocessableEntity)
        let sheet = try await test.app.sendRequest(.GET, "/ratings/sheet.xlsx?org=CB-A1&year=2025", headers: outsider.headers)
        XCTAssertEqual(sheet.status, .unprocessableEntity)
        XCTAssertFalse(sheet.body.string.contains(members[0].fields.fullName))
        let memberSession = try await test.session("member")
        let member = try await test.app.sendRequest(.GET, "/ratings", headers: memberSession.headers)
        XCTAssertEqual(member.status, .forbidden)
        // A member reads their own ratings on their page ("member" is Nguyễn Thị Vinh, rated excellent), nobody else's.
        let own = try await test.app.sendRequest(.GET, "/members/\(members[0].id.uuidString)", headers: memberSession.headers)
        XCTAssertTrue(own.body.string.contains("id=\"ratings\""))
        XCTAssertTrue(own.body.string.contains("Hoàn thành xuất sắc nhiệm vụ"))
        let other = try await test.app.sendRequest(.GET, "/members/\(members[1].id.uuidString)", headers: memberSession.headers)
        XCTAssertFalse(other.body.string.contains("id=\"ratings\""))
        let six = try await count(test)
        XCTAssertEqual(six, 6)

        // The sheet as a file names the members and their grades.
        let file = try await test.app.sendRequest(.GET, "/ratings/sheet.xlsx?org=CB-A1&year=2025", headers: secretary.headers)
        XCTAssertEqual(file.status, .ok)
        let rows = try XLSXReader.readRows(from: Data(buffer: file.body))
        XCTAssertEqual(rows.first, RatingImportParser.Column.allCases.map(\.header))
        XCTAssertEqual(Set(rows.dropFirst().map { $0[2] }), ["HTXSNV", "HTTNV", "HTNV"])
    }
}
