import Foundation

/// Who acts in an inspection, a supervision, a denunciation or an appeal: a party committee or its standing
/// committee (art. 30 of the Party Charter) or an inspection commission (art. 32). PL 8.1 prints them apart.
public enum InspectionActor: String, Sendable, Codable, CaseIterable {
    case committee, commission

    public var label: String {
        switch self {
        case .committee: "Cấp ủy (Điều 30)"
        case .commission: "Ủy ban Kiểm tra (Điều 32)"
        }
    }
}

/// The kind of an inspection or supervision case (PL 8.1's sections I and II).
public enum InspectionKind: String, Sendable, Codable, CaseIterable {
    case regularInspection, signsOfViolation, inspectionDuty, disciplineWork, finance, partyDues
    case regularSupervision, thematicSupervision

    public var label: String {
        switch self {
        case .regularInspection: "Kiểm tra thường xuyên"
        case .signsOfViolation: "Kiểm tra khi có dấu hiệu vi phạm"
        case .inspectionDuty: "Kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát"
        case .disciplineWork: "Kiểm tra việc thi hành kỷ luật"
        case .finance: "Kiểm tra tài chính đảng"
        case .partyDues: "Kiểm tra thu nộp, quản lý, sử dụng đảng phí"
        case .regularSupervision: "Giám sát thường xuyên"
        case .thematicSupervision: "Giám sát chuyên đề"
        }
    }

    public var isSupervision: Bool { self == .regularSupervision || self == .thematicSupervision }

    /// Kinds only an inspection commission carries out (art. 32): the committee (art. 30) inspects and supervises
    /// members and organizations, regularly and on signs of violation.
    public var commissionOnly: Bool { [.inspectionDuty, .disciplineWork, .finance, .partyDues].contains(self) }

    /// Kinds whose subjects are organizations only (the duty, discipline work, finances and dues of an organization).
    public var organizationsOnly: Bool { [.inspectionDuty, .disciplineWork].contains(self) }
}

/// A term or yearly inspection and supervision program (chương trình kiểm tra, giám sát) of one organization's
/// committee or inspection commission, with its planned cases.
public struct InspectionProgram: Sendable, Hashable, Codable {
    public enum Scope: String, Sendable, Codable, CaseIterable {
        case term, year

        public var label: String { self == .term ? "Toàn khóa" : "Hằng năm" }
    }

    public var id: UUID
    public var organizationID: UUID
    public var actor: InspectionActor
    public var scope: Scope
    public var title: String
    public var start: Day
    public var end: Day

    public init(id: UUID = UUID(), organizationID: UUID, actor: InspectionActor, scope: Scope, title: String, start: Day, end: Day) {
        self.id = id
        self.organizationID = organizationID
        self.actor = actor
        self.scope = scope
        self.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        self.start = start
        self.end = end
    }

    /// Every problem, each naming its field, in Vietnamese.
    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if title.isEmpty { problems.append(.init(field: "title", message: "Ghi tên chương trình, ví dụ Chương trình kiểm tra, giám sát năm 2024")) }
        if title.count > 300 { problems.append(.init(field: "title", message: "Tên chương trình dài quá 300 ký tự")) }
        if end < start { problems.append(.init(field: "end", message: "Ngày kết thúc trước ngày bắt đầu")) }
        if scope == .year, start.year != end.year {
            problems.append(.init(field: "end", message: "Chương trình hằng năm bắt đầu và kết thúc trong cùng một năm"))
        }
        return problems
    }
}

