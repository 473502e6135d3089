import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// The outcome of a data value import (or of its dry run).
public struct DataValueImportResult: Sendable, Codable, Equatable {
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public var issues: [ImportIssue]

    /// "1.109 số liệu mới, 0 sửa, 0 không đổi", with the app's number format.
    public var text: String {
        let n = VietnameseNumberFormat.integer
        return "\(n(created)) số liệu mới, \(n(updated)) sửa, \(n(unchanged)) không đổi"
    }

    public init(created: Int, updated: Int, unchanged: Int, issues: [ImportIssue]) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.issues = issues
    }
}

/// Imports figures of past periods (data from before DangBo, whole past spans known only by their totals) as
/// historical values: each organization × period gets one approved entry of the pseudo-form `historical`, which the
/// roll-up reads like any other. One transaction and one audit entry; a file with any problem writes nothing;
/// importing the same file again changes nothing. A value a report form already holds is not overwritten.
public struct DataValueImporter: Sendable {
    public static let historicalForm = "historical"

    let database: any Database
    let forms: FormCatalog
    let clock: @Sendable () -> Date

    public init(database: any Database, forms: FormCatalog, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.forms = forms
        self.clock = clock
    }

    /// The phases a progress bar shows.
    public static let checkPhase = "Kiểm tra tệp số liệu"
    public static let writePhase = "Ghi số liệu"

