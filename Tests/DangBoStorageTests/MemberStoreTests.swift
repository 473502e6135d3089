import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

final class MemberStoreTests: XCTestCase {
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

    var office: Actor { fixture.actor(.blocOffice, scope: fixture.root) }

    func testSearchIgnoresDiacriticsAndCaseOnEveryDatabase() async throws {
        let store = MemberStore(database: test.database)
        for query in ["nguyen thi vinh", "NGUYEN THI VINH", "Nguyễn Thị Vinh", "thi vinh", "100001"] {
            let page = try await store.list(MemberListQuery(text: query), for: office)
            XCTAssertEqual(page.items.map(\.member.fields.fullName), ["Nguyễn Thị Vinh"], query)
        }
        let ds = try await store.list(MemberListQuery(text: "duc"), for: office)
        XCTAssertEqual(Set(ds.items.map(\.member.fields.fullName)), ["Lê Đức Anh", "Đặng Văn Đức"])
        let none = try await store.list(MemberListQuery(text: "100%"), for: office)
        XCTAssertEqual(none.count.value, 0, "LIKE wildcards in the query are literal")
        XCTAssertTrue(none.items.isEmpty)
    }

    func testListSortsByGivenNameInVietnameseOrderAndPages() async throws {
        let store = MemberStore(database: test.database)
        let all = try await store.list(MemberListQuery(pageSize: 100), for: office)
        XCTAssertEqual(all.items.map(\.member.fields.fullName), [
            "Bùi Thị An", "Lê Đức Anh", "Hoàng Thị Ánh", "Trần Văn Bình", "Phạm Thị Dung", "Vũ Văn Dũng",
            "Đặng Văn Đức", "Nguyễn Thị Vinh",
        ])
        let first = try await store.list(MemberListQuery(pageSize: 3), for: office)
        XCTAssertNil(first.previous, "the first page has no previous page")
        let second = try await store.list(MemberListQuery(direction: .after(first.next), pageSize: 3), for: office)
        XCTAssertEqual(second.count, BoundedCount(counted: 8))
        XCTAssertEqual(second.count.text, "8")
        XCTAssertEqual(second.items.map(\.member.fields.fullName), ["Trần Văn Bình", "Phạm Thị Dung", "Vũ Văn Dũng"])
        let third = try await store.list(MemberListQuery(direction: .after(second.next), pageSize: 3), for: office)
        XCTAssertEqual(third.items.map(\.member.fields.fullName), ["Đặng Văn Đức", "Nguyễn Thị Vinh"])
        XCTAssertNil(third.next, "the last page has no next page")
        let back = try await store.list(MemberListQuery(direction: .before(try XCTUnwrap(third.previous)), pageSize: 3), for: office)
        XCTAssertEqual(back.items.map(\.member.id), second.items.map(\.member.id))
    }

    func testScopeLimitsListsAndRecords() async throws {
        let store = MemberStore(database: test.database)
        let secretaryA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let page = try await store.list(MemberListQuery(pageSize: 100), for: secretaryA)
        XCTAssertEqual(page.count.value, 5)
        XCTAssertEqual(page.items.count, 5)
        let outsider = members.first { $0.organizationID == fixture.cellB.id }!
        do { _ = try await store.visible(outsider.id, to: secretaryA); XCTFail("saw outside member") } catch DomainError.notFound {}
        do {
            _ = try await store.update(outsider.id, fields: outsider.fields, version: 1, by: secretaryA)
            XCTFail("changed outside member")
        } catch DomainError.notFound {}
        do {
            _ = try await store.create(Fixture.fields("Người Ngoài", card: "900001"), in: fixture.cellB.id, by: secretaryA)
            XCTFail("created outside")
        } catch DomainError.notFound {}
        do {
            _ = try await store.list(MemberListQuery(organizationID: fixture.cellB.id), for: secretaryA)
            XCTFail("listed outside organization")
        } catch DomainError.notFound {}
        let inspector = fixture.actor(.inspectionCommission, scope: fixture.root)
        do {
            _ = try await store.create(Fixture.fields("Người Mới", card: "900002"), in: fixture.cellB.id, by: inspector)
            XCTFail("read-only role wrote")
        } catch DomainError.forbidden {}
    }

