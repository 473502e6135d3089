import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// What a reporter sends for one entry: every entry cell of the form (an empty cell clears its value), the version
/// they loaded (0 for a new entry), and the comments.
public struct EntryWrite: Sendable {
    public var form: String
    public var organization: UUID
    public var period: PeriodSlot
    public var cells: [StoredCell]
    public var version: Int
    /// The explanation of failed warnings; nil keeps the stored one, "" clears it.
    public var warningComment: String?
    /// A note for the history lines of the changed cells.
    public var comment: String?

    public init(form: String, organization: UUID, period: PeriodSlot, cells: [StoredCell], version: Int,
                warningComment: String? = nil, comment: String? = nil) {
        self.form = form
        self.organization = organization
        self.period = period
        self.cells = cells
        self.version = version
        self.warningComment = warningComment
        self.comment = comment
    }
}

extension ReportStore {
    /// The one save path (page, API and offline upload all come here). In one transaction it claims the entry's next
    /// version (a save based on an older version is refused, never merged), applies the workflow to the status of
    /// the row it has just locked — not to what was read before —, writes the changed cells and their history in
    /// batches, and appends the audit entry. Two first saves racing for one entry give one save and one conflict.
    @discardableResult
    public func save(_ write: EntryWrite, action: EntryAction, workflow: EntryWorkflow.Context, by actor: Actor) async throws -> ReportEntry {
        guard action == .save || action == .submit else {
            throw DomainError.invalid([.init(field: "action", message: "Chỉ lưu nháp hoặc gửi báo cáo")])
        }
        let now = clock()
        let id: UUID
        do {
            id = try await database.transaction { tx in
                let record = try await Self.claim(write, on: tx)
                var context = workflow
                context.status = EntryStatus(rawValue: record.status) ?? .draft
                let status = try EntryWorkflow.next(action, in: context)
                let entryID = try record.requireID()
                record.status = status.rawValue
                record.updatedAt = now
                record.updatedBy = actor.username
                if let comment = write.warningComment { record.warningComment = comment.nilIfBlank }
                if status == .submitted {
                    record.submittedAt = now
                    record.submittedBy = actor.username
                }
                try await record.save(on: tx)
                let changes = try await writeCells(write, record: record, by: actor, at: now, on: tx)
                try await Self.copyStatus(of: entryID, status, on: tx)
                try await AuditStore.append(AuditEntry(
                    at: now, actorID: actor.accountID, actorName: actor.username, action: status == .submitted ? .submit : .update,
                    entityType: "reportEntry", entityID: entryID.uuidString, organizationID: write.organization,
                    summary: "\(status == .submitted ? "Gửi" : "Lưu") báo cáo \(write.form) kỳ \(write.period.code): \(changes) ô thay đổi",
                    before: nil, after: AuditEntry.snapshot(["status": status.rawValue, "changedCells": String(changes)])), on: tx)
                return entryID
            }
        } catch let error as any DatabaseError where error.isConstraintFailure && write.version == 0 {
            // Another first save of the same entry committed in between (the unique key on form, organization, period).
            throw DomainError.conflict(Self.staleMessage)
        }
        guard let saved = try await entry(id: id) else { throw DomainError.notFound("Không tìm thấy báo cáo") }
        return saved
    }

    static let staleMessage = "Báo cáo đã được người khác lưu trong lúc bạn nhập. Tải lại trang để xem số liệu mới nhất rồi nhập lại phần của bạn."

    /// The entry row this save may write: a new one for version 0, or the stored one whose version it has just moved
    /// from `version` to `version + 1` (which holds the row's lock until the transaction ends).
    static func claim(_ write: EntryWrite, on tx: any Database) async throws -> ReportEntryRecord {
        guard write.version > 0 else {
            let exists = try await ReportEntryRecord.query(on: tx).filter(\.$formCode == write.form)
                .filter(\.$organizationID == write.organization).filter(\.$periodCode == write.period.code).first()
            guard exists == nil else { throw DomainError.conflict(staleMessage) }
            let record = ReportEntryRecord()
            record.id = UUID()
            record.formCode = write.form
            record.organizationID = write.organization
            record.periodCode = write.period.code
            record.periodStart = write.period.start.iso
            record.periodEnd = write.period.end.iso
            record.status = EntryStatus.draft.rawValue
            record.version = 1
            return record
        }
        let claimed = try await (tx as! any SQLDatabase).update("report_entries")
            .set("version", to: SQLLiteral.numeric("\(write.version + 1)"))
            .where("form_code", .equal, SQLBind(write.form)).where("organization_id", .equal, SQLBind(write.organization))
            .where("period_code", .equal, SQLBind(write.period.code)).where("version", .equal, SQLBind(write.version))
            .returning("id").all()
        guard let row = claimed.first, let record = try await ReportEntryRecord.find(try row.decode(column: "id", as: UUID.self), on: tx) else {
            throw DomainError.conflict(staleMessage)
        }
        return record
    }

