import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

/// Denunciations and discipline appeals: placed where their subject was on the received date, checked against the
/// actor's subtree and the handler's, each read audited; counted by the bound sources in the handler's subtree.
final class ComplaintRegistryTests: XCTestCase {
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

    var store: ComplaintStore { ComplaintStore(database: test.database) }
    var office: Actor { fixture.actor(.blocOffice, scope: fixture.root) }

    func denunciation(_ member: Member?, organization: Organization? = nil, handler: Organization, actor: InspectionActor = .commission,
                      on day: String) -> Denunciation {
        Denunciation(subjectKind: member == nil ? .organization : .member, memberID: member?.id,
                     organizationID: organization?.id ?? fixture.root.id, handlerOrganizationID: handler.id, actor: actor,
                     receivedOn: Day(parsing: day)!, denouncer: "Đơn nặc danh", content: "Vi phạm quy định về những điều đảng viên không được làm")
    }

    func testADenunciationIsPlacedInTheMembersCellAndReadOnlyByThoseWhoMayEachReadAudited() async throws {
        let a1 = members.first { $0.organizationID == fixture.cellA1.id }!
        let recorded = try await store.record(denunciation(a1, handler: fixture.committeeA, on: "3/4/2023"), by: office)
        XCTAssertEqual(recorded.organizationID, fixture.cellA1.id, "the cell is read from the placements, not typed")

        let committeeA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let found = try await store.denunciation(recorded.id, for: committeeA)
        XCTAssertEqual(found.status, .received)
        let committeeC = fixture.actor(.grassrootsSecretary, scope: fixture.committeeC)
        do {
            _ = try await store.denunciation(recorded.id, for: committeeC)
            XCTFail("another committee read the denunciation")
        } catch DomainError.notFound {}
        let seenByC = try await store.denunciations(ofMember: a1.id, for: committeeC)
        XCTAssertEqual(seenByC, [])
        // The member denounced does not see the denunciation.
        var subject = fixture.actor(.member, scope: fixture.cellA1)
        subject.memberID = a1.id
        let ownDenunciations = try await store.denunciations(ofMember: a1.id, for: subject)
        XCTAssertEqual(ownDenunciations, [])
        let page = try await store.denunciationPage(for: committeeA, organizations: OrganizationStore(database: test.database))
        XCTAssertEqual(page.items.map(\.item.id), [recorded.id])
        XCTAssertEqual(page.items.first?.memberName, a1.fields.fullName)
        let pageOfC = try await store.denunciationPage(for: committeeC, organizations: OrganizationStore(database: test.database))
        XCTAssertEqual(pageOfC.items.count, 0)

        let views = try await AuditRecord.query(on: test.database).filter(\.$action == AuditAction.view.rawValue).all()
        XCTAssertEqual(views.count, 2, "committee A's read and its list")
        XCTAssertTrue(views.allSatisfy { $0.entityID == recorded.id.uuidString && $0.actorName == committeeA.username })

        // Concluding is an update audited with before and after.
        let concluded = try await store.conclude(denunciation: recorded.id, with: .init(
            concludedOn: Day(parsing: "2/5/2023")!, outcome: .founded, violation: true, disciplineRequired: true, conclusionNumber: "5-TB/ĐU"),
                                                 by: committeeA)
        XCTAssertEqual(concluded.status, .resolved)
        let update = try await AuditRecord.query(on: test.database).filter(\.$action == AuditAction.update.rawValue).first()
        XCTAssertNotNil(update?.before)
        XCTAssertTrue(update?.after?.contains("founded") ?? false)
        do {
            _ = try await store.conclude(denunciation: recorded.id, with: .init(concludedOn: Day(parsing: "2/5/2023")!, outcome: .founded,
                                                                                 conclusionNumber: "6"), by: committeeC)
            XCTFail("another committee concluded it")
        } catch DomainError.notFound {}
        let stored = try await DenunciationRecord.find(recorded.id, on: test.database)
        XCTAssertEqual(stored?.conclusionNumber, "5-TB/ĐU")
    }

