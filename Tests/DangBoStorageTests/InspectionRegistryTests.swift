import DangBoCore
@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

/// The inspection and supervision registry, and PL 8.1 printed from records: cases planned, started and concluded
/// with a finding per subject, refused wholly when wrong, read only by those who may (each reading of a conclusion
/// audited), their requirements followed up and reminded; and every section of PL 8.1 counted from the records
/// whose counts the test knows, plus a figure from before DangBo. On SQLite and (TEST_DATABASE_URL) PostgreSQL.
final class InspectionRegistryTests: XCTestCase {
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

    /// Today is 1/12/2023 for the registry (cases of 2023 are in the past).
    var store: InspectionStore { InspectionStore(database: test.database, clock: { Self.now }) }
    static let now = ISO8601DateFormatter().date(from: "2023-12-01T03:00:00Z")!
    var office: Actor { fixture.actor(.blocOffice, scope: fixture.root) }
    func day(_ text: String) -> Day { Day(parsing: text)! }
    func inCell(_ cell: Organization) -> [Member] { members.filter { $0.organizationID == cell.id } }

    func repositoryForms() throws -> FormCatalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try FormCatalog.load(directory: root.appendingPathComponent("Forms"))
    }

    /// Plans and concludes a case in one go.
    @discardableResult
    func concluded(by organization: Organization, _ actor: InspectionActor, _ kind: InspectionKind, subjects: [InspectionCase.Subject],
                   findings: [InspectionConclusion.Finding], on text: String) async throws -> InspectionCase {
        let item = try await store.plan(InspectionCase(programID: nil, actorOrganizationID: organization.id, actor: actor, kind: kind,
                                                       title: "\(kind.label) \(text)", plannedStart: day("1/1/2022"), plannedEnd: day(text),
                                                       subjects: subjects), by: office)
        return try await store.conclude(item.id, with: InspectionConclusion(day: day(text), number: "\(Int.random(in: 1...99))-TB/UBKT",
                                                                            text: "Kết luận", findings: findings), by: office)
    }

    func member(_ member: Member, committee: Bool = false) -> InspectionCase.Subject {
        InspectionCase.Subject(memberID: member.id, organizationID: fixture.root.id, isCommitteeMember: committee)
    }

    func organization(_ organization: Organization) -> InspectionCase.Subject {
        InspectionCase.Subject(organizationID: organization.id)
    }

    func testACaseIsPlannedStartedAndConcludedWithAFindingPerSubjectAndReadOnlyByThoseWhoMay() async throws {
        let a1 = inCell(fixture.cellA1)
        let secretaryA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let program = try await store.createProgram(InspectionProgram(organizationID: fixture.committeeA.id, actor: .committee, scope: .year,
                                                                      title: "Chương trình kiểm tra, giám sát năm 2023",
                                                                      start: day("1/1/2023"), end: day("31/12/2023")), by: secretaryA)
        let planned = try await store.plan(InspectionCase(programID: program.id, actorOrganizationID: fixture.committeeA.id, actor: .committee,
                                                          kind: .regularInspection, title: "Kiểm tra việc chấp hành Điều lệ",
                                                          plannedStart: day("1/3/2023"), plannedEnd: day("30/4/2023"),
                                                          subjects: [member(a1[0], committee: true), member(a1[1])]), by: secretaryA)
        XCTAssertEqual(planned.subjects.map(\.organizationID), [fixture.cellA1.id, fixture.cellA1.id], "each member's cell comes from the placements")
        var overview = try await store.overview(of: fixture.committeeA.id, span: Period(code: "2023")!, for: secretaryA,
                                                organizations: OrganizationStore(database: test.database))
        XCTAssertEqual(overview.programs.first?.progress, { var p = InspectionProgress(); p.planned = 1; p.late = 1; return p }(),
                       "planned to start on 1/3, not started by 1/12: late")

        _ = try await store.start(planned.id, on: day("2/3/2023"), by: secretaryA)
        let done = try await store.conclude(planned.id, with: InspectionConclusion(
            day: day("20/4/2023"), number: "05-TB/ĐU", text: "Đồng chí thứ nhất vi phạm quy định về những điều đảng viên không được làm",
            findings: [.init(violation: true, disciplineRequired: true), .init(violation: false)],
            requirements: [.init(organizationID: fixture.cellA1.id, text: "Chi bộ kiểm điểm, báo cáo kết quả", dueDate: day("30/6/2023"))]),
            by: secretaryA)
        XCTAssertEqual(done.status, .concluded)
        XCTAssertEqual(done.subjects.map(\.violation), [true, false])
        overview = try await store.overview(of: fixture.committeeA.id, span: Period(code: "2023")!, for: secretaryA,
                                            organizations: OrganizationStore(database: test.database))
        XCTAssertEqual(overview.rolledUp.concluded, 1)
        XCTAssertEqual(overview.rolledUp.late, 0, "concluded before its planned end")
        XCTAssertEqual(overview.overdue.map(\.requirement.text), ["Chi bộ kiểm điểm, báo cáo kết quả"], "due 30/6, not done by 1/12")
        XCTAssertEqual(overview.overdueCount.value, 1)

        // Concluding twice is refused; so is reading from another committee.
        do {
            _ = try await store.conclude(planned.id, with: InspectionConclusion(day: day("21/4/2023"), number: "06-TB/ĐU", text: "",
                                                                                findings: [.init(violation: false), .init(violation: false)]), by: secretaryA)
            XCTFail("concluded twice")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["concludedOn"])
        }
        let secretaryC = fixture.actor(.grassrootsSecretary, scope: fixture.committeeC)
        do {
            _ = try await store.find(planned.id, for: secretaryC)
            XCTFail("another committee read the conclusion")
        } catch DomainError.notFound {}
        do {
            _ = try await store.find(planned.id, for: fixture.actor(.member, scope: fixture.cellA1))
            XCTFail("a member read the conclusion")
        } catch DomainError.forbidden {}
        let read = try await store.find(planned.id, for: fixture.actor(.inspectionCommission, scope: fixture.root))
        XCTAssertEqual(read.requirements.count, 1)
        let views = try await AuditRecord.query(on: test.database).filter(\.$action == AuditAction.view.rawValue).all()
        XCTAssertEqual(views.map(\.entityID), [planned.id.uuidString], "the one reading of the conclusion is audited")

        // The requirement is followed up; it is no longer overdue.
        let requirement = overview.overdue[0].requirement
        do {
            _ = try await store.followUp(requirement.id, doneOn: day("1/4/2023"), note: "", by: secretaryA)
            XCTFail("done before the conclusion")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["doneOn"])
        }
        _ = try await store.followUp(requirement.id, doneOn: day("15/7/2023"), note: "Đã kiểm điểm", by: secretaryA)
        overview = try await store.overview(of: fixture.root.id, span: Period(code: "2023")!, for: office,
                                            organizations: OrganizationStore(database: test.database))
        XCTAssertEqual(overview.overdue.count, 0)
        XCTAssertEqual(overview.rolledUp.concluded, 1, "committee A's case rolls up to the bloc")
        XCTAssertEqual(overview.own.total, 0, "the bloc itself acted in none")
    }

    func testWrongCasesAreRefusedWhollyWithEveryProblemNamed() async throws {
        let secretaryA = fixture.actor(.grassrootsSecretary, scope: fixture.committeeA)
        let c1 = inCell(fixture.cellC1)[0]
        let wrong = InspectionCase(programID: nil, actorOrganizationID: fixture.committeeA.id, actor: .committee, kind: .finance,
                                   title: "", plannedStart: day("1/5/2023"), plannedEnd: day("1/4/2023"), subjects: [])
        do {
            _ = try await store.plan(wrong, by: secretaryA)
            XCTFail("a wrong case was planned")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(Set(problems.map(\.field)), ["title", "plannedEnd", "kind", "subjects"])
        }
        // A member of another committee is not a subject committee A may inspect.
        do {
            _ = try await store.plan(InspectionCase(programID: nil, actorOrganizationID: fixture.committeeA.id, actor: .committee,
                                                    kind: .regularInspection, title: "Kiểm tra", plannedStart: day("1/5/2023"),
                                                    plannedEnd: day("1/6/2023"), subjects: [member(c1)]), by: secretaryA)
            XCTFail("a subject outside the acting organization was planned")
        } catch DomainError.invalid(let problems) {
            XCTAssertEqual(problems.map(\.field), ["subjects[0]"])
        }
        do {
            _ = try await store.plan(InspectionCase(programID: nil, actorOrganizationID: fixture.root.id, actor: .commission,
                                                    kind: .regularInspection, title: "Kiểm tra", plannedStart: day("1/5/2023"),
                                                    plannedEnd: day("1/6/2023"), subjects: [member(c1)]), by: secretaryA)
            XCTFail("planned for an organization above the account")
        } catch DomainError.notFound {}
        let count = try await InspectionCaseRecord.query(on: test.database).count()
        let subjects = try await InspectionSubjectRecord.query(on: test.database).count()
        XCTAssertEqual([count, subjects], [0, 0], "nothing half-written")
    }

    /// Records whose counts the test knows, and PL 8.1 printed from them: each section's cells at the bloc and at a
    /// grassroots committee, the period deciding by conclusion (or decision) date, a planned case counting nowhere,
    /// and column 1's figure from before DangBo imported as historical.
    func testPL81FillsItselfFromTheRecords() async throws {
        let forms = try repositoryForms()
        let typed = try XCTUnwrap(forms.form(code: "PL8.1"))
        let printed = try XCTUnwrap(typed.printedFromRecords(catalog: forms.elements))
        XCTAssertTrue(printed.entryCells.isEmpty, "every data cell of PL 8.1 has a counterpart counted from records")
        XCTAssertEqual(printed.boundCells.count, typed.dataCells.count)
        XCTAssertEqual(printed.rows.map(\.label), typed.rows.map(\.label), "the same layout")

        let a1 = inCell(fixture.cellA1), a2 = inCell(fixture.cellA2), c1 = inCell(fixture.cellC1)
        XCTAssertEqual([a1.count, a2.count, c1.count], [3, 2, 1])
        // Section I: committee A inspects two members (one violated and must be disciplined), committee C one.
        try await concluded(by: fixture.committeeA, .committee, .regularInspection, subjects: [member(a1[0]), member(a1[1])],
                            findings: [.init(violation: true, disciplineRequired: true), .init(violation: false)], on: "10/3/2023")
        try await concluded(by: fixture.committeeC, .committee, .regularInspection, subjects: [member(c1[0])],
                            findings: [.init(violation: false)], on: "2/2/2023")
        // Supervision of two members of A2 by committee A: signs of violation in one, moved to an inspection.
        try await concluded(by: fixture.committeeA, .committee, .thematicSupervision, subjects: [member(a2[0]), member(a2[1])],
                            findings: [.init(violation: true, referred: true), .init(violation: false)], on: "15/8/2023")
        // Section II: the bloc's commission on signs of violation of committee A (violation found), and of party dues
        // in committee C (an organization and one member in violation).
        try await concluded(by: fixture.root, .commission, .signsOfViolation, subjects: [organization(fixture.committeeA)],
                            findings: [.init(violation: true)], on: "5/5/2023")
        try await concluded(by: fixture.root, .commission, .partyDues, subjects: [organization(fixture.committeeC), member(c1[0])],
                            findings: [.init(violation: true), .init(violation: true)], on: "20/10/2023")
        // Outside 2023 or not concluded: counted nowhere in 2023.
        try await concluded(by: fixture.committeeA, .committee, .regularInspection, subjects: [member(a1[2])],
                            findings: [.init(violation: false)], on: "20/12/2022")
        _ = try await store.plan(InspectionCase(programID: nil, actorOrganizationID: fixture.committeeA.id, actor: .committee,
                                                kind: .regularInspection, title: "Chưa làm", plannedStart: day("1/6/2023"),
                                                plannedEnd: day("1/7/2023"), subjects: [member(a1[2])]), by: office)
        // Section III: a committee member reprimanded, a cell warned.
        let discipline = DisciplineStore(database: test.database, clock: { Self.now })
        _ = try await discipline.record(DisciplineDecision(subjectKind: .member, memberID: a1[0].id, organizationID: fixture.root.id,
                                                           form: .reprimand, decidedBy: .partyCommittee, deciderOrganizationID: fixture.committeeA.id,
                                                           decisionDate: day("1/6/2023"), number: "3-QĐ/ĐU", reason: "Vi phạm",
                                                           isCommitteeMember: true), by: office)
        _ = try await discipline.record(DisciplineDecision(subjectKind: .organization, memberID: nil, organizationID: fixture.cellA2.id,
                                                           form: .warning, decidedBy: .standingCommittee, deciderOrganizationID: fixture.root.id,
                                                           decisionDate: day("2/7/2023"), number: "9-QĐ/ĐUK", reason: "Vi phạm"), by: office)
        // Column 1: members inspected in 2018 (before DangBo), known only as a total for the bloc.
        let imported = try await DataValueImporter(database: test.database, forms: forms, clock: { Self.now }).importRows(
            [["Mã tổ chức", "Kỳ", "Mã chỉ tiêu", "Phân tổ", "Giá trị"], [fixture.root.code, "2018", "hoso.r1a", "", "41"]], dryRun: false, by: office)
        XCTAssertEqual(imported.issues.map(\.message), [])

        let rollUp = ReportRollUp(database: test.database, forms: forms)
        func cells(_ root: Organization, _ code: String) async throws -> [String: Double] {
            try await rollUp.values(layout: printed, root: root.id, periods: [Period(code: code)!], statuses: [.approved])[Period(code: code)!]?.numbers ?? [:]
        }
        let bloc = try await cells(fixture.root, "2023")
        let expected: [String: Double] = [
            "r1a": 3, "r1b1": 1, "r1b2": 1, "r2a": 0, "r3a": 2, "r3b1": 1, "r3b2": 1, "r5a": 0,
            "k1a": 0, "k2a": 1, "k2b1": 1, "k2b2": 0, "k11a": 1, "k11b1": 1, "k11b2": 1, "k10a": 0,
            "d1a": 1, "d1a1": 1, "d1kt": 1, "d1cc": 0, "d1kx": 0, "d1b": 0, "d2t": 1, "d2cb": 1, "d2btv": 0, "d2dcs": 0, "d2cc": 1, "d2kt": 0,
        ]
        for (row, value) in expected.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(bloc["\(row):n"] ?? -1, value, "bloc 2023, row \(row)")
        }
        let committeeA = try await cells(fixture.committeeA, "2023")
        XCTAssertEqual(committeeA["r1a:n"], 2, "committee A's own inspections; C's are not in its subtree")
        XCTAssertEqual(committeeA["k2a:n"], 0, "the bloc's commission acted, not committee A")
        XCTAssertEqual(committeeA["d2t:n"], 1, "the warned cell A2 is under committee A")
        let q1 = try await cells(fixture.committeeA, "2023-Q1")
        XCTAssertEqual(q1["r1a:n"], 2, "concluded 10/3: the first quarter")
        let year2022 = try await cells(fixture.committeeA, "2022")
        XCTAssertEqual(year2022["r1a:n"], 1)
        let year2018 = try await cells(fixture.root, "2018")
        XCTAssertEqual(year2018["r1a:n"], 41, "the figure from before DangBo")

        // The typed layout still prints what organizations report, and names where reports and records disagree.
        let disagreements = try await rollUp.disagreements(form: typed, root: fixture.root.id, span: Period(code: "2023")!, statuses: [.approved])
        XCTAssertEqual(disagreements, [], "nobody typed PL 8.1: nothing to compare")
    }
}
