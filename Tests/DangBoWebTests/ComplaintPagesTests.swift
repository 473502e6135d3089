import DangBoCore
@testable import DangBoStorage
@testable import DangBoWeb
import Fluent
import Vapor
import XCTVapor

/// Denunciations and appeals recorded on their forms (refused input kept, each problem named), concluded, listed for
/// the roles that read discipline, and shown on the member's page to those allowed — an appeal to its maker, a
/// denunciation never to the member denounced.
final class ComplaintPagesTests: XCTestCase {
    func testADenunciationIsRecordedConcludedAndShownOnlyToThoseAllowed() async throws {
        try await TestApp.with { test in
            let member = test.members[0] // in cell A1, card 100001
            let secretary = try await test.session("coso-a")
            let form = try await test.app.sendRequest(.GET, "/denunciations/new?member=\(member.id.uuidString)", headers: secretary.headers)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains(member.fields.fullName), "the member from the link is named beside the field")
            XCTAssertTrue(form.body.string.contains("name=\"_csrf\""))

            // Refused: an unknown card, a date in the future, no content; what was typed comes back.
            let refused = try await test.post("/denunciations", form: [
                "subjectKind": "member", "member": "999999", "handlerOrganizationID": "DB-A", "actor": "committee",
                "receivedOn": "1/1/2099", "denouncer": "Nguyễn Văn Báo"], session: secretary)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            for field in ["member", "receivedOn", "content"] {
                XCTAssertTrue(refused.body.string.contains("data-field=\"\(field)\""), field)
            }
            XCTAssertTrue(refused.body.string.contains("value=\"Nguyễn Văn Báo\""))
            XCTAssertTrue(refused.body.string.contains("value=\"999999\""))
            let none = try await DenunciationRecord.query(on: test.app.db).count()
            XCTAssertEqual(none, 0)

            let recorded = try await test.post("/denunciations", form: [
                "subjectKind": "member", "member": "100001", "handlerOrganizationID": "DB-A", "actor": "committee",
                "receivedOn": "3/4/2023", "denouncer": "Đơn nặc danh", "content": "Vi phạm quy định về những điều đảng viên không được làm"],
                                            session: secretary)
            XCTAssertEqual(recorded.status, .seeOther)
            let path = try XCTUnwrap(recorded.headers.first(name: .location))
            XCTAssertTrue(path.hasPrefix("/denunciations/"))

            // Concluding: "violation" with an unfounded outcome is refused beside its field, then a founded one is kept.
            let wrong = try await test.post(path + "/conclude", form: ["concludedOn": "2/5/2023", "outcome": "unfounded", "violation": "1",
                                                                       "conclusionNumber": "5-TB/ĐU"], session: secretary)
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            XCTAssertTrue(wrong.body.string.contains("data-field=\"violation\""))
            XCTAssertTrue(wrong.body.string.contains("value=\"5-TB/ĐU\""))
            let concluded = try await test.post(path + "/conclude", form: ["concludedOn": "2/5/2023", "outcome": "founded", "violation": "1",
                                                                           "conclusionNumber": "5-TB/ĐU"], session: secretary)
            XCTAssertEqual(concluded.status, .seeOther)
            let detail = try await test.app.sendRequest(.GET, path, headers: secretary.headers)
            XCTAssertTrue(detail.body.string.contains("Tố đúng, ngày 2/5/2023"), detail.body.string)

            let list = try await test.app.sendRequest(.GET, "/denunciations?status=resolved", headers: (try await test.session("inspector")).headers)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains(">1</strong> đơn"))
            XCTAssertTrue(list.body.string.contains(member.fields.fullName))
            let received = try await test.app.sendRequest(.GET, "/denunciations?status=received", headers: secretary.headers)
            XCTAssertTrue(received.body.string.contains(">0</strong> đơn"))
            let badStatus = try await test.app.sendRequest(.GET, "/denunciations?status=x", headers: secretary.headers)
            XCTAssertEqual(badStatus.status, .unprocessableEntity)

