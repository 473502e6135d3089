import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

/// The tree opened level by level: the children of one node with their counts (as of a day), the path down to a
/// node, and the organization search of the pickers (diacritics, codes, levels, scope).
final class OrganizationChildrenTests: XCTestCase {
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
    let day2020 = Day(parsing: "1/1/2020")!

    func testChildrenOfOneNodeWithTheirCountsInVietnameseOrder() async throws {
        let store = OrganizationStore(database: test.database)
        let top = try await store.children(of: fixture.root.id, on: day2020)
        XCTAssertEqual(top.map(\.organization.code), ["CB-B", "DB-C", "DB-A"], "Chi bộ … < Đảng bộ Công ty … < Đảng bộ Sở …")
        XCTAssertEqual(top.map(\.childCount), [0, 1, 2])
        XCTAssertEqual(top.map(\.memberCount), [2, 0, 0], "members placed directly, not in the subtree")
        XCTAssertEqual(Set(top.compactMap(\.parentID)), [fixture.root.id])
        let cells = try await store.children(of: fixture.committeeA.id, on: day2020)
        XCTAssertEqual(cells.map(\.organization.code), ["CB-A2", "CB-A1"])
        XCTAssertEqual(cells.map(\.memberCount), [2, 3])
        XCTAssertEqual(cells.map(\.childCount), [0, 0])
        let node = try await store.node(fixture.root.id, on: day2020)
        let root = try XCTUnwrap(node)
        XCTAssertEqual(root.childCount, 3)
        XCTAssertEqual(root.memberCount, 0)
        XCTAssertNil(root.parentID)
        let leaf = try await store.children(of: fixture.cellA1.id, on: day2020)
        XCTAssertTrue(leaf.isEmpty)
        let nothing = try await store.node(UUID(), on: day2020)
        XCTAssertNil(nothing)
    }

    func testMembersOffTheRegistryAreNotCounted() async throws {
        let store = MemberStore(database: test.database)
        var fields = members[0].fields
        fields.status = .deceased
        fields.statusDate = Day(parsing: "1/1/2019")
        _ = try await store.update(members[0].id, fields: fields, version: members[0].version, by: office)
        let cells = try await OrganizationStore(database: test.database).children(of: fixture.committeeA.id, on: day2020)
        XCTAssertEqual(cells.first { $0.organization.id == fixture.cellA1.id }?.memberCount, 2)
    }

    func testChildrenAsTheyWereOnADay() async throws {
        let store = OrganizationStore(database: test.database)
        let day = Day(parsing: "12/4/2022")!
        _ = try await store.transfer([fixture.cellA1.id], to: fixture.committeeC.id, on: day, decision: "", by: office)
        let before = try await store.children(of: fixture.committeeA.id, on: Day(parsing: "11/4/2022")!)
        XCTAssertEqual(before.map(\.organization.code), ["CB-A2", "CB-A1"])
        let after = try await store.children(of: fixture.committeeA.id, on: day)
        XCTAssertEqual(after.map(\.organization.code), ["CB-A2"])
        let underC = try await store.children(of: fixture.committeeC.id, on: day)
        XCTAssertEqual(underC.map(\.organization.code), ["CB-C1", "CB-A1"])
        XCTAssertEqual(underC.map(\.memberCount), [1, 3], "the cell moved with its members")
        let top = try await store.children(of: fixture.root.id, on: day)
        XCTAssertEqual(top.first { $0.organization.code == "DB-C" }?.childCount, 2)
        XCTAssertEqual(top.first { $0.organization.code == "DB-A" }?.childCount, 1)
        // Before the links began (1/1/2010) nothing hangs under the root.
        let empty = try await store.children(of: fixture.root.id, on: Day(parsing: "31/12/2009")!)
        XCTAssertTrue(empty.isEmpty)
        // A member's move counts in the cell where they were placed on each day.
        let memberDay = Day(parsing: "1/3/2023")!
        _ = try await MemberStore(database: test.database).transfer(members[0].id, to: fixture.cellA2.id, on: memberDay, by: office)
        let cellsBefore = try await store.children(of: fixture.committeeA.id, on: Day(parsing: "28/2/2023")!)
        XCTAssertEqual(cellsBefore.map(\.memberCount), [2])
        let cellsAfter = try await store.children(of: fixture.committeeA.id, on: memberDay)
        XCTAssertEqual(cellsAfter.map(\.memberCount), [3])
    }

    func testLongListsOfChildrenAreReadOnByKeyset() async throws {
        let store = OrganizationStore(database: test.database)
        var seen: [String] = []
        var after: KeysetCursor?
        repeat {
            let page = try await store.children(of: fixture.root.id, on: day2020, after: after, limit: 1)
            seen += page.map(\.organization.code)
            after = page.count == 1 ? page.last?.cursor : nil
        } while after != nil && seen.count < 10
        XCTAssertEqual(seen, ["CB-B", "DB-C", "DB-A"])
    }

    func testPathFromTheScopeRootWalksUp() async throws {
        let store = OrganizationStore(database: test.database)
        let path = try await store.path(from: fixture.root.id, to: fixture.cellA1.id, on: day2020)
        XCTAssertEqual(path, [fixture.root.id, fixture.committeeA.id, fixture.cellA1.id])
        let fromA = try await store.path(from: fixture.committeeA.id, to: fixture.cellA1.id, on: day2020)
        XCTAssertEqual(fromA, [fixture.committeeA.id, fixture.cellA1.id])
        let itself = try await store.path(from: fixture.committeeA.id, to: fixture.committeeA.id, on: day2020)
        XCTAssertEqual(itself, [fixture.committeeA.id])
        let outside = try await store.path(from: fixture.committeeC.id, to: fixture.cellA1.id, on: day2020)
        XCTAssertNil(outside)
        let day = Day(parsing: "12/4/2022")!
        _ = try await store.transfer([fixture.cellA1.id], to: fixture.committeeC.id, on: day, decision: "", by: office)
        let moved = try await store.path(from: fixture.committeeC.id, to: fixture.cellA1.id, on: day)
        XCTAssertEqual(moved, [fixture.committeeC.id, fixture.cellA1.id])
        let earlier = try await store.path(from: fixture.committeeC.id, to: fixture.cellA1.id, on: Day(parsing: "1/1/2022")!)
        XCTAssertNil(earlier)
    }

