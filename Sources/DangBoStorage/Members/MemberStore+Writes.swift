import DangBoCore
import FluentKit
import Foundation
import SQLKit

extension MemberStore {
    public func create(_ fields: MemberFields, in organizationID: UUID, by actor: Actor) async throws -> Member {
        try actor.require(.manageMembers)
        let organization = try await cell(organizationID, for: actor)
        let fields = fields.normalized
        let problems = fields.problems(today: today)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await requireUniqueCard(fields.cardNumber, except: nil, on: database)
        let member = Member(organizationID: organization.id, fields: fields)
        let now = clock()
        try await database.transaction { tx in
            try await insert(member, since: fields.admissionDate ?? today, on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .create, entityType: "member",
                entityID: member.id.uuidString, organizationID: organization.id,
                summary: "Thêm đảng viên \(fields.identification) vào \(organization.name)", before: nil,
                after: AuditEntry.snapshot(fields)), on: tx)
        }
        return member
    }

    func insert(_ member: Member, since day: Day, on database: any Database) async throws {
        let (record, assignment) = records(of: member, since: day)
        try await record.create(on: database)
        try await assignment.create(on: database)
    }

    /// The rows of a new member: the member and its first placement (from `day`, never after today).
    func records(of member: Member, since day: Day) -> (MemberRecord, MemberAssignmentRecord) {
        (MemberRecord(member), MemberAssignmentRecord(MemberAssignment(memberID: member.id, organizationID: member.organizationID,
                                                                       validFrom: min(day, today))))
    }

    /// Saves edited fields. `version` is the version the user edited: if someone saved in between, the save is
    /// refused with a conflict instead of silently overwriting their change.
    public func update(_ id: UUID, fields: MemberFields, version: Int, by actor: Actor) async throws -> Member {
        try actor.require(.manageMembers)
        let current = try await visible(id, to: actor).member
        let fields = fields.normalized
        let problems = fields.problems(today: today)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await requireUniqueCard(fields.cardNumber, except: id, on: database)
        let now = clock()
        var edited = current
        edited.fields = fields
        edited.version = version + 1
        let updated = edited
        try await database.transaction { tx in
            // Claim the version in one statement: of two saves of the same version only one gets a row back.
            let claimed = try await (tx as! any SQLDatabase).update("members")
                .set("version", to: SQLLiteral.numeric("\(updated.version)"))
                .where("id", .equal, SQLBind(id)).where("version", .equal, SQLBind(version))
                .returning("id").all()
            guard !claimed.isEmpty, let record = try await MemberRecord.find(id, on: tx) else {
                throw DomainError.conflict("Hồ sơ đảng viên đã được người khác sửa trong lúc bạn chỉnh sửa. "
                                           + "Hãy tải lại trang để xem thay đổi mới nhất rồi sửa lại.")
            }
            record.apply(fields)
            try await record.save(on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .update, entityType: "member",
                entityID: id.uuidString, organizationID: current.organizationID,
                summary: "Sửa hồ sơ đảng viên \(fields.identification)", before: AuditEntry.snapshot(current.fields),
                after: AuditEntry.snapshot(fields)), on: tx)
        }
        return updated
    }

    /// Moves a member to another cell from `day`; the old assignment closes, history is kept.
    public func transfer(_ id: UUID, to organizationID: UUID, on day: Day, by actor: Actor) async throws -> Member {
        try actor.require(.manageMembers)
        let current = try await visible(id, to: actor).member
        let target = try await cell(organizationID, for: actor)
        guard target.id != current.organizationID else {
            throw DomainError.invalid([.init(field: "organizationID", message: "Đảng viên đã sinh hoạt ở \(target.name)")])
        }
        guard day <= today else {
            throw DomainError.invalid([.init(field: "day", message: "Ngày chuyển sinh hoạt ở tương lai")])
        }
        let history = try await assignments(of: id)
        if let open = history.last(where: { $0.validTo == nil }), day <= open.validFrom {
            throw DomainError.invalid([.init(field: "day",
                                             message: "Ngày chuyển phải sau ngày bắt đầu sinh hoạt hiện tại (\(open.validFrom.vietnamese))")])
        }
        var changed = current
        changed.organizationID = target.id
        changed.version += 1
        let moved = changed
        let now = clock()
        try await database.transaction { tx in
            try await MemberAssignmentRecord.query(on: tx).filter(\.$memberID == id).filter(\.$validTo == nil)
                .set(\.$validTo, to: day.iso).update()
            try await MemberAssignmentRecord(MemberAssignment(memberID: id, organizationID: target.id, validFrom: day))
                .create(on: tx)
            try await MemberRecord.query(on: tx).filter(\.$id == id)
                .set(\.$organizationID, to: target.id).set(\.$version, to: moved.version).update()
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .transfer, entityType: "member",
                entityID: id.uuidString, organizationID: target.id,
                summary: "Chuyển sinh hoạt \(current.fields.identification) sang \(target.name) từ \(day.vietnamese)",
                before: AuditEntry.snapshot(["organizationID": current.organizationID.uuidString]),
                after: AuditEntry.snapshot(["organizationID": target.id.uuidString])), on: tx)
        }
        return moved
    }

    /// Removes a record entered by mistake (members who leave get a status instead).
    public func delete(_ id: UUID, by actor: Actor) async throws {
        try actor.require(.manageMembers)
        let current = try await visible(id, to: actor).member
        if let account = try await AccountRecord.query(on: database).filter(\.$memberID == id).first() {
            throw DomainError.conflict("Không xóa được: đảng viên đang có tài khoản đăng nhập \"\(account.username)\". Hãy đổi trạng thái thay vì xóa.")
        }
        let now = clock()
        try await database.transaction { tx in
            try await MemberAssignmentRecord.query(on: tx).filter(\.$memberID == id).delete()
            try await MemberRecord.query(on: tx).filter(\.$id == id).delete()
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .delete, entityType: "member",
                entityID: id.uuidString, organizationID: current.organizationID,
                summary: "Xóa hồ sơ đảng viên \(current.fields.identification)", before: AuditEntry.snapshot(current.fields),
                after: nil), on: tx)
        }
    }
}
