import DangBoCore
import FluentKit
import Foundation
import SQLKit

extension OrganizationStore {
    /// Creates an organization under a parent in the actor's subtree; the parent link starts on its opening day.
    public func create(_ draft: OrganizationDraft, by actor: Actor) async throws -> Organization {
        try actor.require(.manageOrganizations)
        let parent = try await draft.parentID.asyncMap { try await visible($0, to: actor) }
        if draft.parentID == nil, try await root() != nil {
            throw DomainError.invalid([.init(field: "parentID", message: "Phải chọn tổ chức cấp trên")])
        }
        let problems = draft.problems(parentLevel: parent?.level)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await requireUniqueCode(draft.code, except: nil)
        let organization = Organization(code: draft.code.trimmingCharacters(in: .whitespaces),
                                        name: draft.name.trimmingCharacters(in: .whitespaces), level: draft.level,
                                        unitKind: draft.unitKind, cluster: draft.cluster?.nilIfBlank,
                                        openedOn: draft.openedOn, closedOn: draft.closedOn)
        let now = clock()
        try await database.transaction { tx in
            try await OrganizationRecord(organization).create(on: tx)
            if let parent {
                try await OrganizationLinkRecord(OrganizationLink(organizationID: organization.id, parentID: parent.id,
                                                                  validFrom: draft.openedOn)).create(on: tx)
            }
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .create,
                entityType: "organization", entityID: organization.id.uuidString, organizationID: organization.id,
                summary: "Tạo tổ chức \(organization.name) (\(organization.code))", before: nil,
                after: AuditEntry.snapshot(organization)), on: tx)
        }
        return organization
    }

    /// Edits an organization's own attributes (not its place in the tree: that is `transfer`).
    public func update(_ id: UUID, with draft: OrganizationDraft, by actor: Actor) async throws -> Organization {
        try actor.require(.manageOrganizations)
        let before = try await visible(id, to: actor)
        let parentID = try await parentID(of: id, on: today)
        let parentLevel = try await parentID.asyncMap { try await find($0)?.level } ?? nil
        var checked = draft
        checked.level = before.level
        let problems = checked.problems(parentLevel: parentLevel)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await requireUniqueCode(draft.code, except: id)
        var edited = before
        edited.code = draft.code.trimmingCharacters(in: .whitespaces)
        edited.name = draft.name.trimmingCharacters(in: .whitespaces)
        edited.unitKind = draft.unitKind
        edited.cluster = draft.cluster?.nilIfBlank
        edited.openedOn = draft.openedOn
        edited.closedOn = draft.closedOn
        let after = edited
        let now = clock()
        try await database.transaction { tx in
            guard let record = try await OrganizationRecord.find(id, on: tx) else {
                throw DomainError.notFound("Không tìm thấy tổ chức")
            }
            // The unit kind is part of each total (reporter filters); the organization's own approved figures move.
            let kindChanged = before.unitKind != after.unitKind
            if kindChanged { try await DataTotals.apply(organization: id, sign: -1, on: tx) }
            record.apply(after)
            try await record.save(on: tx)
            if kindChanged { try await DataTotals.apply(organization: id, sign: 1, on: tx) }
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .update,
                entityType: "organization", entityID: id.uuidString, organizationID: id,
                summary: "Sửa tổ chức \(after.name)", before: AuditEntry.snapshot(before),
                after: AuditEntry.snapshot(after)), on: tx)
        }
        return after
    }

    /// Moves organizations (with all their subordinate cells and members) under a new parent from `day`:
    /// their current links close on `day` and new ones start, so the tree as of any earlier date is unchanged.
    /// One transaction and one audit entry for the whole transfer.
    public func transfer(_ ids: [UUID], to newParentID: UUID, on day: Day, decision: String,
                         by actor: Actor) async throws -> TransferResult {
        try actor.require(.transferOrganizations)
        let unique = Array(Set(ids))
        guard !unique.isEmpty else {
            throw DomainError.invalid([.init(field: "organizationIDs", message: "Chưa chọn tổ chức nào để chuyển")])
        }
        guard decision.count <= 200 else {
            throw DomainError.invalid([.init(field: "decision", message: "Số quyết định dài quá 200 ký tự")])
        }
        let parent = try await visible(newParentID, to: actor)
        var candidates: [Organization] = []
        var problems: [FieldProblem] = []
        for id in unique {
            let organization = try await visible(id, to: actor)
            if organization.level == .central {
                problems.append(.init(field: "organizationIDs", message: "Không thể chuyển Trung ương"))
            } else if !parent.level.allowedChildren.contains(organization.level) {
                problems.append(.init(field: "organizationIDs",
                                      message: "\(organization.name): \(parent.name) không thể có \(organization.level.label.lowercased()) trực thuộc"))
            } else if try await isInSubtree(newParentID, of: id, on: day) {
                problems.append(.init(field: "parentID",
                                      message: "\(parent.name) nằm trong cây của \(organization.name); không thể chuyển vào chính nó"))
            }
            if day < organization.openedOn {
                problems.append(.init(field: "day", message: "\(organization.name) chưa thành lập vào ngày \(day.vietnamese)"))
            }
            candidates.append(organization)
        }
        let moved = candidates
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let movedIDs = moved.map(\.id)
        let memberCount = try await countMembers(under: movedIDs, on: day)
        let now = clock()
        let before = try await linksValid(on: day, for: movedIDs)
        try await database.transaction { tx in
            var after: [OrganizationLink] = []
            for id in movedIDs {
                after.append(try await Self.relink(id, to: newParentID, from: day, on: tx))
            }
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .transfer,
                entityType: "organization", entityID: movedIDs.map(\.uuidString).sorted().joined(separator: ","),
                organizationID: newParentID,
                summary: "Chuyển \(VietnameseNumberFormat.integer(moved.count)) tổ chức với \(VietnameseNumberFormat.integer(memberCount)) đảng viên về \(parent.name) từ ngày \(day.vietnamese)"
                    + (decision.isEmpty ? "" : " theo \(decision)"),
                before: AuditEntry.snapshot(before), after: AuditEntry.snapshot(after)), on: tx)
        }
        return TransferResult(organizationCount: moved.count, memberCount: memberCount)
    }

    /// Puts `id` under `parentID` from `day` until the organization's next recorded move (or for good when there
    /// is none). The link valid on `day` is cut there, or re-pointed when it starts on `day`; links after it are
    /// history and stay as they are, so a back-dated transfer changes only the days it names.
    static func relink(_ id: UUID, to parentID: UUID, from day: Day, on tx: any Database) async throws -> OrganizationLink {
        let links = try await OrganizationLinkRecord.query(on: tx).filter(\.$organizationID == id).sort(\.$validFrom).all()
        let current = links.first { $0.validFrom <= day.iso && ($0.validTo.map { $0 > day.iso } ?? true) }
        let next = links.first { $0.validFrom > day.iso }
        let end: String? = current != nil ? current?.validTo : next?.validFrom
        // The approved totals of its subtree leave the old ancestors for these days and join the new ones.
        try await DataTotals.shift(organization: id, from: day, to: end.flatMap(Day.init(parsing:)), sign: -1, on: tx)
        if let current, current.validFrom == day.iso {
            current.parentID = parentID
            try await current.save(on: tx)
        } else {
            if let current {
                current.validTo = day.iso
                try await current.save(on: tx)
            }
            try await OrganizationLinkRecord(OrganizationLink(organizationID: id, parentID: parentID, validFrom: day,
                                                              validTo: end.flatMap(Day.init(parsing:)))).create(on: tx)
        }
        try await DataTotals.shift(organization: id, from: day, to: end.flatMap(Day.init(parsing:)), sign: 1, on: tx)
        return OrganizationLink(organizationID: id, parentID: parentID, validFrom: day, validTo: end.flatMap(Day.init(parsing:)))
    }

    func linksValid(on day: Day, for ids: [UUID]) async throws -> [OrganizationLink] {
        try await OrganizationLinkRecord.query(on: database).filter(\.$organizationID ~~ ids)
            .filter(\.$validFrom <= day.iso)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > day.iso) }
            .all().map { try $0.domain() }
    }

    /// Members on the registry assigned, on `day`, to any organization in the subtrees of `roots`.
    public func countMembers(under roots: [UUID], on day: Day) async throws -> Int {
        var total = 0
        for root in roots {
            let query = SubtreeQuery.cte(root: root, on: day) + """
                 SELECT COUNT(*) AS n FROM member_assignments a JOIN members m ON m.id = a.member_id
                 WHERE a.organization_id IN (SELECT id FROM subtree) AND a.valid_from <= \(bind: day.iso)
                   AND (a.valid_to IS NULL OR a.valid_to > \(bind: day.iso)) AND m.status IN ('active', 'suspended')
                """
            total += try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return total
    }

    func requireUniqueCode(_ code: String, except id: UUID?) async throws {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        if let existing = try await OrganizationRecord.query(on: database).filter(\.$code == trimmed).first(),
           existing.id != id {
            throw DomainError.invalid([.init(field: "code", message: "Mã tổ chức \"\(trimmed)\" đã được dùng cho \(existing.name)")])
        }
    }
}

public struct TransferResult: Sendable, Codable, Equatable {
    public var organizationCount: Int
    public var memberCount: Int
}