/// One inspection or supervision case: planned in a program (or unplanned, on signs of violation), started,
/// concluded with a finding per subject, and the conclusion's requirements followed up to their due dates. Each
/// concluded subject is what PL 8.1's sections I and II count, in the subtree of the organization that acted, on
/// the conclusion date.
public struct InspectionCase: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case planned, started, concluded

        public var label: String {
            switch self {
            case .planned: "Chưa tiến hành"
            case .started: "Đang tiến hành"
            case .concluded: "Đã kết luận"
            }
        }
    }

    /// An organization or a member the case looks at, and what the conclusion found about them.
    public struct Subject: Sendable, Hashable, Codable {
        public var memberID: UUID?
        /// The organization inspected, or the member's cell on the case's start (filled from the placements).
        public var organizationID: UUID
        public var isCommitteeMember: Bool
        /// Set at conclusion: a violation found (for a supervision: signs of violation found).
        public var violation: Bool?
        public var disciplineRequired: Bool?
        /// A supervision's subject moved to an inspection on signs of violation.
        public var referred: Bool?

        public var kind: DisciplineDecision.SubjectKind { memberID == nil ? .organization : .member }

        public init(memberID: UUID? = nil, organizationID: UUID, isCommitteeMember: Bool = false,
                    violation: Bool? = nil, disciplineRequired: Bool? = nil, referred: Bool? = nil) {
            self.memberID = memberID
            self.organizationID = organizationID
            self.isCommitteeMember = isCommitteeMember
            self.violation = violation
            self.disciplineRequired = disciplineRequired
            self.referred = referred
        }
    }

    public var id: UUID
    public var programID: UUID?
    /// The organization whose committee or commission carries the case out.
    public var actorOrganizationID: UUID
    public var actor: InspectionActor
    public var kind: InspectionKind
    public var title: String
    public var plannedStart: Day
    public var plannedEnd: Day
    public var startedOn: Day?
    public var concludedOn: Day?
    /// The conclusion's number and text (thông báo kết luận).
    public var conclusionNumber: String
    public var conclusion: String
    public var subjects: [Subject]

    public init(id: UUID = UUID(), programID: UUID?, actorOrganizationID: UUID, actor: InspectionActor, kind: InspectionKind,
                title: String, plannedStart: Day, plannedEnd: Day, startedOn: Day? = nil, concludedOn: Day? = nil,
                conclusionNumber: String = "", conclusion: String = "", subjects: [Subject]) {
        self.id = id
        self.programID = programID
        self.actorOrganizationID = actorOrganizationID
        self.actor = actor
        self.kind = kind
        self.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.startedOn = startedOn
        self.concludedOn = concludedOn
        self.conclusionNumber = conclusionNumber.trimmingCharacters(in: .whitespaces)
        self.conclusion = conclusion.trimmingCharacters(in: .whitespacesAndNewlines)
        self.subjects = subjects
    }

    public var status: Status { concludedOn != nil ? .concluded : startedOn != nil ? .started : .planned }

    /// Late against the program: not started by the planned start, or not concluded by the planned end.
    public func isLate(today: Day) -> Bool {
        switch status {
        case .planned: plannedStart < today
        case .started: plannedEnd < today
        case .concluded: concludedOn.map { $0 > plannedEnd } ?? false
        }
    }

    /// Every problem of the planned case, each naming its field, in Vietnamese.
    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        if title.isEmpty { add("title", "Ghi nội dung cuộc kiểm tra, giám sát") }
        if title.count > 500 { add("title", "Nội dung dài quá 500 ký tự") }
        if plannedEnd < plannedStart { add("plannedEnd", "Ngày dự kiến kết thúc trước ngày dự kiến bắt đầu") }
        if kind.commissionOnly && actor == .committee {
            add("kind", "\(kind.label) là nhiệm vụ của Ủy ban Kiểm tra (Điều 32), không phải của cấp ủy (Điều 30)")
        }
        if subjects.isEmpty { add("subjects", "Chọn ít nhất một tổ chức đảng hoặc đảng viên là đối tượng") }
        if kind.organizationsOnly && subjects.contains(where: { $0.memberID != nil }) {
            add("subjects", "\(kind.label) có đối tượng là tổ chức đảng, không phải đảng viên")
        }
        if Set(subjects.map { $0.memberID?.uuidString ?? $0.organizationID.uuidString }).count != subjects.count {
            add("subjects", "Một đối tượng được chọn hai lần")
        }
        if subjects.count > 200 { add("subjects", "Một cuộc kiểm tra, giám sát có tối đa 200 đối tượng") }
        return problems
    }

    /// The problems of a conclusion given on `day` with its findings, in the order of the subjects.
    public func conclusionProblems(on day: Day, today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        if status == .concluded { add("concludedOn", "Cuộc \(kind.isSupervision ? "giám sát" : "kiểm tra") này đã kết luận") }
        if day > today { add("concludedOn", "Ngày kết luận ở tương lai") }
        if let startedOn, day < startedOn { add("concludedOn", "Ngày kết luận trước ngày bắt đầu (\(startedOn.vietnamese))") }
        if conclusionNumber.isEmpty { add("conclusionNumber", "Ghi số thông báo kết luận, ví dụ 05-TB/UBKT") }
        if conclusionNumber.count > 40 { add("conclusionNumber", "Số thông báo kết luận dài quá 40 ký tự") }
        if conclusion.count > 4000 { add("conclusion", "Nội dung kết luận dài quá 4.000 ký tự") }
        for (index, subject) in subjects.enumerated() {
            if subject.disciplineRequired == true && subject.violation != true {
                add("subjects[\(index)]", "Đối tượng thứ \(index + 1): phải thi hành kỷ luật chỉ khi có vi phạm")
            }
            if subject.referred == true && !kind.isSupervision {
                add("subjects[\(index)]", "Đối tượng thứ \(index + 1): chỉ cuộc giám sát mới chuyển sang kiểm tra khi có dấu hiệu vi phạm")
            }
            if subject.referred == true && subject.violation != true {
                add("subjects[\(index)]", "Đối tượng thứ \(index + 1): chỉ chuyển kiểm tra khi phát hiện dấu hiệu vi phạm")
            }
        }
        return problems
    }
}

