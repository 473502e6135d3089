import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

/// The benchmark loader's multi-row INSERTs (`BulkTable`: VALUES on SQLite, unnest on PostgreSQL) write what the
/// tree says, the same rows for the same seed, and rows that read back as the Fluent records' would.
/// On SQLite and (TEST_DATABASE_URL) PostgreSQL.
final class ScaleLoaderTests: XCTestCase {
    var test: TestDatabase!
    let today = Day(parsing: "1/12/2026")!

    override func setUp() async throws {
        test = try await TestDatabase.make()
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func repositoryForms() throws -> FormCatalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try FormCatalog.load(directory: root.appendingPathComponent("Forms"))
    }

    /// PL 8.1 for the quarters and the monthly report for the months of 2021.
    func reports(_ forms: FormCatalog) throws -> [(form: FormDefinition, periods: [Period])] {
        let year = Period.year(2021)!
        return try ["PL8.1", "BCTHANG"].map { code in
            let form = try XCTUnwrap(forms.form(code: code), code)
            return (form, form.entryPeriods(in: year))
        }
    }

    func count(_ table: String, where condition: String = "1 = 1") async throws -> Int {
        let sql = test.database as! any SQLDatabase
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first()
        return try XCTUnwrap(row).decode(column: "n", as: Int.self)
    }

    func testTheBlocScaleWritesWhatTheTreeSays() async throws {
        let forms = try repositoryForms()
        let reports = try reports(forms)
        XCTAssertEqual(reports.map(\.periods.count), [4, 12])
        let tree = ScaleTree(scale: .bloc, seed: 3, today: today)
        let top = tree.top()
        let chunk = tree.chunk(0, provinces: top.provinces, root: top.root)
        let totals = try await ScaleLoader(database: test.database, forms: forms)
            .load(tree, reports: reports, reportingShare: 1) { _, _, _ in }

        let counted1 = try await count("organizations")
        XCTAssertEqual(counted1, top.organizations.count + chunk.organizations.count)
        let counted2 = try await count("organization_links")
        XCTAssertEqual(counted2, top.links.count + chunk.links.count)
        let counted3 = try await count("members")
        XCTAssertEqual(counted3, chunk.members.count)
        XCTAssertGreaterThan(chunk.members.count, 1_800, "more rows than one statement's binds: the batches are split")
        let counted4 = try await count("member_assignments")
        XCTAssertEqual(counted4, chunk.assignments.count)
        let counted5 = try await count("report_entries", where: "form_code = 'PL8.1'")
        XCTAssertEqual(counted5, chunk.grassroots.count * 4)
        let counted6 = try await count("report_entries", where: "form_code = 'BCTHANG'")
        XCTAssertEqual(counted6, chunk.grassroots.count * 12)
        let counted7 = try await count("report_entries", where: "status <> 'approved'")
        XCTAssertEqual(counted7, 0)
        // Every cell of the monthly report is drawn; PL 8.1 leaves some counts empty, as the demo does.
        let counted8 = try await count("data_values", where: "element LIKE 'thang.%'")
        XCTAssertEqual(counted8, chunk.grassroots.count * 12 * 8)
        let counted9 = try await count("data_values")
        XCTAssertEqual(counted9, totals.values)
        let counted10 = try await count("data_values", where: "entry_status <> 'approved'")
        XCTAssertEqual(counted10, 0)
        let counted11 = try await count("data_values v", where: "NOT EXISTS (SELECT 1 FROM report_entries e WHERE e.id = v.entry_id)")
        XCTAssertEqual(counted11, 0)
        XCTAssertEqual(totals.organizations, top.organizations.count + chunk.organizations.count)
        XCTAssertEqual(totals.links, top.links.count + chunk.links.count)
        XCTAssertEqual(totals.members, chunk.members.count)
        XCTAssertEqual(totals.entries, chunk.grassroots.count * 16)
        // The last finished year's ratings: members placed on 31 December, each grassroots organization and its
        // executive committee, both committees of the bloc.
        let counted12 = try await count("quality_ratings")
        XCTAssertEqual(counted12, totals.ratings)
        let counted13 = try await count("quality_ratings", where: "subject = 'organization'")
        XCTAssertEqual(counted13, chunk.grassroots.count)
        let counted14 = try await count("quality_ratings", where: "subject = 'member' AND year = \(today.year - 1)")
        XCTAssertGreaterThan(counted14, chunk.members.count * 9 / 10)
        XCTAssertLessThanOrEqual(counted14, chunk.members.count)
    }

    func testTheMonthlyReportIsSizedByTheOrganization() async throws {
        let forms = try repositoryForms()
        let tree = ScaleTree(scale: .bloc, seed: 3, today: today)
        _ = try await ScaleLoader(database: test.database, forms: forms).load(tree, reports: try reports(forms), reportingShare: 1) { _, _, _ in }
        let sql = test.database as! any SQLDatabase
        // Present and absent at the regular meetings add up to the members of the organization's cells that met.
        let rows = try await sql.raw("""
            SELECT v.element AS element, SUM(v.number) AS total FROM data_values v
            WHERE v.element LIKE 'thang.sinhhoat.%' GROUP BY v.element
            """).all()
        var totals: [String: Double] = [:]
        for row in rows { totals[try row.decode(column: "element", as: String.self)] = try row.decode(column: "total", as: Double.self) }
        let present = try XCTUnwrap(totals["thang.sinhhoat.luotdu"])
        let absent = try XCTUnwrap(totals["thang.sinhhoat.vangcolydo"]) + (totals["thang.sinhhoat.vangkhonglydo"] ?? 0)
        let members = Double(try await count("members"))
        XCTAssertEqual(present + absent, members * 12, accuracy: members * 12 * 0.06, "about every member, every month")
        XCTAssertGreaterThan(present / (present + absent), 0.84)
        XCTAssertLessThan(present / (present + absent), 0.98)
        XCTAssertLessThanOrEqual(totals["thang.sinhhoat.chuyende"] ?? 0, totals["thang.sinhhoat.thuongky"] ?? 0)
    }

