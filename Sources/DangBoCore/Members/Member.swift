import Foundation

/// A party member on the registry.
public struct Member: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var fields: MemberFields
    /// Optimistic-locking counter: a save must name the version it edited.
    public var version: Int

    public init(id: UUID = UUID(), organizationID: UUID, fields: MemberFields, version: Int = 1) {
        self.id = id
        self.organizationID = organizationID
        self.fields = fields
        self.version = version
    }

    /// Probationary for 12 months after admission until recognised as a full member.
    public func isProbationary(on day: Day) -> Bool {
        guard let admitted = fields.admissionDate, admitted <= day else { return false }
        return fields.fullMembershipDate.map { day < $0 } ?? true
    }
}

/// The attributes of a member that a user enters, validated by `problems()`.
public struct MemberFields: Codable, Sendable, Hashable {
    public var fullName: String
    public var gender: Gender
    public var birthDate: Day
    public var ethnicity: String
    public var religion: String
    public var educationLevel: EducationLevel
    public var politicalTheoryLevel: PoliticalTheoryLevel
    public var admissionDate: Day?
    public var fullMembershipDate: Day?
    public var cardNumber: String?
    public var positions: [Position]
    public var status: MemberStatus
    public var statusDate: Day?

    public init(fullName: String, gender: Gender, birthDate: Day, ethnicity: String = "Kinh",
                religion: String = "Không", educationLevel: EducationLevel,
                politicalTheoryLevel: PoliticalTheoryLevel, admissionDate: Day?, fullMembershipDate: Day?,
                cardNumber: String?, positions: [Position] = [], status: MemberStatus = .active,
                statusDate: Day? = nil) {
        self.fullName = fullName
        self.gender = gender
        self.birthDate = birthDate
        self.ethnicity = ethnicity
        self.religion = religion
        self.educationLevel = educationLevel
        self.politicalTheoryLevel = politicalTheoryLevel
        self.admissionDate = admissionDate
        self.fullMembershipDate = fullMembershipDate
        self.cardNumber = cardNumber
        self.positions = positions
        self.status = status
        self.statusDate = statusDate
    }

    public var isEthnicMinority: Bool { VietnameseText.folded(ethnicity) != "kinh" }

    /// Trims text fields and collapses inner spaces so that stored values are canonical.
    public var normalized: MemberFields {
        var copy = self
        copy.fullName = fullName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        copy.ethnicity = ethnicity.trimmingCharacters(in: .whitespaces)
        copy.religion = religion.trimmingCharacters(in: .whitespaces)
        let card = cardNumber?.trimmingCharacters(in: .whitespaces) ?? ""
        copy.cardNumber = card.isEmpty ? nil : card
        var seen = Set<Position>()
        copy.positions = positions.filter { seen.insert($0).inserted }
        return copy
    }

    /// Every rule that needs no database, each naming its field; `today` bounds dates in the future.
    public func problems(today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        let name = fullName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { add("fullName", "Họ và tên không được để trống") }
        if name.count > 120 { add("fullName", "Họ và tên dài quá 120 ký tự") }
        if name.contains(where: { $0.isNumber }) { add("fullName", "Họ và tên không được chứa chữ số") }
        if ethnicity.trimmingCharacters(in: .whitespaces).isEmpty { add("ethnicity", "Dân tộc không được để trống") }
        if ethnicity.count > 50 { add("ethnicity", "Dân tộc dài quá 50 ký tự") }
        if religion.count > 50 { add("religion", "Tôn giáo dài quá 50 ký tự") }
        if birthDate > today { add("birthDate", "Ngày sinh ở tương lai") }
        if let admissionDate {
            if admissionDate > today { add("admissionDate", "Ngày vào Đảng ở tương lai") }
            if birthDate.years(until: admissionDate) < 18 {
                add("admissionDate", "Ngày vào Đảng khi chưa đủ 18 tuổi (sinh \(birthDate.vietnamese))")
            }
        }
        if let fullMembershipDate {
            if let admissionDate {
                if fullMembershipDate <= admissionDate {
                    add("fullMembershipDate", "Ngày chính thức phải sau ngày vào Đảng")
                }
            } else {
                add("fullMembershipDate", "Có ngày chính thức nhưng thiếu ngày vào Đảng")
            }
            if fullMembershipDate > today { add("fullMembershipDate", "Ngày chính thức ở tương lai") }
        }
        if let card = cardNumber?.trimmingCharacters(in: .whitespaces), !card.isEmpty {
            if card.count > 20 || !card.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter || $0 == "-") }) {
                add("cardNumber", "Số thẻ đảng viên chỉ gồm chữ số (và chữ, dấu -), tối đa 20 ký tự")
            }
        }
        if status != .active, statusDate == nil {
            add("statusDate", "Cần ngày cho trạng thái \"\(status.label)\"")
        }
        if let statusDate, statusDate > today { add("statusDate", "Ngày của trạng thái ở tương lai") }
        return problems
    }
}

/// A member's placement in an organization, effective-dated: transfers keep history.
public struct MemberAssignment: Codable, Sendable, Hashable {
    public var memberID: UUID
    public var organizationID: UUID
    public var validFrom: Day
    public var validTo: Day?

    public init(memberID: UUID, organizationID: UUID, validFrom: Day, validTo: Day? = nil) {
        self.memberID = memberID
        self.organizationID = organizationID
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

extension MemberFields {
    /// Name with card number, to tell namesakes apart in logs and messages: "Nguyễn Thị Vinh (thẻ 22012345)".
    public var identification: String {
        cardNumber.map { "\(fullName) (thẻ \($0))" } ?? fullName
    }
}
