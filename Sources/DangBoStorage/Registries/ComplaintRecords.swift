import DangBoCore
import FluentKit
import Foundation

final class DenunciationRecord: Model, @unchecked Sendable {
    static let schema = "denunciations"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_kind") var subjectKind: String
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "handler_organization_id") var handlerOrganizationID: UUID
    @Field(key: "actor") var actor: String
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "denouncer") var denouncer: String
    @Field(key: "content") var content: String
    @OptionalField(key: "concluded_on") var concludedOn: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "violation") var violation: Bool?
    @OptionalField(key: "discipline_required") var disciplineRequired: Bool?
    @OptionalField(key: "conclusion_number") var conclusionNumber: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ item: Denunciation, at now: Date) {
        id = item.id
        createdAt = now
        subjectKind = item.subjectKind.rawValue
        memberID = item.memberID
        organizationID = item.organizationID
        handlerOrganizationID = item.handlerOrganizationID
        actor = item.actor.rawValue
        receivedOn = item.receivedOn.iso
        denouncer = item.denouncer
        content = item.content
        conclude(item)
    }

    /// Writes the conclusion's columns.
    func conclude(_ item: Denunciation) {
        concludedOn = item.concludedOn?.iso
        outcome = item.outcome?.rawValue
        violation = item.violation
        disciplineRequired = item.disciplineRequired
        conclusionNumber = item.conclusionNumber
    }

    func domain() throws -> Denunciation {
        guard let id, let kind = DisciplineDecision.SubjectKind(rawValue: subjectKind), let actor = InspectionActor(rawValue: actor),
              let received = Day(parsing: receivedOn) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return Denunciation(id: id, subjectKind: kind, memberID: memberID, organizationID: organizationID,
                            handlerOrganizationID: handlerOrganizationID, actor: actor, receivedOn: received, denouncer: denouncer,
                            content: content, concludedOn: concludedOn.flatMap(Day.init(parsing:)),
                            outcome: outcome.flatMap(DenunciationOutcome.init(rawValue:)), violation: violation,
                            disciplineRequired: disciplineRequired, conclusionNumber: conclusionNumber)
    }
}

final class DisciplineAppealRecord: Model, @unchecked Sendable {
    static let schema = "discipline_appeals"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_kind") var subjectKind: String
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "decision_id") var decisionID: UUID?
    @Field(key: "handler_organization_id") var handlerOrganizationID: UUID
    @Field(key: "actor") var actor: String
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "content") var content: String
    @OptionalField(key: "concluded_on") var concludedOn: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "conclusion_number") var conclusionNumber: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ item: DisciplineAppeal, at now: Date) {
        id = item.id
        createdAt = now
        subjectKind = item.subjectKind.rawValue
        memberID = item.memberID
        organizationID = item.organizationID
        decisionID = item.decisionID
        handlerOrganizationID = item.handlerOrganizationID
        actor = item.actor.rawValue
        receivedOn = item.receivedOn.iso
        content = item.content
        conclude(item)
    }

    func conclude(_ item: DisciplineAppeal) {
        concludedOn = item.concludedOn?.iso
        outcome = item.outcome?.rawValue
        conclusionNumber = item.conclusionNumber
    }

    func domain() throws -> DisciplineAppeal {
        guard let id, let kind = DisciplineDecision.SubjectKind(rawValue: subjectKind), let actor = InspectionActor(rawValue: actor),
              let received = Day(parsing: receivedOn) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return DisciplineAppeal(id: id, subjectKind: kind, memberID: memberID, organizationID: organizationID, decisionID: decisionID,
                                handlerOrganizationID: handlerOrganizationID, actor: actor, receivedOn: received, content: content,
                                concludedOn: concludedOn.flatMap(Day.init(parsing:)), outcome: outcome.flatMap(AppealOutcome.init(rawValue:)),
                                conclusionNumber: conclusionNumber)
    }
}