            // The member's page: shown to the committee, never to the member denounced, nor outside the subtree.
            let page = "/members/\(member.id.uuidString)"
            let shown = try await test.app.sendRequest(.GET, page, headers: secretary.headers)
            XCTAssertTrue(shown.body.string.contains("id=\"complaints\""))
            XCTAssertTrue(shown.body.string.contains(path))
            let own = try await test.app.sendRequest(.GET, page, headers: (try await test.session("member")).headers)
            XCTAssertEqual(own.status, .ok)
            XCTAssertFalse(own.body.string.contains("/denunciations/"))
            let refusedToMember = try await test.app.sendRequest(.GET, path, headers: (try await test.session("member")).headers)
            XCTAssertEqual(refusedToMember.status, .forbidden)
            let outside = try await test.app.sendRequest(.GET, path, headers: (try await test.session("admin-c")).headers)
            XCTAssertEqual(outside.status, .notFound)
        }
    }

    func testAnAppealOfADecisionIsOfferedOnTheDecisionAndSeenByItsMaker() async throws {
        try await TestApp.with { test in
            let member = test.members[0]
            let office = test.fixture.actor(.blocOffice, scope: test.fixture.root)
            let decision = try await DisciplineStore(database: test.app.db).record(DisciplineDecision(
                subjectKind: .member, memberID: member.id, organizationID: member.organizationID, form: .warning, decidedBy: .partyCommittee,
                deciderOrganizationID: test.fixture.committeeA.id, decisionDate: Day(parsing: "1/3/2023")!, number: "3-QĐ/ĐU",
                reason: "Vi phạm"), by: office)
            let secretary = try await test.session("coso-a")
            let page = try await test.app.sendRequest(.GET, "/members/\(member.id.uuidString)", headers: secretary.headers)
            XCTAssertTrue(page.body.string.contains("/appeals/new?decision=\(decision.id.uuidString)"))
            let form = try await test.app.sendRequest(.GET, "/appeals/new?decision=\(decision.id.uuidString)", headers: secretary.headers)
            XCTAssertTrue(form.body.string.contains("quyết định số 3-QĐ/ĐU"))
            let late = try await test.post("/appeals", form: [
                "subjectKind": "member", "member": member.id.uuidString, "decisionID": decision.id.uuidString, "handlerOrganizationID": "DB-A",
                "actor": "commission", "receivedOn": "5/4/2023", "content": "Đề nghị xem xét lại"], session: secretary)
            XCTAssertEqual(late.status, .unprocessableEntity)
            XCTAssertTrue(late.body.string.contains("Quá thời hạn khiếu nại"))
            XCTAssertTrue(late.body.string.contains("Đề nghị xem xét lại"))
            let recorded = try await test.post("/appeals", form: [
                "subjectKind": "member", "member": member.id.uuidString, "decisionID": decision.id.uuidString, "handlerOrganizationID": "DB-A",
                "actor": "commission", "receivedOn": "20/3/2023", "content": "Đề nghị xem xét lại"], session: secretary)
            XCTAssertEqual(recorded.status, .seeOther)
            let path = try XCTUnwrap(recorded.headers.first(name: .location))
            let concluded = try await test.post(path + "/conclude", form: ["concludedOn": "10/4/2023", "outcome": "kept",
                                                                           "conclusionNumber": "2-TB/UBKT"], session: secretary)
            XCTAssertEqual(concluded.status, .seeOther)
            let own = try await test.app.sendRequest(.GET, "/members/\(member.id.uuidString)", headers: (try await test.session("member")).headers)
            XCTAssertTrue(own.body.string.contains("Không thay đổi hình thức kỷ luật"), "the member sees the appeal they made")
            let list = try await test.app.sendRequest(.GET, "/appeals", headers: (try await test.session("member")).headers)
            XCTAssertEqual(list.status, .forbidden)
        }
    }

    func testAnOrganizationsDisciplineIsRecordedFromItsPage() async throws {
        try await TestApp.with { test in
            let cell = test.fixture.cellA2
            let inspector = try await test.session("inspector")
            let detail = try await test.app.sendRequest(.GET, "/organizations/\(cell.id.uuidString)", headers: inspector.headers)
            XCTAssertTrue(detail.body.string.contains("/organizations/\(cell.id.uuidString)/discipline/new"))
            let form = try await test.app.sendRequest(.GET, "/organizations/\(cell.id.uuidString)/discipline/new", headers: inspector.headers)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Giải tán"))
            XCTAssertFalse(form.body.string.contains("Khai trừ"), "member forms are not offered")
            let refused = try await test.post("/organizations/\(cell.id.uuidString)/discipline", form: [
                "form": "expulsion", "decidedBy": "standingCommittee", "deciderOrganizationID": "DB-A", "decisionDate": "3/4/2023",
                "number": "4-QĐ/ĐU", "reason": "Mất đoàn kết nội bộ"], session: inspector)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("data-field=\"form\""))
            XCTAssertTrue(refused.body.string.contains("Mất đoàn kết nội bộ"))
            let recorded = try await test.post("/organizations/\(cell.id.uuidString)/discipline", form: [
                "form": "warning", "decidedBy": "standingCommittee", "deciderOrganizationID": "DB-A", "decisionDate": "3/4/2023",
                "number": "4-QĐ/ĐU", "reason": "Mất đoàn kết nội bộ"], session: inspector)
            XCTAssertEqual(recorded.status, .seeOther)
            let stored = try await DisciplineDecisionRecord.query(on: test.app.db).first()
            XCTAssertEqual(stored?.subjectKind, "organization")
            XCTAssertEqual(stored?.organizationID, cell.id)
            let member = try await test.session("member")
            let memberDetail = try await test.app.sendRequest(.GET, "/organizations/\(cell.id.uuidString)/discipline/new", headers: member.headers)
            XCTAssertEqual(memberDetail.status, .forbidden)
        }
    }
}
