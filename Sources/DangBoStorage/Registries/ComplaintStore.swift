import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// The denunciation (tố cáo) and discipline appeal (khiếu nại kỷ luật) registries. As sensitive as discipline:
/// only roles holding `viewDiscipline` read them, when the handling or the subject's organization lies in their
/// subtree today, and every read is audited. Writes need `recordDiscipline`; each is one transaction with its audit
/// entry, so nothing is half-written.
public struct ComplaintStore: Sendable {
    public let database: any Database
    public let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    var today: Day { Day(clock()) }
    var sql: any SQLDatabase { database as! any SQLDatabase }

    // MARK: Denunciations

    /// Records a denunciation received. A member's counts in the cell they belonged to on the received date (read
    /// from the placements); the subject must lie in the actor's subtree that day, and the handler must be the
    /// subject's organization or one above it.
    public func record(_ denunciation: Denunciation, by actor: Actor) async throws -> Denunciation {
        try actor.require(.recordDiscipline)
        let recorded = try await placed(denunciation, problems: denunciation.problems(today: today), by: actor)
        let now = clock()
        try await database.transaction { tx in
            try await DenunciationRecord(recorded, at: now).create(on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .create, entityType: "denunciation",
                entityID: recorded.id.uuidString, organizationID: recorded.organizationID,
                summary: "Ghi đơn tố cáo \(recorded.subjectKind.label.lowercased()) nhận ngày \(recorded.receivedOn.vietnamese)",
                before: nil, after: AuditEntry.snapshot(recorded)), on: tx)
        }
        return recorded
    }

    /// Concludes (or corrects the conclusion of) a denunciation the actor may read: an update, audited with before
    /// and after.
    public func conclude(denunciation id: UUID, with conclusion: DenunciationConclusion, by actor: Actor) async throws -> Denunciation {
        try actor.require(.recordDiscipline)
        let notFound = DomainError.notFound("Không tìm thấy đơn tố cáo trong phạm vi được phân quyền")
        guard let record = try await DenunciationRecord.find(id, on: database) else { throw notFound }
        let before = try record.domain()
        guard try await may(actor, read: before) else { throw notFound }
        let after = before.concluded(with: conclusion)
        let problems = after.problems(today: today)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let now = clock()
        try await database.transaction { tx in
            record.conclude(after)
            try await record.update(on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .update, entityType: "denunciation",
                entityID: id.uuidString, organizationID: after.organizationID,
                summary: "Kết luận đơn tố cáo: \(after.outcome?.label.lowercased() ?? "") (\(after.conclusionNumber ?? ""))",
                before: AuditEntry.snapshot(before), after: AuditEntry.snapshot(after)), on: tx)
        }
        return after
    }

    /// One denunciation, if the actor may read it; the read is audited.
    public func denunciation(_ id: UUID, for actor: Actor) async throws -> Denunciation {
        let notFound = DomainError.notFound("Không tìm thấy đơn tố cáo trong phạm vi được phân quyền")
        guard let item = try await DenunciationRecord.find(id, on: database)?.domain(), try await may(actor, read: item) else { throw notFound }
        try await audit([item], entityType: "denunciation", readBy: actor)
        return item
    }

    /// The denunciations against a member, newest received first, for their registry page: only to the roles holding
    /// `viewDiscipline` within their subtree. The member themself does not see them (a denunciation protects the
    /// one who denounces; the member learns of it when it is handled), unlike their own appeals.
    public func denunciations(ofMember memberID: UUID, for actor: Actor) async throws -> [Denunciation] {
        guard actor.role.can(.viewDiscipline) else { return [] }
        let items = try await DenunciationRecord.query(on: database).filter(\.$memberID == memberID)
            .sort(\.$receivedOn, .descending).limit(100).all().map { try $0.domain() }
        let readable = try await readable(items, by: actor)
        try await audit(readable, entityType: "denunciation", readBy: actor)
        return readable
    }

    // MARK: Shared

    /// The complaint with its subject placed (a member's cell on the received date), checked against the actor's
    /// subtree and the handler's; throws every problem at once.
    func placed<Item: Complaint>(_ item: Item, problems: [FieldProblem], by actor: Actor) async throws -> Item {
        var item = item
        var problems = problems
        let day = item.receivedOn
        if item.subjectKind == .member, let memberID = item.memberID, problems.isEmpty {
            guard let cell = try await DisciplineStore.cell(of: memberID, on: day, database: sql) else {
                throw DomainError.invalid([.init(field: "receivedOn", message: "Ngày \(day.vietnamese) đảng viên chưa sinh hoạt ở chi bộ nào")])
            }
            item.organizationID = cell
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        guard try await SubtreeQuery.contains(item.organizationID, root: actor.scopeOrganizationID, on: day, database: sql) else {
            throw DomainError.notFound("Không tìm thấy \(item.subjectKind.label.lowercased()) trong phạm vi được phân quyền vào ngày \(day.vietnamese)")
        }
        if try await !SubtreeQuery.contains(item.organizationID, root: item.handlerOrganizationID, on: day, database: sql) {
            problems.append(.init(field: "handlerOrganizationID", message: "Tổ chức giải quyết phải là tổ chức của đối tượng hoặc cấp trên của nó"))
            throw DomainError.invalid(problems)
        }
        return item
    }

    /// The roles holding `viewDiscipline` read a complaint whose handler or subject's organization lies in their
    /// subtree today.
    func may(_ actor: Actor, read item: some Complaint) async throws -> Bool {
        guard actor.role.can(.viewDiscipline) else { return false }
        let inside = try await SubtreeQuery.inside([item.organizationID, item.handlerOrganizationID], root: actor.scopeOrganizationID,
                                                   on: today, database: sql)
        return !inside.isEmpty
    }

    /// The complaints among `items` the actor may read, with one walk up for all of them.
    func readable<Item: Complaint>(_ items: [Item], by actor: Actor) async throws -> [Item] {
        guard actor.role.can(.viewDiscipline), !items.isEmpty else { return [] }
        let ids = Array(Set(items.flatMap { [$0.organizationID, $0.handlerOrganizationID] }))
        let inside = try await SubtreeQuery.inside(ids, root: actor.scopeOrganizationID, on: today, database: sql)
        return items.filter { inside.contains($0.organizationID) || inside.contains($0.handlerOrganizationID) }
    }

    /// Every read leaves one audit entry per complaint read.
    func audit(_ items: [some Complaint], entityType: String, readBy actor: Actor) async throws {
        guard !items.isEmpty else { return }
        let now = clock()
        let what = entityType == "denunciation" ? "đơn tố cáo" : "đơn khiếu nại kỷ luật"
        try await items.map { item in
            AuditRecord(AuditEntry(at: now, actorID: actor.accountID, actorName: actor.username, action: .view, entityType: entityType,
                                   entityID: item.id.uuidString, organizationID: item.organizationID,
                                   summary: "Xem \(what) nhận ngày \(item.receivedOn.vietnamese)", before: nil, after: nil))
        }.create(on: database)
    }
}
