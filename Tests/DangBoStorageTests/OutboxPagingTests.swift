import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

/// The outbox read by keyset, newest first by (created_at, id), within a subtree: every message of the scope once across
/// pages (also among messages queued at the same instant), forwards and backwards, with the subtree joined or walked up
/// from, and a count that stops at its limit. Messages about no organization belong to no subtree.
final class OutboxPagingTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()
    var messages: [OutboxStore.Message] = []

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
        let outbox = OutboxStore(database: test.database)
        let start = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let organizations: [UUID?] = [fixture.cellA1.id, fixture.cellA2.id, fixture.committeeA.id, fixture.cellC1.id, nil, fixture.cellB.id]
        for index in 0 ..< 36 {
            // Runs of three messages share an instant: only the id orders them.
            let at = start.addingTimeInterval(Double(index / 3) * 3600.5)
            let organization = organizations[index % organizations.count]
            let id = try await outbox.enqueue(recipient: "r\(index)@example.vn", subject: "Nhắc nộp \(index)", body: "Thư \(index)",
                                              organizationID: organization, at: at)
            messages.append(.init(id: id, recipient: "r\(index)@example.vn", subject: "Nhắc nộp \(index)", body: "Thư \(index)",
                                  organizationID: organization, createdAt: at, sentAt: nil, error: nil))
        }
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func stores() -> [(String, OrganizationStore)] {
        [("join", OrganizationStore(database: test.database, clock: Date.init, scopeJoinLimit: 10_000)),
         ("walkUp", OrganizationStore(database: test.database, clock: Date.init, scopeJoinLimit: 0))]
    }

    /// Every page forwards, then backwards from the last; the ids in order.
    func walk(under root: UUID, pageSize: Int, organizations: OrganizationStore, label: String) async throws -> [UUID] {
        let store = OutboxStore(database: test.database)
        var pages: [[UUID]] = []
        var page = try await store.page(under: root, organizations: organizations, pageSize: pageSize)
        XCTAssertNil(page.previous, label)
        pages.append(page.items.map(\.id))
        while let next = page.next, pages.count < 100 {
            page = try await store.page(under: root, organizations: organizations, direction: .after(next), pageSize: pageSize)
            XCTAssertNotNil(page.previous, label)
            pages.append(page.items.map(\.id))
        }
        XCTAssertTrue(pages.dropLast().allSatisfy { $0.count == pageSize }, "\(label): only the last page may be short")
        var backwards: [[UUID]] = [pages.last ?? []]
        while let previous = page.previous, backwards.count <= pages.count {
            page = try await store.page(under: root, organizations: organizations, direction: .before(previous), pageSize: pageSize)
            backwards.insert(page.items.map(\.id), at: 0)
        }
        XCTAssertEqual(backwards, pages, "\(label): backwards")
        return pages.flatMap { $0 }
    }

    /// The messages that should be listed, newest first (the id, as the databases order uuids, breaks ties).
    func expected(_ keep: (OutboxStore.Message) -> Bool) -> [UUID] {
        messages.filter(keep).sorted {
            ($0.createdAt, $0.id.uuidString.lowercased()) > ($1.createdAt, $1.id.uuidString.lowercased())
        }.map(\.id)
    }

    var subtreeOfA: Set<UUID?> { [fixture.committeeA.id, fixture.cellA1.id, fixture.cellA2.id] }

    func testEveryMessageOfTheScopeOnceNewestFirst() async throws {
        for (name, organizations) in stores() {
            for size in [1, 2, 3, 7, 50] {
                let ids = try await walk(under: fixture.committeeA.id, pageSize: size, organizations: organizations,
                                         label: "\(name) size \(size)")
                XCTAssertEqual(ids, expected { subtreeOfA.contains($0.organizationID) }, "\(name) size \(size)")
            }
            // The whole bloc: every message about an organization, none of those about no organization.
            let all = try await walk(under: fixture.root.id, pageSize: 8, organizations: organizations, label: "\(name) root")
            XCTAssertEqual(all, expected { $0.organizationID != nil }, name)
        }
    }

    func testAPageCarriesWhatTheOutboxShowsAndTheCountStopsAtItsLimit() async throws {
        for (name, organizations) in stores() {
            let store = OutboxStore(database: test.database)
            let first = try await store.page(under: fixture.committeeA.id, organizations: organizations, pageSize: 5)
            XCTAssertEqual(first.count, BoundedCount(counted: 18, limit: OutboxStore.defaultCountLimit), name)
            let shown = try XCTUnwrap(first.items.first, name)
            let newestID = expected { subtreeOfA.contains($0.organizationID) }.first
            let newest = try XCTUnwrap(messages.first { $0.id == newestID }, name)
            XCTAssertEqual([shown.recipient, shown.subject, shown.body], [newest.recipient, newest.subject, newest.body], name)
            XCTAssertEqual(shown.organizationID, newest.organizationID, name)
            XCTAssertEqual(shown.createdAt.timeIntervalSince1970, newest.createdAt.timeIntervalSince1970, accuracy: 0.001, name)
            let bounded = try await store.page(under: fixture.committeeA.id, organizations: organizations, pageSize: 5, countLimit: 10)
            XCTAssertFalse(bounded.count.isExact, name)
            XCTAssertEqual(bounded.count.text, "hơn 10", name)
            let cell = try await store.page(under: fixture.cellB.id, organizations: organizations)
            XCTAssertEqual(cell.items.count, 6, name)
            XCTAssertTrue(cell.items.allSatisfy { $0.organizationID == fixture.cellB.id }, name)
            XCTAssertNil(cell.next, name)
        }
    }
}