    func testTheSameSeedWritesTheSameRowsIdsIncluded() async throws {
        let forms = try repositoryForms()
        let tree = ScaleTree(scale: .bloc, seed: 5, today: today)
        let year = Period.year(2021)!
        let pl81 = try XCTUnwrap(forms.form(code: "PL8.1"))
        let reports = [(form: pl81, periods: Array(pl81.entryPeriods(in: year).prefix(1)))]
        let sql = test.database as! any SQLDatabase
        func digest() async throws -> [String] {
            try await sql.raw("""
                SELECT v.id AS id, v.element AS element, v.number AS number FROM data_values v ORDER BY v.id
                """).all().map { row in
                "\(try row.decode(column: "id", as: UUID.self)) \(try row.decode(column: "element", as: String.self)) \(try row.decode(column: "number", as: Double?.self) ?? -1)"
            } + sql.raw("SELECT id FROM organization_links ORDER BY id").all().map { "\(try $0.decode(column: "id", as: UUID.self))" }
        }
        _ = try await ScaleLoader(database: test.database, forms: forms).load(tree, reports: reports, reportingShare: 0.5) { _, _, _ in }
        let first = try await digest()
        XCTAssertFalse(first.isEmpty)
        try await test.revertAll()
        try await test.migrator.prepareBatch().get()
        _ = try await ScaleLoader(database: test.database, forms: forms).load(tree, reports: reports, reportingShare: 0.5) { _, _, _ in }
        let second = try await digest()
        XCTAssertEqual(second, first)
    }

    func testBulkRowsReadBackAsTheRecordsWriteThem() async throws {
        let fixture = Fixture()
        let members = try await fixture.load(into: test.database)
        let organizations = OrganizationStore(database: test.database)
        for organization in fixture.organizations {
            let stored = try await OrganizationRecord.find(organization.id, on: test.database)
            XCTAssertEqual(try stored?.domain(), organization)
            let expected = OrganizationRecord(organization)
            XCTAssertEqual(stored?.nameKey, expected.nameKey)
            XCTAssertEqual(stored?.searchText, expected.searchText)
        }
        let rootID = try await organizations.root()?.id
        XCTAssertEqual(rootID, fixture.root.id)
        for member in members {
            let stored = try await MemberRecord.find(member.id, on: test.database)
            XCTAssertEqual(try stored?.domain(), member)
            let expected = MemberRecord(member)
            XCTAssertEqual(stored?.sortKey, expected.sortKey)
            XCTAssertEqual(stored?.searchName, expected.searchName)
        }
        let links = try await OrganizationLinkRecord.query(on: test.database).all().map { try $0.domain() }
        XCTAssertEqual(Set(links), Set(fixture.links))
        let placements = try await MemberAssignmentRecord.query(on: test.database).all().map { try $0.domain() }
        XCTAssertEqual(placements.count, members.count)

        // Entries with their cells read back through the store, optional fields and dates included.
        let forms = try repositoryForms()
        let form = try XCTUnwrap(forms.form(code: "PL8.1"))
        let period = try XCTUnwrap(form.entryPeriods(in: Period.year(2021)!).first)
        let when = Date(timeIntervalSince1970: 1_620_000_000)
        let entry = ReportEntry(formCode: "PL8.1", organizationID: fixture.cellB.id,
                                period: PeriodSlot(code: period.code, start: period.start, end: period.end), status: .returned,
                                submittedAt: when, submittedBy: "coso", reviewedAt: nil, reviewedBy: nil, reviewComment: "Bổ sung số liệu",
                                updatedAt: when, updatedBy: "coso", cells: [StoredCell(row: "r1a", column: "n", number: 12),
                                                                            StoredCell(row: "r1b1", column: "n", number: 2)])
        var ids = BulkIDs.random
        let tables = BulkLoader.reportTables([entry], forms: forms, ids: &ids)
        try await test.database.transaction { tx in try await BulkLoader.insert(tables, on: tx) }
        let stored = try await ReportStore(database: test.database, forms: forms).entry(form: "PL8.1", organization: fixture.cellB.id, period: period.code)
        XCTAssertEqual(stored?.id, entry.id)
        XCTAssertEqual(stored?.status, .returned)
        XCTAssertEqual(stored?.reviewComment, "Bổ sung số liệu")
        XCTAssertNil(stored?.reviewedAt)
        XCTAssertEqual(stored?.submittedAt?.timeIntervalSince1970 ?? 0, when.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertEqual(Set(stored?.cells ?? []), Set(entry.cells))
        let counted12 = try await count("data_values", where: "element = 'kiemtra.r1a' AND entry_status = 'returned'")
        XCTAssertEqual(counted12, 1)
    }
}
