import Foundation

/// A yearly quality grade (mức xếp loại chất lượng, Quy định 124-QĐ/TW): the same four grades for members,
/// organizations, leadership collectives and individual cadres. The order is from best to worst.
public enum QualityGrade: String, LabeledValue {
    case excellent, good, completed, notCompleted

    public var label: String {
        switch self {
        case .excellent: "Hoàn thành xuất sắc nhiệm vụ"
        case .good: "Hoàn thành tốt nhiệm vụ"
        case .completed: "Hoàn thành nhiệm vụ"
        case .notCompleted: "Không hoàn thành nhiệm vụ"
        }
    }

    /// The abbreviation the appendices print (PL 7.6: "HTXSNV").
    public var abbreviation: String {
        switch self {
        case .excellent: "HTXSNV"
        case .good: "HTTNV"
        case .completed: "HTNV"
        case .notCompleted: "KHTNV"
        }
    }

    /// "Hoàn thành tốt nhiệm vụ trở lên": the numerator of the targets' yearly shares.
    public var isGoodOrBetter: Bool { self == .excellent || self == .good }

    /// A grade read from a label or an abbreviation as people type them ("HTXSNV", "Hoàn thành tốt nhiệm vụ",
    /// "không hoàn thành"), without regard to case or diacritics.
    public init?(text: String) {
        let folded = VietnameseText.folded(text)
        guard !folded.isEmpty else { return nil }
        if let grade = Self.allCases.first(where: {
            VietnameseText.folded($0.label) == folded || VietnameseText.folded($0.abbreviation) == folded || $0.rawValue.lowercased() == folded
        }) {
            self = grade
        } else if folded == "khong hoan thanh" || folded == "khtnv" || folded == "khong htnv" {
            self = .notCompleted
        } else if folded == "xuat sac" {
            self = .excellent
        } else if folded == "tot" {
            self = .good
        } else if folded == "hoan thanh" {
            self = .completed
        } else {
            return nil
        }
    }
}

/// What is rated: a member, a party organization, a leadership collective of an organization, or one leading cadre
/// in one title (PL 7.5).
public enum RatedSubject: String, LabeledValue {
    case member, organization, collective, cadre

    public var label: String {
        switch self {
        case .member: "Đảng viên"
        case .organization: "Tổ chức đảng"
        case .collective: "Tập thể lãnh đạo, quản lý"
        case .cadre: "Cán bộ lãnh đạo, quản lý"
        }
    }

    /// The measure of the `ratings` bound source that counts this subject's ratings.
    public var measureCode: String {
        switch self {
        case .member: "members"
        case .organization: "organizations"
        case .collective: "collectives"
        case .cadre: "cadres"
        }
    }
}

/// The leadership collectives PL 7.6 prints as columns.
public enum CollectiveKind: String, LabeledValue {
    case executiveCommittee, standingCommittee, otherCollective

    public var label: String {
        switch self {
        case .executiveCommittee: "Ban Chấp hành"
        case .standingCommittee: "Ban Thường vụ"
        case .otherCollective: "Tập thể lãnh đạo, quản lý khác"
        }
    }
}

/// The titles PL 7.5 prints as rows (at each tier: province, district, grassroots).
public enum CadreTitle: String, LabeledValue {
    case secretary, deputySecretary, standingMember, committeeMember

    public var label: String {
        switch self {
        case .secretary: "Bí thư"
        case .deputySecretary: "Phó bí thư"
        case .standingMember: "Ủy viên Ban thường vụ"
        case .committeeMember: "Ủy viên Ban chấp hành"
        }
    }
}

/// The special cases PL 7.6 counts among the rated collectives ("Trong đó"): each caps the grade a collective may
/// get, and the registry records which applied.
public enum CollectiveCase: String, LabeledValue {
    case disunity, underHalfTargets, mainTargetsMissed, collectiveDisciplined, memberDisciplined, otherCase

    public var label: String {
        switch self {
        case .disunity: "Cấp có thẩm quyền kết luận mất đoàn kết nội bộ hoặc có thành viên suy thoái"
        case .underHalfTargets: "Địa phương, tổ chức, cơ quan, đơn vị trực tiếp lãnh đạo, quản lý hoàn thành dưới 50% số chỉ tiêu"
        case .mainTargetsMissed: "Các chỉ tiêu chủ yếu không đạt 100%"
        case .collectiveDisciplined: "Tập thể lãnh đạo, quản lý bị xử lý kỷ luật"
        case .memberDisciplined: "Có thành viên của tập thể bị xử lý kỷ luật từ cảnh cáo trở lên"
        case .otherCase: "Khác"
        }
    }

    /// The column that stores the case.
    public var column: String {
        switch self {
        case .disunity: "case_disunity"
        case .underHalfTargets: "case_under_half_targets"
        case .mainTargetsMissed: "case_main_targets_missed"
        case .collectiveDisciplined: "case_collective_disciplined"
        case .memberDisciplined: "case_member_disciplined"
        case .otherCase: "case_other"
        }
    }

    /// The best grade a collective with this case may get (Quy định 124-QĐ/TW, điều 8–9): disunity concluded or a
    /// collective disciplined caps it at "not completed"; the others at "completed". `otherCase` caps nothing.
    public var bestGrade: QualityGrade {
        switch self {
        case .disunity, .collectiveDisciplined: .notCompleted
        case .underHalfTargets, .mainTargetsMissed, .memberDisciplined: .completed
        case .otherCase: .excellent
        }
    }
}

