import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

/// The reporting rate computed in the database: counts for the subtree and per direct child that add up and equal the
/// list; the list paged by keyset with every reporter exactly once (joining a small subtree and walking up from
/// candidates of a large one); the outcome filter; the tree as it was at each period's end; contacts of a page.
final class ReportingRateQueryTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()
    /// Cells A3 … A12 under committee A, C2 … C6 under committee C, one cell closed before 2024 and one opened after Q1.
    var extraA: [Organization] = []
    var extraC: [Organization] = []
    var closed: Organization!
    var late: Organization!

    let q1 = Period(code: "2024-Q1")!
    let q2 = Period(code: "2024-Q2")!
    let reporters = Reporters(levels: [.grassrootsCommittee, .grassrootsCell, .subordinateCell])

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
        let opened = Day(parsing: "1/1/2015")!
        func cell(_ code: String, _ name: String, opened: Day = opened, closed: Day? = nil) -> Organization {
            Organization(code: code, name: name, level: .subordinateCell, unitKind: .agency, cluster: nil, openedOn: opened, closedOn: closed)
        }
        extraA = (3 ... 12).map { cell("CB-A\($0)", "Chi bộ Phòng số \($0)") }
        extraC = (2 ... 6).map { cell("CB-C\($0)", "Chi bộ Cửa hàng số \($0)") }
        closed = cell("CB-X", "Chi bộ Đã giải thể", closed: Day(parsing: "1/12/2023")!)
        late = cell("CB-Y", "Chi bộ Mới lập", opened: Day(parsing: "1/5/2024")!)
        let links = extraA.map { OrganizationLink(organizationID: $0.id, parentID: fixture.committeeA.id, validFrom: opened) }
            + (extraC + [closed, late]).map { OrganizationLink(organizationID: $0.id, parentID: fixture.committeeC.id, validFrom: opened) }
        try await BulkLoader(database: test.database).load(organizations: extraA + extraC + [closed, late], links: links, members: [],
                                                           assignments: [], summary: "rate test")
        // Q1 2024 is due on 10/4/2024 (ten days after its end).
        try await entry(fixture.cellA1, "submitted", at: "2024-04-05T03:00:00Z")
        try await entry(fixture.cellA2, "approved", at: "2024-04-10T17:30:00Z") // 00:30 on 11/4 in Vietnam: late
        try await entry(extraA[0], "approved", at: "2024-04-10T16:30:00Z")      // 23:30 on 10/4 in Vietnam: on time
        try await entry(extraA[1], "returned", at: nil, comment: "Thiếu số liệu dòng 2")
        try await entry(extraA[2], "draft", at: nil)
        try await entry(fixture.cellB, "submitted", at: "2024-05-01T03:00:00Z")
        try await entry(fixture.committeeC, "draft", at: nil)
        try await entry(fixture.cellC1, "returned", at: nil)
        try await entry(extraA[3], "submitted", at: "2024-04-01T03:00:00Z", form: "OTHER")
        try await entry(extraA[4], "submitted", at: "2024-07-01T03:00:00Z", period: q2)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func entry(_ organization: Organization, _ status: String, at instant: String?, comment: String? = nil, form: String = "F",
               period: Period? = nil) async throws {
        let period = period ?? q1
        let record = ReportEntryRecord()
        record.id = UUID()
        record.formCode = form
        record.organizationID = organization.id
        record.periodCode = period.code
        record.periodStart = period.start.iso
        record.periodEnd = period.end.iso
        record.status = status
        record.version = 1
        record.submittedAt = try instant.map { try Date($0, strategy: .iso8601) }
        record.reviewComment = comment
        record.updatedAt = Date()
        record.updatedBy = "test"
        try await record.create(on: test.database)
    }

    func question(_ period: Period) -> RateQuestion {
        RateQuestion(formCode: "F", reporters: reporters, period: period, dueDate: period.end.adding(days: 10))
    }

    /// Both ways of checking the scope of the list.
    var queries: [(String, ReportingRateQuery)] {
        [("join", ReportingRateQuery(database: test.database, scopeJoinLimit: 10_000)),
         ("walkUp", ReportingRateQuery(database: test.database, scopeJoinLimit: 0))]
    }

    /// Every page forwards, then backwards from the last; the lines in order.
    func walk(_ query: ReportingRateQuery, root: UUID, outcomes: Set<ReporterOutcome> = [], pageSize: Int, period: Period? = nil,
              label: String) async throws -> [ReporterLine] {
        let question = question(period ?? q1)
        var pages: [[ReporterLine]] = []
        var page = try await query.reporters(question, root: root, outcomes: outcomes, pageSize: pageSize)
        XCTAssertNil(page.previous, label)
        pages.append(page.lines)
        while let next = page.next, pages.count < 100 {
            page = try await query.reporters(question, root: root, outcomes: outcomes, direction: .after(next), pageSize: pageSize)
            pages.append(page.lines)
        }
        XCTAssertTrue(pages.dropLast().allSatisfy { $0.count == pageSize }, "\(label): only the last page may be short")
        var backwards: [[ReporterLine]] = [pages.last ?? []]
        while let previous = page.previous, backwards.count <= pages.count {
            page = try await query.reporters(question, root: root, outcomes: outcomes, direction: .before(previous), pageSize: pageSize)
            backwards.insert(page.lines, at: 0)
        }
        XCTAssertEqual(backwards.map { $0.map(\.organization.id) }, pages.map { $0.map(\.organization.id) }, "\(label): backwards")
        return pages.flatMap { $0 }
    }

    func tally(_ lines: [ReporterLine]) -> ReportingRate {
        ReportingRate(outcomes: lines.map(\.outcome))
    }

    func testCountsOfTheSubtreeAndOfEachChildAddUpAndEqualTheList() async throws {
        let query = ReportingRateQuery(database: test.database)
        let totals = try await query.totals([question(q1)], root: fixture.root.id)
        let total = try XCTUnwrap(totals[q1])
        // Expected: committee A and its 12 cells, cell B, committee C and its 6 cells open in Q1 (not the closed one,
        // not the one opened in May), so 21; the root (a bloc) does not report.
        XCTAssertEqual(total.rate.expected, 21)
        XCTAssertEqual(total.rate.onTime, 2)   // A1, A3 (23:30 on the due day)
        XCTAssertEqual(total.rate.late, 2)     // A2 (00:30 the day after), B
        XCTAssertEqual(total.rate.returned, 2) // A4, C1
        XCTAssertEqual(total.rate.draft, 2)    // A5, C
        XCTAssertEqual(total.rate.missing, 13) // an entry of another form or period does not count
        XCTAssertNil(total.own)

        let branches = try await query.branches(question(q1), root: fixture.root.id)
        XCTAssertNil(branches.next)
        XCTAssertEqual(branches.branches.map(\.organization.code), ["CB-B", "DB-C", "DB-A"]) // Vietnamese order of the names
        var sum = ReportingRate(outcomes: [])
        for branch in branches.branches {
            for outcome in ReporterOutcome.allCases { sum.add(outcome, count: branch.rate.count(of: [outcome])) }
            // A child's counts are the counts of its own page, and of its list.
            let own = try await query.totals([question(q1)], root: branch.organization.id)[q1]
            XCTAssertEqual(own?.rate, branch.rate, branch.organization.code)
            XCTAssertNotNil(own?.own, "\(branch.organization.code) reports itself")
            for (name, listing) in queries {
                let lines = try await walk(listing, root: branch.organization.id, pageSize: 4, label: "\(name) \(branch.organization.code)")
                XCTAssertEqual(tally(lines), branch.rate, "\(name) \(branch.organization.code)")
            }
        }
        XCTAssertEqual(sum, total.rate)
        XCTAssertEqual(branches.branches.first { $0.organization.code == "DB-A" }?.rate.expected, 13)

        // Children page by keyset too.
        let first = try await query.branches(question(q1), root: fixture.root.id, limit: 2)
        XCTAssertEqual(first.branches.count, 2)
        let rest = try await query.branches(question(q1), root: fixture.root.id, after: try XCTUnwrap(first.next), limit: 2)
        XCTAssertEqual((first.branches + rest.branches).map(\.organization.code), ["CB-B", "DB-C", "DB-A"])
        XCTAssertNil(rest.next)
    }

    func testPagingReturnsEveryReporterExactlyOnceInVietnameseOrder() async throws {
        let expected = try await OrganizationRecord.query(on: test.database).all()
            .filter { [OrganizationLevel.grassrootsCommittee.rawValue, OrganizationLevel.grassrootsCell.rawValue,
                       OrganizationLevel.subordinateCell.rawValue].contains($0.level) && !["CB-X", "CB-Y"].contains($0.code) }
            .sorted { ($0.nameKey, $0.id!.uuidString.lowercased()) < ($1.nameKey, $1.id!.uuidString.lowercased()) }
        XCTAssertEqual(expected.count, 21)
        for (name, query) in queries {
            for size in [1, 2, 5, 20, 100] {
                let lines = try await walk(query, root: fixture.root.id, pageSize: size, label: "\(name) size \(size)")
                XCTAssertEqual(lines.map(\.organization.id), expected.map(\.id), "\(name) size \(size)")
            }
        }
    }

    func testTheListFiltersByOutcome() async throws {
        let total = try await ReportingRateQuery(database: test.database).totals([question(q1)], root: fixture.root.id)[q1]!.rate
        for (name, query) in queries {
            let overdue = try await walk(query, root: fixture.root.id, outcomes: [.late, .missing], pageSize: 3, label: "\(name) overdue")
            XCTAssertEqual(overdue.count, total.late + total.missing, name)
            XCTAssertTrue(overdue.allSatisfy { $0.outcome == .late || $0.outcome == .missing }, name)
            for outcome in ReporterOutcome.allCases {
                let lines = try await walk(query, root: fixture.root.id, outcomes: [outcome], pageSize: 2, label: "\(name) \(outcome)")
                XCTAssertEqual(lines.count, total.count(of: [outcome]), "\(name) \(outcome)")
                XCTAssertTrue(lines.allSatisfy { $0.outcome == outcome }, "\(name) \(outcome)")
            }
        }
        let returned = try await ReportingRateQuery(database: test.database).reporters(question(q1), root: fixture.committeeA.id, outcomes: [.returned])
        XCTAssertEqual(returned.lines.map(\.organization.code), ["CB-A4"])
        XCTAssertEqual(returned.lines.first?.reviewComment, "Thiếu số liệu dòng 2")
        let onTime = try await ReportingRateQuery(database: test.database).reporters(question(q1), root: fixture.committeeA.id, outcomes: [.onTime])
        XCTAssertEqual(Set(onTime.lines.map(\.organization.code)), ["CB-A1", "CB-A3"])
    }

    /// The SQL outcome is the domain rule `ReporterOutcome.of`.
    func testOutcomesInTheDatabaseFollowTheDomainRule() async throws {
        let lines = try await walk(ReportingRateQuery(database: test.database), root: fixture.root.id, pageSize: 100, label: "all")
        let statuses = Dictionary(uniqueKeysWithValues: try await ReportEntryRecord.query(on: test.database).filter(\.$formCode == "F")
            .filter(\.$periodCode == q1.code).all().map { ($0.organizationID, $0) })
        for line in lines {
            let record = statuses[line.organization.id]
            let rule = ReporterOutcome.of(status: record.flatMap { EntryStatus(rawValue: $0.status) },
                                          submittedOn: record?.submittedAt.map { Day($0) }, dueDate: question(q1).dueDate)
            XCTAssertEqual(line.outcome, rule, line.organization.code)
        }
    }

    /// Each period counts the tree as it was at its end: a cell moved from C to A in May counts under C for Q1 and under A
    /// for Q2; the year's periods come from one statement.
    func testEachPeriodCountsTheTreeAsItWasAtItsEnd() async throws {
        let moved = extraC[4]
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        _ = try await OrganizationStore(database: test.database).transfer([moved.id], to: fixture.committeeA.id,
                                                                          on: Day(parsing: "1/5/2024")!, decision: "", by: office)
        let query = ReportingRateQuery(database: test.database)
        let totals = try await query.totals([question(q1), question(q2)], root: fixture.committeeA.id)
        XCTAssertEqual(totals[q1]?.rate.expected, 13)
        XCTAssertEqual(totals[q2]?.rate.expected, 14)
        XCTAssertEqual(totals[q2]?.rate.onTime, 1, "A7's Q2 entry, sent on 1/7, due on 10/7")
        XCTAssertEqual(totals[q2]?.rate.missing, 13)
        let q2Branches = try await query.branches(question(q2), root: fixture.root.id)
        XCTAssertEqual(q2Branches.branches.first { $0.organization.code == "DB-A" }?.rate.expected, 14)
        XCTAssertEqual(q2Branches.branches.first { $0.organization.code == "DB-C" }?.rate.expected, 7) // C, C1…C5, CB-Y opened in May
        let q2Lines = try await walk(query, root: fixture.committeeA.id, pageSize: 5, period: q2, label: "Q2")
        XCTAssertTrue(q2Lines.contains { $0.organization.id == moved.id })
        let q1Lines = try await walk(query, root: fixture.committeeA.id, pageSize: 5, label: "Q1")
        XCTAssertFalse(q1Lines.contains { $0.organization.id == moved.id })
    }

    /// Contacts of a page are those the whole-subtree directory gives for the same organizations.
    func testContactsOfAPageMatchTheSubtreeDirectory() async throws {
        let store = MemberStore(database: test.database)
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        var secretary = Fixture.fields("Trần Thị Thu", card: "300001")
        secretary.positions = [.secretary, .standingCommitteeMember]
        _ = try await store.create(secretary, in: fixture.cellA1.id, by: office)
        var cellSecretary = Fixture.fields("Lê Văn Hòa", card: "300002", gender: .male)
        cellSecretary.positions = [.secretary]
        _ = try await store.create(cellSecretary, in: fixture.cellC1.id, by: office)
        let day = Day(Date())
        let directory = ReporterDirectory(database: test.database)
        let all = try await directory.contacts(under: fixture.root.id, on: day)
        let ids = [fixture.committeeA.id, fixture.cellA1.id, fixture.committeeC.id, fixture.cellC1.id, fixture.cellB.id]
        let page = try await directory.contacts(of: ids, on: day)
        XCTAssertEqual(page, all.filter { ids.contains($0.key) })
        XCTAssertEqual(page[fixture.committeeA.id]?.secretaryName, "Trần Thị Thu")
        XCTAssertEqual(page[fixture.committeeC.id]?.secretaryName, "Lê Văn Hòa")
        XCTAssertNil(page[fixture.cellB.id])
    }
}
