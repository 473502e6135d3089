import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Report entries: reading, saving with optimistic locking and per-cell history, workflow transitions, deadline
/// exceptions. Every write is audited in its own transaction.
public struct ReportStore: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    public func entry(form: String, organization: UUID, period: String) async throws -> ReportEntry? {
        guard let record = try await ReportEntryRecord.query(on: database).filter(\.$formCode == form)
            .filter(\.$organizationID == organization).filter(\.$periodCode == period).first() else { return nil }
        return try await entry(record)
    }

    public func entry(id: UUID) async throws -> ReportEntry? {
        guard let record = try await ReportEntryRecord.find(id, on: database) else { return nil }
        return try await entry(record)
    }

    func entry(_ record: ReportEntryRecord) async throws -> ReportEntry {
        let id = try record.requireID()
        let values = try await ReportValueRecord.query(on: database).filter(\.$entryID == id).all()
        guard let start = Day(parsing: record.periodStart), let end = Day(parsing: record.periodEnd),
              let status = EntryStatus(rawValue: record.status) else {
            throw StorageError.corruptRow(table: ReportEntryRecord.schema, id: id.uuidString)
        }
        return ReportEntry(
            id: id, formCode: record.formCode, organizationID: record.organizationID,
            period: PeriodSlot(code: record.periodCode, start: start, end: end), status: status, version: record.version,
            submittedAt: record.submittedAt, submittedBy: record.submittedBy, reviewedAt: record.reviewedAt,
            reviewedBy: record.reviewedBy, reviewComment: record.reviewComment, warningComment: record.warningComment,
            updatedAt: record.updatedAt, updatedBy: record.updatedBy,
            cells: values.map { StoredCell(row: $0.rowKey, column: $0.columnKey, number: $0.number, text: $0.text) }
                .sorted { ($0.row, $0.column) < ($1.row, $1.column) })
    }

    /// Where each entry of a form for a period stands, for every organization in the subtree of `root` on `day`
    /// (reporting rate, reminders): one query, joined to the subtree in the database, without the cells.
    public func summaries(form: String, period: String, root: UUID, on day: Day) async throws -> [UUID: EntrySummary] {
        let rows = try await sql.raw(SubtreeQuery.cte(root: root, on: day) + """
             SELECT e.organization_id AS organization_id, e.status AS status, e.version AS version,
                    e.submitted_at AS submitted_at, e.review_comment AS review_comment
             FROM report_entries e JOIN subtree s ON s.id = e.organization_id
             WHERE e.form_code = \(bind: form) AND e.period_code = \(bind: period)
            """).all()
        var result: [UUID: EntrySummary] = [:]
        for row in rows {
            let organization = try row.decode(column: "organization_id", as: UUID.self)
            guard let status = EntryStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
                throw StorageError.corruptRow(table: ReportEntryRecord.schema, id: "\(form)/\(period)/\(organization.uuidString)")
            }
            result[organization] = EntrySummary(organizationID: organization, status: status,
                                                version: try row.decode(column: "version", as: Int.self),
                                                submittedAt: try row.decode(column: "submitted_at", as: Date?.self),
                                                reviewComment: try row.decode(column: "review_comment", as: String?.self))
        }
        return result
    }

    public func history(entryID: UUID) async throws -> [CellChange] {
        try await ReportValueHistoryRecord.query(on: database).filter(\.$entryID == entryID)
            .sort(\.$changedAt, .descending).all().map {
                CellChange(row: $0.rowKey, column: $0.columnKey, oldValue: $0.oldValue, newValue: $0.newValue,
                           changedBy: $0.changedBy, changedAt: $0.changedAt, comment: $0.comment)
            }
    }

    /// The deadline exception granted for an entry, if any (the latest).
    public func exception(form: String, organization: UUID, period: String) async throws -> Day? {
        try await DeadlineExceptionRecord.query(on: database).filter(\.$formCode == form)
            .filter(\.$organizationID == organization).filter(\.$periodCode == period)
            .sort(\.$until, .descending).first().flatMap { Day(parsing: $0.until) }
    }

    /// Extends the deadline of one entry to `until`, which must be today or later and after the form's `dueDate`
    /// (an extension that ends before either would change nothing).
    public func grantException(form: String, organization: UUID, period: String, until: Day, dueDate: Day, reason: String,
                               by actor: Actor) async throws {
        let now = clock()
        let today = Day(now)
        var problems: [FieldProblem] = []
        if until < today {
            problems.append(.init(field: "until", message: "Ngày gia hạn \(until.vietnamese) đã qua (hôm nay là \(today.vietnamese)); chọn một ngày từ hôm nay trở đi"))
        } else if until <= dueDate {
            problems.append(.init(field: "until", message: "Hạn nộp đã là \(dueDate.vietnamese); ngày gia hạn phải sau hạn nộp"))
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 500 {
            problems.append(.init(field: "reason", message: "Ghi lý do gia hạn (tối đa 500 ký tự)"))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await database.transaction { tx in
            let record = DeadlineExceptionRecord()
            record.id = UUID()
            record.formCode = form
            record.organizationID = organization
            record.periodCode = period
            record.until = until.iso
            record.reason = trimmed
            record.grantedBy = actor.username
            record.grantedAt = now
            try await record.create(on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .grant, entityType: "deadlineException",
                entityID: "\(form)/\(period)/\(organization.uuidString)", organizationID: organization,
                summary: "Gia hạn nộp \(form) kỳ \(period) đến \(until.vietnamese): \(trimmed)", before: nil,
                after: AuditEntry.snapshot(["until": until.iso, "reason": trimmed])), on: tx)
        }
    }
}

extension BulkLoader {
    /// Inserts finished entries (demo data, migrations from other systems) in batches, in one transaction.
    public func loadReports(_ entries: [ReportEntry], at now: Date = Date()) async throws {
        try await database.transaction { tx in
            var records: [ReportEntryRecord] = []
            var values: [ReportValueRecord] = []
            for entry in entries {
                let record = ReportEntryRecord()
                record.id = entry.id
                record.formCode = entry.formCode
                record.organizationID = entry.organizationID
                record.periodCode = entry.period.code
                record.periodStart = entry.period.start.iso
                record.periodEnd = entry.period.end.iso
                record.status = entry.status.rawValue
                record.version = entry.version
                record.submittedAt = entry.submittedAt
                record.submittedBy = entry.submittedBy
                record.reviewedAt = entry.reviewedAt
                record.reviewedBy = entry.reviewedBy
                record.reviewComment = entry.reviewComment
                record.warningComment = entry.warningComment
                record.updatedAt = entry.updatedAt
                record.updatedBy = entry.updatedBy
                records.append(record)
                for cell in entry.cells {
                    let value = ReportValueRecord()
                    value.id = UUID()
                    value.entryID = entry.id
                    value.rowKey = cell.row
                    value.columnKey = cell.column
                    value.number = cell.number
                    value.text = cell.text
                    values.append(value)
                }
            }
            for batch in records.chunked(200) { try await Array(batch).create(on: tx) }
            for batch in values.chunked(500) { try await Array(batch).create(on: tx) }
        }
    }
}
