import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

/// Keyset paging of the member list: every row once across page boundaries (also inside a run of equal names),
/// forwards and backwards, with both ways of checking the scope (joining a small subtree, walking up from candidates
/// of a large one), and a count that stops at its limit.
final class MemberKeysetPagingTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()
    var members: [Member] = []

    override func setUp() async throws {
        test = try await TestDatabase.make()
        members = try await fixture.load(into: test.database)
        // Seven namesakes in cell A1 (equal sort keys: only the id orders them) and two in cell C1.
        let store = MemberStore(database: test.database)
        for index in 0 ..< 9 {
            let cell = index < 7 ? fixture.cellA1 : fixture.cellC1
            members.append(try await store.create(Fixture.fields("Nguyễn Văn An", card: "2000\(index)", gender: .male), in: cell.id, by: office))
        }
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    var office: Actor { fixture.actor(.blocOffice, scope: fixture.root) }

    /// Both strategies: a join limit of 0 makes every subtree "large" (walk up), a large one makes every subtree a join.
    func stores() -> [(String, MemberStore)] {
        [("join", MemberStore(database: test.database, clock: Date.init, scopeJoinLimit: 10_000)),
         ("walkUp", MemberStore(database: test.database, clock: Date.init, scopeJoinLimit: 0))]
    }

    /// Reads every page forwards, then every page backwards from the last; returns the ids in order.
    func walk(_ store: MemberStore, _ query: MemberListQuery, as actor: Actor, label: String) async throws -> [UUID] {
        var pages: [[UUID]] = []
        var page = try await store.list(query, for: actor)
        XCTAssertNil(page.previous, "\(label): first page has no previous")
        pages.append(page.items.map(\.member.id))
        while let next = page.next {
            var asked = query
            asked.direction = .after(next)
            page = try await store.list(asked, for: actor)
            XCTAssertNotNil(page.previous, "\(label): a later page has a previous")
            pages.append(page.items.map(\.member.id))
            XCTAssertLessThan(pages.count, 50, "\(label): paging does not end")
            if pages.count >= 50 { break }
        }
        XCTAssertTrue(pages.dropLast().allSatisfy { $0.count == query.pageSize }, "\(label): only the last page may be short")
        // Backwards from the last page gives the same pages.
        var backwards: [[UUID]] = [pages.last ?? []]
        while let previous = page.previous {
            var asked = query
            asked.direction = .before(previous)
            page = try await store.list(asked, for: actor)
            backwards.insert(page.items.map(\.member.id), at: 0)
            if backwards.count > pages.count { break }
        }
        XCTAssertEqual(backwards, pages, "\(label): backwards")
        return pages.flatMap { $0 }
    }

    func testEveryMemberOnceInOrderAcrossPagesOfEqualNames() async throws {
        let expected = try await MemberRecord.query(on: test.database).filter(\.$status ~~ ["active", "suspended"]).all()
            .sorted { ($0.sortKey, $0.id!.uuidString.lowercased()) < ($1.sortKey, $1.id!.uuidString.lowercased()) }
        for (name, store) in stores() {
            for size in [1, 2, 3, 7, 50] {
                let ids = try await walk(store, MemberListQuery(pageSize: size), as: office, label: "\(name) size \(size)")
                XCTAssertEqual(ids.count, 17, "\(name) size \(size)")
                XCTAssertEqual(Set(ids).count, ids.count, "\(name) size \(size): a member shown twice")
                XCTAssertEqual(ids.map { id in expected.first { $0.id == id }!.sortKey }, expected.map(\.sortKey),
                               "\(name) size \(size): Vietnamese order")
            }
        }
        // Within the namesakes the order is by id, the same on both databases.
        let namesakes = try await walk(stores()[0].1, MemberListQuery(text: "nguyen van an", pageSize: 2), as: office, label: "namesakes")
        XCTAssertEqual(namesakes.count, 9)
        let onPage = try await stores()[0].1.list(MemberListQuery(text: "nguyen van an", pageSize: 100), for: office)
        XCTAssertEqual(namesakes, onPage.items.map(\.member.id))
    }

    func testScopeHoldsForBothStrategies() async throws {
        let secretaryA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let insideA = Set(members.filter { [fixture.cellA1.id, fixture.cellA2.id].contains($0.organizationID) }.map(\.id))
        for (name, store) in stores() {
            let ids = try await walk(store, MemberListQuery(pageSize: 2), as: secretaryA, label: "\(name) A")
            XCTAssertEqual(Set(ids), insideA, name)
            let search = try await walk(store, MemberListQuery(text: "nguyen van an", pageSize: 4), as: secretaryA, label: "\(name) search")
            XCTAssertEqual(search.count, 7, "\(name): the namesakes of C1 are outside committee A")
            let cell = try await store.list(MemberListQuery(organizationID: fixture.cellC1.id, pageSize: 10), for: office)
            XCTAssertEqual(cell.items.count, 3, name)
            XCTAssertEqual(cell.count, BoundedCount(counted: 3), name)
        }
    }

    func testCountStopsAtItsLimit() async throws {
        for (name, store) in stores() {
            let bounded = try await store.list(MemberListQuery(pageSize: 2, countLimit: 10), for: office)
            XCTAssertFalse(bounded.count.isExact, name)
            XCTAssertEqual(bounded.count.value, 10, name)
            XCTAssertEqual(bounded.count.label("đảng viên"), "hơn 10 đảng viên", name)
            let exact = try await store.count(MemberListQuery(countLimit: 17), for: office)
            XCTAssertTrue(exact.isExact, name)
            XCTAssertEqual(exact.value, 17, name)
            let all = try await store.count(MemberListQuery(status: .all), for: office)
            XCTAssertEqual(all.text, "17", name)
        }
        // A name search counts to 1.000, a list to 10.000, unless asked otherwise.
        XCTAssertEqual(MemberListQuery(text: "nguyen").countLimit, 1_000)
        XCTAssertEqual(MemberListQuery(text: "  ").countLimit, 10_000)
        XCTAssertEqual(MemberListQuery().countLimit, 10_000)
        XCTAssertEqual(MemberListQuery(text: "nguyen", countLimit: 50).countLimit, 50)
    }

    func testACursorBetweenRowsAndAnUnknownIdStillPage() async throws {
        let store = MemberStore(database: test.database)
        // A cursor made for a row that no longer exists positions the list where that row would be.
        let first = try await store.list(MemberListQuery(pageSize: 5), for: office)
        let deleted = try XCTUnwrap(first.items.last)
        try await store.delete(deleted.member.id, by: office)
        let next = try await store.list(MemberListQuery(direction: .after(first.next), pageSize: 5), for: office)
        let fresh = try await store.list(MemberListQuery(pageSize: 5), for: office)
        XCTAssertFalse(next.items.contains { $0.member.id == deleted.member.id })
        XCTAssertTrue(Set(next.items.map(\.member.id)).isDisjoint(with: first.items.map(\.member.id)))
        XCTAssertEqual(fresh.items.count, 5)
        // A key sorting before every name gives the first page; after every name, nothing.
        let start = try await store.list(MemberListQuery(direction: .after(KeysetCursor(sortKey: "0", id: UUID())), pageSize: 5), for: office)
        XCTAssertEqual(start.items.map(\.member.id), fresh.items.map(\.member.id))
        let end = try await store.list(MemberListQuery(direction: .after(KeysetCursor(sortKey: "99", id: UUID())), pageSize: 5), for: office)
        XCTAssertTrue(end.items.isEmpty)
        XCTAssertNil(end.next)
    }

    func testATamperedCursorIsRefusedInVietnamese() throws {
        let cursor = KeysetCursor(sortKey: VietnameseText.personSortKey("Nguyễn Văn An"), id: members[0].id)
        XCTAssertEqual(try KeysetCursor(token: cursor.token, field: "after"), cursor)
        var tampered = Array(cursor.token)
        tampered[tampered.count / 2] = tampered[tampered.count / 2] == "A" ? "B" : "A"
        for token in [String(tampered), String(cursor.token.dropLast(3)), "abc", "' OR 1=1 --", String(repeating: "A", count: 20_000)] {
            XCTAssertThrowsError(try KeysetCursor(token: token, field: "after"), token) { error in
                guard case DomainError.invalid(let problems) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(problems.first?.field, "after")
                XCTAssertTrue(problems.first?.message.contains("không hợp lệ") ?? false)
            }
        }
    }

    func testTheWalkUpGivesWayToTheJoinWhenFewCandidatesAreInside() async throws {
        // Committee C has 3 of the 17 members; with room for only 2 candidates the walk-up must hand over to the join.
        let sql = test.database as! any SQLDatabase
        let selection = ScopedSelection(table: "members m", alias: "m", keyColumn: "sort_key", organizationColumn: "organization_id",
                                        conditions: "1 = 1", root: fixture.committeeC.id, day: Day(Date()), scope: .walkUp,
                                        database: sql, maxCandidates: 2)
        let rows = try await selection.rows(.first, limit: 10)
        let insideC = members.filter { $0.organizationID == fixture.cellC1.id }.map(\.id)
        XCTAssertEqual(Set(rows.map(\.id)), Set(insideC))
        let count = try await selection.count(limit: 100)
        XCTAssertEqual(count, 3)
        // A count that reads too few candidates to settle it is finished by the join.
        var small = selection
        small.minCountCandidates = 1
        let unsettled = try await small.walkedUpCount(limit: 3)
        XCTAssertNil(unsettled, "the first 6 members read are outside committee C")
        let settled = try await small.count(limit: 3)
        XCTAssertEqual(settled, 3)
        let capped = try await small.count(limit: 2)
        XCTAssertEqual(capped, 2)
    }

    func testWalkingUpFindsWhatTheJoinFindsWhateverTheIndexWindow() async throws {
        // The walk-up reads the key's index for a window of rows, then asks the filter first when matches are rare
        // there; whatever the window, it must return exactly what joining the subtree returns.
        let sql = test.database as! any SQLDatabase
        for (root, text) in [(fixture.root.id, "an"), (fixture.committeeA.id, "an"), (fixture.root.id, "vinh"), (fixture.committeeC.id, "")] {
            var conditions: SQLQueryString = "m.status IN ('active', 'suspended')"
            if !text.isEmpty { conditions += " AND m.search_name LIKE \(bind: "%" + text + "%")" }
            let join = ScopedSelection(table: "members m", alias: "m", keyColumn: "sort_key", organizationColumn: "organization_id",
                                       conditions: conditions, root: root, day: Day(Date()), scope: .join, database: sql)
            let all = try await join.rows(.first, limit: 100)
            XCTAssertFalse(all.isEmpty, text)
            let middle = all[all.count / 2].cursor
            let after = try await join.rows(.after(middle), limit: 100)
            let before = try await join.rows(.before(middle), limit: 100)
            for windows in [[], [1], [2, 3], [5_000, 50_000]] {
                var walk = join
                walk.scope = .walkUp
                walk.keyWindows = windows
                walk.commonMatches = 1
                let label = "\(text) windows \(windows)"
                let walkedAll = try await walk.rows(.first, limit: 100)
                XCTAssertEqual(walkedAll, all, label)
                let walkedAfter = try await walk.rows(.after(middle), limit: 100)
                XCTAssertEqual(walkedAfter, after, label)
                let walkedBefore = try await walk.rows(.before(middle), limit: 100)
                XCTAssertEqual(walkedBefore, before, label)
                let two = try await walk.rows(.first, limit: 2)
                XCTAssertEqual(two, Array(all.prefix(2)), label)
            }
        }
    }
}
