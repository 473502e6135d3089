import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import XCTest

/// Bound elements on the member registry (Forms/elements/dang-vien.json, form DV): members on the registry at the
/// period's end by sex, ethnicity, age band, education and theory level, and the period's admissions, transfers and
/// deaths, for any subtree with the tree as it was. On SQLite and (TEST_DATABASE_URL) PostgreSQL.
final class BoundElementTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()
    var members: [Member] = []

    override func setUp() async throws {
        test = try await TestDatabase.make()
        members = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func repositoryForms() throws -> FormCatalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try FormCatalog.load(directory: root.appendingPathComponent("Forms"))
    }

    var office: Actor { fixture.actor(.blocOffice, scope: fixture.root) }

    func values(_ rollUp: ReportRollUp, root: Organization, _ code: String) async throws -> [String: Double] {
        let period = Period(code: code)!
        return try await rollUp.values(form: "DV", root: root.id, from: period.start, to: period.end, statuses: [.approved]).numbers
    }

    func testMembersOnTheRegistryAndTheirMovementsComeFromRecords() async throws {
        let forms = try repositoryForms()
        let form = try XCTUnwrap(forms.form(code: "DV"))
        XCTAssertTrue(form.entryCells.isEmpty, "every cell of DV is computed from records: nothing to type")
        XCTAssertEqual(form.boundCells.count, form.dataCells.count)
        let store = MemberStore(database: test.database)
        var young = Fixture.fields("Đỗ Thị Mới", card: "300001")
        young.birthDate = Day(parsing: "1/3/1998")!
        young.admissionDate = Day(parsing: "10/5/2022")
        young.fullMembershipDate = nil
        _ = try await store.create(young, in: fixture.cellA1.id, by: office)
        _ = try await store.transfer(members[1].id, to: fixture.cellC1.id, on: Day(parsing: "1/8/2022")!, by: office)
        var deceased = members[5].fields
        deceased.status = .deceased
        deceased.statusDate = Day(parsing: "15/9/2022")
        _ = try await store.update(members[5].id, fields: deceased, version: members[5].version, by: office)

        let rollUp = ReportRollUp(database: test.database, forms: forms)
        let bloc = try await values(rollUp, root: fixture.root, "2022")
        XCTAssertEqual(bloc["tot:n"], 8, "8 + 1 admitted - 1 deceased")
        XCTAssertEqual(bloc["f:n"], 4)
        XCTAssertEqual(bloc["em:n"], 0)
        XCTAssertEqual(bloc["a_le30:n"], 1)
        XCTAssertEqual(bloc["a_31to40:n"], 7)
        XCTAssertEqual(bloc["e_university:n"], 8)
        XCTAssertEqual(bloc["p_intermediate:n"], 8)
        XCTAssertEqual(bloc["adm:n"], 1)
        XCTAssertEqual(bloc["admf:n"], 1)
        XCTAssertEqual(bloc["adm30:n"], 1)
        XCTAssertEqual(bloc["dead:n"], 1)
        XCTAssertEqual(bloc["tin:n"], 0, "a move inside the bloc is no transfer into it")
        XCTAssertEqual(bloc["tout:n"], 0)

        let committeeA = try await values(rollUp, root: fixture.committeeA, "2022")
        XCTAssertEqual(committeeA["tot:n"], 5)
        XCTAssertEqual(committeeA["tout:n"], 1)
        XCTAssertEqual(committeeA["adm:n"], 1)
        let committeeC = try await values(rollUp, root: fixture.committeeC, "2022")
        XCTAssertEqual(committeeC["tot:n"], 2)
        XCTAssertEqual(committeeC["tin:n"], 1)
        let before = try await values(rollUp, root: fixture.root, "2021")
        XCTAssertEqual(before["tot:n"], 8, "the registry at the end of 2021")
        XCTAssertEqual(before["adm:n"], 0)
        XCTAssertEqual(before["dead:n"], 0)

        // The tree as it was: cell A2 moves to committee C from 1/10/2022; at the end of H1 it was still A's.
        _ = try await OrganizationStore(database: test.database)
            .transfer([fixture.cellA2.id], to: fixture.committeeC.id, on: Day(parsing: "1/10/2022")!, decision: "", by: office)
        let firstHalf = try await values(rollUp, root: fixture.committeeA, "2022-H1")
        XCTAssertEqual(firstHalf["tot:n"], 6, "A1: 3 + the new member; A2: 2")
        let yearEnd = try await values(rollUp, root: fixture.committeeA, "2022")
        XCTAssertEqual(yearEnd["tot:n"], 3, "A2 is C's at the end of 2022")
    }

    func testBindingsAreCheckedWithTheirPlace() throws {
        XCTAssertThrowsError(try DataElementCatalog(
            elements: [DataElement(code: "x", name: "X", type: .count, aggregation: .sum, categories: [],
                                   binding: ElementBinding(source: "members", measure: "onRegistry"))],
            categories: [])) { error in
            XCTAssertTrue(String(describing: error).contains("\"aggregation\": \"last\""), String(describing: error))
        }
        XCTAssertThrowsError(try DataElementCatalog(
            elements: [DataElement(code: "x", name: "X", type: .count, aggregation: .sum, categories: [],
                                   binding: ElementBinding(source: "kyluat", measure: "a"))],
            categories: [])) { error in
            XCTAssertTrue(String(describing: error).contains("nguồn \"kyluat\" không có"), String(describing: error))
        }
        let band = DisaggregationCategory(code: "band", name: "Tuổi", kind: .partition, options: [CategoryOption(code: "tre", name: "Trẻ")])
        XCTAssertThrowsError(try DataElementCatalog(
            elements: [DataElement(code: "x", name: "X", type: .count, aggregation: .last, categories: ["band"],
                                   binding: ElementBinding(source: "members", measure: "onRegistry", disaggregations: ["band": "age"]))],
            categories: [band])) { error in
            XCTAssertTrue(String(describing: error).contains("le30"), String(describing: error))
        }
        // A typed element's counterpart must exist, be bound, and have the typed element's categories.
        let registry = DataElement(code: "dv", name: "Đảng viên", type: .count, aggregation: .last, categories: [],
                                   binding: ElementBinding(source: "members", measure: "onRegistry"))
        let typedElsewhere = DataElement(code: "go", name: "Gõ", type: .count, aggregation: .sum)
        for (counterpart, expected) in [("khong", "\"khong\" chưa được khai báo"), ("go", "không lấy từ sổ sách"), ("dv", "không có phân tổ band")] {
            XCTAssertThrowsError(try DataElementCatalog(
                elements: [registry, typedElsewhere, DataElement(code: "x", name: "X", type: .count, aggregation: .sum, categories: ["band"],
                                                                 counterpart: counterpart)],
                categories: [band])) { error in
                XCTAssertTrue(String(describing: error).contains(expected), String(describing: error))
                XCTAssertTrue(String(describing: error).contains("counterpart"), String(describing: error))
            }
        }
        XCTAssertNoThrow(try DataElementCatalog(
            elements: [registry, DataElement(code: "x", name: "X", type: .count, aggregation: .sum, counterpart: "dv")], categories: []))
    }
}