    /// Replaces the changed cells' stored values and records one history line each, in batches. A value another
    /// form's entry wrote is shared (one element, one number); while that entry is submitted or approved it is
    /// locked here too. Returns how many cells changed.
    func writeCells(_ write: EntryWrite, record: ReportEntryRecord, by actor: Actor, at now: Date,
                    on tx: any Database) async throws -> Int {
        let entryID = try record.requireID()
        let map = CellMap(formCode: write.form, forms: forms, on: write.period.end)
        var old: [CellKey: DataValueRecord] = [:]
        for (cell, value) in try await values(of: record, map: map, on: tx) { old[cell] = value }
        let owners = Set(old.values.map(\.entryID)).subtracting([entryID])
        var lockedOwners: [UUID: (form: String, status: EntryStatus)] = [:]
        for batch in Array(owners).chunked(200) {
            for owner in try await ReportEntryRecord.query(on: tx).filter(\.$id ~~ Array(batch)).all() {
                guard let status = EntryStatus(rawValue: owner.status), !status.isEditable, let id = owner.id else { continue }
                lockedOwners[id] = (owner.formCode, status)
            }
        }
        var removed: [UUID] = []
        var added: [DataValueRecord] = []
        var lines: [ReportValueHistoryRecord] = []
        var locked: [FieldProblem] = []
        for cell in write.cells {
            let key = CellKey(row: cell.row, column: cell.column)
            let previous = old[key]
            let before = previous.map { StoredCell(row: cell.row, column: cell.column, number: $0.number, text: $0.text).display } ?? ""
            guard before != cell.display else { continue }
            if let previous, let owner = lockedOwners[previous.entryID] {
                locked.append(.init(field: key.description, message: "Ô \(key): số liệu này là của biểu \(owner.form) (\(owner.status.label.lowercased())); sửa ở biểu đó hoặc đề nghị trả lại"))
                continue
            }
            if let previous { removed.append(try previous.requireID()) }
            if cell.number != nil || !(cell.text ?? "").isEmpty {
                added.append(DataValueRecord(entry: record, key: map.key(row: cell.row, column: cell.column), number: cell.number, text: cell.text))
            }
            let line = ReportValueHistoryRecord()
            line.id = UUID()
            line.entryID = entryID
            line.rowKey = cell.row
            line.columnKey = cell.column
            line.oldValue = before.isEmpty ? nil : before
            line.newValue = cell.display.isEmpty ? nil : cell.display
            line.changedBy = actor.username
            line.changedAt = now
            line.comment = write.comment
            lines.append(line)
        }
        guard locked.isEmpty else { throw DomainError.invalid(locked) }
        for batch in removed.chunked(500) {
            try await DataValueRecord.query(on: tx).filter(\.$id ~~ Array(batch)).delete()
        }
        for batch in added.chunked(500) { try await Array(batch).create(on: tx) }
        for batch in lines.chunked(500) { try await Array(batch).create(on: tx) }
        return lines.count
    }

    /// Every value the entry wrote takes its new status, in the transaction that changes it.
    static func copyStatus(of entryID: UUID, _ status: EntryStatus, on tx: any Database) async throws {
        try await (tx as! any SQLDatabase).update("data_values").set("entry_status", to: SQLBind(status.rawValue))
            .where("entry_id", .equal, SQLBind(entryID)).run()
    }

    /// Approves or returns a submitted entry (the workflow decides whether the actor may).
    @discardableResult
    public func review(_ entryID: UUID, version: Int, to status: EntryStatus, comment: String?, by actor: Actor) async throws -> ReportEntry {
        let now = clock()
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let trimmed: String? = text.isEmpty ? nil : text
        if status == .returned, trimmed == nil {
            throw DomainError.invalid([.init(field: "comment", message: "Ghi lý do trả lại để đơn vị biết cần sửa gì")])
        }
        guard (trimmed ?? "").count <= 1000 else {
            throw DomainError.invalid([.init(field: "comment", message: "Ý kiến dài quá 1.000 ký tự")])
        }
        // Separation of duties: whoever submitted a report does not approve it.
        if status == .approved, let entry = try await entry(id: entryID), entry.submittedBy == actor.username {
            throw DomainError.forbidden("Người gửi báo cáo không tự duyệt báo cáo của mình")
        }
        try await database.transaction { tx in
            let claimed = try await (tx as! any SQLDatabase).update("report_entries")
                .set("version", to: SQLLiteral.numeric("\(version + 1)"))
                .set("status", to: SQLBind(status.rawValue))
                .set("reviewed_at", to: SQLBind(now))
                .set("reviewed_by", to: SQLBind(actor.username))
                .set("review_comment", to: SQLBind(trimmed))
                .where("id", .equal, SQLBind(entryID)).where("version", .equal, SQLBind(version))
                .returning("organization_id", "form_code", "period_code").all()
            guard let row = claimed.first else {
                throw DomainError.conflict("Báo cáo đã thay đổi trong lúc bạn xem; hãy tải lại trang.")
            }
            try await Self.copyStatus(of: entryID, status, on: tx)
            if status == .approved { try await DataTotals.add(entries: [entryID], on: tx) }
            let organization = try row.decode(column: "organization_id", as: UUID.self)
            let form = try row.decode(column: "form_code", as: String.self)
            let period = try row.decode(column: "period_code", as: String.self)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: status == .approved ? .approve : .giveBack,
                entityType: "reportEntry", entityID: entryID.uuidString, organizationID: organization,
                summary: "\(status == .approved ? "Duyệt" : "Trả lại") báo cáo \(form) kỳ \(period)" + (trimmed.map { ": \($0)" } ?? ""),
                before: nil, after: AuditEntry.snapshot(["status": status.rawValue])), on: tx)
        }
        guard let entry = try await entry(id: entryID) else { throw DomainError.notFound("Không tìm thấy báo cáo") }
        return entry
    }
}