/// One yearly quality rating: kept once, it is what PL 7.5, PL 7.6 and the targets' member and organization shares
/// count — in the subtree of `organizationID` with the tree as it was on 31 December of the year. A subject that
/// exists at year end but was not rated is recorded too, without a grade and with the reason (the tables' "chưa
/// được đánh giá, xếp loại"); members on the registry with no record at all are listed as not yet rated.
public struct QualityRating: Sendable, Hashable, Codable {
    public var id: UUID
    public var year: Int
    public var subject: RatedSubject
    /// Where the rating counts: the member's organization at year end, the rated organization, or the organization
    /// whose collective or cadre is rated.
    public var organizationID: UUID
    /// The member rated (members and cadres).
    public var memberID: UUID?
    public var collective: CollectiveKind?
    public var title: CadreTitle?
    /// Nil: not rated, for `notRatedReason`.
    public var grade: QualityGrade?
    public var notRatedReason: String
    public var cases: Set<CollectiveCase>

    public init(id: UUID = UUID(), year: Int, subject: RatedSubject, organizationID: UUID, memberID: UUID? = nil,
                collective: CollectiveKind? = nil, title: CadreTitle? = nil, grade: QualityGrade?, notRatedReason: String = "",
                cases: Set<CollectiveCase> = []) {
        self.id = id
        self.year = year
        self.subject = subject
        self.organizationID = organizationID
        self.memberID = memberID
        self.collective = collective
        self.title = title
        self.grade = grade
        self.notRatedReason = notRatedReason.trimmingCharacters(in: .whitespacesAndNewlines)
        self.cases = cases
    }

    /// 31 December of the year: the day whose tree and placements decide where the rating counts, and the period
    /// end a stock is read on.
    public var yearEnd: Day { Day(year: year, month: 12, day: 31)! }

    /// What makes two ratings the same subject's in a year (one rating each): a member once a year wherever they
    /// were; an organization, a collective or a cadre's title once per organization.
    public var subjectKey: String {
        switch subject {
        case .member: "member:\(memberID?.uuidString ?? "")"
        case .organization: "organization:\(organizationID.uuidString)"
        case .collective: "collective:\(organizationID.uuidString):\(collective?.rawValue ?? "")"
        case .cadre: "cadre:\(organizationID.uuidString):\(memberID?.uuidString ?? ""):\(title?.rawValue ?? "")"
        }
    }

    public static let firstYear = 2000

    /// Every problem of the rating, each naming its field, in Vietnamese.
    public func problems(today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        if year < Self.firstYear || year > today.year {
            add("year", "Năm đánh giá phải từ \(Self.firstYear) đến \(today.year)")
        }
        switch subject {
        case .member, .cadre:
            if memberID == nil { add("memberID", "Chọn đảng viên được đánh giá") }
        case .organization, .collective:
            if memberID != nil { add("memberID", "Đánh giá \(subject.label.lowercased()) không ghi đảng viên") }
        }
        if (subject == .collective) != (collective != nil) {
            add("collective", subject == .collective ? "Chọn tập thể lãnh đạo, quản lý" : "Chỉ đánh giá tập thể mới ghi loại tập thể")
        }
        if (subject == .cadre) != (title != nil) {
            add("title", subject == .cadre ? "Chọn chức danh của cán bộ" : "Chỉ đánh giá cán bộ mới ghi chức danh")
        }
        if grade == nil && notRatedReason.isEmpty { add("notRatedReason", "Chọn mức xếp loại, hoặc ghi lý do chưa đánh giá, xếp loại") }
        if grade != nil && !notRatedReason.isEmpty { add("notRatedReason", "Đã xếp loại thì không ghi lý do chưa xếp loại") }
        if notRatedReason.count > 500 { add("notRatedReason", "Lý do dài quá 500 ký tự") }
        if !cases.isEmpty && subject != .collective { add("cases", "Các trường hợp đặc biệt chỉ ghi cho tập thể lãnh đạo, quản lý") }
        if let grade, let capped = cases.filter({ grade.rank < $0.bestGrade.rank }).sorted(by: { $0.rawValue < $1.rawValue }).first {
            add("grade", "Tập thể có trường hợp \"\(capped.label.lowercased())\" chỉ được xếp loại từ "
                + "\"\(capped.bestGrade.label.lowercased())\" trở xuống")
        }
        return problems
    }
}

extension QualityGrade {
    /// 0 for the best grade.
    var rank: Int { Self.allCases.firstIndex(of: self)! }
}

/// One organization's year in numbers of its members, from the records: members on the registry at year end, how
/// many were rated and how, and the two shares the targets print, each as numerator and denominator of the same
/// population (the rated members).
public struct MemberRatingSummary: Sendable, Hashable {
    public var onRegistry: Int
    public var notRated: Int
    public var byGrade: [QualityGrade: Int]

    public init(onRegistry: Int, notRated: Int, byGrade: [QualityGrade: Int]) {
        self.onRegistry = onRegistry
        self.notRated = notRated
        self.byGrade = byGrade
    }

    public var rated: Int { byGrade.values.reduce(0, +) }
    /// Members on the registry at year end with no record at all (neither a grade nor a reason).
    public var unrecorded: Int { max(0, onRegistry - rated - notRated) }
    public var excellentShare: Share { Share(numerator: byGrade[.excellent] ?? 0, denominator: rated) }
    public var goodOrBetterShare: Share {
        Share(numerator: (byGrade[.excellent] ?? 0) + (byGrade[.good] ?? 0), denominator: rated)
    }

    /// A share kept as its two counts; the percentage only when the denominator is not zero.
    public struct Share: Sendable, Hashable, Codable {
        public var numerator: Int
        public var denominator: Int
        public var percent: Double? { denominator == 0 ? nil : Double(numerator) * 100 / Double(denominator) }
    }
}
