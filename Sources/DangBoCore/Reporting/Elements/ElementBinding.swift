import Foundation

/// A data element whose value is computed from DangBo's own records instead of typed (docs/forms.md "Bound
/// elements"): which registry (`source`), what is counted there (`measure`: a stock at the period's end or events
/// dated in the period, each with the date that decides its period), filters on attributes, and which attribute
/// answers each of the element's disaggregations. Evaluated in the database for any subtree and period, with the
/// tree as it was then.
public struct ElementBinding: Codable, Sendable, Hashable {
    public var source: String
    public var measure: String
    /// Element category code → source attribute (`"sex": "gender"`). Category options are the attribute's values;
    /// for `age`, options are bands written `le30`, `31to40`, `over60`.
    public var disaggregations: [String: String]
    /// Source attribute → the one value counted (`"gender": "female"`).
    public var filters: [String: String]

    public init(source: String, measure: String, disaggregations: [String: String] = [:], filters: [String: String] = [:]) {
        self.source = source
        self.measure = measure
        self.disaggregations = disaggregations
        self.filters = filters
    }

    private enum CodingKeys: String, CodingKey { case source, measure, disaggregations, filters }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        measure = try container.decode(String.self, forKey: .measure)
        disaggregations = try container.decodeIfPresent([String: String].self, forKey: .disaggregations) ?? [:]
        filters = try container.decodeIfPresent([String: String].self, forKey: .filters) ?? [:]
    }
}

/// What a registry offers to bound elements: its measures and attributes. A new registry (inspections, discipline,
/// ratings, study campaigns, meetings) describes itself here and implements its SQL in DangBoStorage; the engine does
/// not change.
public struct BoundSource: Sendable, Hashable {
    public struct Measure: Sendable, Hashable {
        public var code: String
        public var label: String
        /// A stock is counted on the period's last day (aggregation `last`); an event in the period (`sum`).
        public var isStock: Bool
        /// The date that puts an event in a period, as documented for users.
        public var date: String
    }

    public struct Attribute: Sendable, Hashable {
        public var code: String
        public var label: String
        /// The values options may name; empty for `age` (bands from the option codes).
        public var values: [String]
    }

    public var code: String
    public var label: String
    public var measures: [Measure]
    public var attributes: [Attribute]
    /// Whether figures from before DangBo may be imported for the source's elements (added to what the records count).
    /// The member registry holds each member's whole history (admission, moves, status), so it recounts the past
    /// itself; the event registries (inspections, denunciations, appeals, discipline) start with DangBo.
    public var takesPastFigures: Bool

    public init(code: String, label: String, measures: [Measure], attributes: [Attribute], takesPastFigures: Bool = true) {
        self.code = code
        self.label = label
        self.measures = measures
        self.attributes = attributes
        self.takesPastFigures = takesPastFigures
    }

    public func measure(_ code: String) -> Measure? { measures.first { $0.code == code } }
    public func attribute(_ code: String) -> Attribute? { attributes.first { $0.code == code } }

    /// The member registry: members on the registry at the period's end, and what happened to them in it.
    public static let members = BoundSource(
        code: "members", label: "Danh sách đảng viên",
        measures: [
            Measure(code: "onRegistry", label: "Đảng viên trên danh sách cuối kỳ", isStock: true, date: "ngày cuối kỳ"),
            Measure(code: "admitted", label: "Kết nạp trong kỳ", isStock: false, date: "ngày vào Đảng"),
            Measure(code: "madeFull", label: "Công nhận chính thức trong kỳ", isStock: false, date: "ngày chính thức"),
            Measure(code: "transferredIn", label: "Chuyển sinh hoạt đến", isStock: false, date: "ngày chuyển"),
            Measure(code: "transferredOut", label: "Chuyển sinh hoạt đi", isStock: false, date: "ngày chuyển"),
            Measure(code: "deceased", label: "Từ trần", isStock: false, date: "ngày của trạng thái"),
            Measure(code: "expelled", label: "Khai trừ", isStock: false, date: "ngày của trạng thái"),
        ],
        attributes: [
            Attribute(code: "gender", label: "Giới tính", values: Gender.allCases.map(\.rawValue)),
            Attribute(code: "minority", label: "Dân tộc thiểu số", values: ["yes", "no"]),
            Attribute(code: "age", label: "Tuổi (tại ngày cuối kỳ hoặc ngày của sự kiện)", values: []),
            Attribute(code: "education", label: "Trình độ học vấn", values: EducationLevel.allCases.map(\.rawValue)),
            Attribute(code: "theory", label: "Trình độ lý luận chính trị", values: PoliticalTheoryLevel.allCases.map(\.rawValue)),
        ], takesPastFigures: false)