    /// Both ways of checking the scope: join (a large join limit) and walk up (join limit 0).
    func stores() -> [(String, OrganizationStore)] {
        [("join", OrganizationStore(database: test.database, clock: Date.init, scopeJoinLimit: 10_000)),
         ("walkUp", OrganizationStore(database: test.database, clock: Date.init, scopeJoinLimit: 0))]
    }

    func testSearchByNameWithoutDiacriticsOrByCodeInsideTheScope() async throws {
        let secretaryA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        for (name, store) in stores() {
            func codes(_ text: String, _ levels: Set<OrganizationLevel> = [], as actor: Actor) async throws -> [String] {
                try await store.search(text, levels: levels, for: actor).map(\.organization.code)
            }
            let syt = try await codes("so y te", as: office)
            XCTAssertEqual(syt, ["DB-A"], name)
            let typed = try await codes("Sở Y Tế", as: office)
            XCTAssertEqual(typed, ["DB-A"], name)
            let chiBo = try await codes("chi bo", as: office)
            XCTAssertEqual(chiBo, ["CB-B", "CB-C1", "CB-A2", "CB-A1"], "\(name): Vietnamese order")
            let inA = try await codes("chi bo", as: secretaryA)
            XCTAssertEqual(inA, ["CB-A2", "CB-A1"], "\(name): only inside the secretary's committee")
            let cells = try await codes("dang bo", [.subordinateCell], as: office)
            XCTAssertEqual(cells, [], "\(name): level filter")
            let parents = try await codes("dang", [.bloc, .grassrootsCommittee], as: office)
            XCTAssertEqual(parents, ["DB-C", "DUK", "DB-A"], "\(name): Đảng bộ Công ty < Đảng bộ Khối < Đảng bộ Sở")
            // A code, in any case, comes first; a part of a code matches too.
            let code = try await codes("cb-a1", as: office)
            XCTAssertEqual(code, ["CB-A1"], name)
            let partOfCode = try await codes("CB-A", as: office)
            XCTAssertEqual(partOfCode, ["CB-A2", "CB-A1"], name)
            let exactFirst = try await codes("DB-C", as: office)
            XCTAssertEqual(exactFirst, ["DB-C"], name)
            // The other committee's code is not found by the secretary of A.
            let outside = try await codes("CB-B", as: secretaryA)
            XCTAssertEqual(outside, [], name)
            let wildcard = try await codes("%%", as: office)
            XCTAssertEqual(wildcard, [], "\(name): LIKE wildcards are literal")
            let limited = try await store.search("chi bo", for: office, limit: 2)
            XCTAssertEqual(limited.count, 2, name)
        }
        let match = try await OrganizationStore(database: test.database).search("van phong", for: office).first
        XCTAssertEqual(match?.placement, "Chi bộ Văn phòng Sở — Đảng bộ Sở Y tế", "a subordinate cell names its committee")
        let member = fixture.actor(.member, scope: fixture.cellA1)
        do {
            _ = try await OrganizationStore(database: test.database).search("chi bo", for: member)
            XCTFail("a member searched the tree")
        } catch DomainError.forbidden {}
    }

    func testVisibleByCode() async throws {
        let store = OrganizationStore(database: test.database)
        let secretaryA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let found = try await store.visible(code: "cb-a1", to: secretaryA)
        XCTAssertEqual(found.id, fixture.cellA1.id)
        for code in ["CB-B", "KHÔNG-CÓ", ""] {
            do {
                _ = try await store.visible(code: code, to: secretaryA)
                XCTFail("\(code) visible to A")
            } catch DomainError.notFound(let message) {
                XCTAssertTrue(message.contains("phạm vi"), message)
            }
        }
    }

    func testSearchTextIsKeptUpToDateAndFilledInByTheMigration() async throws {
        let store = OrganizationStore(database: test.database)
        var draft = OrganizationDraft(code: "CB-A3", name: "Chi bộ Phòng Tổ chức cán bộ", level: .subordinateCell, unitKind: .agency,
                                      cluster: nil, parentID: fixture.committeeA.id, openedOn: Day(parsing: "1/3/2023")!)
        let created = try await store.create(draft, by: office)
        let found = try await store.search("to chuc can bo", for: office)
        XCTAssertEqual(found.map(\.organization.id), [created.id])
        draft.name = "Chi bộ Phòng Đào tạo"
        _ = try await store.update(created.id, with: draft, by: office)
        let renamed = try await store.search("dao tao", for: office)
        XCTAssertEqual(renamed.map(\.organization.id), [created.id])
        let old = try await store.search("to chuc can bo", for: office)
        XCTAssertTrue(old.isEmpty)
        // Rows written before the column existed are filled in when the migration runs.
        let sql = test.database as! any SQLDatabase
        try await AddOrganizationSearchText().revert(on: test.database)
        try await AddOrganizationSearchText().prepare(on: test.database)
        let text = try await sql.raw("SELECT search_text FROM organizations WHERE code = 'DB-A'").first()?.decode(column: "search_text", as: String.self)
        XCTAssertEqual(text, "dang bo so y te db-a")
    }
}
