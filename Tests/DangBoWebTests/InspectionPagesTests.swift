import DangBoCore
@testable import DangBoStorage
@testable import DangBoWeb
import Fluent
import Vapor
import XCTVapor

/// The inspection registry's pages: a case planned from its form (refused input kept, every problem beside its
/// field), concluded with a finding per subject and a requirement, shown only to those who may; and PL 8.1 printed
/// from those records on the table page and through the API.
final class InspectionPagesTests: XCTestCase {
    func testACasePlannedAndConcludedOnItsPagesFillsPL81FromRecords() async throws {
        let test = try await TestApp.make(forms: HistoricalValuesTests.repositoryForms)
        do { try await run(test) } catch {
            try? await test.app.asyncShutdown()
            throw error
        }
        try await test.app.asyncShutdown()
    }

    func run(_ test: TestApp) async throws {
        do {
            let secretary = try await test.session("coso-a")
            let form = try await test.app.sendRequest(.GET, "/inspections/cases/new", headers: secretary.headers)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Lên kế hoạch cuộc kiểm tra, giám sát"))

            // Refused: a finance inspection is the commission's; an unknown card; the title kept.
            let refused = try await test.post("/inspections/cases", form: [
                "title": "Kiểm tra việc chấp hành Điều lệ", "organization": "DB-A", "actor": "committee", "kind": "finance",
                "plannedStart": "1/3/2026", "plannedEnd": "30/4/2026", "subjectMembers": "100001\n999999"], session: secretary)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("data-field=\"kind\""))
            XCTAssertTrue(refused.body.string.contains("data-field=\"subjectMembers\""))
            XCTAssertTrue(refused.body.string.contains("value=\"Kiểm tra việc chấp hành Điều lệ\""))
            let none = try await InspectionCaseRecord.query(on: test.app.db).count()
            XCTAssertEqual(none, 0)

            let planned = try await test.post("/inspections/cases", form: [
                "title": "Kiểm tra việc chấp hành Điều lệ", "organization": "DB-A", "actor": "committee", "kind": "regularInspection",
                "plannedStart": "1/3/2026", "plannedEnd": "30/4/2026", "subjectMembers": "100001\n100002", "committeeMembers": "100001"],
                                           session: secretary)
            XCTAssertEqual(planned.status, .seeOther, planned.body.string)
            let location = try XCTUnwrap(planned.headers.first(name: .location))
            XCTAssertTrue(location.hasPrefix("/inspections/cases/"))
            let detail = try await test.app.sendRequest(.GET, location, headers: secretary.headers)
            XCTAssertEqual(detail.status, .ok)
            XCTAssertTrue(detail.body.string.contains("Nguyễn Thị Vinh"))
            XCTAssertTrue(detail.body.string.contains("(cấp ủy viên)"))

            let concluded = try await test.post(location + "/conclude", form: [
                "concludedOn": "10/3/2026", "conclusionNumber": "05-TB/ĐU", "conclusion": "Đồng chí Vinh vi phạm",
                "violation[0]": "1", "disciplineRequired[0]": "1",
                "requirementText[]": "Chi bộ kiểm điểm, báo cáo", "requirementOrganization[]": test.fixture.cellA1.id.uuidString,
                "requirementDue[]": "30/6/2026"], session: secretary)
            XCTAssertEqual(concluded.status, .seeOther, concluded.body.string)
            let subjects = try await InspectionSubjectRecord.query(on: test.app.db).sort(\.$position).all()
            XCTAssertEqual(subjects.map(\.violation), [true, false])
            XCTAssertEqual(subjects.map(\.disciplineRequired), [true, false])
            let requirements = try await InspectionRequirementRecord.query(on: test.app.db).all()
            XCTAssertEqual(requirements.map(\.dueDate), ["2026-06-30"])

            // Only those who may read the conclusion; each reading audited.
            let outside = try await test.app.sendRequest(.GET, location, headers: try await test.session("admin-c").headers)
            XCTAssertEqual(outside.status, .notFound)
            XCTAssertFalse(outside.body.string.contains("05-TB/ĐU"))
            let member = try await test.app.sendRequest(.GET, "/inspections", headers: try await test.session("member").headers)
            XCTAssertEqual(member.status, .forbidden)
            let inspector = try await test.session("inspector")
            let read = try await test.app.sendRequest(.GET, location, headers: inspector.headers)
            XCTAssertTrue(read.body.string.contains("05-TB/ĐU"))
            let views = try await AuditRecord.query(on: test.app.db).filter(\.$action == AuditAction.view.rawValue)
                .filter(\.$entityType == "inspectionCase").count()
            XCTAssertEqual(views, 1, "the inspector's reading; the page before the conclusion and the refused reading are not")

            // PL 8.1 from records: the page offers it, the API prints the counted cells.
            let office = try await test.session("office")
            let root = test.fixture.root.id.uuidString
            let typed = try await test.app.sendRequest(.GET, "/reports/PL8.1/table?org=\(root)&span=2026-Q1", headers: office.headers)
            XCTAssertTrue(typed.body.string.contains("id=\"from-records\""))
            let page = try await test.app.sendRequest(.GET, "/reports/PL8.1/table?org=\(root)&span=2026-Q1&source=records", headers: office.headers)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Đang in số liệu tự tính từ hồ sơ"))
            let token = try await test.token("office")
            let api = try await test.api(.GET, "/api/v1/reports/PL8.1/rollup?org=\(root)&span=2026-Q1&source=records", headers: token)
            XCTAssertEqual(api.status, .ok, api.body.string)
            let table = try api.content.decode(RenderedTable.self)
            XCTAssertEqual(table.cell(row: "r1a", column: "c6")?.value, 2)
            XCTAssertEqual(table.cell(row: "r1b1", column: "c6")?.value, 1)
            XCTAssertEqual(table.cell(row: "r1b2", column: "c6")?.value, 1)
            let wrong = try await test.api(.GET, "/api/v1/reports/PL8.1/rollup?org=\(root)&span=2026-Q1&source=sổ", headers: token)
            XCTAssertEqual(wrong.status, .unprocessableEntity)
        }
    }
}
