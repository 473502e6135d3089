import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

final class OrganizationTreeTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func testTreeOrderCountsAndDepth() async throws {
        let store = OrganizationStore(database: test.database)
        let nodes = try await store.tree(root: fixture.root.id, on: Day(parsing: "1/1/2020")!)
        XCTAssertEqual(nodes.map(\.organization.code), ["DUK", "CB-B", "DB-C", "CB-C1", "DB-A", "CB-A2", "CB-A1"])
        XCTAssertEqual(nodes.first?.subtreeMemberCount, 8)
        XCTAssertEqual(nodes.first { $0.organization.code == "DB-A" }?.subtreeMemberCount, 5)
        XCTAssertEqual(nodes.first { $0.organization.code == "DB-A" }?.memberCount, 0)
        XCTAssertEqual(nodes.first { $0.organization.code == "CB-A1" }?.depth, 2)
        XCTAssertEqual(nodes.first { $0.organization.code == "DB-A" }?.childCount, 2)
    }

    func testTransferKeepsHistoryAndIsOneAuditEntry() async throws {
        let store = OrganizationStore(database: test.database, clock: { Date(timeIntervalSince1970: 1_700_000_000) })
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        let day = Day(parsing: "12/4/2022")!
        let before = Day(parsing: "31/12/2021")!
        let auditBefore = try await AuditRecord.query(on: test.database).count()
        // Move cells A1 and A2 (5 members) from committee A to committee C.
        let result = try await store.transfer([fixture.cellA1.id, fixture.cellA2.id], to: fixture.committeeC.id, on: day,
                                              decision: "537-QĐ/TU", by: office)
        XCTAssertEqual(result, TransferResult(organizationCount: 2, memberCount: 5))
        let auditAfter = try await AuditRecord.query(on: test.database).count()
        XCTAssertEqual(auditAfter - auditBefore, 1, "a transfer is one audit entry")
        let entry = try await AuditRecord.query(on: test.database).filter(\.$action == "transfer").first()
        XCTAssertTrue(entry?.summary.contains("5 đảng viên") ?? false)

        // The tree as of the earlier date is unchanged; as of the transfer date it has moved.
        let earlier = try await store.tree(root: fixture.root.id, on: before)
        XCTAssertEqual(earlier.first { $0.organization.code == "DB-A" }?.subtreeMemberCount, 5)
        XCTAssertEqual(earlier.first { $0.organization.code == "DB-C" }?.subtreeMemberCount, 1)
        let later = try await store.tree(root: fixture.root.id, on: day)
        XCTAssertEqual(later.first { $0.organization.code == "DB-A" }?.subtreeMemberCount, 0)
        XCTAssertEqual(later.first { $0.organization.code == "DB-C" }?.subtreeMemberCount, 6)
        let parentBefore = try await store.parentID(of: fixture.cellA1.id, on: before)
        let parentAfter = try await store.parentID(of: fixture.cellA1.id, on: day)
        XCTAssertEqual(parentBefore, fixture.committeeA.id)
        XCTAssertEqual(parentAfter, fixture.committeeC.id)
        let history = try await store.history(of: fixture.cellA1.id)
        XCTAssertEqual(history.count, 2)
        XCTAssertEqual(history.first?.validTo, day)
    }

    func testTransferRefusesWrongLevelsAndCyclesAndWritesNothing() async throws {
        let store = OrganizationStore(database: test.database)
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        let day = Day(parsing: "12/4/2022")!
        do {
            _ = try await store.transfer([fixture.cellB.id, fixture.cellA1.id], to: fixture.committeeC.id, on: day, decision: "", by: office)
            XCTFail("a grassroots cell cannot sit under a committee")
        } catch DomainError.invalid(let problems) {
            XCTAssertTrue(problems.contains { $0.message.contains(fixture.cellB.name) })
        }
        do {
            _ = try await store.transfer([fixture.committeeA.id], to: fixture.cellA1.id, on: day, decision: "", by: office)
            XCTFail("cannot move under its own cell")
        } catch DomainError.invalid {}
        let parent = try await store.parentID(of: fixture.cellA1.id, on: day)
        XCTAssertEqual(parent, fixture.committeeA.id, "nothing half-written")
        let transfers = try await AuditRecord.query(on: test.database).filter(\.$action == "transfer").count()
        XCTAssertEqual(transfers, 0)
    }

    func testScopedUsersCannotTouchOtherSubtrees() async throws {
        let store = OrganizationStore(database: test.database)
        let secretaryA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let officeA = fixture.actor(.blocOffice, scope: fixture.committeeA)
        _ = try await store.visible(fixture.cellA1.id, to: secretaryA)
        do { _ = try await store.visible(fixture.cellB.id, to: secretaryA); XCTFail("outside scope visible") } catch DomainError.notFound {}
        do {
            _ = try await store.transfer([fixture.cellA1.id], to: fixture.committeeC.id, on: Day(parsing: "1/1/2022")!, decision: "", by: officeA)
            XCTFail("moved into another subtree")
        } catch DomainError.notFound {}
        do {
            _ = try await store.create(OrganizationDraft(code: "CB-X", name: "Chi bộ X", level: .subordinateCell, unitKind: nil, cluster: nil,
                                                          parentID: fixture.committeeA.id, openedOn: Day(parsing: "1/1/2022")!), by: secretaryA)
            XCTFail("secretary created an organization")
        } catch DomainError.forbidden {}
    }

    func testCreateValidatesAndAudits() async throws {
        let store = OrganizationStore(database: test.database)
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        let draft = OrganizationDraft(code: "CB-A3", name: "Chi bộ Phòng Tổ chức cán bộ", level: .subordinateCell, unitKind: .agency,
                                      cluster: nil, parentID: fixture.committeeA.id, openedOn: Day(parsing: "1/3/2023")!)
        let created = try await store.create(draft, by: office)
        let parent = try await store.parentID(of: created.id, on: Day(parsing: "2/3/2023")!)
        XCTAssertEqual(parent, fixture.committeeA.id)
        let notYet = try await store.parentID(of: created.id, on: Day(parsing: "28/2/2023")!)
        XCTAssertNil(notYet, "not in the tree before it opened")
        var duplicate = draft
        duplicate.name = "Khác"
        do { _ = try await store.create(duplicate, by: office); XCTFail("duplicate code") } catch DomainError.invalid(let p) {
            XCTAssertEqual(p.first?.field, "code")
        }
        let audits = try await AuditRecord.query(on: test.database).filter(\.$entityID == created.id.uuidString).all()
        XCTAssertEqual(audits.map(\.action), ["create"])
    }
}
