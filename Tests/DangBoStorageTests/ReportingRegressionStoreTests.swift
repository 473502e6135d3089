import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

/// Storage-level regressions of the reporting review, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
final class ReportingRegressionStoreTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func slot(_ code: String) -> PeriodSlot {
        let period = Period(code: code)!
        return PeriodSlot(code: period.code, start: period.start, end: period.end)
    }

    var office: Actor { fixture.actor(.blocOffice, scope: fixture.root) }
    var clerk: Actor { fixture.actor(.grassrootsSecretary, scope: fixture.committeeA) }

    /// A back-dated transfer changes only the days it names: a later move stays, and so do the approved
    /// roll-ups of the periods after it.
    func testABackDatedTransferKeepsLaterMovesAndTheirRollUps() async throws {
        let organizations = OrganizationStore(database: test.database)
        let a1 = fixture.cellA1.id
        _ = try await organizations.transfer([a1], to: fixture.committeeC.id, on: Day(parsing: "1/1/2023")!, decision: "", by: office)
        _ = try await organizations.transfer([a1], to: fixture.committeeA.id, on: Day(parsing: "1/1/2024")!, decision: "", by: office)
        let reports = ReportStore(database: test.database)
        let entry = try await reports.save(form: "F", organization: a1, period: slot("2024-Q1"),
                                           cells: [StoredCell(row: "r", column: "n", number: 7)], version: 0, submit: true, by: clerk)
        try await reports.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office)
        let rollUp = ReportRollUp(database: test.database)
        let q1 = Period(code: "2024-Q1")!
        let before = try await rollUp.values(form: "F", root: fixture.committeeA.id, from: q1.start, to: q1.end, statuses: [.approved])
        XCTAssertEqual(before.numbers["r:n"], 7)

        // Back-dated: A1 was in fact under committee C from 1/7/2022.
        _ = try await organizations.transfer([a1], to: fixture.committeeC.id, on: Day(parsing: "1/7/2022")!, decision: "đính chính", by: office)
        let history = try await organizations.history(of: a1)
        XCTAssertEqual(history.map { "\($0.parentID == fixture.committeeA.id ? "A" : "C") \($0.validFrom.iso)..\($0.validTo?.iso ?? "")" },
                       ["A 2010-01-01..2022-07-01", "C 2022-07-01..2023-01-01", "C 2023-01-01..2024-01-01", "A 2024-01-01.."])
        let parent2024 = try await organizations.parentID(of: a1, on: Day(parsing: "15/2/2024")!)
        XCTAssertEqual(parent2024, fixture.committeeA.id)
        let after = try await rollUp.values(form: "F", root: fixture.committeeA.id, from: q1.start, to: q1.end, statuses: [.approved])
        XCTAssertEqual(after, before, "the approved roll-up of 2024 did not change")
        let moved = try await organizations.parentID(of: a1, on: Day(parsing: "1/8/2022")!)
        XCTAssertEqual(moved, fixture.committeeC.id)
    }

    /// A back-dated transfer on the very day a link starts re-points that link instead of stacking another one.
    func testATransferOnTheDayOfAnEarlierMoveReplacesIt() async throws {
        let organizations = OrganizationStore(database: test.database)
        let day = Day(parsing: "1/1/2023")!
        _ = try await organizations.transfer([fixture.cellA1.id], to: fixture.committeeC.id, on: day, decision: "", by: office)
        _ = try await organizations.transfer([fixture.cellA1.id], to: fixture.committeeA.id, on: day, decision: "nhầm", by: office)
        let history = try await organizations.history(of: fixture.cellA1.id)
        XCTAssertEqual(history.count, 2)
        XCTAssertEqual(history.last?.parentID, fixture.committeeA.id)
        XCTAssertNil(history.last?.validTo)
    }

    /// Two first saves of one entry at the same time: one is saved, the other is told of the conflict.
    func testSimultaneousFirstSavesGiveOneSaveAndOneConflict() async throws {
        let reports = ReportStore(database: test.database)
        let organization = fixture.cellA1.id
        let period = slot("2023-Q1")
        let clerk = self.clerk
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for value in [3.0, 4.0] {
                group.addTask {
                    do {
                        _ = try await reports.save(form: "F", organization: organization, period: period,
                                                   cells: [StoredCell(row: "r", column: "n", number: value)], version: 0, submit: false, by: clerk)
                        return "saved"
                    } catch DomainError.conflict {
                        return "conflict"
                    }
                }
            }
            var all: [String] = []
            for try await outcome in group { all.append(outcome) }
            return all.sorted()
        }
        XCTAssertEqual(outcomes, ["conflict", "saved"])
        let stored = try await reports.entry(form: "F", organization: organization, period: period.code)
        XCTAssertEqual(stored?.version, 1)
        XCTAssertEqual(stored?.cells.count, 1)
    }

    /// The workflow is applied to the row the save locked: a save based on the approved version is refused even
    /// though the caller's workflow context (read before) still said "draft".
    func testTheWorkflowIsAppliedToTheLockedRow() async throws {
        let reports = ReportStore(database: test.database)
        let entry = try await reports.save(form: "F", organization: fixture.cellA1.id, period: slot("2023-Q1"),
                                           cells: [StoredCell(row: "r", column: "n", number: 1)], version: 0, submit: true, by: clerk)
        let approved = try await reports.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office)
        do {
            _ = try await reports.save(form: "F", organization: fixture.cellA1.id, period: slot("2023-Q1"),
                                       cells: [StoredCell(row: "r", column: "n", number: 9)], version: approved.version, submit: false, by: clerk)
            XCTFail("an approved entry was changed")
        } catch DomainError.conflict(let message) {
            XCTAssertTrue(message.contains("đã được duyệt"), message)
        }
        let stored = try await reports.entry(id: entry.id)
        XCTAssertEqual(stored?.cells.first?.number, 1)
        XCTAssertEqual(stored?.version, approved.version, "the refused save left the version as it was")
    }

    /// Only entries of the form's expected reporters are summed.
    func testRollUpCountsOnlyExpectedReporters() async throws {
        let reports = ReportStore(database: test.database)
        for (organization, value) in [(fixture.cellA1.id, 5.0), (fixture.committeeA.id, 2.0)] {
            let entry = try await reports.save(form: "F", organization: organization, period: slot("2023-Q1"),
                                               cells: [StoredCell(row: "r", column: "n", number: value)], version: 0, submit: true, by: clerk)
            try await reports.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office)
        }
        let rollUp = ReportRollUp(database: test.database)
        let q1 = Period(code: "2023-Q1")!
        let all = try await rollUp.values(form: "F", root: fixture.root.id, from: q1.start, to: q1.end, statuses: [.approved])
        XCTAssertEqual(all.numbers["r:n"], 7)
        let committees = try await rollUp.values(form: "F", root: fixture.root.id, from: q1.start, to: q1.end, statuses: [.approved],
                                                 reporters: Reporters(levels: [.grassrootsCommittee, .grassrootsCell]))
        XCTAssertEqual(committees.numbers["r:n"], 2)
    }

    /// "May this user see Y?" walks up from Y: inside, outside, and as the tree was on another day.
    func testVisibilityWalksUpFromTheTarget() async throws {
        let organizations = OrganizationStore(database: test.database)
        let day = Day(parsing: "1/1/2023")!
        let inside = try await organizations.isInSubtree(fixture.cellA1.id, of: fixture.committeeA.id, on: day)
        let outside = try await organizations.isInSubtree(fixture.cellC1.id, of: fixture.committeeA.id, on: day)
        let root = try await organizations.isInSubtree(fixture.cellC1.id, of: fixture.root.id, on: day)
        XCTAssertTrue(inside)
        XCTAssertFalse(outside)
        XCTAssertTrue(root)
        _ = try await organizations.transfer([fixture.cellA1.id], to: fixture.committeeC.id, on: day, decision: "", by: office)
        let movedAway = try await organizations.isInSubtree(fixture.cellA1.id, of: fixture.committeeA.id, on: day)
        let before = try await organizations.isInSubtree(fixture.cellA1.id, of: fixture.committeeA.id, on: day.adding(days: -1))
        XCTAssertFalse(movedAway)
        XCTAssertTrue(before)
    }

    /// Contacts come from one subtree-joined query: a committee's own secretary first, else the secretary of one
    /// of its cells who sits on the standing committee; a cell's own secretary for the cell.
    func testContactsOfASubtreeComeFromItsSecretaries() async throws {
        let members = MemberStore(database: test.database)
        var cellSecretary = Fixture.fields("Ngô Văn Thư", card: "200001", gender: .male)
        cellSecretary.positions = [.secretary, .standingCommitteeMember]
        _ = try await members.create(cellSecretary, in: fixture.cellA1.id, by: office)
        var otherCell = Fixture.fields("Trịnh Thị Hà", card: "200002")
        otherCell.positions = [.secretary]
        _ = try await members.create(otherCell, in: fixture.cellA2.id, by: office)
        var outside = Fixture.fields("Mai Văn Xa", card: "200003", gender: .male)
        outside.positions = [.secretary]
        _ = try await members.create(outside, in: fixture.cellC1.id, by: office)
        let contacts = try await ReporterDirectory(database: test.database).contacts(under: fixture.committeeA.id, on: Day(Date()))
        XCTAssertEqual(contacts[fixture.committeeA.id]?.secretaryName, "Ngô Văn Thư")
        XCTAssertEqual(contacts[fixture.cellA2.id]?.secretaryName, "Trịnh Thị Hà")
        XCTAssertEqual(contacts[fixture.cellA1.id]?.secretaryName, "Ngô Văn Thư")
        XCTAssertNil(contacts[fixture.cellC1.id], "outside the subtree")
    }

    /// A form's expected reporters come from one statement over the subtree, by level, as the tree was.
    func testReportersOfASubtreeByLevel() async throws {
        let organizations = OrganizationStore(database: test.database)
        let day = Day(parsing: "1/6/2022")!
        let grassroots = try await organizations.subtreeOrganizations(root: fixture.root.id, on: day, levels: [.grassrootsCommittee, .grassrootsCell])
        XCTAssertEqual(Set(grassroots.map(\.code)), ["DB-A", "CB-B", "DB-C"])
        let cellsOfA = try await organizations.subtreeOrganizations(root: fixture.committeeA.id, on: day, levels: [.subordinateCell])
        XCTAssertEqual(cellsOfA.map(\.code), ["CB-A2", "CB-A1"], "Vietnamese order by name: Chi bộ Phòng … before Chi bộ Văn …")
        _ = try await organizations.transfer([fixture.cellA1.id], to: fixture.committeeC.id, on: Day(parsing: "1/7/2022")!, decision: "", by: office)
        let before = try await organizations.subtreeOrganizations(root: fixture.committeeA.id, on: day, levels: [.subordinateCell])
        let after = try await organizations.subtreeOrganizations(root: fixture.committeeA.id, on: Day(parsing: "1/8/2022")!, levels: [.subordinateCell])
        XCTAssertEqual(before.count, 2)
        XCTAssertEqual(after.map(\.code), ["CB-A2"])
        let none = try await organizations.subtreeOrganizations(root: fixture.root.id, on: day, levels: [])
        XCTAssertTrue(none.isEmpty)
    }
}
