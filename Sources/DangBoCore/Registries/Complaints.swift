import Foundation

/// Where a denunciation or an appeal stands: received and being handled, or resolved (concluded).
public enum ComplaintStatus: String, Sendable, Codable, CaseIterable {
    case received, resolved

    public var label: String { self == .received ? "Đang giải quyết" : "Đã giải quyết" }
}

/// The conclusion on a denunciation (tố đúng / tố đúng một phần / tố sai).
public enum DenunciationOutcome: String, Sendable, Codable, CaseIterable {
    case founded, partlyFounded, unfounded

    public var label: String {
        switch self {
        case .founded: "Tố đúng"
        case .partlyFounded: "Tố đúng một phần"
        case .unfounded: "Tố sai"
        }
    }

    /// Founded or partly founded: what PL 8.1 counts as "tố đúng".
    public var isFounded: Bool { self != .unfounded }
}

/// The conclusion on a discipline appeal: the appealed form kept, made heavier, lighter, or annulled.
public enum AppealOutcome: String, Sendable, Codable, CaseIterable {
    case kept, raised, lowered, annulled

    public var label: String {
        switch self {
        case .kept: "Không thay đổi hình thức kỷ luật"
        case .raised: "Tăng hình thức kỷ luật"
        case .lowered: "Giảm hình thức kỷ luật"
        case .annulled: "Xóa hình thức kỷ luật"
        }
    }
}

/// A denunciation (tố cáo) against a member or an organization, handled by the committee or the inspection
/// commission of an organization at the subject's level or above. Counted (bound source `denunciations`) in the
/// subtree of the handling organization, by received date or by conclusion date.
public struct Denunciation: Sendable, Hashable, Codable {
    public var id: UUID
    public var subjectKind: DisciplineDecision.SubjectKind
    /// The member denounced (for a member).
    public var memberID: UUID?
    /// The organization denounced, or the member's cell on the received date (read from the placements by the store).
    public var organizationID: UUID
    /// The organization whose committee or inspection commission resolves the denunciation.
    public var handlerOrganizationID: UUID
    public var actor: InspectionActor
    public var receivedOn: Day
    /// Who denounces, as short as the letter allows: a name, or "Đơn nặc danh".
    public var denouncer: String
    public var content: String
    public var concludedOn: Day?
    public var outcome: DenunciationOutcome?
    /// Only for a founded or partly founded denunciation: a violation was found, and it calls for discipline.
    public var violation: Bool?
    public var disciplineRequired: Bool?
    /// The conclusion's number, as printed on it: "05-TB/UBKTĐUK".
    public var conclusionNumber: String?

    public init(id: UUID = UUID(), subjectKind: DisciplineDecision.SubjectKind, memberID: UUID?, organizationID: UUID,
                handlerOrganizationID: UUID, actor: InspectionActor, receivedOn: Day, denouncer: String, content: String,
                concludedOn: Day? = nil, outcome: DenunciationOutcome? = nil, violation: Bool? = nil, disciplineRequired: Bool? = nil,
                conclusionNumber: String? = nil) {
        self.id = id
        self.subjectKind = subjectKind
        self.memberID = memberID
        self.organizationID = organizationID
        self.handlerOrganizationID = handlerOrganizationID
        self.actor = actor
        self.receivedOn = receivedOn
        self.denouncer = denouncer.trimmingCharacters(in: .whitespacesAndNewlines)
        self.content = content.trimmingCharacters(in: .whitespacesAndNewlines)
        self.concludedOn = concludedOn
        self.outcome = outcome
        self.violation = violation
        self.disciplineRequired = disciplineRequired
        self.conclusionNumber = conclusionNumber?.trimmingCharacters(in: .whitespaces).nonEmpty
    }

    public var status: ComplaintStatus { concludedOn == nil ? .received : .resolved }

    /// The denunciation with its conclusion; an unfounded one has neither violation nor discipline.
    public func concluded(with conclusion: DenunciationConclusion) -> Denunciation {
        var result = self
        result.concludedOn = conclusion.concludedOn
        result.outcome = conclusion.outcome
        result.violation = conclusion.violation
        result.disciplineRequired = conclusion.disciplineRequired
        result.conclusionNumber = conclusion.conclusionNumber.trimmingCharacters(in: .whitespaces).nonEmpty
        return result
    }