    /// The discipline registry (`DisciplineDecision`): decisions dated in the period, counted in the subtree of the
    /// organization the subject belonged to on the decision date.
    public static let discipline = BoundSource(
        code: "discipline", label: "Quyết định kỷ luật",
        measures: [
            Measure(code: "membersDisciplined", label: "Đảng viên bị thi hành kỷ luật", isStock: false, date: "ngày quyết định"),
            Measure(code: "organizationsDisciplined", label: "Tổ chức đảng bị thi hành kỷ luật", isStock: false, date: "ngày quyết định"),
        ],
        attributes: [
            Attribute(code: "form", label: "Hình thức kỷ luật", values: DisciplineForm.allCases.map(\.rawValue)),
            Attribute(code: "decidedBy", label: "Cấp quyết định", values: DisciplineBody.allCases.map(\.rawValue)),
            Attribute(code: "committeeMember", label: "Là cấp ủy viên", values: ["yes", "no"]),
            Attribute(code: "legalAction", label: "Xử lý pháp luật", values: ["yes", "no"]),
            Attribute(code: "administrativeAction", label: "Xử lý hành chính", values: ["yes", "no"]),
            Attribute(code: "level", label: "Cấp của tổ chức bị kỷ luật", values: OrganizationLevel.allCases.map(\.rawValue)),
            Attribute(code: "tier", label: "Tầng của tổ chức bị kỷ luật", values: OrganizationTier.allCases.map(\.rawValue)),
        ])

    /// Who acts: a party committee or its standing committee (art. 30 of the Charter) or an inspection commission
    /// (art. 32). Shared by the inspection, denunciation and appeal registries.
    static let actorAttribute = Attribute(code: "actor", label: "Chủ thể (Điều 30 hay Điều 32)", values: InspectionActor.allCases.map(\.rawValue))
    static let yesNo = ["yes", "no"]

    /// The inspection and supervision registry (`InspectionCase`): each subject of a concluded case, counted in the
    /// subtree of the organization that acted, with the tree as it was on the conclusion date.
    public static let inspections = BoundSource(
        code: "inspections", label: "Kiểm tra, giám sát",
        measures: [
            Measure(code: "membersInspected", label: "Đảng viên được kiểm tra", isStock: false, date: "ngày kết luận"),
            Measure(code: "organizationsInspected", label: "Tổ chức đảng được kiểm tra", isStock: false, date: "ngày kết luận"),
            Measure(code: "membersSupervised", label: "Đảng viên được giám sát", isStock: false, date: "ngày kết luận"),
            Measure(code: "organizationsSupervised", label: "Tổ chức đảng được giám sát", isStock: false, date: "ngày kết luận"),
        ],
        attributes: [
            actorAttribute,
            Attribute(code: "kind", label: "Loại cuộc kiểm tra, giám sát", values: InspectionKind.allCases.map(\.rawValue)),
            Attribute(code: "violation", label: "Có vi phạm (giám sát: có dấu hiệu vi phạm)", values: yesNo),
            Attribute(code: "disciplineRequired", label: "Phải thi hành kỷ luật", values: yesNo),
            Attribute(code: "referred", label: "Chuyển kiểm tra khi có dấu hiệu vi phạm", values: yesNo),
            Attribute(code: "committeeMember", label: "Là cấp ủy viên", values: yesNo),
        ])

