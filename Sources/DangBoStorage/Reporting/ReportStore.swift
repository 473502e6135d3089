import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Report entries: reading, saving with optimistic locking and per-cell history, workflow transitions, deadline
/// exceptions. Every write is audited in its own transaction.
public struct ReportStore: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// The forms whose cells map to data elements; an entry of a form it does not know keeps implicit elements.
    let forms: FormCatalog

    public init(database: any Database, forms: FormCatalog = .empty, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.forms = forms
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

    /// The values shown in an entry: the stored values of its form's elements for its organization and period,
    /// whichever form wrote them (two forms that report one element show one number).
    func values(of record: ReportEntryRecord, map: CellMap, on database: any Database) async throws -> [(cell: CellKey, value: DataValueRecord)] {
        let query = DataValueRecord.query(on: database).filter(\.$organizationID == record.organizationID)
            .filter(\.$periodCode == record.periodCode)
        if let elements = map.elements {
            query.filter(\.$element ~~ elements)
        } else {
            query.filter(\.$element, .custom("LIKE"), map.formCode + "/%")
        }
        return try await query.all().compactMap { value in
            map.cell(element: value.element, options: value.options).map { ($0, value) }
        }
    }

    func entry(_ record: ReportEntryRecord) async throws -> ReportEntry {
        let id = try record.requireID()
        let values = try await values(of: record, map: CellMap(formCode: record.formCode, forms: forms, on: Day(parsing: record.periodEnd)), on: database)
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
            cells: values.map { StoredCell(row: $0.cell.row, column: $0.cell.column, number: $0.value.number, text: $0.value.text) }
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
    /// Inserts finished entries (demo data, migrations from other systems) in batches, in one transaction; their cells
    /// are stored under the data elements `forms` maps them to.
    public func loadReports(_ entries: [ReportEntry], forms: FormCatalog, at now: Date = Date()) async throws {
        try await database.transaction { tx in
            var maps: [String: CellMap] = [:]
            var records: [ReportEntryRecord] = []
            var values: [DataValueRecord] = []
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
                let layout = "\(entry.formCode)|\(forms.form(code: entry.formCode, on: entry.period.end)?.version ?? 0)"
                let map = maps[layout] ?? CellMap(formCode: entry.formCode, forms: forms, on: entry.period.end)
                maps[layout] = map
                for cell in entry.cells {
                    values.append(DataValueRecord(entry: record, key: map.key(row: cell.row, column: cell.column),
                                                  number: cell.number, text: cell.text))
                }
            }
            for batch in records.chunked(200) { try await Array(batch).create(on: tx) }
            for batch in values.chunked(500) { try await Array(batch).create(on: tx) }
            try await DataTotals.add(entries: entries.filter { $0.status == .approved }.map(\.id), on: tx)
        }
    }
}

extension DataValueRecord {
    convenience init(entry: ReportEntryRecord, key: ValueKey, number: Double?, text: String?) {
        self.init()
        id = UUID()
        element = key.element
        options = key.optionsKey
        organizationID = entry.organizationID
        periodCode = entry.periodCode
        periodStart = entry.periodStart
        periodEnd = entry.periodEnd
        entryID = entry.id ?? UUID()
        entryStatus = entry.status
        self.number = number
        self.text = text
    }
}