    /// Every problem, each naming its field, in Vietnamese.
    public func problems(today: Day) -> [FieldProblem] {
        var problems = ComplaintRules.subject(subjectKind, memberID: memberID)
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        if receivedOn > today { add("receivedOn", "Ngày nhận đơn ở tương lai") }
        if denouncer.isEmpty { add("denouncer", "Ghi người tố cáo, hoặc \"Đơn nặc danh\"") }
        if denouncer.count > 200 { add("denouncer", "Người tố cáo dài quá 200 ký tự") }
        if content.isEmpty { add("content", "Ghi nội dung tố cáo") }
        if content.count > 2000 { add("content", "Nội dung tố cáo dài quá 2.000 ký tự") }
        problems += ComplaintRules.conclusion(receivedOn: receivedOn, concludedOn: concludedOn, hasOutcome: outcome != nil,
                                              number: conclusionNumber, today: today)
        if violation == true && !(outcome?.isFounded ?? false) {
            add("violation", "Chỉ ghi có vi phạm khi kết luận tố đúng hoặc tố đúng một phần")
        }
        if disciplineRequired == true && violation != true {
            add("disciplineRequired", "Chỉ ghi phải thi hành kỷ luật khi có vi phạm")
        }
        return problems
    }
}

/// What concluding a denunciation writes.
public struct DenunciationConclusion: Sendable, Hashable {
    public var concludedOn: Day?
    public var outcome: DenunciationOutcome?
    public var violation: Bool
    public var disciplineRequired: Bool
    public var conclusionNumber: String

    public init(concludedOn: Day?, outcome: DenunciationOutcome?, violation: Bool = false, disciplineRequired: Bool = false,
                conclusionNumber: String) {
        self.concludedOn = concludedOn
        self.outcome = outcome
        self.violation = violation
        self.disciplineRequired = disciplineRequired
        self.conclusionNumber = conclusionNumber
    }
}

/// A discipline appeal (khiếu nại kỷ luật) of a member or an organization, optionally linked to the appealed
/// decision, handled by an organization at the appellant's level or above. Counted (bound source `appeals`) in the
/// subtree of the handling organization, by received date or by conclusion date.
public struct DisciplineAppeal: Sendable, Hashable, Codable {
    /// An appeal is received within one month of the decision (Party Charter, art. 37; Quy định 22-QĐ/TW).
    public static let monthsToAppeal = 1

    public var id: UUID
    public var subjectKind: DisciplineDecision.SubjectKind
    /// The member who appeals (for a member).
    public var memberID: UUID?
    /// The organization that appeals, or the member's cell on the received date (read from the placements by the store).
    public var organizationID: UUID
    /// The appealed decision, when it is in the discipline registry.
    public var decisionID: UUID?
    public var handlerOrganizationID: UUID
    public var actor: InspectionActor
    public var receivedOn: Day
    public var content: String
    public var concludedOn: Day?
    public var outcome: AppealOutcome?
    public var conclusionNumber: String?

    public init(id: UUID = UUID(), subjectKind: DisciplineDecision.SubjectKind, memberID: UUID?, organizationID: UUID,
                decisionID: UUID? = nil, handlerOrganizationID: UUID, actor: InspectionActor, receivedOn: Day, content: String,
                concludedOn: Day? = nil, outcome: AppealOutcome? = nil, conclusionNumber: String? = nil) {
        self.id = id
        self.subjectKind = subjectKind
        self.memberID = memberID
        self.organizationID = organizationID
        self.decisionID = decisionID
        self.handlerOrganizationID = handlerOrganizationID
        self.actor = actor
        self.receivedOn = receivedOn
        self.content = content.trimmingCharacters(in: .whitespacesAndNewlines)
        self.concludedOn = concludedOn
        self.outcome = outcome
        self.conclusionNumber = conclusionNumber?.trimmingCharacters(in: .whitespaces).nonEmpty
    }

    public var status: ComplaintStatus { concludedOn == nil ? .received : .resolved }

    public func concluded(on day: Day?, outcome: AppealOutcome?, number: String) -> DisciplineAppeal {
        var result = self
        result.concludedOn = day
        result.outcome = outcome
        result.conclusionNumber = number.trimmingCharacters(in: .whitespaces).nonEmpty
        return result
    }

