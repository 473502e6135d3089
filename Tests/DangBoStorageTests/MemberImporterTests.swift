import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

final class MemberImporterTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    let header = MemberImportColumn.allCases.map(\.header)

    func row(_ name: String, card: String, birth: String = "12/4/1985", org: String = "") -> [String] {
        [name, "Nữ", birth, "", "", "Đại học", "Sơ cấp", "3/2/2010", "3/2/2011", card, "", org, "", ""]
    }

    func count() async throws -> Int { try await MemberRecord.query(on: test.database).count() }

    func testABadFileWritesNothingUnlessOnlyCleanRowsAreAskedFor() async throws {
        let importer = MemberImporter(store: MemberStore(database: test.database))
        let secretary = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let rows = [header, row("Mới Một", card: "200001"), row("Mới Hai", card: "200002", birth: "31/2/1980"),
                    row("Mới Ba", card: "200003", org: "CB-A2")]
        let preview = try await importer.preview(rows: rows, defaultOrganizationCode: "CB-A1", by: secretary)
        XCTAssertEqual(preview.plan.badRowNumbers, [3])
        XCTAssertEqual(preview.toCreate, 2)
        do {
            _ = try await importer.apply(rows: rows, defaultOrganizationCode: "CB-A1", onlyCleanRows: false, fileName: "a.csv", by: secretary)
            XCTFail("bad file written")
        } catch DomainError.invalid(let problems) {
            XCTAssertTrue(problems.contains { $0.message.contains("Dòng 3") })
        }
        let unchangedCount = try await count()
        XCTAssertEqual(unchangedCount, 8)
        let result = try await importer.apply(rows: rows, defaultOrganizationCode: "CB-A1", onlyCleanRows: true, fileName: "a.csv", by: secretary)
        XCTAssertEqual(result, MemberImportResult(created: 2, updated: 0, unchanged: 0, skippedBadRows: 1))
        let afterCount = try await count()
        XCTAssertEqual(afterCount, 10)
        // Re-importing the same file changes nothing.
        let again = try await importer.apply(rows: rows, defaultOrganizationCode: "CB-A1", onlyCleanRows: true, fileName: "a.csv", by: secretary)
        XCTAssertEqual(again, MemberImportResult(created: 0, updated: 0, unchanged: 2, skippedBadRows: 1))
        let finalCount = try await count()
        XCTAssertEqual(finalCount, 10)
    }

    func testCardsOfOtherSubtreesAndUnknownOrganizationsAreRefused() async throws {
        let importer = MemberImporter(store: MemberStore(database: test.database))
        let secretary = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        // 100006 belongs to a member of cell B (outside committee A); CB-B is outside too.
        let rows = [header, row("Hoàng Thị Ánh", card: "100006"), row("Ai Đó", card: "200010", org: "CB-B")]
        let preview = try await importer.preview(rows: rows, defaultOrganizationCode: "CB-A1", by: secretary)
        XCTAssertEqual(preview.plan.badRowNumbers, [2, 3])
        XCTAssertTrue(preview.plan.issues.contains { $0.row == 2 && $0.message.contains("ngoài phạm vi") })
        XCTAssertTrue(preview.plan.issues.contains { $0.row == 3 && $0.column.hasPrefix("L") })
    }

    func testReimportUpdatesChangedRowsAndMovesCells() async throws {
        let importer = MemberImporter(store: MemberStore(database: test.database))
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        var changed = row("Nguyễn Thị Vinh", card: "100001", org: "CB-A2")
        changed[6] = "Cao cấp, cử nhân"
        let result = try await importer.apply(rows: [header, changed], defaultOrganizationCode: "", onlyCleanRows: false,
                                              fileName: "b.xlsx", by: office)
        XCTAssertEqual(result.updated, 1)
        let record = try await MemberRecord.query(on: test.database).filter(\.$cardNumber == "100001").first()
        XCTAssertEqual(record?.organizationID, fixture.cellA2.id)
        XCTAssertEqual(record?.politicalTheoryLevel, "advanced")
        let history = try await MemberStore(database: test.database).assignments(of: try XCTUnwrap(record?.id))
        XCTAssertEqual(history.count, 2)
    }

    /// The file's organization codes are checked against the importer's subtree by walking up from them: a cell outside
    /// (CB-B beside committee A, CB-C1 under committee C) and a committee that is not a cell are refused on their row
    /// and in column L; a cell inside is accepted.
    func testAnOrganizationOutsideTheSubtreeIsRefusedOnItsRowAndColumnAndOneInsideIsAccepted() async throws {
        let importer = MemberImporter(store: MemberStore(database: test.database))
        let secretary = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let rows = [header, row("Trong Phạm Vi", card: "200020", org: "CB-A2"), row("Ngoài Một", card: "200021", org: "CB-B"),
                    row("Ngoài Hai", card: "200022", org: "CB-C1"), row("Không Phải Chi Bộ", card: "200023", org: "DB-A")]
        let preview = try await importer.preview(rows: rows, defaultOrganizationCode: "", by: secretary)
        XCTAssertEqual(preview.plan.badRowNumbers, [3, 4, 5])
        let column = "L (\(MemberImportColumn.organizationCode.header))"
        for (line, code) in [(3, "CB-B"), (4, "CB-C1"), (5, "DB-A")] {
            XCTAssertEqual(preview.plan.issues.filter { $0.row == line }.map(\.column), [column], "row \(line)")
            XCTAssertTrue(preview.plan.issues.contains { $0.row == line && $0.message.contains("\"\(code)\"") && $0.message.contains("ngoài phạm vi") },
                          "row \(line)")
        }
        XCTAssertEqual(preview.toCreate, 1)
        let result = try await importer.apply(rows: rows, defaultOrganizationCode: "", onlyCleanRows: true, fileName: "c.csv", by: secretary)
        XCTAssertEqual(result, MemberImportResult(created: 1, updated: 0, unchanged: 0, skippedBadRows: 3))
        let created = try await MemberRecord.query(on: test.database).filter(\.$cardNumber == "200020").first()
        XCTAssertEqual(created?.organizationID, fixture.cellA2.id)
        let outside = try await MemberRecord.query(on: test.database).filter(\.$cardNumber ~~ ["200021", "200022", "200023"]).count()
        XCTAssertEqual(outside, 0)
    }

    /// A member of the importer's subtree stays theirs to change when the file names only the cell it moves to.
    func testAMemberOfTheSubtreeMovesToTheOnlyCellTheFileNames() async throws {
        let importer = MemberImporter(store: MemberStore(database: test.database))
        let secretary = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let rows = [header, row("Nguyễn Thị Vinh", card: "100001", org: "CB-A2")]
        let preview = try await importer.preview(rows: rows, defaultOrganizationCode: "", by: secretary)
        XCTAssertTrue(preview.plan.isClean, "\(preview.plan.issues)")
        XCTAssertEqual(preview.toUpdate, 1)
        let result = try await importer.apply(rows: rows, defaultOrganizationCode: "", onlyCleanRows: false, fileName: "d.csv", by: secretary)
        XCTAssertEqual(result.updated, 1)
        let record = try await MemberRecord.query(on: test.database).filter(\.$cardNumber == "100001").first()
        XCTAssertEqual(record?.organizationID, fixture.cellA2.id)
    }

    /// More codes than one batch: the codes are looked up 500 at a time and every row is still judged on its own.
    func testCodesBeyondTheFirstBatchAreChecked() async throws {
        let importer = MemberImporter(store: MemberStore(database: test.database))
        let secretary = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        // 600 unknown codes sort before CB-A2 and CB-B, which land in the second batch.
        let unknown = (0 ..< 600).map { row("Không Rõ \($0)", card: String(300_000 + $0), org: "AA-\(1000 + $0)") }
        let rows = [header] + unknown + [row("Trong Phạm Vi", card: "200030", org: "CB-A2"), row("Ngoài", card: "200031", org: "CB-B")]
        let preview = try await importer.preview(rows: rows, defaultOrganizationCode: "CB-A1", by: secretary)
        XCTAssertEqual(preview.plan.badRowNumbers.count, 601)
        XCTAssertFalse(preview.plan.badRowNumbers.contains(602))
        XCTAssertTrue(preview.plan.badRowNumbers.contains(603))
        XCTAssertTrue(preview.plan.issues.contains { $0.row == 2 && $0.message.contains("\"AA-1000\"") })
        XCTAssertEqual(preview.toCreate, 1)
    }

    /// A file larger than one multi-row insert: every member, placement and audit entry is written, in batches that
    /// the progress sink sees go by.
    func testALargeFileIsWrittenInBatchesWithItsProgress() async throws {
        actor Reports: ProgressSink {
            var seen: [JobProgress] = []
            func report(_ progress: JobProgress) async { seen.append(progress) }
        }
        let importer = MemberImporter(store: MemberStore(database: test.database))
        let office = fixture.actor(.blocOffice, scope: fixture.root)
        let count = 2 * MemberImporter.batchSize + 201
        let syllables = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Minh", "Nam"]
        func name(_ n: Int) -> String { "Nhập Lô " + String(n).map { syllables[Int(String($0))!] }.joined(separator: " ") }
        let rows = [header] + (0..<count).map { row(name($0), card: String(300_000 + $0)) }
        let before = try await self.count()
        let audits = try await AuditRecord.query(on: test.database).count()
        let reports = Reports()
        let result = try await importer.apply(rows: rows, defaultOrganizationCode: "CB-A1", onlyCleanRows: false, fileName: "lon.csv",
                                              by: office, progress: reports)
        XCTAssertEqual(result.created, count)
        let after = try await self.count()
        XCTAssertEqual(after - before, count)
        let placed = try await MemberAssignmentRecord.query(on: test.database).filter(\.$organizationID == fixture.cellA1.id).count()
        XCTAssertGreaterThanOrEqual(placed, count)
        let written = try await AuditRecord.query(on: test.database).count()
        XCTAssertEqual(written - audits, count + 1, "one entry per member and one for the file")
        let writes = await reports.seen.filter { $0.phase == MemberImporter.writePhase }.map(\.done)
        XCTAssertEqual(writes, [0, MemberImporter.batchSize, 2 * MemberImporter.batchSize, count])
        // The same file again changes nothing.
        let again = try await importer.apply(rows: rows, defaultOrganizationCode: "CB-A1", onlyCleanRows: false, fileName: "lon.csv", by: office)
        XCTAssertEqual(again.unchanged, count)
        XCTAssertEqual(again.created, 0)
    }
}
