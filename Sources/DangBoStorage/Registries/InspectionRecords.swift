import DangBoCore
import FluentKit
import Foundation

final class InspectionProgramRecord: Model, @unchecked Sendable {
    static let schema = "inspection_programs"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "actor") var actor: String
    @Field(key: "scope") var scope: String
    @Field(key: "title") var title: String
    @Field(key: "start_on") var start: String
    @Field(key: "end_on") var end: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ program: InspectionProgram, at now: Date) {
        id = program.id
        organizationID = program.organizationID
        actor = program.actor.rawValue
        scope = program.scope.rawValue
        title = program.title
        start = program.start.iso
        end = program.end.iso
        createdAt = now
    }

    func domain() throws -> InspectionProgram {
        guard let id, let actor = InspectionActor(rawValue: actor), let scope = InspectionProgram.Scope(rawValue: scope),
              let start = Day(parsing: start), let end = Day(parsing: end) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return InspectionProgram(id: id, organizationID: organizationID, actor: actor, scope: scope, title: title, start: start, end: end)
    }
}

final class InspectionCaseRecord: Model, @unchecked Sendable {
    static let schema = "inspection_cases"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "program_id") var programID: UUID?
    @Field(key: "actor_organization_id") var actorOrganizationID: UUID
    @Field(key: "actor") var actor: String
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "planned_start") var plannedStart: String
    @Field(key: "planned_end") var plannedEnd: String
    @OptionalField(key: "started_on") var startedOn: String?
    @OptionalField(key: "concluded_on") var concludedOn: String?
    @Field(key: "conclusion_number") var conclusionNumber: String
    @Field(key: "conclusion") var conclusion: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ item: InspectionCase, at now: Date) {
        id = item.id
        createdAt = now
        update(from: item)
    }

    func update(from item: InspectionCase) {
        programID = item.programID
        actorOrganizationID = item.actorOrganizationID
        actor = item.actor.rawValue
        kind = item.kind.rawValue
        title = item.title
        plannedStart = item.plannedStart.iso
        plannedEnd = item.plannedEnd.iso
        startedOn = item.startedOn?.iso
        concludedOn = item.concludedOn?.iso
        conclusionNumber = item.conclusionNumber
        conclusion = item.conclusion
    }

    func domain(subjects: [InspectionCase.Subject]) throws -> InspectionCase {
        guard let id, let actor = InspectionActor(rawValue: actor), let kind = InspectionKind(rawValue: kind),
              let plannedStart = Day(parsing: plannedStart), let plannedEnd = Day(parsing: plannedEnd) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return InspectionCase(id: id, programID: programID, actorOrganizationID: actorOrganizationID, actor: actor, kind: kind,
                              title: title, plannedStart: plannedStart, plannedEnd: plannedEnd,
                              startedOn: startedOn.flatMap(Day.init(parsing:)), concludedOn: concludedOn.flatMap(Day.init(parsing:)),
                              conclusionNumber: conclusionNumber, conclusion: conclusion, subjects: subjects)
    }
}

final class InspectionSubjectRecord: Model, @unchecked Sendable {
    static let schema = "inspection_subjects"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "position") var position: Int
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "is_committee_member") var isCommitteeMember: Bool
    @OptionalField(key: "violation") var violation: Bool?
    @OptionalField(key: "discipline_required") var disciplineRequired: Bool?
    @OptionalField(key: "referred") var referred: Bool?

    init() {}

    init(_ subject: InspectionCase.Subject, caseID: UUID, position: Int) {
        id = UUID()
        self.caseID = caseID
        self.position = position
        memberID = subject.memberID
        organizationID = subject.organizationID
        isCommitteeMember = subject.isCommitteeMember
        violation = subject.violation
        disciplineRequired = subject.disciplineRequired
        referred = subject.referred
    }

    var domain: InspectionCase.Subject {
        InspectionCase.Subject(memberID: memberID, organizationID: organizationID, isCommitteeMember: isCommitteeMember,
                               violation: violation, disciplineRequired: disciplineRequired, referred: referred)
    }
}

final class InspectionRequirementRecord: Model, @unchecked Sendable {
    static let schema = "inspection_requirements"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "text") var text: String
    @Field(key: "due_date") var dueDate: String
    @OptionalField(key: "done_on") var doneOn: String?
    @Field(key: "follow_up") var followUp: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ requirement: InspectionRequirement, at now: Date) {
        id = requirement.id
        caseID = requirement.caseID
        organizationID = requirement.organizationID
        text = requirement.text
        dueDate = requirement.dueDate.iso
        doneOn = requirement.doneOn?.iso
        followUp = requirement.followUp
        createdAt = now
    }

    func domain() throws -> InspectionRequirement {
        guard let id, let due = Day(parsing: dueDate) else { throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?") }
        return InspectionRequirement(id: id, caseID: caseID, organizationID: organizationID, text: text, dueDate: due,
                                     doneOn: doneOn.flatMap(Day.init(parsing:)), followUp: followUp)
    }
}