/// A bloc inside a country: the same code, a deeper tree.
final class CountryTreeTests: XCTestCase {
    var test: TestDatabase!
    let fixture = Fixture()

    override func setUp() async throws {
        test = try await TestDatabase.make()
        _ = try await fixture.load(into: test.database)
    }

    override func tearDown() async throws {
        await test.shutdown()
    }

    func testABlocUnderAProvinceRollsUpToTheCountry() async throws {
        let organizations = OrganizationStore(database: test.database)
        let central = Organization(code: "TW", name: "Trung ương", level: .central, unitKind: nil, cluster: nil, openedOn: Day(parsing: "1/1/1930")!)
        let province = Organization(code: "QN", name: "Đảng bộ tỉnh Quảng Ninh", level: .province, unitKind: nil, cluster: nil, openedOn: Day(parsing: "1/1/1963")!)
        try await BulkLoader(database: test.database).load(
            organizations: [central, province],
            links: [OrganizationLink(organizationID: province.id, parentID: central.id, validFrom: Day(parsing: "1/1/1963")!),
                    OrganizationLink(organizationID: fixture.root.id, parentID: province.id, validFrom: Day(parsing: "1/1/2000")!)],
            members: [], assignments: [], summary: "country")
        let root = try await organizations.root()
        XCTAssertEqual(root?.code, "TW")
        let day = Day(parsing: "1/1/2022")!
        let tree = try await organizations.tree(root: central.id, on: day)
        XCTAssertEqual(tree.first { $0.organization.code == "CB-A1" }?.depth, 4)
        XCTAssertEqual(tree.first?.subtreeMemberCount, 8)
        let inside = try await organizations.isInSubtree(fixture.cellA1.id, of: central.id, on: day)
        XCTAssertTrue(inside)
        // A district of the province cannot receive a province; the bloc may move to another province.
        let countryAdmin = Actor(accountID: UUID(), username: "tw", displayName: "TW", role: .administrator, scopeOrganizationID: central.id)
        do {
            _ = try await organizations.transfer([province.id], to: fixture.root.id, on: day, decision: "", by: countryAdmin)
            XCTFail("a province was put under a bloc")
        } catch DomainError.invalid {}
    }
}
