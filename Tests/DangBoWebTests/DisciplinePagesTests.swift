import DangBoCore
@testable import DangBoStorage
@testable import DangBoWeb
import Fluent
import Vapor
import XCTVapor

/// A disciplined member's page shows the decision to those allowed — and records that they saw it; nobody else sees
/// that there is one. Recording it is a form that keeps its input when refused.
final class DisciplinePagesTests: XCTestCase {
    func testADecisionRecordedOnTheMembersPageIsShownOnlyToThoseAllowedAndEachViewIsAudited() async throws {
        try await TestApp.with { test in
            let member = test.members[0] // in cell A1
            let secretary = try await test.session("coso-a")
            let page = "/members/\(member.id.uuidString)"
            let form = try await test.app.sendRequest(.GET, page + "/discipline/new", headers: secretary.headers)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Ghi quyết định kỷ luật"))

            // Refused: no form chosen, a date in the future; what was typed comes back.
            let refused = try await test.post(page + "/discipline", form: [
                "decidedBy": "partyCommittee", "deciderOrganizationID": "DB-A", "decisionDate": "1/1/2099", "number": "4-QĐ/ĐU",
                "reason": "Vi phạm quy định về những điều đảng viên không được làm"], session: secretary)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("data-field=\"form\""))
            XCTAssertTrue(refused.body.string.contains("data-field=\"decisionDate\""))
            XCTAssertTrue(refused.body.string.contains("value=\"4-QĐ/ĐU\""), String(refused.body.string.split(separator: "\n").first { $0.contains("id=\"number\"") } ?? ""))
            let none = try await DisciplineDecisionRecord.query(on: test.app.db).count()
            XCTAssertEqual(none, 0)

            let recorded = try await test.post(page + "/discipline", form: [
                "form": "warning", "decidedBy": "partyCommittee", "deciderOrganizationID": "DB-A", "decisionDate": "3/4/2023",
                "number": "4-QĐ/ĐU", "reason": "Vi phạm quy định về những điều đảng viên không được làm", "isCommitteeMember": "1"],
                                            session: secretary)
            XCTAssertEqual(recorded.status, .seeOther)

            let viewsBefore = try await AuditRecord.query(on: test.app.db).filter(\.$action == AuditAction.view.rawValue).count()
            for username in ["coso-a", "inspector", "office"] {
                let session = try await test.session(username)
                let shown = try await test.app.sendRequest(.GET, page, headers: session.headers)
                XCTAssertTrue(shown.body.string.contains("id=\"discipline\""), username)
                XCTAssertTrue(shown.body.string.contains("Cảnh cáo"), username)
                XCTAssertTrue(shown.body.string.contains("4-QĐ/ĐU"), username)
                XCTAssertTrue(shown.body.string.contains("là cấp ủy viên"), username)
            }
            let viewsAfter = try await AuditRecord.query(on: test.app.db).filter(\.$action == AuditAction.view.rawValue).count()
            XCTAssertEqual(viewsAfter - viewsBefore, 3, "one audited view per reader")

            // The member concerned (the "member" account is this member) sees their own decision, without the button.
            let own = try await test.session("member")
            let ownPage = try await test.app.sendRequest(.GET, page, headers: own.headers)
            XCTAssertEqual(ownPage.status, .ok)
            XCTAssertTrue(ownPage.body.string.contains("Cảnh cáo"))
            XCTAssertFalse(ownPage.body.string.contains("/discipline/new"))
            // Roles without the right see no section on another member's page.
            let otherMember = test.members[1]
            let otherPage = try await test.app.sendRequest(.GET, "/members/\(otherMember.id.uuidString)", headers: secretary.headers)
            XCTAssertTrue(otherPage.body.string.contains("Không có quyết định kỷ luật."))
            let outside = try await test.session("admin-c")
            let theirs = try await test.app.sendRequest(.GET, page, headers: outside.headers)
            XCTAssertEqual(theirs.status, .notFound)
            XCTAssertFalse(theirs.body.string.contains("4-QĐ/ĐU"))
        }
    }

    func testTheRegistryListShowsTheScopesDecisionsAndAuditsEachOneListed() async throws {
        try await TestApp.with { test in
            let office = test.fixture.actor(.blocOffice, scope: test.fixture.root)
            let store = DisciplineStore(database: test.app.db)
            for (index, member) in test.members.prefix(3).enumerated() {
                _ = try await store.record(DisciplineDecision(
                    subjectKind: .member, memberID: member.id, organizationID: member.organizationID, form: .reprimand,
                    decidedBy: .partyCommittee, deciderOrganizationID: test.fixture.root.id, decisionDate: Day(parsing: "3/4/2023")!,
                    number: "\(index + 1)-QĐ/ĐUK", reason: "Vi phạm"), by: office)
            }
            let viewsBefore = try await AuditRecord.query(on: test.app.db).filter(\.$action == AuditAction.view.rawValue).count()
            let inspector = try await test.session("inspector")
            let list = try await test.app.sendRequest(.GET, "/discipline", headers: inspector.headers)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains(">3</strong> quyết định"), list.body.string)
            for member in test.members.prefix(3) { XCTAssertTrue(list.body.string.contains(member.fields.fullName)) }
            let viewsAfter = try await AuditRecord.query(on: test.app.db).filter(\.$action == AuditAction.view.rawValue).count()
            XCTAssertEqual(viewsAfter - viewsBefore, 3, "each decision listed is an audited reading")
            // Outside the subtree: none of them; a member: no list at all.
            let outside = try await test.session("admin-c")
            let theirs = try await test.app.sendRequest(.GET, "/discipline", headers: outside.headers)
            XCTAssertTrue(theirs.body.string.contains(">0</strong> quyết định"))
            XCTAssertFalse(theirs.body.string.contains(test.members[0].fields.fullName))
            let member = try await test.session("member")
            let refused = try await test.app.sendRequest(.GET, "/discipline", headers: member.headers)
            XCTAssertEqual(refused.status, .forbidden)
            // The member list links to it for those who may read it.
            let members = try await test.app.sendRequest(.GET, "/members", headers: inspector.headers)
            XCTAssertTrue(members.body.string.contains("href=\"/discipline\""))
        }
    }
}
