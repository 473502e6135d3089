import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

/// The organization list of the API read by keyset: a subtree (joined or walked up from) or the children of one node,
/// every organization once in Vietnamese order, with its parent and counts.
final class OrganizationPageTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func stores() -> [(String, OrganizationStore)] {
        [("join", OrganizationStore(database: test.database, clock: Date.init, scopeJoinLimit: 10_000)),
         ("walkUp", OrganizationStore(database: test.database, clock: Date.init, scopeJoinLimit: 0))]
    }

    func walk(_ read: (KeysetDirection) async throws -> OrganizationPage, pageSize: Int, label: String) async throws -> [OrganizationChild] {
        var pages: [[OrganizationChild]] = []
        var page = try await read(.first)
        pages.append(page.items)
        while let next = page.next, pages.count < 50 {
            page = try await read(.after(next))
            pages.append(page.items)
        }
        XCTAssertTrue(pages.dropLast().allSatisfy { $0.count == pageSize }, label)
        var backwards: [[OrganizationChild]] = [pages.last ?? []]
        while let previous = page.previous, backwards.count <= pages.count {
            page = try await read(.before(previous))
            backwards.insert(page.items, at: 0)
        }
        XCTAssertEqual(backwards, pages, "\(label): backwards")
        return pages.flatMap { $0 }
    }

    func testASubtreeIsListedOnceInVietnameseOrderWithParentsAndCounts() async throws {
        let day = Day(parsing: "1/1/2024")!
        for (name, store) in stores() {
            for size in [1, 2, 3, 10] {
                let all = try await walk({ try await store.subtreePage(root: self.fixture.root.id, on: day, direction: $0, pageSize: size) },
                                         pageSize: size, label: "\(name) \(size)")
                XCTAssertEqual(all.map(\.organization.code), ["CB-B", "CB-C1", "CB-A2", "CB-A1", "DB-C", "DUK", "DB-A"], "\(name) \(size)")
                XCTAssertNil(all.first { $0.organization.code == "DUK" }?.parentID, "the root of the view has no parent")
                XCTAssertEqual(all.first { $0.organization.code == "CB-A1" }?.parentID, fixture.committeeA.id)
                XCTAssertEqual(all.first { $0.organization.code == "CB-A1" }?.memberCount, 3)
                XCTAssertEqual(all.first { $0.organization.code == "DB-A" }?.childCount, 2)
            }
            let ofA = try await store.subtreePage(root: fixture.committeeA.id, on: day)
            XCTAssertEqual(Set(ofA.items.map(\.organization.code)), ["DB-A", "CB-A1", "CB-A2"], name)
            XCTAssertEqual(ofA.count, BoundedCount(counted: 3))
            let bounded = try await store.subtreePage(root: fixture.root.id, on: day, countLimit: 5)
            XCTAssertEqual(bounded.count.text, "hơn 5")
        }
        // Before the links began (1/1/2010) the root stands alone.
        let early = try await OrganizationStore(database: test.database).subtreePage(root: fixture.root.id, on: Day(parsing: "1/1/2009")!)
        XCTAssertEqual(early.items.map(\.organization.code), ["DUK"])
    }

    func testTheChildrenOfANodeArePagedFromTheIndexOnTheParent() async throws {
        let store = OrganizationStore(database: test.database)
        let day = Day(parsing: "1/1/2024")!
        let children = try await walk({ try await store.childrenPage(of: self.fixture.root.id, on: day, direction: $0, pageSize: 2) },
                                      pageSize: 2, label: "children")
        XCTAssertEqual(children.map(\.organization.code), ["CB-B", "DB-C", "DB-A"])
        XCTAssertTrue(children.allSatisfy { $0.parentID == fixture.root.id })
        let page = try await store.childrenPage(of: fixture.root.id, on: day)
        XCTAssertEqual(page.count, BoundedCount(counted: 3))
    }
}