/// What a conclusion requires of an organization, by a due date, and its follow-up (theo dõi, đôn đốc).
public struct InspectionRequirement: Sendable, Hashable, Codable {
    public var id: UUID
    public var caseID: UUID
    /// The organization that must act on it.
    public var organizationID: UUID
    public var text: String
    public var dueDate: Day
    public var doneOn: Day?
    public var followUp: String

    public init(id: UUID = UUID(), caseID: UUID, organizationID: UUID, text: String, dueDate: Day, doneOn: Day? = nil, followUp: String = "") {
        self.id = id
        self.caseID = caseID
        self.organizationID = organizationID
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.dueDate = dueDate
        self.doneOn = doneOn
        self.followUp = followUp.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func isOverdue(today: Day) -> Bool { doneOn == nil && dueDate < today }

    public func problems(today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if text.isEmpty { problems.append(.init(field: "text", message: "Ghi nội dung yêu cầu của kết luận")) }
        if text.count > 2000 { problems.append(.init(field: "text", message: "Nội dung yêu cầu dài quá 2.000 ký tự")) }
        if let doneOn, doneOn > today { problems.append(.init(field: "doneOn", message: "Ngày hoàn thành ở tương lai")) }
        if followUp.count > 2000 { problems.append(.init(field: "followUp", message: "Ghi chú theo dõi dài quá 2.000 ký tự")) }
        return problems
    }
}

/// A program's progress as its page and the roll-up print it: cases planned, started, concluded, late.
public struct InspectionProgress: Sendable, Hashable, Codable {
    public var planned = 0
    public var started = 0
    public var concluded = 0
    public var late = 0

    public init() {}

    public var total: Int { planned + started + concluded }

    public mutating func add(_ status: InspectionCase.Status, late isLate: Bool) {
        switch status {
        case .planned: planned += 1
        case .started: started += 1
        case .concluded: concluded += 1
        }
        if isLate { late += 1 }
    }

    public static func + (lhs: Self, rhs: Self) -> Self {
        var sum = lhs
        sum.planned += rhs.planned
        sum.started += rhs.started
        sum.concluded += rhs.concluded
        sum.late += rhs.late
        return sum
    }
}