    /// The denunciation registry (tố cáo): denunciations against members or organizations, counted in the subtree of
    /// the organization that handles them — received (ngày nhận đơn) or resolved (ngày kết luận).
    public static let denunciations = BoundSource(
        code: "denunciations", label: "Tố cáo",
        measures: [
            Measure(code: "received", label: "Tố cáo phải giải quyết", isStock: false, date: "ngày nhận đơn"),
            Measure(code: "resolved", label: "Tố cáo đã giải quyết xong", isStock: false, date: "ngày kết luận"),
        ],
        attributes: [
            Attribute(code: "subject", label: "Đối tượng bị tố cáo", values: ["member", "organization"]),
            actorAttribute,
            Attribute(code: "outcome", label: "Kết luận", values: ["founded", "partlyFounded", "unfounded"]),
            Attribute(code: "founded", label: "Tố đúng hoặc đúng một phần", values: yesNo),
            Attribute(code: "violation", label: "Có vi phạm", values: yesNo),
            Attribute(code: "disciplineRequired", label: "Phải thi hành kỷ luật", values: yesNo),
        ])

    /// The discipline appeal registry (khiếu nại kỷ luật): appeals of members or organizations, counted in the
    /// subtree of the organization that handles them — received or resolved.
    public static let appeals = BoundSource(
        code: "appeals", label: "Khiếu nại kỷ luật",
        measures: [
            Measure(code: "received", label: "Khiếu nại phải giải quyết", isStock: false, date: "ngày nhận đơn"),
            Measure(code: "resolved", label: "Khiếu nại đã giải quyết xong", isStock: false, date: "ngày kết luận"),
        ],
        attributes: [
            Attribute(code: "subject", label: "Người hoặc tổ chức khiếu nại", values: ["member", "organization"]),
            actorAttribute,
            Attribute(code: "outcome", label: "Kết luận", values: ["kept", "raised", "lowered", "annulled"]),
        ])

    /// The quality rating registry (`QualityRating`): the year's ratings — rated or recorded as not rated — counted as
    /// a stock on 31 December, in the subtree of the organization the rating counts in, with the tree of that day.
    public static let ratings = BoundSource(
        code: "ratings", label: "Đánh giá, xếp loại chất lượng",
        measures: RatedSubject.allCases.map { subject in
            Measure(code: subject.measureCode, label: subject.label + " được đánh giá (kể cả chưa xếp loại)", isStock: true,
                    date: "ngày 31/12 của năm đánh giá")
        },
        attributes: [
            Attribute(code: "grade", label: "Mức xếp loại", values: QualityGrade.allCases.map(\.rawValue) + ["none"]),
            Attribute(code: "rated", label: "Đã xếp loại", values: yesNo),
            Attribute(code: "goodOrBetter", label: "Hoàn thành tốt nhiệm vụ trở lên", values: yesNo),
            Attribute(code: "collective", label: "Tập thể lãnh đạo, quản lý", values: CollectiveKind.allCases.map(\.rawValue)),
            Attribute(code: "title", label: "Chức danh", values: CadreTitle.allCases.map(\.rawValue)),
            Attribute(code: "echelon", label: "Cấp của tổ chức (tỉnh, huyện, cơ sở)", values: Echelon.allCases.map(\.rawValue)),
        ] + CollectiveCase.allCases.map { Attribute(code: $0.rawValue, label: $0.label, values: yesNo) })

    public static let all: [BoundSource] = [.members, .discipline, .inspections, .denunciations, .appeals, .ratings]

    public static func named(_ code: String) -> BoundSource? { all.first { $0.code == code } }
}

/// An age band read from an option code: `le30` (≤ 30), `31to40`, `over60` (> 60).
public struct AgeBand: Sendable, Hashable {
    public var minimum: Int?
    public var maximum: Int?

    public init?(code: String) {
        if code.hasPrefix("le"), let value = Int(code.dropFirst(2)) {
            (minimum, maximum) = (nil, value)
        } else if code.hasPrefix("over"), let value = Int(code.dropFirst(4)) {
            (minimum, maximum) = (value + 1, nil)
        } else {
            let parts = code.split(separator: "to")
            guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high else { return nil }
            (minimum, maximum) = (low, high)
        }
    }

    public func contains(_ age: Int) -> Bool {
        (minimum.map { age >= $0 } ?? true) && (maximum.map { age <= $0 } ?? true)
    }
}
