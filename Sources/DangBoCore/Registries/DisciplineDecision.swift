import Foundation

/// A discipline form (hình thức kỷ luật). Members: reprimand, warning, removal from post, expulsion; organizations:
/// reprimand, warning, dissolution (Party Charter, art. 35–36). The order is the severity, lightest first.
public enum DisciplineForm: String, Sendable, Codable, CaseIterable, Comparable {
    case reprimand, warning, removalFromPost, expulsion, dissolution

    public var label: String {
        switch self {
        case .reprimand: "Khiển trách"
        case .warning: "Cảnh cáo"
        case .removalFromPost: "Cách chức"
        case .expulsion: "Khai trừ"
        case .dissolution: "Giải tán"
        }
    }

    /// Whether the form applies to a member or to an organization.
    public func applies(to subject: DisciplineDecision.SubjectKind) -> Bool {
        switch subject {
        case .member: self != .dissolution
        case .organization: [.reprimand, .warning, .dissolution].contains(self)
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Who decided: the party committee or its standing committee (art. 30 of the Charter), or the inspection
/// commission (art. 32), or the cell's meeting.
public enum DisciplineBody: String, Sendable, Codable, CaseIterable {
    case cell, partyCommittee, standingCommittee, inspectionCommission

    public var label: String {
        switch self {
        case .cell: "Chi bộ"
        case .partyCommittee: "Cấp ủy"
        case .standingCommittee: "Ban Thường vụ"
        case .inspectionCommission: "Ủy ban Kiểm tra"
        }
    }
}

/// A discipline decision against a member or an organization: kept once, it is what PL 8.1's section III counts
/// (by decision date, in the subtree of the organization the subject belonged to on that day).
public struct DisciplineDecision: Sendable, Hashable, Codable {
    public enum SubjectKind: String, Sendable, Codable, CaseIterable {
        case member, organization

        public var label: String { self == .member ? "Đảng viên" : "Tổ chức đảng" }
    }

    public var id: UUID
    public var subjectKind: SubjectKind
    /// The member disciplined (for a member's decision).
    public var memberID: UUID?
    /// The organization the decision counts in: the disciplined organization, or the member's cell on the decision date.
    public var organizationID: UUID
    public var form: DisciplineForm
    public var decidedBy: DisciplineBody
    /// The organization whose body decided (the committee or commission of that level).
    public var deciderOrganizationID: UUID
    public var decisionDate: Day
    /// The decision's number, as printed on it: "12-QĐ/UBKTĐUK".
    public var number: String
    public var reason: String
    /// The member sat on a party committee (PL 8.1 "Là cấp uỷ viên các cấp").
    public var isCommitteeMember: Bool
    /// Also dealt with by law or by administrative measures (PL 8.1 "Xử lý pháp luật", "Xử lý hành chính").
    public var legalAction: Bool
    public var administrativeAction: Bool

    public init(id: UUID = UUID(), subjectKind: SubjectKind, memberID: UUID?, organizationID: UUID, form: DisciplineForm,
                decidedBy: DisciplineBody, deciderOrganizationID: UUID, decisionDate: Day, number: String, reason: String,
                isCommitteeMember: Bool = false, legalAction: Bool = false, administrativeAction: Bool = false) {
        self.id = id
        self.subjectKind = subjectKind
        self.memberID = memberID
        self.organizationID = organizationID
        self.form = form
        self.decidedBy = decidedBy
        self.deciderOrganizationID = deciderOrganizationID
        self.decisionDate = decisionDate
        self.number = number.trimmingCharacters(in: .whitespaces)
        self.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        self.isCommitteeMember = isCommitteeMember
        self.legalAction = legalAction
        self.administrativeAction = administrativeAction
    }

    /// "Cảnh cáo — quyết định số 12-QĐ/UBKTĐUK ngày 3/4/2023": how a page names the decision.
    public var caption: String { "\(form.label) — quyết định số \(number) ngày \(decisionDate.vietnamese)" }

    /// Every problem of the decision, each naming its field, in Vietnamese.
    public func problems(today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        switch subjectKind {
        case .member where memberID == nil: add("memberID", "Chọn đảng viên bị kỷ luật")
        case .organization where memberID != nil: add("memberID", "Quyết định kỷ luật tổ chức đảng không ghi đảng viên")
        default: break
        }
        if !form.applies(to: subjectKind) {
            add("form", "Hình thức \"\(form.label)\" không áp dụng cho \(subjectKind.label.lowercased())")
        }
        if subjectKind == .organization && (isCommitteeMember || legalAction || administrativeAction) {
            add("subjectKind", "Cấp ủy viên, xử lý pháp luật và xử lý hành chính chỉ ghi cho đảng viên")
        }
        if decisionDate > today { add("decisionDate", "Ngày quyết định ở tương lai") }
        if number.isEmpty { add("number", "Ghi số quyết định, ví dụ 12-QĐ/UBKTĐUK") }
        if number.count > 40 { add("number", "Số quyết định dài quá 40 ký tự") }
        if reason.isEmpty { add("reason", "Ghi nội dung vi phạm") }
        if reason.count > 2000 { add("reason", "Nội dung vi phạm dài quá 2.000 ký tự") }
        return problems
    }
}
