import DangBoCore
import FluentKit
import Foundation
import SQLKit

extension ReportStore {
    /// Saves cell values and moves the entry to `status`. `version` is the version the user loaded (0 for a new
    /// entry): a save based on an older version is refused, never silently merged. Changed cells get a history line.
    @discardableResult
    public func save(form: String, organization: UUID, period: PeriodSlot, cells: [StoredCell], version: Int,
                     status: EntryStatus, warningComment: String?, comment: String?, by actor: Actor) async throws -> ReportEntry {
        let now = clock()
        let id: UUID = try await database.transaction { tx in
            let existing = try await ReportEntryRecord.query(on: tx).filter(\.$formCode == form)
                .filter(\.$organizationID == organization).filter(\.$periodCode == period.code).first()
            let record: ReportEntryRecord
            if let existing {
                let claimed = try await (tx as! any SQLDatabase).update("report_entries")
                    .set("version", to: SQLLiteral.numeric("\(version + 1)"))
                    .where("id", .equal, SQLBind(try existing.requireID())).where("version", .equal, SQLBind(version))
                    .returning("id").all()
                guard !claimed.isEmpty, let fresh = try await ReportEntryRecord.find(existing.id, on: tx) else {
                    throw DomainError.conflict("Báo cáo đã được người khác lưu trong lúc bạn nhập. Tải lại trang để xem số liệu mới nhất rồi nhập lại phần của bạn.")
                }
                record = fresh
            } else {
                guard version == 0 else {
                    throw DomainError.conflict("Báo cáo không còn như lúc bạn mở; hãy tải lại trang.")
                }
                record = ReportEntryRecord()
                record.id = UUID()
                record.formCode = form
                record.organizationID = organization
                record.periodCode = period.code
                record.periodStart = period.start.iso
                record.periodEnd = period.end.iso
                record.version = 1
            }
            let entryID = try record.requireID()
            let oldValues = existing == nil ? [] : try await ReportValueRecord.query(on: tx).filter(\.$entryID == entryID).all()
            record.status = status.rawValue
            record.updatedAt = now
            record.updatedBy = actor.username
            record.warningComment = warningComment
            if status == .submitted {
                record.submittedAt = now
                record.submittedBy = actor.username
            }
            try await record.save(on: tx)
            var changes = 0
            var old: [String: ReportValueRecord] = [:]
            for value in oldValues { old["\(value.rowKey):\(value.columnKey)"] = value }
            for cell in cells {
                let previous = old.removeValue(forKey: cell.key)
                let before = previous.map { StoredCell(row: $0.rowKey, column: $0.columnKey, number: $0.number, text: $0.text).display } ?? ""
                guard before != cell.display else { continue }
                changes += 1
                if cell.number == nil && (cell.text ?? "").isEmpty {
                    try await previous?.delete(on: tx)
                } else if let previous {
                    previous.number = cell.number
                    previous.text = cell.text
                    try await previous.save(on: tx)
                } else {
                    let value = ReportValueRecord()
                    value.id = UUID()
                    value.entryID = entryID
                    value.rowKey = cell.row
                    value.columnKey = cell.column
                    value.number = cell.number
                    value.text = cell.text
                    try await value.create(on: tx)
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
                line.comment = comment
                try await line.create(on: tx)
            }
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: status == .submitted ? .submit : .update,
                entityType: "reportEntry", entityID: entryID.uuidString, organizationID: organization,
                summary: "\(status == .submitted ? "Gửi" : "Lưu") báo cáo \(form) kỳ \(period.code): \(changes) ô thay đổi",
                before: nil, after: AuditEntry.snapshot(["status": status.rawValue, "changedCells": String(changes)])), on: tx)
            return entryID
        }
        guard let saved = try await entry(id: id) else { throw DomainError.notFound("Không tìm thấy báo cáo") }
        return saved
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
