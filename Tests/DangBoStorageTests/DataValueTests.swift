import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

/// Values keyed by data element: the migration that moved them there, shared elements between forms, and the
/// contract between the pure roll-up rule and the SQL roll-up. On SQLite and (TEST_DATABASE_URL) PostgreSQL.
final class DataValueTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()
    var sql: any SQLDatabase { test.database as! any SQLDatabase }

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    /// Two forms over shared elements (directory made for the test): M prints `dv.kiemtra` with a "nữ" breakdown
    /// and a cell of its own; N prints the same element.
    func catalog() throws -> FormCatalog {
        let forms = FileManager.default.temporaryDirectory.appendingPathComponent("dv-\(UUID().uuidString)/Forms")
        try FileManager.default.createDirectory(at: forms.appendingPathComponent("elements"), withIntermediateDirectories: true)
        try Data(#"{"categories": [{"code": "sex", "name": "Giới tính", "options": [{"code": "female", "name": "Nữ"}]}], "elements": [{"code": "dv.kiemtra", "name": "Đảng viên được kiểm tra", "type": "count", "categories": ["sex"]}, {"code": "dv.tongso", "name": "Đảng viên cuối kỳ", "type": "count", "aggregation": "last"}]}"#.utf8)
            .write(to: forms.appendingPathComponent("elements/e.json"))
        func form(_ code: String, rows: String) -> Data {
            Data(#"{"code": "\#(code)", "appendix": "B", "title": "T", "periodType": "quarter", "reporters": {"levels": ["grassrootsCommittee", "grassrootsCell", "subordinateCell"]}, "deadline": {"daysAfterPeriodEnd": 5}, "entryColumns": [{"key": "n", "title": "Số", "type": "count"}], "columns": [{"key": "c1", "title": "C", "number": "1", "type": "count", "expr": "n"}], "rows": \#(rows)}"#.utf8)
        }
        try form("M", rows: #"[{"key": "x", "number": "1", "label": "Được kiểm tra", "element": "dv.kiemtra"}, {"key": "xf", "number": "-", "label": "Nữ", "element": "dv.kiemtra", "options": {"sex": "female"}}, {"key": "y", "number": "2", "label": "Riêng"}, {"key": "s", "number": "3", "label": "Cuối kỳ", "element": "dv.tongso", "aggregate": "last"}]"#)
            .write(to: forms.appendingPathComponent("m.json"))
        try form("N", rows: #"[{"key": "tong", "number": "a", "label": "Tổng số được kiểm tra", "element": "dv.kiemtra"}]"#)
            .write(to: forms.appendingPathComponent("n.json"))
        return try FormCatalog.load(directory: forms)
    }

    func slot(_ code: String) -> PeriodSlot {
        let period = Period(code: code)!
        return PeriodSlot(code: period.code, start: period.start, end: period.end)
    }

    var office: Actor { fixture.actor(.blocOffice, scope: fixture.root) }
    var clerk: Actor { fixture.actor(.grassrootsSecretary, scope: fixture.committeeA) }

    /// Today's stored entries move to element keys (and back on revert), nothing lost: a cell that names no element
    /// and a form the catalog no longer has keep implicit keys.
    func testTheMigrationMovesStoredValuesToElementKeysAndBack() async throws {
        let catalog = try catalog()
        try await AddEntryStatusToDataValues().revert(on: test.database)
        try await MoveReportValuesToDataElements(forms: .empty).revert(on: test.database)
        let entryM = UUID(), entryZ = UUID()
        for (id, form) in [(entryM, "M"), (entryZ, "Z")] {
            try await sql.raw("""
                INSERT INTO report_entries (id, form_code, organization_id, period_code, period_start, period_end, status, version, updated_at, updated_by)
                VALUES (\(bind: id), \(bind: form), \(bind: fixture.cellA1.id), '2022-Q1', '2022-01-01', '2022-03-31', 'approved', 3, \(bind: Date()), 'cu')
                """).run()
        }
        for (entry, row, number) in [(entryM, "x", 7.0), (entryM, "xf", 2.0), (entryM, "y", 5.0), (entryZ, "r", 9.0)] {
            try await sql.raw("""
                INSERT INTO report_values (id, entry_id, row_key, column_key, number) VALUES (\(bind: UUID()), \(bind: entry), \(bind: row), 'n', \(bind: number))
                """).run()
        }
        try await MoveReportValuesToDataElements(forms: catalog).prepare(on: test.database)
        try await AddEntryStatusToDataValues().prepare(on: test.database)
        let statuses = try await sql.raw("SELECT DISTINCT entry_status FROM data_values").all().map { try $0.decode(column: "entry_status", as: String.self) }
        XCTAssertEqual(statuses, ["approved"], "the moved values carry their entry's status")
        let moved = try await sql.raw("SELECT element, options, number FROM data_values ORDER BY element, options").all().map {
            "\(try $0.decode(column: "element", as: String.self))[\(try $0.decode(column: "options", as: String.self))]=\(Int(try $0.decode(column: "number", as: Double.self)))"
        }
        XCTAssertEqual(moved, ["M/y/n[]=5", "Z/r/n[]=9", "dv.kiemtra[]=7", "dv.kiemtra[sex=female]=2"].sorted())
        let left = try await sql.raw("SELECT COUNT(*) AS n FROM report_values").first()?.decode(column: "n", as: Int.self)
        XCTAssertEqual(left, 0)
        // The entry reads its cells back through the form.
        let store = ReportStore(database: test.database, forms: catalog)
        let entry = try await store.entry(id: entryM)
        XCTAssertEqual(entry?.cells.map { "\($0.row)=\(Int($0.number ?? -1))" }.sorted(), ["x=7", "xf=2", "y=5"])
        let orphan = try await store.entry(id: entryZ)
        XCTAssertEqual(orphan?.cells.map(\.row), ["r"], "a form no longer in Forms/ keeps its values")

        try await AddEntryStatusToDataValues().revert(on: test.database)
        try await MoveReportValuesToDataElements(forms: catalog).revert(on: test.database)
        let back = try await sql.raw("SELECT row_key, number FROM report_values ORDER BY row_key").all().map {
            "\(try $0.decode(column: "row_key", as: String.self))=\(Int(try $0.decode(column: "number", as: Double.self)))"
        }
        XCTAssertEqual(back, ["r=9", "x=7", "xf=2", "y=5"])
        try await MoveReportValuesToDataElements(forms: catalog).prepare(on: test.database)
        try await AddEntryStatusToDataValues().prepare(on: test.database)
    }

    /// Two forms that print one element print one number; while the entry that wrote it is approved, the other form
    /// cannot change it.
    func testTwoFormsOverOneElementShowOneNumber() async throws {
        let catalog = try catalog()
        let store = ReportStore(database: test.database, forms: catalog)
        let m = try await store.save(form: "M", organization: fixture.cellA1.id, period: slot("2022-Q1"),
                                     cells: [StoredCell(row: "x", column: "n", number: 7)], version: 0, submit: true, by: clerk)
        let n = try await store.entry(form: "N", organization: fixture.cellA1.id, period: "2022-Q1")
        XCTAssertNil(n, "no entry of N yet")
        let nDraft = try await store.save(form: "N", organization: fixture.cellA1.id, period: slot("2022-Q2"),
                                          cells: [StoredCell(row: "tong", column: "n", number: 3)], version: 0, submit: false, by: clerk)
        XCTAssertEqual(nDraft.cells.first?.number, 3)
        // N for Q1 opens with M's number.
        do {
            _ = try await store.save(form: "N", organization: fixture.cellA1.id, period: slot("2022-Q1"),
                                     cells: [StoredCell(row: "tong", column: "n", number: 8)], version: 0, submit: false, by: clerk)
            XCTFail("a submitted value of another form was changed")
        } catch DomainError.invalid(let problems) {
            XCTAssertTrue(problems.first?.message.contains("biểu M") ?? false, "\(problems)")
        }
        let nOpen = try await store.save(form: "N", organization: fixture.cellA1.id, period: slot("2022-Q1"),
                                         cells: [StoredCell(row: "tong", column: "n", number: 7)], version: 0, submit: false, by: clerk)
        XCTAssertEqual(nOpen.cells.first?.number, 7, "the shared value, unchanged")
        try await store.review(m.id, version: m.version, to: .approved, comment: nil, by: office)
        let rollUp = ReportRollUp(database: test.database, forms: catalog)
        let q1 = Period(code: "2022-Q1")!
        let viaM = try await rollUp.values(form: "M", root: fixture.root.id, from: q1.start, to: q1.end, statuses: [.approved])
        let viaN = try await rollUp.values(form: "N", root: fixture.root.id, from: q1.start, to: q1.end, statuses: [.approved])
        XCTAssertEqual(viaM.numbers["x:n"], 7)
        XCTAssertEqual(viaN.numbers["tong:n"], 7)
    }

    /// The pure rule (DangBoCore's RollUpComputation) and the SQL roll-up agree on the same data: flows and stocks,
    /// organizations that moved, one that skipped a quarter, for several roots and spans.
    func testTheSQLRollUpAgreesWithThePureRule() async throws {
        let catalog = try catalog()
        let store = ReportStore(database: test.database, forms: catalog)
        let organizations = OrganizationStore(database: test.database)
        _ = try await organizations.transfer([fixture.cellA2.id], to: fixture.committeeC.id, on: Day(parsing: "1/5/2022")!, decision: "", by: office)
        var values: [RollUpComputation.Value] = []
        var seed: UInt64 = 7
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double((seed >> 33) % 20)
        }
        let reporters = [fixture.cellA1, fixture.cellA2, fixture.cellB, fixture.cellC1, fixture.committeeA]
        for quarter in ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"] {
            for organization in reporters {
                // Cell B skips the last quarter: its stock still counts from Q3.
                if organization == fixture.cellB, quarter == "2022-Q4" { continue }
                let (x, s) = (next(), next() + 10)
                let entry = try await store.save(form: "M", organization: organization.id, period: slot(quarter),
                                                 cells: [StoredCell(row: "x", column: "n", number: x), StoredCell(row: "s", column: "n", number: s)],
                                                 version: 0, submit: true, by: clerk)
                try await store.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office)
                let period = Period(code: quarter)!
                values.append(.init(organizationID: organization.id, period: period, key: "x:n", number: x, aggregation: .sum))
                values.append(.init(organizationID: organization.id, period: period, key: "s:n", number: s, aggregation: .last))
            }
        }
        var links: [OrganizationLink] = []
        for organization in fixture.organizations { links += try await organizations.history(of: organization.id) }
        let rollUp = ReportRollUp(database: test.database, forms: catalog)
        var compared = 0
        for root in [fixture.root, fixture.committeeA, fixture.committeeC, fixture.cellB] {
            let spans = ["2022", "2022-H1", "2022-H2", "2022-Q2"].map { Period(code: $0)! }
            let sqlValues = try await rollUp.values(form: "M", root: root.id, periods: spans, statuses: [.approved])
            for span in spans {
                let expected = RollUpComputation.rollUp(values, links: links, root: root.id, period: span)
                XCTAssertEqual(sqlValues[span]?.numbers ?? [:], expected, "\(root.code) \(span.code)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 16)
        // The kept totals give the same numbers as summing the stored values, and recompute to themselves.
        let summed = ReportRollUp(database: test.database, forms: catalog, keptTotals: false)
        for root in [fixture.root, fixture.committeeA, fixture.committeeC, fixture.cellB] {
            let spans = ["2022", "2022-H1", "2022-H2", "2022-Q2"].map { Period(code: $0)! }
            let kept = try await rollUp.values(form: "M", root: root.id, periods: spans, statuses: [.approved])
            let read = try await summed.values(form: "M", root: root.id, periods: spans, statuses: [.approved])
            XCTAssertEqual(kept, read, root.code)
        }
        let check = try await DataTotals.check(on: test.database)
        XCTAssertEqual(check.count, 0, "\(check.differences)")
        let bloc = try await rollUp.values(form: "M", root: fixture.root.id, from: Day(parsing: "1/1/2022")!, to: Day(parsing: "31/12/2022")!,
                                           statuses: [.approved])
        XCTAssertNotNil(bloc.numbers["s:n"])
    }

    /// Totals kept per ancestor follow every change that moves approved numbers — approvals, a transfer dated before
    /// them, a historical import and its correction, a change of unit kind — in the write's own transaction; the
    /// check recomputes them from the values and finds a total changed behind its back; a rebuild repairs it.
    func testKeptTotalsFollowEveryChangeAndTheCheckFindsADifference() async throws {
        let catalog = try catalog()
        let store = ReportStore(database: test.database, forms: catalog)
        let organizations = OrganizationStore(database: test.database)
        for quarter in ["2022-Q1", "2022-Q2", "2022-Q3"] {
            for (index, organization) in [fixture.cellA1, fixture.cellA2, fixture.cellB].enumerated() {
                let entry = try await store.save(form: "M", organization: organization.id, period: slot(quarter),
                                                 cells: [StoredCell(row: "x", column: "n", number: Double(index + 2)),
                                                         StoredCell(row: "xf", column: "n", number: 1),
                                                         StoredCell(row: "y", column: "n", number: 10)],
                                                 version: 0, submit: true, by: clerk)
                try await store.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office)
            }
        }
        let rollUp = ReportRollUp(database: test.database, forms: catalog)
        let year = Period(code: "2022")!
        var committeeA = try await rollUp.values(form: "M", root: fixture.committeeA.id, periods: [year], statuses: [.approved])[year]
        XCTAssertEqual(committeeA?.numbers["x:n"], 15, "A1 (2) and A2 (3) over three quarters")
        XCTAssertEqual(committeeA?.entryCount, 6)
        // Cell A2 moves to committee C from 1/5/2022, after its entries were approved: Q2 and Q3 move with it.
        _ = try await organizations.transfer([fixture.cellA2.id], to: fixture.committeeC.id, on: Day(parsing: "1/5/2022")!,
                                             decision: "", by: office)
        committeeA = try await rollUp.values(form: "M", root: fixture.committeeA.id, periods: [year], statuses: [.approved])[year]
        let committeeC = try await rollUp.values(form: "M", root: fixture.committeeC.id, periods: [year], statuses: [.approved])[year]
        XCTAssertEqual(committeeA?.numbers["x:n"], 9, "A1's 6 and A2's Q1")
        XCTAssertEqual(committeeC?.numbers["x:n"], 6, "A2's Q2 and Q3")
        XCTAssertEqual(committeeA?.entryCount, 4)
        let root = try await rollUp.values(form: "M", root: fixture.root.id, periods: [year], statuses: [.approved])[year]
        XCTAssertEqual(root?.numbers["x:n"], 27, "the bloc's total does not move")
        // A past figure imported, then corrected.
        let importer = DataValueImporter(database: test.database, forms: catalog)
        let header = ["Mã tổ chức", "Kỳ", "Mã chỉ tiêu", "Phân tổ", "Giá trị"]
        _ = try await importer.importRows([header, ["CB-B", "2021", "dv.kiemtra", "", "40"]], dryRun: false, by: office)
        _ = try await importer.importRows([header, ["CB-B", "2021", "dv.kiemtra", "", "44"], ["CB-A1", "2021", "dv.kiemtra", "", "5"]],
                                          dryRun: false, by: office)
        let past = Period(code: "2021")!
        let pastAtRoot = try await rollUp.values(form: "M", root: fixture.root.id, periods: [past], statuses: [.approved])[past]
        XCTAssertEqual(pastAtRoot?.numbers["x:n"], 49)
        // Cell A1's unit becomes a public-service unit: its own figures change unit kind in the totals.
        var draft = OrganizationDraft(code: fixture.cellA1.code, name: fixture.cellA1.name, level: fixture.cellA1.level,
                                      unitKind: .publicServiceUnit, cluster: nil, parentID: fixture.committeeA.id, openedOn: fixture.cellA1.openedOn)
        draft.closedOn = nil
        _ = try await organizations.update(fixture.cellA1.id, with: draft, by: fixture.actor(.administrator, scope: fixture.root))
        var check = try await DataTotals.check(on: test.database)
        XCTAssertEqual(check.count, 0, "\(check.differences)")
        let summed = ReportRollUp(database: test.database, forms: catalog, keptTotals: false)
        for organization in fixture.organizations {
            let spans = [year, past, Period(code: "2022-Q2")!]
            let kept = try await rollUp.values(form: "M", root: organization.id, periods: spans, statuses: [.approved])
            let read = try await summed.values(form: "M", root: organization.id, periods: spans, statuses: [.approved])
            XCTAssertEqual(kept, read, organization.code)
        }

        try await sql.raw("""
            UPDATE data_totals SET number = number + 5
            WHERE ancestor_id = \(bind: fixture.root.id) AND element = 'dv.kiemtra' AND options = '' AND period_code = '2022-Q3'
            """).run()
        check = try await DataTotals.check(on: test.database)
        XCTAssertEqual(check.count, 3, "one row per contributing level and unit kind (B; A1; A2): \(check.differences)")
        XCTAssertEqual(check.differences.map { $0.stored - $0.computed }, [5, 5, 5])
        XCTAssertEqual(Set(check.differences.map(\.ancestor)), [fixture.root.id])
        try await DataTotals.rebuild(on: test.database)
        check = try await DataTotals.check(on: test.database)
        XCTAssertEqual(check.count, 0)
        let rebuilt = try await rollUp.values(form: "M", root: fixture.root.id, periods: [year], statuses: [.approved])[year]
        XCTAssertEqual(rebuilt?.numbers["x:n"], 27)
    }
}