    /// Every problem, each naming its field, in Vietnamese. `decision`: the appealed decision when the appeal is
    /// linked to one (its subject must be the appellant, and the appeal must come within a month of it).
    public func problems(today: Day, decision: DisciplineDecision? = nil) -> [FieldProblem] {
        var problems = ComplaintRules.subject(subjectKind, memberID: memberID)
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        if receivedOn > today { add("receivedOn", "Ngày nhận đơn ở tương lai") }
        if content.isEmpty { add("content", "Ghi nội dung khiếu nại") }
        if content.count > 2000 { add("content", "Nội dung khiếu nại dài quá 2.000 ký tự") }
        if let decision {
            let sameSubject = decision.subjectKind == subjectKind
                && (subjectKind == .member ? decision.memberID == memberID : decision.organizationID == organizationID)
            if !sameSubject { add("decisionID", "Quyết định kỷ luật số \(decision.number) không phải của người hoặc tổ chức khiếu nại") }
            let deadline = decision.decisionDate.addingMonths(Self.monthsToAppeal)
            if receivedOn < decision.decisionDate {
                add("receivedOn", "Ngày nhận đơn trước ngày quyết định kỷ luật (\(decision.decisionDate.vietnamese))")
            } else if receivedOn > deadline {
                add("receivedOn", "Quá thời hạn khiếu nại: đơn phải được gửi trong một tháng kể từ ngày quyết định "
                    + "\(decision.decisionDate.vietnamese) (đến \(deadline.vietnamese))")
            }
        }
        problems += ComplaintRules.conclusion(receivedOn: receivedOn, concludedOn: concludedOn, hasOutcome: outcome != nil,
                                              number: conclusionNumber, today: today)
        return problems
    }
}

/// The rules denunciations and appeals share.
enum ComplaintRules {
    static func subject(_ kind: DisciplineDecision.SubjectKind, memberID: UUID?) -> [FieldProblem] {
        switch kind {
        case .member where memberID == nil: [.init(field: "memberID", message: "Chọn đảng viên")]
        case .organization where memberID != nil: [.init(field: "memberID", message: "Đơn về tổ chức đảng không ghi đảng viên")]
        default: []
        }
    }

    static func conclusion(receivedOn: Day, concludedOn: Day?, hasOutcome: Bool, number: String?, today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        if let concludedOn {
            if concludedOn > today { add("concludedOn", "Ngày kết luận ở tương lai") }
            if concludedOn < receivedOn { add("concludedOn", "Ngày kết luận trước ngày nhận đơn (\(receivedOn.vietnamese))") }
            if !hasOutcome { add("outcome", "Chọn kết luận") }
            if number == nil { add("conclusionNumber", "Ghi số văn bản kết luận, ví dụ 05-TB/UBKTĐUK") }
        } else if hasOutcome || number != nil {
            add("concludedOn", "Ghi ngày kết luận")
        }
        if let number, number.count > 40 { add("conclusionNumber", "Số văn bản kết luận dài quá 40 ký tự") }
        return problems
    }
}

extension Day {
    /// The same day `months` later, on the month's last day when it is shorter (31/1 + 1 month = 28/2 or 29/2).
    public func addingMonths(_ months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (index / 12, index % 12 + 1)
        return Day(year: newYear, month: newMonth, day: min(day, Day.daysIn(month: newMonth, year: newYear)))!
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// What denunciations and appeals share: a subject (a member, placed in a cell on the received date, or an
/// organization), the organization that handles the letter, and its course (received, then concluded).
public protocol Complaint: Sendable {
    var id: UUID { get }
    var subjectKind: DisciplineDecision.SubjectKind { get }
    var memberID: UUID? { get }
    var organizationID: UUID { get set }
    var handlerOrganizationID: UUID { get }
    var actor: InspectionActor { get }
    var receivedOn: Day { get }
    var concludedOn: Day? { get }
    var status: ComplaintStatus { get }
    /// The outcome's label, empty while the letter is not concluded.
    var outcomeLabel: String { get }
}

extension Denunciation: Complaint {
    public var outcomeLabel: String { outcome?.label ?? "" }
}

extension DisciplineAppeal: Complaint {
    public var outcomeLabel: String { outcome?.label ?? "" }
}
