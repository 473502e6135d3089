import DangBoCore
import XCTest

final class ComplaintsTests: XCTestCase {
    let today = Day(parsing: "1/12/2026")!

    func denunciation(_ kind: DisciplineDecision.SubjectKind = .member, member: UUID? = UUID(), on day: String = "3/4/2023",
                      denouncer: String = "Đơn nặc danh", content: String = "Vi phạm quy định về những điều đảng viên không được làm") -> Denunciation {
        Denunciation(subjectKind: kind, memberID: member, organizationID: UUID(), handlerOrganizationID: UUID(), actor: .commission,
                     receivedOn: Day(parsing: day)!, denouncer: denouncer, content: content)
    }

    func testAReceivedDenunciationIsValidAndEveryProblemNamesItsField() {
        XCTAssertEqual(denunciation().problems(today: today), [])
        XCTAssertEqual(denunciation().status, .received)
        let bad = denunciation(member: nil, on: "2/12/2026", denouncer: " ", content: "")
        XCTAssertEqual(Set(bad.problems(today: today).map(\.field)), ["memberID", "receivedOn", "denouncer", "content"])
        XCTAssertEqual(denunciation(.organization).problems(today: today).map(\.field), ["memberID"])
        XCTAssertEqual(denunciation(content: String(repeating: "a", count: 2001)).problems(today: today).map(\.field), ["content"])
    }

    func testAConclusionNeedsItsOutcomeDateAndNumberAndViolationOnlyWhenFounded() {
        let received = denunciation()
        let founded = received.concluded(with: .init(concludedOn: Day(parsing: "1/6/2023")!, outcome: .partlyFounded, violation: true,
                                                     disciplineRequired: true, conclusionNumber: "5-TB/UBKT"))
        XCTAssertEqual(founded.problems(today: today), [])
        XCTAssertEqual(founded.status, .resolved)
        let noOutcome = received.concluded(with: .init(concludedOn: Day(parsing: "1/6/2023")!, outcome: nil, conclusionNumber: ""))
        XCTAssertEqual(Set(noOutcome.problems(today: today).map(\.field)), ["outcome", "conclusionNumber"])
        let early = received.concluded(with: .init(concludedOn: Day(parsing: "1/3/2023")!, outcome: .unfounded, conclusionNumber: "5-TB"))
        XCTAssertEqual(early.problems(today: today).map(\.field), ["concludedOn"])
        let future = received.concluded(with: .init(concludedOn: Day(parsing: "2/12/2026")!, outcome: .unfounded, conclusionNumber: "5-TB"))
        XCTAssertEqual(future.problems(today: today).map(\.field), ["concludedOn"])
        let noDate = received.concluded(with: .init(concludedOn: nil, outcome: .founded, conclusionNumber: "5-TB"))
        XCTAssertEqual(noDate.problems(today: today).map(\.field), ["concludedOn"])
        let unfoundedViolation = received.concluded(with: .init(concludedOn: Day(parsing: "1/6/2023")!, outcome: .unfounded, violation: true,
                                                                conclusionNumber: "5-TB"))
        XCTAssertEqual(unfoundedViolation.problems(today: today).map(\.field), ["violation"])
        let disciplineWithoutViolation = received.concluded(with: .init(concludedOn: Day(parsing: "1/6/2023")!, outcome: .founded,
                                                                        disciplineRequired: true, conclusionNumber: "5-TB"))
        XCTAssertEqual(disciplineWithoutViolation.problems(today: today).map(\.field), ["disciplineRequired"])
        XCTAssertTrue(DenunciationOutcome.founded.isFounded)
        XCTAssertFalse(DenunciationOutcome.unfounded.isFounded)
    }

    func appeal(member: UUID?, on day: String, decision: UUID? = nil) -> DisciplineAppeal {
        DisciplineAppeal(subjectKind: .member, memberID: member, organizationID: UUID(), decisionID: decision, handlerOrganizationID: UUID(),
                         actor: .commission, receivedOn: Day(parsing: day)!, content: "Đề nghị xem xét lại hình thức kỷ luật")
    }

    func testAnAppealLinkedToADecisionIsTheSubjectsAndComesWithinAMonth() {
        let member = UUID()
        let decision = DisciplineDecision(subjectKind: .member, memberID: member, organizationID: UUID(), form: .warning,
                                          decidedBy: .inspectionCommission, deciderOrganizationID: UUID(),
                                          decisionDate: Day(parsing: "31/1/2023")!, number: "12-QĐ/UBKT", reason: "Vi phạm")
        XCTAssertEqual(appeal(member: member, on: "28/2/2023", decision: decision.id).problems(today: today, decision: decision), [])
        XCTAssertEqual(appeal(member: member, on: "1/3/2023").problems(today: today, decision: decision).map(\.field), ["receivedOn"],
                       "a month after 31/1 ends on 28/2")
        XCTAssertEqual(appeal(member: member, on: "30/1/2023").problems(today: today, decision: decision).map(\.field), ["receivedOn"])
        XCTAssertEqual(appeal(member: UUID(), on: "10/2/2023").problems(today: today, decision: decision).map(\.field), ["decisionID"])
        XCTAssertEqual(appeal(member: nil, on: "10/2/2023").problems(today: today).map(\.field), ["memberID"])
        let concluded = appeal(member: member, on: "10/2/2023").concluded(on: Day(parsing: "1/3/2023")!, outcome: .lowered, number: "3-TB/UBKT")
        XCTAssertEqual(concluded.problems(today: today), [])
        XCTAssertEqual(concluded.status, .resolved)
        XCTAssertEqual(appeal(member: member, on: "10/2/2023").concluded(on: Day(parsing: "1/3/2023")!, outcome: nil, number: "3")
            .problems(today: today).map(\.field), ["outcome"])
        XCTAssertEqual(Day(parsing: "31/12/2023")!.addingMonths(2), Day(parsing: "29/2/2024")!)
    }
}
