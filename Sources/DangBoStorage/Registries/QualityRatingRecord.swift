import DangBoCore
import FluentKit
import Foundation

final class QualityRatingRecord: Model, @unchecked Sendable {
    static let schema = "quality_ratings"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "year_end") var yearEnd: String
    @Field(key: "subject") var subject: String
    @Field(key: "subject_key") var subjectKey: String
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "member_id") var memberID: UUID?
    @OptionalField(key: "collective") var collective: String?
    @OptionalField(key: "title") var title: String?
    @OptionalField(key: "grade") var grade: String?
    @Field(key: "not_rated_reason") var notRatedReason: String
    @Field(key: "case_disunity") var disunity: Bool
    @Field(key: "case_under_half_targets") var underHalfTargets: Bool
    @Field(key: "case_main_targets_missed") var mainTargetsMissed: Bool
    @Field(key: "case_collective_disciplined") var collectiveDisciplined: Bool
    @Field(key: "case_member_disciplined") var memberDisciplined: Bool
    @Field(key: "case_other") var otherCase: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ rating: QualityRating, at now: Date) {
        id = rating.id
        createdAt = now
        apply(rating, at: now)
    }

    /// Writes every field of the rating but its id and creation time.
    func apply(_ rating: QualityRating, at now: Date) {
        year = rating.year
        yearEnd = rating.yearEnd.iso
        subject = rating.subject.rawValue
        subjectKey = rating.subjectKey
        organizationID = rating.organizationID
        memberID = rating.memberID
        collective = rating.collective?.rawValue
        title = rating.title?.rawValue
        grade = rating.grade?.rawValue
        notRatedReason = rating.notRatedReason
        disunity = rating.cases.contains(.disunity)
        underHalfTargets = rating.cases.contains(.underHalfTargets)
        mainTargetsMissed = rating.cases.contains(.mainTargetsMissed)
        collectiveDisciplined = rating.cases.contains(.collectiveDisciplined)
        memberDisciplined = rating.cases.contains(.memberDisciplined)
        otherCase = rating.cases.contains(.otherCase)
        updatedAt = now
    }

    func domain() throws -> QualityRating {
        let corrupt = StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        guard let id, let subject = RatedSubject(rawValue: subject) else { throw corrupt }
        func decoded<T: RawRepresentable>(_ text: String?, as type: T.Type) throws -> T? where T.RawValue == String {
            guard let text else { return nil }
            guard let value = T(rawValue: text) else { throw corrupt }
            return value
        }
        let flags: [(CollectiveCase, Bool)] = [(.disunity, disunity), (.underHalfTargets, underHalfTargets),
                                               (.mainTargetsMissed, mainTargetsMissed), (.collectiveDisciplined, collectiveDisciplined),
                                               (.memberDisciplined, memberDisciplined), (.otherCase, otherCase)]
        return QualityRating(id: id, year: year, subject: subject, organizationID: organizationID, memberID: memberID,
                             collective: try decoded(collective, as: CollectiveKind.self), title: try decoded(title, as: CadreTitle.self),
                             grade: try decoded(grade, as: QualityGrade.self), notRatedReason: notRatedReason,
                             cases: Set(flags.filter(\.1).map(\.0)))
    }
}