    func testWritesOutsideTheScopeOrBelowTheSubjectAreRefusedWithNothingWritten() async throws {
        let a1 = members.first { $0.organizationID == fixture.cellA1.id }!
        let secretaryC = fixture.actor(.grassrootsSecretary, scope: fixture.committeeC)
        do {
            _ = try await store.record(denunciation(a1, handler: fixture.committeeC, on: "3/4/2023"), by: secretaryC)
            XCTFail("recorded outside the subtree")
        } catch DomainError.notFound {}
        do {
            _ = try await store.record(denunciation(nil, organization: fixture.committeeA, handler: fixture.cellA1, on: "3/4/2023"), by: office)
            XCTFail("a cell handles a denunciation against its committee")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["handlerOrganizationID"])
        }
        do {
            _ = try await store.record(denunciation(a1, handler: fixture.root, on: "3/4/2010"), by: office)
            XCTFail("recorded on a day the member had no cell")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["receivedOn"])
        }
        do {
            _ = try await store.record(denunciation(a1, handler: fixture.root, on: "3/4/2023"), by: fixture.actor(.member, scope: fixture.cellA1))
            XCTFail("a member recorded a denunciation")
        } catch DomainError.forbidden {}
        let written = try await DenunciationRecord.query(on: test.database).count()
        let audited = try await AuditRecord.query(on: test.database).filter(\.$entityType == "denunciation").count()
        XCTAssertEqual([written, audited], [0, 0])
    }

    func testTheBoundSourceCountsDenunciationsWhereTheHandlerIsByOutcome() async throws {
        let inA1 = members.filter { $0.organizationID == fixture.cellA1.id }
        let inC1 = members.first { $0.organizationID == fixture.cellC1.id }!
        func conclude(_ item: Denunciation, _ outcome: DenunciationOutcome, on day: String, violation: Bool = false) async throws {
            _ = try await store.conclude(denunciation: item.id, with: .init(concludedOn: Day(parsing: day)!, outcome: outcome, violation: violation,
                                                                            conclusionNumber: "1-TB"), by: office)
        }
        let first = try await store.record(denunciation(inA1[0], handler: fixture.committeeA, actor: .committee, on: "10/1/2023"), by: office)
        try await conclude(first, .founded, on: "20/2/2023", violation: true)
        let second = try await store.record(denunciation(inA1[1], handler: fixture.committeeA, on: "15/3/2023"), by: office)
        try await conclude(second, .unfounded, on: "5/4/2023")
        let third = try await store.record(denunciation(nil, organization: fixture.cellA2, handler: fixture.committeeA, on: "1/2/2023"), by: office)
        try await conclude(third, .partlyFounded, on: "1/3/2023")
        // Against a member of A1 but handled by the bloc: counted at the bloc, not under committee A.
        _ = try await store.record(denunciation(inA1[2], handler: fixture.root, on: "2/2/2023"), by: office)
        _ = try await store.record(denunciation(inC1, handler: fixture.committeeC, on: "5/2/2023"), by: office)

        let element = DataElement(code: "tocao", name: "Tố cáo", type: .count, aggregation: .sum, categories: ["outcome", "subject"],
                                  binding: nil)
        let q1 = Period(code: "2023-Q1")!, q2 = Period(code: "2023-Q2")!
        let bound = BoundValues(sql: test.database as! any SQLDatabase)
        func value(_ binding: ElementBinding, _ options: [String: String] = [:], root: Organization? = nil,
                   period: Period) async throws -> Double? {
            let key = ValueKey(element: element.code, options: options)
            return try await bound.values(element: element, binding: binding, keys: [key], catalog: .empty, root: (root ?? fixture.committeeA).id,
                                          periods: [q1, q2])[period]?[key]
        }
        let received = ElementBinding(source: "denunciations", measure: "received", disaggregations: ["subject": "subject"])
        let receivedUnderA = try await value(received, period: q1)
        XCTAssertEqual(receivedUnderA, 3, "three received in Q1 handled by committee A")
        let organizationsUnderA = try await value(received, ["subject": "organization"], period: q1)
        XCTAssertEqual(organizationsUnderA, 1)
        let receivedAtRoot = try await value(received, root: fixture.root, period: q1)
        XCTAssertEqual(receivedAtRoot, 5)
        let receivedUnderC = try await value(received, root: fixture.committeeC, period: q1)
        XCTAssertEqual(receivedUnderC, 1)

        let resolved = ElementBinding(source: "denunciations", measure: "resolved", disaggregations: ["outcome": "outcome"])
        let resolvedQ1 = try await value(resolved, period: q1)
        XCTAssertEqual(resolvedQ1, 2, "concluded on 20/2 and 1/3")
        let unfoundedQ2 = try await value(resolved, ["outcome": "unfounded"], period: q2)
        XCTAssertEqual(unfoundedQ2, 1, "concluded on 5/4")
        let founded = try await value(ElementBinding(source: "denunciations", measure: "resolved", filters: ["founded": "yes"]), period: q1)
        XCTAssertEqual(founded, 2, "founded and partly founded")
        let violation = try await value(ElementBinding(source: "denunciations", measure: "resolved", filters: ["violation": "yes"]), period: q1)
        XCTAssertEqual(violation, 1)
        let byCommittee = try await value(ElementBinding(source: "denunciations", measure: "received", filters: ["actor": "committee"]), period: q1)
        XCTAssertEqual(byCommittee, 1)
    }

    func testAnAppealIsTheDecisionsSubjectsWithinAMonthAndIsCountedByOutcome() async throws {
        let a1 = members.first { $0.organizationID == fixture.cellA1.id }!
        let decision = try await DisciplineStore(database: test.database).record(DisciplineDecision(
            subjectKind: .member, memberID: a1.id, organizationID: fixture.root.id, form: .warning, decidedBy: .partyCommittee,
            deciderOrganizationID: fixture.committeeA.id, decisionDate: Day(parsing: "1/3/2023")!, number: "3-QĐ/ĐU", reason: "Vi phạm"), by: office)
        func appeal(_ member: Member, on day: String) -> DisciplineAppeal {
            DisciplineAppeal(subjectKind: .member, memberID: member.id, organizationID: fixture.root.id, decisionID: decision.id,
                             handlerOrganizationID: fixture.root.id, actor: .commission, receivedOn: Day(parsing: day)!,
                             content: "Đề nghị xem xét lại")
        }
        do {
            _ = try await store.record(appeal(a1, on: "5/4/2023"), by: office)
            XCTFail("an appeal after the month was recorded")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["receivedOn"])
        }
        do {
            _ = try await store.record(appeal(members.first { $0.id != a1.id }!, on: "5/3/2023"), by: office)
            XCTFail("another member appealed this decision")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["decisionID"])
        }
        let recorded = try await store.record(appeal(a1, on: "20/3/2023"), by: office)
        XCTAssertEqual(recorded.organizationID, fixture.cellA1.id)
        _ = try await store.conclude(appeal: recorded.id, on: Day(parsing: "10/4/2023")!, outcome: .lowered, number: "2-TB/UBKTĐUK", by: office)

        // The member reads the appeal they made; committee C does not.
        var subject = fixture.actor(.member, scope: fixture.cellA1)
        subject.memberID = a1.id
        let own = try await store.appeals(ofMember: a1.id, for: subject)
        XCTAssertEqual(own.map(\.outcome), [.lowered])
        let seenByC = try await store.appeals(ofMember: a1.id, for: fixture.actor(.grassrootsSecretary, scope: fixture.committeeC))
        XCTAssertEqual(seenByC, [])

        let element = DataElement(code: "khieunai", name: "Khiếu nại", type: .count, aggregation: .sum, categories: ["outcome"], binding: nil)
        let binding = ElementBinding(source: "appeals", measure: "resolved", disaggregations: ["outcome": "outcome"])
        let keys = [ValueKey(element: element.code, options: ["outcome": "lowered"]), ValueKey(element: element.code, options: ["outcome": "kept"])]
        let q1 = Period(code: "2023-Q1")!, q2 = Period(code: "2023-Q2")!
        let bound = BoundValues(sql: test.database as! any SQLDatabase)
        let atRoot = try await bound.values(element: element, binding: binding, keys: keys, catalog: .empty, root: fixture.root.id, periods: [q1, q2])
        XCTAssertEqual(atRoot[q2]?[keys[0]], 1)
        XCTAssertEqual(atRoot[q2]?[keys[1]], 0)
        XCTAssertEqual(atRoot[q1]?[keys[0]], 0)
        let underA = try await bound.values(element: element, binding: binding, keys: keys, catalog: .empty, root: fixture.committeeA.id, periods: [q2])
        XCTAssertEqual(underA[q2]?[keys[0]], 0, "handled by the bloc, not by committee A")
        let received = ElementBinding(source: "appeals", measure: "received", filters: ["violation": "yes"])
        let total = ValueKey(element: element.code)
        let unknown = try await bound.values(element: element, binding: received, keys: [total], catalog: .empty, root: fixture.root.id, periods: [q1])
        XCTAssertEqual(unknown[q1]?[total], 0, "appeals have no violation attribute")
    }
}
