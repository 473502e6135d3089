import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

final class ReportStoreTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func quarter(_ q: Int, _ year: Int) -> PeriodSlot {
        let startMonth = (q - 1) * 3 + 1
        let endMonth = startMonth + 2
        return PeriodSlot(code: "\(year)-Q\(q)", start: Day(year: year, month: startMonth, day: 1)!,
                          end: Day(year: year, month: endMonth, day: Day.daysIn(month: endMonth, year: year))!)
    }

    var clerk: Actor { fixture.actor(.grassrootsSecretary, scope: fixture.committeeA) }

    func testSaveKeepsHistoryAndRefusesStaleVersions() async throws {
        let store = ReportStore(database: test.database)
        let q1 = quarter(1, 2022)
        let first = try await store.save(form: "PL8.1", organization: fixture.cellA1.id, period: q1,
                                         cells: [StoredCell(row: "r1a", column: "n", number: 5), StoredCell(row: "r1b", column: "n", number: 1)],
                                         version: 0, submit: false, comment: nil, by: clerk)
        XCTAssertEqual(first.version, 1)
        XCTAssertEqual(first.cells.count, 2)
        let second = try await store.save(form: "PL8.1", organization: fixture.cellA1.id, period: q1,
                                          cells: [StoredCell(row: "r1a", column: "n", number: 7), StoredCell(row: "r1b", column: "n", number: 1)],
                                          version: 1, submit: false, comment: "sửa số", by: clerk)
        XCTAssertEqual(second.version, 2)
        do {
            _ = try await store.save(form: "PL8.1", organization: fixture.cellA1.id, period: q1,
                                     cells: [StoredCell(row: "r1a", column: "n", number: 9)], version: 1, submit: false,
                                     comment: nil, by: clerk)
            XCTFail("stale save accepted")
        } catch DomainError.conflict {}
        let history = try await store.history(entryID: first.id)
        XCTAssertEqual(history.count, 3, "two cells created, one changed")
        let change = try XCTUnwrap(history.first { $0.oldValue == "5" })
        XCTAssertEqual(change.newValue, "7")
        XCTAssertEqual(change.comment, "sửa số")
        let stored = try await store.entry(form: "PL8.1", organization: fixture.cellA1.id, period: q1.code)
        XCTAssertEqual(stored?.cells.first { $0.row == "r1a" }?.number, 7)
    }

    func testReviewNeedsTheCurrentVersionAndAReasonToReturn() async throws {
        let store = ReportStore(database: test.database)
        let entry = try await store.save(form: "PL8.1", organization: fixture.cellB.id, period: quarter(1, 2022),
                                         cells: [StoredCell(row: "r1a", column: "n", number: 3)], version: 0, submit: true,
                                         comment: nil, by: clerk)
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        do { _ = try await store.review(entry.id, version: entry.version, to: .returned, comment: " ", by: office); XCTFail("no reason") } catch DomainError.invalid {}
        let returned = try await store.review(entry.id, version: entry.version, to: .returned, comment: "Thiếu số liệu quý", by: office)
        XCTAssertEqual(returned.status, .returned)
        XCTAssertEqual(returned.reviewComment, "Thiếu số liệu quý")
        do { _ = try await store.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office); XCTFail("stale") } catch DomainError.conflict {}
    }

    func testRollUpSumsTheSubtreeAsItWasAndKeepsHistoryWhenOrganizationsMove() async throws {
        let store = ReportStore(database: test.database)
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        for (org, q, n) in [(fixture.cellA1.id, 1, 4.0), (fixture.cellA2.id, 1, 6.0), (fixture.cellA1.id, 2, 10.0), (fixture.cellC1.id, 1, 100.0)] {
            let e = try await store.save(form: "F", organization: org, period: quarter(q, 2022),
                                         cells: [StoredCell(row: "r", column: "n", number: n), StoredCell(row: "members", column: "n", number: n * 10)],
                                         version: 0, submit: true, comment: nil, by: clerk)
            _ = try await store.review(e.id, version: e.version, to: .approved, comment: nil, by: office)
        }
        let rollUp = ReportRollUp(database: test.database)
        let approved: Set<EntryStatus> = [.approved]
        let year = try await rollUp.values(form: "F", root: fixture.committeeA.id, from: Day(parsing: "1/1/2022")!, to: Day(parsing: "31/12/2022")!,
                                           statuses: approved, stockRows: ["members"])
        XCTAssertEqual(year.numbers["r:n"], 20)
        XCTAssertEqual(year.numbers["members:n"], 160,
                       "a stock takes each organization's latest value, not the sum: A1's Q2 (100) and A2's Q1 (60; it skipped Q2)")
        let q1Before = try await rollUp.values(form: "F", root: fixture.committeeA.id, from: Day(parsing: "1/1/2022")!,
                                               to: Day(parsing: "31/3/2022")!, statuses: approved)
        XCTAssertEqual(q1Before.numbers["r:n"], 10)

        // Cell A1 moves to committee C from 1/5/2022: Q1 totals stay; Q2 follows the new tree.
        _ = try await OrganizationStore(database: test.database)
            .transfer([fixture.cellA1.id], to: fixture.committeeC.id, on: Day(parsing: "1/5/2022")!, decision: "", by: office)
        let q1After = try await rollUp.values(form: "F", root: fixture.committeeA.id, from: Day(parsing: "1/1/2022")!,
                                              to: Day(parsing: "31/3/2022")!, statuses: approved)
        XCTAssertEqual(q1After, q1Before)
        let q2A = try await rollUp.values(form: "F", root: fixture.committeeA.id, from: Day(parsing: "1/4/2022")!,
                                          to: Day(parsing: "30/6/2022")!, statuses: approved)
        XCTAssertNil(q2A.numbers["r:n"])
        let q2C = try await rollUp.values(form: "F", root: fixture.committeeC.id, from: Day(parsing: "1/4/2022")!,
                                          to: Day(parsing: "30/6/2022")!, statuses: approved)
        XCTAssertEqual(q2C.numbers["r:n"], 10)
        let bloc = try await rollUp.values(form: "F", root: fixture.root.id, from: Day(parsing: "1/1/2022")!,
                                           to: Day(parsing: "31/12/2022")!, statuses: approved)
        XCTAssertEqual(bloc.numbers["r:n"], 120)
        // Submitted-but-not-approved entries count only when asked for.
        _ = try await store.save(form: "F", organization: fixture.cellB.id, period: quarter(3, 2022),
                                 cells: [StoredCell(row: "r", column: "n", number: 1)], version: 0, submit: true,
                                 comment: nil, by: office)
        // Whoever submitted a report does not approve it.
        let own = try await store.entry(form: "F", organization: fixture.cellB.id, period: quarter(3, 2022).code)
        do {
            _ = try await store.review(try XCTUnwrap(own).id, version: own?.version ?? 0, to: .approved, comment: nil, by: office)
            XCTFail("approved own submission")
        } catch DomainError.forbidden {}
        let withSubmitted = try await rollUp.values(form: "F", root: fixture.root.id, from: Day(parsing: "1/1/2022")!,
                                                    to: Day(parsing: "31/12/2022")!, statuses: [.approved, .submitted])
        XCTAssertEqual(withSubmitted.numbers["r:n"], 121)
    }
}
