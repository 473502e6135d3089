import DangBoCore
import XCTest

final class MemberRulesTests: XCTestCase {
    let today = Day(year: 2023, month: 3, day: 31)!

    func fields() -> MemberFields {
        MemberFields(fullName: "Nguyễn Thị Vinh", gender: .female, birthDate: Day(parsing: "12/4/1985")!,
                     educationLevel: .university, politicalTheoryLevel: .intermediate,
                     admissionDate: Day(parsing: "3/2/2010"), fullMembershipDate: Day(parsing: "3/2/2011"),
                     cardNumber: "79012345")
    }

    func testValidMemberHasNoProblems() {
        XCTAssertEqual(fields().problems(today: today), [])
    }

    func testEachRuleNamesItsField() {
        var f = fields()
        f.fullName = "  "
        f.admissionDate = Day(parsing: "1/1/2000") // aged 14
        f.fullMembershipDate = Day(parsing: "1/1/1999")
        f.cardNumber = "12 34"
        f.status = .deceased
        let fieldsWithProblems = Set(f.problems(today: today).map(\.field))
        XCTAssertEqual(fieldsWithProblems, ["fullName", "admissionDate", "fullMembershipDate", "cardNumber", "statusDate"])
    }

    func testFutureDatesAreRefused() {
        var f = fields()
        f.birthDate = Day(parsing: "1/1/2030")!
        f.admissionDate = nil
        f.fullMembershipDate = nil
        XCTAssertEqual(f.problems(today: today).map(\.field), ["birthDate"])
    }

    func testProbation() {
        var member = Member(organizationID: UUID(), fields: fields())
        member.fields.admissionDate = Day(parsing: "1/6/2022")
        member.fields.fullMembershipDate = nil
        XCTAssertTrue(member.isProbationary(on: today))
        member.fields.fullMembershipDate = Day(parsing: "1/6/2023")
        XCTAssertTrue(member.isProbationary(on: today))
        XCTAssertFalse(member.isProbationary(on: Day(parsing: "2/6/2023")!))
    }

    func testNormalizationCollapsesSpacesAndDuplicatePositions() {
        var f = fields()
        f.fullName = " Nguyễn   Thị  Vinh "
        f.cardNumber = "  "
        f.positions = [.secretary, .secretary, .committeeMember]
        let n = f.normalized
        XCTAssertEqual(n.fullName, "Nguyễn Thị Vinh")
        XCTAssertNil(n.cardNumber)
        XCTAssertEqual(n.positions, [.secretary, .committeeMember])
    }

    func testLenientLabelsAcceptVietnameseWithOrWithoutMarks() {
        XCTAssertEqual(PoliticalTheoryLevel(lenient: "Trung cấp"), .intermediate)
        XCTAssertEqual(PoliticalTheoryLevel(lenient: "trung cap"), .intermediate)
        XCTAssertEqual(PoliticalTheoryLevel(lenient: "Cao cấp, cử nhân"), .advanced)
        XCTAssertEqual(Gender(lenient: "nu"), .female)
        XCTAssertNil(Gender(lenient: "khác"))
    }

    func testOrganizationDraftLevels() {
        let day = Day(parsing: "1/1/2020")!
        let cell = OrganizationDraft(code: "CB-1", name: "Chi bộ Văn phòng", level: .subordinateCell, unitKind: .agency,
                                     cluster: nil, parentID: UUID(), openedOn: day)
        XCTAssertEqual(cell.problems(parentLevel: .grassrootsCommittee), [])
        XCTAssertEqual(cell.problems(parentLevel: .bloc).map(\.field), ["level"])
        XCTAssertEqual(cell.problems(parentLevel: nil).map(\.field), ["parentID"])
        var bad = cell
        bad.code = "mã có dấu"
        bad.closedOn = Day(parsing: "1/1/2019")
        XCTAssertEqual(Set(bad.problems(parentLevel: .grassrootsCommittee).map(\.field)), ["code", "closedOn"])
    }

    func testRolesPermissions() {
        XCTAssertTrue(Role.administrator.can(.viewAudit))
        XCTAssertFalse(Role.blocOffice.can(.viewAudit))
        XCTAssertTrue(Role.blocOffice.can(.transferOrganizations))
        XCTAssertFalse(Role.grassrootsSecretary.can(.manageOrganizations))
        XCTAssertTrue(Role.grassrootsSecretary.can(.importMembers))
        XCTAssertFalse(Role.inspectionCommission.can(.manageMembers))
        XCTAssertFalse(Role.member.can(.viewMembers))
    }
}
