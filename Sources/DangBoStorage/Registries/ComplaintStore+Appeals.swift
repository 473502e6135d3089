import DangBoCore
import FluentKit
import Foundation
import SQLKit

extension ComplaintStore {
    /// Records a discipline appeal received. When it names the appealed decision, the actor must be able to read
    /// that decision, its subject must be the appellant and the appeal must come within a month of it. Placed and
    /// checked like a denunciation.
    public func record(_ appeal: DisciplineAppeal, by actor: Actor) async throws -> DisciplineAppeal {
        try actor.require(.recordDiscipline)
        var decision: DisciplineDecision?
        var problems: [FieldProblem] = []
        if let decisionID = appeal.decisionID {
            decision = try await DisciplineDecisionRecord.find(decisionID, on: database)?.domain()
            if let found = decision, try await !DisciplineStore(database: database, clock: clock).may(actor, read: found) { decision = nil }
            if decision == nil { problems.append(.init(field: "decisionID", message: "Không tìm thấy quyết định kỷ luật được khiếu nại")) }
        }
        problems += appeal.problems(today: today, decision: decision)
        let recorded = try await placed(appeal, problems: problems, by: actor)
        let now = clock()
        let number = decision.map { " (quyết định số \($0.number))" } ?? ""
        try await database.transaction { tx in
            try await DisciplineAppealRecord(recorded, at: now).create(on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .create, entityType: "disciplineAppeal",
                entityID: recorded.id.uuidString, organizationID: recorded.organizationID,
                summary: "Ghi đơn khiếu nại kỷ luật của \(recorded.subjectKind.label.lowercased()) nhận ngày \(recorded.receivedOn.vietnamese)"
                    + number,
                before: nil, after: AuditEntry.snapshot(recorded)), on: tx)
        }
        return recorded
    }

    /// Concludes (or corrects the conclusion of) an appeal the actor may read: an update, audited with before and after.
    public func conclude(appeal id: UUID, on day: Day?, outcome: AppealOutcome?, number: String, by actor: Actor) async throws -> DisciplineAppeal {
        try actor.require(.recordDiscipline)
        let notFound = DomainError.notFound("Không tìm thấy đơn khiếu nại kỷ luật trong phạm vi được phân quyền")
        guard let record = try await DisciplineAppealRecord.find(id, on: database) else { throw notFound }
        let before = try record.domain()
        guard try await may(actor, read: before) else { throw notFound }
        let after = before.concluded(on: day, outcome: outcome, number: number)
        // The month to appeal was checked when the appeal was received; only the conclusion is checked now.
        let problems = after.problems(today: today).filter { !["decisionID", "receivedOn"].contains($0.field) }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let now = clock()
        try await database.transaction { tx in
            record.conclude(after)
            try await record.update(on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .update, entityType: "disciplineAppeal",
                entityID: id.uuidString, organizationID: after.organizationID,
                summary: "Kết luận đơn khiếu nại kỷ luật: \(after.outcome?.label.lowercased() ?? "") (\(after.conclusionNumber ?? ""))",
                before: AuditEntry.snapshot(before), after: AuditEntry.snapshot(after)), on: tx)
        }
        return after
    }

    /// One appeal, if the actor may read it (a member reads the appeals they made); the read is audited.
    public func appeal(_ id: UUID, for actor: Actor) async throws -> DisciplineAppeal {
        let notFound = DomainError.notFound("Không tìm thấy đơn khiếu nại kỷ luật trong phạm vi được phân quyền")
        guard let item = try await DisciplineAppealRecord.find(id, on: database)?.domain() else { throw notFound }
        let isOwn = actor.role == .member && item.memberID != nil && item.memberID == actor.memberID
        if !isOwn, try await !may(actor, read: item) { throw notFound }
        try await audit([item], entityType: "disciplineAppeal", readBy: actor)
        return item
    }

    /// A member's appeals, newest received first, for their registry page: to the roles holding `viewDiscipline`
    /// within their subtree, and to the member who made them (unlike denunciations against them).
    public func appeals(ofMember memberID: UUID, for actor: Actor) async throws -> [DisciplineAppeal] {
        let isOwn = actor.role == .member && actor.memberID == memberID
        guard actor.role.can(.viewDiscipline) || isOwn else { return [] }
        let items = try await DisciplineAppealRecord.query(on: database).filter(\.$memberID == memberID)
            .sort(\.$receivedOn, .descending).limit(100).all().map { try $0.domain() }
        let readable = isOwn ? items : try await readable(items, by: actor)
        try await audit(readable, entityType: "disciplineAppeal", readBy: actor)
        return readable
    }
}
