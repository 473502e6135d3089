import DangBoCore
import Vapor

/// The member form as posted (all text); `fields()` returns the typed fields or a problem per bad field.
struct MemberForm: Content {
    var fullName: String?
    var gender: String?
    var birthDate: String?
    var ethnicity: String?
    var religion: String?
    var educationLevel: String?
    var politicalTheoryLevel: String?
    var admissionDate: String?
    var fullMembershipDate: String?
    var cardNumber: String?
    var positions: [String]?
    var status: String?
    var statusDate: String?
    var organizationID: String?
    var version: Int?

    func fields() throws -> MemberFields {
        var problems: [FieldProblem] = []
        func choice<T: LabeledValue>(_ text: String?, _ type: T.Type, field: String, label: String) -> T? {
            guard let text, !text.isEmpty else {
                problems.append(.init(field: field, message: "Chọn \(label)"))
                return nil
            }
            guard let value = T(rawValue: text) ?? T(lenient: text) else {
                problems.append(.init(field: field, message: "\(label) \"\(text.prefix(40))\" không hợp lệ"))
                return nil
            }
            return value
        }
        let gender = choice(gender, Gender.self, field: "gender", label: "giới tính")
        let education = choice(educationLevel, EducationLevel.self, field: "educationLevel", label: "trình độ chuyên môn")
        let theory = choice(politicalTheoryLevel, PoliticalTheoryLevel.self, field: "politicalTheoryLevel", label: "trình độ lý luận chính trị")
        let status = choice(status ?? MemberStatus.active.rawValue, MemberStatus.self, field: "status", label: "trạng thái")
        let birth = FormDates.required(birthDate, field: "birthDate", label: "Ngày sinh", problems: &problems)
        let admission = FormDates.optional(admissionDate, field: "admissionDate", label: "Ngày vào Đảng", problems: &problems)
        let full = FormDates.optional(fullMembershipDate, field: "fullMembershipDate", label: "Ngày chính thức", problems: &problems)
        let statusDay = FormDates.optional(statusDate, field: "statusDate", label: "Ngày của trạng thái", problems: &problems)
        var parsedPositions: [Position] = []
        for text in positions ?? [] where !text.isEmpty {
            if let position = Position(rawValue: text) { parsedPositions.append(position) } else {
                problems.append(.init(field: "positions", message: "Chức vụ \"\(text.prefix(40))\" không hợp lệ"))
            }
        }
        for (field, value, limit, label) in [("fullName", fullName, 120, "Họ và tên"), ("ethnicity", ethnicity, 50, "Dân tộc"),
                                             ("religion", religion, 50, "Tôn giáo"), ("cardNumber", cardNumber, 20, "Số thẻ")]
            where (value ?? "").count > limit {
            problems.append(.init(field: field, message: "\(label) dài quá \(limit) ký tự"))
        }
        guard problems.isEmpty, let gender, let education, let theory, let status, let birth else {
            throw DomainError.invalid(problems)
        }
        let ethnicityText = (ethnicity ?? "").trimmingCharacters(in: .whitespaces)
        let religionText = (religion ?? "").trimmingCharacters(in: .whitespaces)
        return MemberFields(fullName: fullName ?? "", gender: gender, birthDate: birth,
                            ethnicity: ethnicityText.isEmpty ? "Kinh" : ethnicityText,
                            religion: religionText.isEmpty ? "Không" : religionText, educationLevel: education,
                            politicalTheoryLevel: theory, admissionDate: admission, fullMembershipDate: full,
                            cardNumber: cardNumber, positions: parsedPositions, status: status, statusDate: statusDay)
    }

    init() {}

    init(_ member: Member) {
        let f = member.fields
        fullName = f.fullName
        gender = f.gender.rawValue
        birthDate = f.birthDate.vietnamese
        ethnicity = f.ethnicity
        religion = f.religion
        educationLevel = f.educationLevel.rawValue
        politicalTheoryLevel = f.politicalTheoryLevel.rawValue
        admissionDate = f.admissionDate?.vietnamese
        fullMembershipDate = f.fullMembershipDate?.vietnamese
        cardNumber = f.cardNumber
        positions = f.positions.map(\.rawValue)
        status = f.status.rawValue
        statusDate = f.statusDate?.vietnamese
        organizationID = member.organizationID.uuidString
        version = member.version
    }
}
