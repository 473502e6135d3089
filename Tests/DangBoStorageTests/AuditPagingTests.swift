import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

/// The audit log read by keyset, newest first by (at, id): every entry of the scope once across pages (also among
/// entries written at the same instant), forwards and backwards, with the subtree joined or walked up from, the filters
/// kept, and a count that stops at its limit.
final class AuditPagingTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()
    var entries: [AuditEntry] = []

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
        let start = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let organizations: [UUID?] = [fixture.cellA1.id, fixture.cellA2.id, fixture.committeeA.id, fixture.cellC1.id, nil, fixture.cellB.id]
        for index in 0 ..< 36 {
            // Runs of three entries share an instant: only the id orders them.
            let at = start.addingTimeInterval(Double(index / 3) * 3600.5)
            let entry = AuditEntry(at: at, actorID: nil, actorName: index % 4 == 0 ? "thu" : "lan",
                                   action: index % 5 == 0 ? .transfer : .update, entityType: index % 2 == 0 ? "member" : "organization",
                                   entityID: "e\(index)", organizationID: organizations[index % organizations.count],
                                   summary: "Mục \(index)", before: nil, after: nil)
            try await AuditRecord(entry).create(on: test.database)
            entries.append(entry)
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
    func walk(_ filter: AuditFilter, scope: UUID?, organizations: OrganizationStore, label: String) async throws -> [UUID] {
        let store = AuditStore(database: test.database)
        var pages: [[UUID]] = []
        var page = try await store.list(filter, scope: scope, organizations: organizations)
        XCTAssertNil(page.previous, label)
        pages.append(page.items.map(\.id))
        while let next = page.next, pages.count < 100 {
            var asked = filter
            asked.direction = .after(next)
            page = try await store.list(asked, scope: scope, organizations: organizations)
            XCTAssertNotNil(page.previous, label)
            pages.append(page.items.map(\.id))
        }
        XCTAssertTrue(pages.dropLast().allSatisfy { $0.count == filter.pageSize }, "\(label): only the last page may be short")
        var backwards: [[UUID]] = [pages.last ?? []]
        while let previous = page.previous, backwards.count <= pages.count {
            var asked = filter
            asked.direction = .before(previous)
            page = try await store.list(asked, scope: scope, organizations: organizations)
            backwards.insert(page.items.map(\.id), at: 0)
        }
        XCTAssertEqual(backwards, pages, "\(label): backwards")
        return pages.flatMap { $0 }
    }

    /// The entries that should be listed, newest first (the id, as the databases order uuids, breaks ties).
    func expected(_ keep: (AuditEntry) -> Bool) -> [UUID] {
        entries.filter(keep).sorted { ($0.at, $0.id.uuidString.lowercased()) > ($1.at, $1.id.uuidString.lowercased()) }.map(\.id)
    }

    var subtreeOfA: Set<UUID?> { [fixture.committeeA.id, fixture.cellA1.id, fixture.cellA2.id] }

    func testEveryEntryOfTheScopeOnceNewestFirst() async throws {
        for (name, organizations) in stores() {
            for size in [1, 2, 3, 7, 50] {
                let ids = try await walk(AuditFilter(pageSize: size), scope: fixture.committeeA.id, organizations: organizations,
                                         label: "\(name) size \(size)")
                XCTAssertEqual(ids, expected { subtreeOfA.contains($0.organizationID) }, "\(name) size \(size)")
            }
        }
        // Without a scope every entry is listed, those about no organization and the loader's too.
        let all = try await walk(AuditFilter(pageSize: 8), scope: nil, organizations: OrganizationStore(database: test.database), label: "all")
        XCTAssertEqual(all.count, entries.count + 1)
    }

    func testFiltersAreKept() async throws {
        for (name, organizations) in stores() {
            let transfers = try await walk(AuditFilter(action: .transfer, pageSize: 2), scope: fixture.root.id, organizations: organizations,
                                           label: "\(name) transfers")
            XCTAssertEqual(transfers, expected { $0.action == .transfer && $0.organizationID != nil }, name)
            let byThu = try await walk(AuditFilter(entityType: "member", actorName: "thu", pageSize: 2), scope: fixture.root.id,
                                       organizations: organizations, label: "\(name) thu")
            XCTAssertEqual(byThu, expected { $0.actorName == "thu" && $0.entityType == "member" && $0.organizationID != nil }, name)
        }
        let day = Day(entries[20].at)
        let onDay = try await walk(AuditFilter(from: day, to: day, pageSize: 3), scope: fixture.root.id,
                                   organizations: OrganizationStore(database: test.database), label: "day")
        XCTAssertEqual(onDay, expected { Day($0.at) == day && $0.organizationID != nil })
        XCTAssertFalse(onDay.isEmpty)
    }

    func testTheCountStopsAtItsLimit() async throws {
        for (name, organizations) in stores() {
            let store = AuditStore(database: test.database)
            let exact = try await store.list(AuditFilter(pageSize: 5), scope: fixture.committeeA.id, organizations: organizations)
            XCTAssertEqual(exact.count, BoundedCount(counted: 18, limit: AuditFilter.defaultCountLimit), name)
            let bounded = try await store.list(AuditFilter(pageSize: 5, countLimit: 10), scope: fixture.committeeA.id, organizations: organizations)
            XCTAssertFalse(bounded.count.isExact, name)
            XCTAssertEqual(bounded.count.text, "hơn 10", name)
            let outside = try await store.list(AuditFilter(), scope: fixture.cellB.id, organizations: organizations)
            XCTAssertEqual(outside.items.count, 6, name)
            XCTAssertTrue(outside.items.allSatisfy { $0.organizationID == fixture.cellB.id }, name)
        }
    }
}
