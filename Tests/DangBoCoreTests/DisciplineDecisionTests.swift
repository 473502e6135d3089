import DangBoCore
import XCTest

final class DisciplineDecisionTests: XCTestCase {
    let today = Day(parsing: "1/12/2026")!

    func decision(_ kind: DisciplineDecision.SubjectKind, form: DisciplineForm, member: UUID? = UUID(), number: String = "12-QĐ/UBKTĐUK",
                  reason: String = "Vi phạm quy định về những điều đảng viên không được làm", on day: String = "3/4/2023") -> DisciplineDecision {
        DisciplineDecision(subjectKind: kind, memberID: member, organizationID: UUID(), form: form, decidedBy: .inspectionCommission,
                           deciderOrganizationID: UUID(), decisionDate: Day(parsing: day)!, number: number, reason: reason)
    }

    func testFormsApplyToTheirSubjectsAndAreOrderedBySeverity() {
        XCTAssertTrue(DisciplineForm.expulsion.applies(to: .member))
        XCTAssertFalse(DisciplineForm.dissolution.applies(to: .member))
        XCTAssertTrue(DisciplineForm.dissolution.applies(to: .organization))
        XCTAssertFalse(DisciplineForm.removalFromPost.applies(to: .organization))
        XCTAssertLessThan(DisciplineForm.reprimand, .warning)
        XCTAssertLessThan(DisciplineForm.removalFromPost, .expulsion)
    }

    func testEveryProblemNamesItsField() {
        XCTAssertEqual(decision(.member, form: .warning).problems(today: today), [])
        let bad = decision(.member, form: .dissolution, member: nil, number: " ", reason: "", on: "2/12/2026")
        let fields = Set(bad.problems(today: today).map(\.field))
        XCTAssertEqual(fields, ["memberID", "form", "decisionDate", "number", "reason"])
        var organization = decision(.organization, form: .warning, member: nil)
        XCTAssertEqual(organization.problems(today: today), [])
        organization.legalAction = true
        XCTAssertEqual(organization.problems(today: today).map(\.field), ["subjectKind"])
        XCTAssertEqual(decision(.organization, form: .warning).problems(today: today).map(\.field), ["memberID"])
    }
}