    public func importRows(_ rows: [[String]], dryRun: Bool, by actor: Actor,
                           progress: any ProgressSink = NoProgress()) async throws -> DataValueImportResult {
        guard actor.role == .administrator || actor.role == .blocOffice else {
            throw DomainError.forbidden("Chỉ Đảng ủy Khối nhập số liệu các kỳ trước")
        }
        let rowCount = max(rows.count - 1, 0)
        await progress.report(JobProgress(done: 0, total: rowCount, phase: Self.checkPhase))
        var known: [String: UUID] = [:]
        let codeColumn = rows.first.flatMap { header in
            header.firstIndex { VietnameseText.folded($0) == VietnameseText.folded(DataValueImportParser.Column.organization.rawValue) }
        } ?? 0
        let fileCodes = Set(rows.dropFirst().compactMap { codeColumn < $0.count ? $0[codeColumn].trimmingCharacters(in: .whitespaces) : nil })
            .filter { !$0.isEmpty }
        // The file's organizations, in batches: one statement finds them, one more keeps those in the actor's subtree.
        for batch in Array(fileCodes).sorted().chunked(500) {
            let records = try await OrganizationRecord.query(on: database).filter(\.$code ~~ Array(batch)).all()
            let inside = try await SubtreeQuery.inside(records.compactMap(\.id), root: actor.scopeOrganizationID, on: Day(clock()),
                                                       database: database as! any SQLDatabase)
            for record in records { if let id = record.id, inside.contains(id) { known[record.code] = id } }
        }
        let lookup = known
        let parser = DataValueImportParser(catalog: forms.elements, today: Day(clock())) { lookup[$0] != nil }
        let (lines, issues) = parser.parse(rows: rows)
        guard issues.isEmpty else { return DataValueImportResult(created: 0, updated: 0, unchanged: 0, issues: issues) }
        let now = clock()
        return try await database.transaction { tx in
            var result = DataValueImportResult(created: 0, updated: 0, unchanged: 0, issues: [])
            // What is stored already, in bounded batches over the file's organizations (no query per line).
            let organizationIDs = Array(Set(lines.compactMap { lookup[$0.organizationCode] }))
            let periods = Array(Set(lines.map(\.period.code))).sorted()
            var entries: [String: ReportEntryRecord] = [:]
            var existing: [String: (id: UUID, number: Double?, text: String?, form: String)] = [:]
            for batch in organizationIDs.chunked(200) {
                for periodBatch in periods.chunked(200) {
                    for entry in try await ReportEntryRecord.query(on: tx).filter(\.$formCode == Self.historicalForm)
                        .filter(\.$organizationID ~~ Array(batch)).filter(\.$periodCode ~~ Array(periodBatch)).all() {
                        entries["\(entry.organizationID.uuidString)|\(entry.periodCode)"] = entry
                    }
                    let rows = try await (tx as! any SQLDatabase).raw("""
                        SELECT v.id AS id, v.element AS element, v.options AS options, v.organization_id AS organization_id,
                               v.period_code AS period_code, v.number AS number, v.text AS text, e.form_code AS form_code
                        FROM data_values v JOIN report_entries e ON e.id = v.entry_id
                        WHERE v.organization_id IN (\(binds: Array(batch))) AND v.period_code IN (\(binds: Array(periodBatch)))
                        """).all()
                    for row in rows {
                        let identity = try "\(row.decode(column: "organization_id", as: UUID.self).uuidString)|\(row.decode(column: "period_code", as: String.self))|\(row.decode(column: "element", as: String.self))|\(row.decode(column: "options", as: String.self))"
                        existing[identity] = (try row.decode(column: "id", as: UUID.self), try row.decode(column: "number", as: Double?.self),
                                              try row.decode(column: "text", as: String?.self), try row.decode(column: "form_code", as: String.self))
                    }
                }
            }
            var newEntries: [ReportEntryRecord] = []
            var newValues: [DataValueRecord] = []
            var updates: [(id: UUID, number: Double?, text: String?)] = []
            var touched: Set<UUID> = []
            var problems: [ImportIssue] = []
            for line in lines {
                guard let organization = lookup[line.organizationCode] else { continue }
                let slot = "\(organization.uuidString)|\(line.period.code)"
                let entry: ReportEntryRecord
                if let cached = entries[slot] {
                    entry = cached
                } else {
                    entry = ReportEntryRecord()
                    entry.id = UUID()
                    entry.formCode = Self.historicalForm
                    entry.organizationID = organization
                    entry.periodCode = line.period.code
                    entry.periodStart = line.period.start.iso
                    entry.periodEnd = line.period.end.iso
                    entry.status = EntryStatus.approved.rawValue
                    entry.version = 1
                    entry.submittedAt = now
                    entry.submittedBy = actor.username
                    entry.reviewedAt = now
                    entry.reviewedBy = actor.username
                    entry.reviewComment = "Số liệu các kỳ trước (nhập từ tệp)"
                    entry.updatedAt = now
                    entry.updatedBy = actor.username
                    entries[slot] = entry
                    newEntries.append(entry)
                }
                let number = line.value.number
                let text = line.value.text
                if let stored = existing["\(slot)|\(line.key.element)|\(line.key.optionsKey)"] {
                    if stored.number == number && stored.text == text { result.unchanged += 1; continue }
                    guard stored.form == Self.historicalForm else {
                        problems.append(ImportIssue(row: line.row, column: "", message: "Biểu \(stored.form) đã có số liệu này cho kỳ \(line.period.label); sửa ở biểu đó"))
                        continue
                    }
                    updates.append((stored.id, number, text))
                    result.updated += 1
                } else {
                    newValues.append(DataValueRecord(entry: entry, key: line.key, number: number, text: text))
                    result.created += 1
                }
                if let id = entry.id { touched.insert(id) }
            }
            await progress.report(JobProgress(done: rowCount, total: rowCount, phase: Self.checkPhase))
            if !dryRun, problems.isEmpty {
                await progress.report(JobProgress(done: 0, total: rowCount, phase: Self.writePhase))
                // The stored entries that change leave the kept totals first and come back with their new figures.
                let created = Set(newEntries.compactMap(\.id))
                try await DataTotals.subtract(entries: Array(touched.subtracting(created)), on: tx)
                for batch in updates.chunked(200) { try await Self.update(Array(batch), on: tx as! any SQLDatabase) }
                for batch in newEntries.chunked(200) { try await Array(batch).create(on: tx) }
                for batch in newValues.chunked(500) { try await Array(batch).create(on: tx) }
                try await DataTotals.add(entries: Array(touched), on: tx)
                await progress.report(JobProgress(done: rowCount, total: rowCount, phase: Self.writePhase))
            }
            guard problems.isEmpty else {
                // Nothing is written when any row is refused.
                throw DataValueImportRefused(issues: problems)
            }
            if !dryRun, result.created + result.updated > 0 {
                try await AuditStore.append(AuditEntry(
                    at: now, actorID: actor.accountID, actorName: actor.username, action: .importRows,
                    entityType: "dataValues", entityID: "historical", organizationID: actor.scopeOrganizationID,
                    summary: "Nhập số liệu các kỳ trước: \(result.text)",
                    before: nil, after: AuditEntry.snapshot(["created": String(result.created), "updated": String(result.updated),
                                                             "unchanged": String(result.unchanged)])), on: tx)
            }
            return result
        }
    }
}

extension DataValueImporter {
    /// New numbers and texts for stored values, one statement per batch (`CASE id WHEN ... THEN ...`).
    static func update(_ batch: [(id: UUID, number: Double?, text: String?)], on sql: any SQLDatabase) async throws {
        guard !batch.isEmpty else { return }
        var numbers: SQLQueryString = "CASE id"
        var texts: SQLQueryString = "CASE id"
        for change in batch {
            numbers = numbers + " WHEN \(bind: change.id) THEN \(bind: change.number)"
            texts = texts + " WHEN \(bind: change.id) THEN \(bind: change.text)"
        }
        // Cast, so that PostgreSQL types a batch of only empty numbers (or texts) right.
        try await sql.raw("UPDATE data_values SET number = CAST(" + numbers + " END AS DOUBLE PRECISION), text = CAST(" + texts
            + " END AS TEXT) WHERE id IN (\(binds: batch.map(\.id)))").run()
    }
}

/// A row the import refused after reading the database (a value a form already holds); rolls the transaction back.
public struct DataValueImportRefused: Error, Sendable {
    public var issues: [ImportIssue]
}
