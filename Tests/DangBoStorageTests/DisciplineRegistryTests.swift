import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

/// The discipline registry: decisions counted where their subject belonged on the decision date, read only by the
/// roles that may, within their subtree, each read audited; and a bound source the engine counts from.
final class DisciplineRegistryTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()
    var members: [Member] = []

    override func setUp() async throws {
        test = try await TestDatabase.make()
        members = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    var store: DisciplineStore { DisciplineStore(database: test.database) }

    func memberDecision(_ member: Member, _ form: DisciplineForm, on day: String, committee: Bool = false) -> DisciplineDecision {
        DisciplineDecision(subjectKind: .member, memberID: member.id, organizationID: fixture.root.id, form: form,
                           decidedBy: .inspectionCommission, deciderOrganizationID: fixture.root.id, decisionDate: Day(parsing: day)!,
                           number: "\(Int.random(in: 1...99))-QĐ/UBKTĐUK", reason: "Vi phạm nguyên tắc tập trung dân chủ",
                           isCommitteeMember: committee)
    }

    func testAMembersDecisionCountsInTheirCellOnTheDecisionDateAndIsReadOnlyByThoseWhoMay() async throws {
        let inspector = fixture.actor(.inspectionCommission, scope: fixture.root)
        let a1 = members.first { $0.organizationID == fixture.cellA1.id }!
        let recorded = try await store.record(memberDecision(a1, .warning, on: "3/4/2023"), by: inspector)
        XCTAssertEqual(recorded.organizationID, fixture.cellA1.id, "the cell is read from the placements, not typed")

        // The committee concerned reads it; another committee's secretary and a member who is not the subject do not.
        let committeeA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let found = try await store.find(recorded.id, for: committeeA)
        XCTAssertEqual(found.form, .warning)
        let committeeC = fixture.actor(.grassrootsSecretary, scope: fixture.committeeC)
        do {
            _ = try await store.find(recorded.id, for: committeeC)
            XCTFail("another committee read the decision")
        } catch DomainError.notFound {}
        let decisionsSeenByC = try await store.decisions(ofMember: a1.id, for: committeeC)
        XCTAssertEqual(decisionsSeenByC, [])
        var subject = fixture.actor(.member, scope: fixture.cellA1)
        subject.memberID = a1.id
        let own = try await store.decisions(ofMember: a1.id, for: subject)
        XCTAssertEqual(own.map(\.id), [recorded.id])
        var other = fixture.actor(.member, scope: fixture.cellA1)
        other.memberID = members.first { $0.id != a1.id }!.id
        let notTheirs = try await store.decisions(ofMember: a1.id, for: other)
        XCTAssertEqual(notTheirs, [])

        // Every read is audited, and only the reads that happened.
        let views = try await AuditRecord.query(on: test.database).filter(\.$action == AuditAction.view.rawValue).all()
        XCTAssertEqual(views.count, 2, "committee A's read and the member's own")
        XCTAssertEqual(Set(views.map(\.actorName)), [committeeA.username, subject.username])
        XCTAssertTrue(views.allSatisfy { $0.entityID == recorded.id.uuidString })
    }

    func testWritesAreCheckedAndRefusedWholly() async throws {
        let secretaryC = fixture.actor(.grassrootsSecretary, scope: fixture.committeeC)
        let a1 = members.first { $0.organizationID == fixture.cellA1.id }!
        do {
            _ = try await store.record(memberDecision(a1, .reprimand, on: "3/4/2023"), by: secretaryC)
            XCTFail("recorded outside the subtree")
        } catch DomainError.notFound {}
        do {
            _ = try await store.record(memberDecision(a1, .reprimand, on: "3/4/2010"), by: fixture.actor(.blocOffice, scope: fixture.root))
            XCTFail("recorded on a day the member had no cell")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["decisionDate"])
        }
        do {
            _ = try await store.record(memberDecision(a1, .reprimand, on: "3/4/2023"), by: fixture.actor(.member, scope: fixture.cellA1))
            XCTFail("a member recorded a decision")
        } catch DomainError.forbidden {}
        // A lower committee cannot be the deciding body of a decision about a higher organization.
        var upward = DisciplineDecision(subjectKind: .organization, memberID: nil, organizationID: fixture.committeeA.id, form: .warning,
                                        decidedBy: .partyCommittee, deciderOrganizationID: fixture.cellA1.id,
                                        decisionDate: Day(parsing: "1/6/2023")!, number: "5-QĐ/ĐU", reason: "Mất đoàn kết")
        do {
            _ = try await store.record(upward, by: fixture.actor(.blocOffice, scope: fixture.root))
            XCTFail("a cell decided about its committee")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["deciderOrganizationID"])
        }
        upward.deciderOrganizationID = fixture.root.id
        _ = try await store.record(upward, by: fixture.actor(.blocOffice, scope: fixture.root))
        let count = try await DisciplineDecisionRecord.query(on: test.database).count()
        XCTAssertEqual(count, 1, "only the valid decision is stored")
    }

    func testTheBoundSourceCountsDecisionsByFormInTheSubtreeAndPeriod() async throws {
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        let inA1 = members.filter { $0.organizationID == fixture.cellA1.id }
        let inC1 = members.first { $0.organizationID == fixture.cellC1.id }!
        _ = try await store.record(memberDecision(inA1[0], .reprimand, on: "10/1/2023", committee: true), by: office)
        _ = try await store.record(memberDecision(inA1[1], .reprimand, on: "31/3/2023"), by: office)
        _ = try await store.record(memberDecision(inA1[2], .expulsion, on: "1/4/2023"), by: office)
        _ = try await store.record(memberDecision(inC1, .warning, on: "5/2/2023"), by: office)
        _ = try await store.record(DisciplineDecision(subjectKind: .organization, memberID: nil, organizationID: fixture.cellA2.id,
                                                      form: .warning, decidedBy: .standingCommittee, deciderOrganizationID: fixture.root.id,
                                                      decisionDate: Day(parsing: "2/2/2023")!, number: "7-QĐ/ĐUK", reason: "Vi phạm"), by: office)

        let byForm = ElementBinding(source: "discipline", measure: "membersDisciplined", disaggregations: ["form": "form"])
        let element = DataElement(code: "kyluat.dangvien", name: "Đảng viên bị kỷ luật", type: .count, aggregation: .sum,
                                  categories: ["form"], binding: byForm)
        let keys = [ValueKey(element: element.code), ValueKey(element: element.code, options: ["form": "reprimand"]),
                    ValueKey(element: element.code, options: ["form": "expulsion"]), ValueKey(element: element.code, options: ["form": "warning"])]
        let q1 = Period(code: "2023-Q1")!, q2 = Period(code: "2023-Q2")!
        let bound = BoundValues(sql: test.database as! any SQLDatabase)
        func values(_ root: Organization) async throws -> [Period: [ValueKey: Double]] {
            try await bound.values(element: element, binding: byForm, keys: keys, catalog: .empty, root: root.id, periods: [q1, q2])
        }
        let underA = try await values(fixture.committeeA)
        XCTAssertEqual(underA[q1]?[keys[0]], 2, "two decisions in Q1 under committee A")
        XCTAssertEqual(underA[q1]?[keys[1]], 2)
        XCTAssertEqual(underA[q2]?[keys[2]], 1, "the expulsion of 1/4 is in Q2")
        XCTAssertEqual(underA[q1]?[keys[3]], 0, "C1's warning is not under A")
        let underRoot = try await values(fixture.root)
        XCTAssertEqual(underRoot[q1]?[keys[0]], 3)
        XCTAssertEqual(underRoot[q1]?[keys[3]], 1)

        let committee = ElementBinding(source: "discipline", measure: "membersDisciplined", filters: ["committeeMember": "yes"])
        let committeeValues = try await bound.values(element: element, binding: committee, keys: [keys[0]], catalog: .empty,
                                                     root: fixture.root.id, periods: [q1])
        XCTAssertEqual(committeeValues[q1]?[keys[0]], 1)
        let organizations = ElementBinding(source: "discipline", measure: "organizationsDisciplined", disaggregations: ["level": "level"])
        let cells = ValueKey(element: element.code, options: ["level": OrganizationLevel.subordinateCell.rawValue])
        let organizationValues = try await bound.values(element: element, binding: organizations, keys: [keys[0], cells], catalog: .empty,
                                                        root: fixture.root.id, periods: [q1])
        XCTAssertEqual(organizationValues[q1]?[keys[0]], 1)
        XCTAssertEqual(organizationValues[q1]?[cells], 1, "cell A2 is a subordinate cell")
        let committees = ValueKey(element: element.code, options: ["level": OrganizationLevel.grassrootsCommittee.rawValue])
        let committeeLevel = try await bound.values(element: element, binding: organizations, keys: [committees], catalog: .empty,
                                                    root: fixture.root.id, periods: [q1])
        XCTAssertEqual(committeeLevel[q1]?[committees], 0)
    }
}
