import DangBoCore
import FluentKit
import Foundation
import SQLKit

final class DisciplineDecisionRecord: Model, @unchecked Sendable {
    static let schema = "discipline_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_kind") var subjectKind: String
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "form") var form: String
    @Field(key: "decided_by") var decidedBy: String
    @Field(key: "decider_organization_id") var deciderOrganizationID: UUID
    @Field(key: "decision_date") var decisionDate: String
    @Field(key: "number") var number: String
    @Field(key: "reason") var reason: String
    @Field(key: "is_committee_member") var isCommitteeMember: Bool
    @Field(key: "legal_action") var legalAction: Bool
    @Field(key: "administrative_action") var administrativeAction: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ decision: DisciplineDecision, at now: Date) {
        id = decision.id
        subjectKind = decision.subjectKind.rawValue
        memberID = decision.memberID
        organizationID = decision.organizationID
        form = decision.form.rawValue
        decidedBy = decision.decidedBy.rawValue
        deciderOrganizationID = decision.deciderOrganizationID
        decisionDate = decision.decisionDate.iso
        number = decision.number
        reason = decision.reason
        isCommitteeMember = decision.isCommitteeMember
        legalAction = decision.legalAction
        administrativeAction = decision.administrativeAction
        createdAt = now
    }

    func domain() throws -> DisciplineDecision {
        guard let id, let kind = DisciplineDecision.SubjectKind(rawValue: subjectKind), let form = DisciplineForm(rawValue: form),
              let body = DisciplineBody(rawValue: decidedBy), let day = Day(parsing: decisionDate) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return DisciplineDecision(id: id, subjectKind: kind, memberID: memberID, organizationID: organizationID, form: form,
                                  decidedBy: body, deciderOrganizationID: deciderOrganizationID, decisionDate: day, number: number,
                                  reason: reason, isCommitteeMember: isCommitteeMember, legalAction: legalAction,
                                  administrativeAction: administrativeAction)
    }
}

/// The discipline registry. Decisions are sensitive: only roles holding `viewDiscipline` read them, within their
/// subtree (a member reads their own), and every read is audited — who read which decision, when.
public struct DisciplineStore: Sendable {
    public let database: any Database
    public let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    var today: Day { Day(clock()) }
    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Records a decision. A member's decision counts in the cell the member belonged to on the decision date (read
    /// from the placements, not typed); an organization's in that organization. The subject must lie in the actor's
    /// subtree on that date, and the deciding organization must be the subject's own or one above it.
    public func record(_ decision: DisciplineDecision, by actor: Actor) async throws -> DisciplineDecision {
        try actor.require(.recordDiscipline)
        var decision = decision
        var problems = decision.problems(today: today)
        let day = decision.decisionDate
        if decision.subjectKind == .member, let memberID = decision.memberID, problems.isEmpty {
            guard let cell = try await Self.cell(of: memberID, on: day, database: sql) else {
                throw DomainError.invalid([.init(field: "decisionDate", message: "Ngày \(day.vietnamese) đảng viên chưa sinh hoạt ở chi bộ nào")])
            }
            decision.organizationID = cell
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        guard try await SubtreeQuery.contains(decision.organizationID, root: actor.scopeOrganizationID, on: day, database: sql) else {
            throw DomainError.notFound("Không tìm thấy \(decision.subjectKind.label.lowercased()) trong phạm vi được phân quyền vào ngày \(day.vietnamese)")
        }
        if try await !SubtreeQuery.contains(decision.organizationID, root: decision.deciderOrganizationID, on: day, database: sql) {
            problems.append(.init(field: "deciderOrganizationID", message: "Cấp quyết định phải là tổ chức của đối tượng hoặc cấp trên của nó"))
            throw DomainError.invalid(problems)
        }
        let now = clock()
        let recorded = decision
        try await database.transaction { tx in
            try await DisciplineDecisionRecord(recorded, at: now).create(on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .create,
                entityType: "disciplineDecision", entityID: recorded.id.uuidString, organizationID: recorded.organizationID,
                summary: "Ghi quyết định kỷ luật số \(recorded.number) ngày \(day.vietnamese): \(recorded.form.label.lowercased()) "
                    + "(\(recorded.decidedBy.label))",
                before: nil, after: AuditEntry.snapshot(recorded)), on: tx)
        }
        return recorded
    }

    /// One decision, if the actor may read it; the read is audited.
    public func find(_ id: UUID, for actor: Actor) async throws -> DisciplineDecision {
        let notFound = DomainError.notFound("Không tìm thấy quyết định kỷ luật trong phạm vi được phân quyền")
        guard let decision = try await DisciplineDecisionRecord.find(id, on: database)?.domain() else { throw notFound }
        guard try await may(actor, read: decision) else { throw notFound }
        try await audit([decision], readBy: actor)
        return decision
    }

    /// A member's decisions, newest first, for their registry page: to those who may read them (the member too);
    /// an empty list to anyone else, and no trace that there is something.
    public func decisions(ofMember memberID: UUID, for actor: Actor) async throws -> [DisciplineDecision] {
        guard actor.role.can(.viewDiscipline) || (actor.role == .member && actor.memberID == memberID) else { return [] }
        let decisions = try await DisciplineDecisionRecord.query(on: database).filter(\.$memberID == memberID)
            .sort(\.$decisionDate, .descending).limit(100).all().map { try $0.domain() }
        let readable: [DisciplineDecision]
        if actor.role == .member {
            readable = decisions
        } else {
            // One walk up for all of them: the organizations they count in that lie in the actor's subtree today.
            let inside = try await SubtreeQuery.inside(Array(Set(decisions.map(\.organizationID))), root: actor.scopeOrganizationID,
                                                       on: today, database: sql)
            readable = decisions.filter { inside.contains($0.organizationID) }
        }
        try await audit(readable, readBy: actor)
        return readable
    }

    /// A member reads their own decisions; the roles holding `viewDiscipline` those of organizations in their subtree
    /// today.
    func may(_ actor: Actor, read decision: DisciplineDecision) async throws -> Bool {
        if actor.role == .member { return decision.memberID != nil && decision.memberID == actor.memberID }
        guard actor.role.can(.viewDiscipline) else { return false }
        return try await SubtreeQuery.contains(decision.organizationID, root: actor.scopeOrganizationID, on: today, database: sql)
    }

    /// Every read of a decision leaves one audit entry per decision read.
    func audit(_ decisions: [DisciplineDecision], readBy actor: Actor) async throws {
        guard !decisions.isEmpty else { return }
        let now = clock()
        try await decisions.map { decision in
            AuditRecord(AuditEntry(at: now, actorID: actor.accountID, actorName: actor.username, action: .view,
                                   entityType: "disciplineDecision", entityID: decision.id.uuidString, organizationID: decision.organizationID,
                                   summary: "Xem quyết định kỷ luật số \(decision.number)", before: nil, after: nil))
        }.create(on: database)
    }

    /// The cell a member was placed in on a day.
    static func cell(of memberID: UUID, on day: Day, database: any SQLDatabase) async throws -> UUID? {
        try await database.raw("""
            SELECT organization_id FROM member_assignments
            WHERE member_id = \(bind: memberID) AND valid_from <= \(bind: day.iso) AND (valid_to IS NULL OR valid_to > \(bind: day.iso))
            ORDER BY valid_from DESC LIMIT 1
            """).first()?.decode(column: "organization_id", as: UUID.self)
    }
}
