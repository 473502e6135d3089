import DangBoCore
import FluentKit
import Foundation

final class MemberRecord: Model, @unchecked Sendable {
    static let schema = "members"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "full_name") var fullName: String
    @Field(key: "search_name") var searchName: String
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "gender") var gender: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "ethnicity") var ethnicity: String
    @Field(key: "religion") var religion: String
    @Field(key: "education_level") var educationLevel: String
    @Field(key: "political_theory_level") var politicalTheoryLevel: String
    @OptionalField(key: "admission_date") var admissionDate: String?
    @OptionalField(key: "full_membership_date") var fullMembershipDate: String?
    @OptionalField(key: "card_number") var cardNumber: String?
    @Field(key: "positions") var positions: String
    @Field(key: "status") var status: String
    @OptionalField(key: "status_date") var statusDate: String?
    @Field(key: "version") var version: Int

    init() {}

    init(_ member: Member) {
        self.id = member.id
        self.organizationID = member.organizationID
        self.version = member.version
        apply(member.fields)
    }

    func apply(_ fields: MemberFields) {
        fullName = fields.fullName
        searchName = VietnameseText.folded(fields.fullName)
        sortKey = VietnameseText.personSortKey(fields.fullName)
        gender = fields.gender.rawValue
        birthDate = fields.birthDate.iso
        ethnicity = fields.ethnicity
        religion = fields.religion
        educationLevel = fields.educationLevel.rawValue
        politicalTheoryLevel = fields.politicalTheoryLevel.rawValue
        admissionDate = fields.admissionDate?.iso
        fullMembershipDate = fields.fullMembershipDate?.iso
        cardNumber = fields.cardNumber
        positions = fields.positions.map(\.rawValue).joined(separator: ",")
        status = fields.status.rawValue
        statusDate = fields.statusDate?.iso
    }

    func domain() throws -> Member {
        guard let id, let gender = Gender(rawValue: gender), let birth = Day(parsing: birthDate),
              let education = EducationLevel(rawValue: educationLevel),
              let theory = PoliticalTheoryLevel(rawValue: politicalTheoryLevel),
              let status = MemberStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        let fields = MemberFields(
            fullName: fullName, gender: gender, birthDate: birth, ethnicity: ethnicity, religion: religion,
            educationLevel: education, politicalTheoryLevel: theory,
            admissionDate: admissionDate.flatMap(Day.init(parsing:)),
            fullMembershipDate: fullMembershipDate.flatMap(Day.init(parsing:)), cardNumber: cardNumber,
            positions: positions.split(separator: ",").compactMap { Position(rawValue: String($0)) },
            status: status, statusDate: statusDate.flatMap(Day.init(parsing:)))
        return Member(id: id, organizationID: organizationID, fields: fields, version: version)
    }
}

final class MemberAssignmentRecord: Model, @unchecked Sendable {
    static let schema = "member_assignments"

    @ID(key: .id) var id: UUID?
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?

    init() {}

    init(_ assignment: MemberAssignment) {
        id = UUID()
        memberID = assignment.memberID
        organizationID = assignment.organizationID
        validFrom = assignment.validFrom.iso
        validTo = assignment.validTo?.iso
    }

    func domain() throws -> MemberAssignment {
        guard let from = Day(parsing: validFrom) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return MemberAssignment(memberID: memberID, organizationID: organizationID, validFrom: from,
                                validTo: validTo.flatMap(Day.init(parsing:)))
    }
}
