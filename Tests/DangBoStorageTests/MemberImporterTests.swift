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
}