    func testSecondSaveOfTheSameVersionConflicts() async throws {
        let store = MemberStore(database: test.database)
        let member = members[0]
        var first = member.fields
        first.ethnicity = "Tày"
        var second = member.fields
        second.religion = "Phật giáo"
        let saved = try await store.update(member.id, fields: first, version: member.version, by: office)
        XCTAssertEqual(saved.version, member.version + 1)
        do {
            _ = try await store.update(member.id, fields: second, version: member.version, by: office)
            XCTFail("stale save overwrote")
        } catch DomainError.conflict(let message) {
            XCTAssertTrue(message.contains("người khác"))
        }
        let stored = try await store.visible(member.id, to: office).member
        XCTAssertEqual(stored.fields.ethnicity, "Tày")
        XCTAssertEqual(stored.fields.religion, "Không")
        let audits = try await AuditRecord.query(on: test.database).filter(\.$entityID == member.id.uuidString).all()
        XCTAssertEqual(audits.count, 1)
        XCTAssertTrue(audits[0].before?.contains("Kinh") ?? false)
        XCTAssertTrue(audits[0].after?.contains("Tày") ?? false)
    }

    func testTransferKeepsPlacementHistory() async throws {
        let store = MemberStore(database: test.database)
        let member = members[0]
        let day = Day(parsing: "1/3/2023")!
        _ = try await store.transfer(member.id, to: fixture.cellA2.id, on: day, by: office)
        let history = try await store.assignments(of: member.id)
        XCTAssertEqual(history.map(\.organizationID), [fixture.cellA1.id, fixture.cellA2.id])
        XCTAssertEqual(history[0].validTo, day)
        XCTAssertNil(history[1].validTo)
        let orgs = OrganizationStore(database: test.database)
        let before = try await orgs.tree(root: fixture.committeeA.id, on: Day(parsing: "28/2/2023")!)
        XCTAssertEqual(before.first { $0.organization.id == fixture.cellA1.id }?.memberCount, 3)
        let after = try await orgs.tree(root: fixture.committeeA.id, on: day)
        XCTAssertEqual(after.first { $0.organization.id == fixture.cellA1.id }?.memberCount, 2)
        do {
            _ = try await store.transfer(member.id, to: fixture.committeeA.id, on: day, by: office)
            XCTFail("members sit in cells only")
        } catch DomainError.invalid {}
    }

    func testCreateRefusesDuplicateCardAndInvalidFieldsWritingNothing() async throws {
        let store = MemberStore(database: test.database)
        do {
            _ = try await store.create(Fixture.fields("Trùng Thẻ", card: "100001"), in: fixture.cellB.id, by: office)
            XCTFail("duplicate card")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.first?.field, "cardNumber")
        }
        var bad = Fixture.fields("Sai Ngày", card: "900003")
        bad.admissionDate = Day(parsing: "1/1/1990")
        do { _ = try await store.create(bad, in: fixture.cellB.id, by: office); XCTFail("too young") } catch DomainError.invalid {}
        let count = try await MemberRecord.query(on: test.database).count()
        XCTAssertEqual(count, 8)
    }

    func testDeleteIsAudited() async throws {
        let store = MemberStore(database: test.database)
        try await store.delete(members[7].id, by: office)
        let count = try await MemberRecord.query(on: test.database).count()
        XCTAssertEqual(count, 7)
        let audit = try await AuditRecord.query(on: test.database).filter(\.$action == "delete").first()
        XCTAssertEqual(audit?.entityID, members[7].id.uuidString)
    }
}
