import DangBoCore
import FluentKit
import Foundation

/// The outcome of checking an import file against the registry, before anything is written.
public struct MemberImportPreview: Sendable {
    public var plan: MemberImportPlan
    /// Clean rows whose card number is new.
    public var toCreate: Int
    /// Clean rows whose card number exists and whose fields or cell differ.
    public var toUpdate: Int
    /// Clean rows identical to what is stored.
    public var unchanged: Int
}

public struct MemberImportResult: Sendable, Codable, Equatable {
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public var skippedBadRows: Int

    /// "thêm 3.375, cập nhật 0, không đổi 0, bỏ qua 1.625 dòng lỗi", with the app's number format.
    public var text: String {
        let n = VietnameseNumberFormat.integer
        return "thêm \(n(created)), cập nhật \(n(updated)), không đổi \(n(unchanged))"
            + (skippedBadRows > 0 ? ", bỏ qua \(n(skippedBadRows)) dòng lỗi" : "")
    }
}

/// Imports members from rows read out of an XLSX or CSV file, keyed on the party card number, so that
/// re-importing the same file changes nothing. All-or-nothing: one transaction.
public struct MemberImporter: Sendable {
    let store: MemberStore

    public init(store: MemberStore) {
        self.store = store
    }

    public func preview(rows: [[String]], defaultOrganizationCode: String, by actor: Actor,
                        progress: any ProgressSink = NoProgress()) async throws -> MemberImportPreview {
        try await check(rows: rows, defaultOrganizationCode: defaultOrganizationCode, by: actor, progress: progress).preview
    }

    /// The phases a progress bar shows.
    public static let checkPhase = "Kiểm tra tệp với sổ đảng viên"
    public static let writePhase = "Ghi vào sổ đảng viên"
    /// Rows written per multi-row insert (a member has about 20 columns: 10.000 parameters, under SQLite's limit),
    /// and reported to the progress bar after each.
    static let batchSize = 500

    /// What `preview` found, with the lookups `apply` writes from.
    struct Check {
        var preview: MemberImportPreview
        /// The cells the file names that lie in the actor's subtree, by code.
        var cells: [String: Organization]
        /// The stored members with the clean rows' card numbers, by card.
        var existing: [String: MemberRecord]
    }

    /// Parses the file and checks it against the registry in bounded batches: the organizations the file names (at most
    /// 500 codes a statement, each batch walked up once to the actor's scope) and the stored members with its card
    /// numbers (500 a statement, their organizations walked up the same way). Never the actor's whole subtree, and no
    /// query per row.
    func check(rows: [[String]], defaultOrganizationCode: String, by actor: Actor,
               progress: any ProgressSink = NoProgress()) async throws -> Check {
        try actor.require(.importMembers)
        let lines = max(rows.count - 1, 0)
        await progress.report(JobProgress(done: 0, total: lines, phase: Self.checkPhase))
        let cells = try await cells(named: Self.organizationCodes(in: rows, default: defaultOrganizationCode), for: actor)
        let parser = MemberImportParser(defaultOrganizationCode: defaultOrganizationCode, today: store.today,
                                        isKnownOrganization: { cells[$0] != nil })
        var plan = parser.plan(rows: rows)
        let existing = try await existingRecords(cards: plan.cleanRows.compactMap(\.fields.cardNumber))
        let ours = try await inside(Set(existing.values.map(\.organizationID)).subtracting(cells.values.map(\.id)), for: actor)
            .union(cells.values.map(\.id))
        var clean: [MemberImportRow] = []
        var counts = (create: 0, update: 0, same: 0)
        for row in plan.cleanRows {
            guard let card = row.fields.cardNumber, let record = existing[card] else {
                counts.create += 1
                clean.append(row)
                continue
            }
            // A card already on the registry outside the importer's subtree is not theirs to change.
            if !ours.contains(record.organizationID) {
                plan.issues.append(ImportIssue(row: row.row, column: "\(MemberImportColumn.letter(forIndex: 9)) (\(MemberImportColumn.cardNumber.header))",
                                               message: "Số thẻ \(card) đã thuộc đảng viên ở tổ chức ngoài phạm vi được phân quyền"))
                continue
            }
            let target = cells[row.organizationCode]?.id
            if try record.domain().fields == row.fields, record.organizationID == target {
                counts.same += 1
            } else {
                counts.update += 1
            }
            clean.append(row)
        }
        plan.cleanRows = clean
        plan.issues.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        await progress.report(JobProgress(done: lines, total: lines, phase: Self.checkPhase))
        let preview = MemberImportPreview(plan: plan, toCreate: counts.create, toUpdate: counts.update, unchanged: counts.same)
        return Check(preview: preview, cells: cells, existing: existing)
    }

    /// Writes the clean rows. Unless `onlyCleanRows` is set, a file with any problem writes nothing.
    public func apply(rows: [[String]], defaultOrganizationCode: String, onlyCleanRows: Bool, fileName: String,
                      by actor: Actor, progress: any ProgressSink = NoProgress()) async throws -> MemberImportResult {
        let check = try await check(rows: rows, defaultOrganizationCode: defaultOrganizationCode, by: actor, progress: progress)
        let (preview, cells, existing) = (check.preview, check.cells, check.existing)
        if !preview.plan.isClean && !onlyCleanRows {
            throw DomainError.invalid(preview.plan.issues.prefix(50).map {
                FieldProblem(field: $0.row == 0 ? "file" : "dòng \(VietnameseNumberFormat.integer($0.row))", message: $0.text)
            })
        }
        let today = store.today
        let now = store.clock()
        let skipped = preview.plan.badRowNumbers.count
        return try await store.database.transaction { tx -> MemberImportResult in
            var result = MemberImportResult(created: 0, updated: 0, unchanged: 0, skippedBadRows: skipped)
            let total = preview.plan.cleanRows.count
            await progress.report(JobProgress(done: 0, total: total, phase: Self.writePhase))
            // New members, their placements and the audit entries go in multi-row inserts of `batchSize` rows;
            // changed members are saved one by one (they are few, and each keeps its own version).
            var members: [MemberRecord] = [], assignments: [MemberAssignmentRecord] = [], audits: [AuditRecord] = []
            func flush() async throws {
                try await members.create(on: tx)
                try await assignments.create(on: tx)
                try await audits.create(on: tx)
                (members, assignments, audits) = ([], [], [])
            }
            for (index, row) in preview.plan.cleanRows.enumerated() {
                if index > 0, index % Self.batchSize == 0 {
                    try await flush()
                    await progress.report(JobProgress(done: index, total: total, phase: Self.writePhase))
                }
                guard let cell = cells[row.organizationCode] else { continue }
                if let card = row.fields.cardNumber, let record = existing[card], let id = record.id {
                    let before = try record.domain()
                    if before.fields == row.fields && record.organizationID == cell.id {
                        result.unchanged += 1
                        continue
                    }
                    if record.organizationID != cell.id {
                        try await MemberAssignmentRecord.query(on: tx).filter(\.$memberID == id).filter(\.$validTo == nil)
                            .set(\.$validTo, to: today.iso).update()
                        try await MemberAssignmentRecord(MemberAssignment(memberID: id, organizationID: cell.id,
                                                                          validFrom: today)).create(on: tx)
                        record.organizationID = cell.id
                    }
                    record.apply(row.fields)
                    record.version += 1
                    try await record.save(on: tx)
                    audits.append(AuditRecord(AuditEntry(
                        at: now, actorID: actor.accountID, actorName: actor.username, action: .update,
                        entityType: "member", entityID: id.uuidString, organizationID: cell.id,
                        summary: "Cập nhật \(row.fields.fullName) từ tệp \(fileName), dòng \(VietnameseNumberFormat.integer(row.row))",
                        before: AuditEntry.snapshot(before.fields), after: AuditEntry.snapshot(row.fields))))
                    result.updated += 1
                } else {
                    let member = Member(organizationID: cell.id, fields: row.fields)
                    let (record, assignment) = store.records(of: member, since: row.fields.admissionDate ?? today)
                    members.append(record)
                    assignments.append(assignment)
                    audits.append(AuditRecord(AuditEntry(
                        at: now, actorID: actor.accountID, actorName: actor.username, action: .create,
                        entityType: "member", entityID: member.id.uuidString, organizationID: cell.id,
                        summary: "Thêm \(row.fields.fullName) từ tệp \(fileName), dòng \(VietnameseNumberFormat.integer(row.row))", before: nil,
                        after: AuditEntry.snapshot(row.fields))))
                    result.created += 1
                }
            }
            try await flush()
            try await AuditStore.append(AuditEntry(
                at: now, actorID: actor.accountID, actorName: actor.username, action: .importRows,
                entityType: "memberImport", entityID: fileName, organizationID: cells[defaultOrganizationCode]?.id ?? actor.scopeOrganizationID,
                summary: "Nhập tệp \(fileName): \(result.text)",
                before: nil, after: AuditEntry.snapshot(result)), on: tx)
            await progress.report(JobProgress(done: total, total: total, phase: Self.writePhase))
            return result
        }
    }

    /// The distinct organization codes a file names: every cell of its "Mã tổ chức" column, and the default code for
    /// rows that leave it empty. None for a file the parser refuses before reading its rows (too many rows).
    static func organizationCodes(in rows: [[String]], default defaultCode: String) -> Set<String> {
        guard let header = rows.first, rows.count - 1 <= MemberImportParser.maxRows else { return [] }
        let title = VietnameseText.folded(MemberImportColumn.organizationCode.header)
        let columns = header.indices.filter { VietnameseText.folded(header[$0]) == title }
        var codes: Set<String> = defaultCode.isEmpty ? [] : [defaultCode]
        for row in rows.dropFirst() {
            for column in columns where column < row.count {
                let code = row[column].trimmingCharacters(in: .whitespacesAndNewlines)
                if !code.isEmpty { codes.insert(code) }
            }
        }
        return codes
    }

    /// The cells (organizations that hold members) among `codes` that lie in the actor's subtree today, by code: 500
    /// codes a batch, one statement finding them and one walking up from them to the scope (`SubtreeQuery.inside`).
    func cells(named codes: Set<String>, for actor: Actor) async throws -> [String: Organization] {
        let levels = [OrganizationLevel.grassrootsCell, .subordinateCell].map(\.rawValue)
        var result: [String: Organization] = [:]
        for batch in codes.sorted().chunked(500) {
            let records = try await OrganizationRecord.query(on: store.database).filter(\.$code ~~ Array(batch))
                .filter(\.$level ~~ levels).all()
            let inside = try await SubtreeQuery.inside(records.compactMap(\.id), root: actor.scopeOrganizationID, on: store.today,
                                                       database: store.sql)
            for record in records where record.id.map(inside.contains) ?? false {
                let organization = try record.domain()
                result[organization.code] = organization
            }
        }
        return result
    }

    /// Which of `organizations` lie in the actor's subtree today, walking up from them 500 at a time.
    func inside(_ organizations: Set<UUID>, for actor: Actor) async throws -> Set<UUID> {
        var result: Set<UUID> = []
        for batch in organizations.sorted(by: { $0.uuidString < $1.uuidString }).chunked(500) {
            result.formUnion(try await SubtreeQuery.inside(Array(batch), root: actor.scopeOrganizationID, on: store.today,
                                                           database: store.sql))
        }
        return result
    }

    func existingRecords(cards: [String]) async throws -> [String: MemberRecord] {
        var result: [String: MemberRecord] = [:]
        for chunk in cards.chunked(500) {
            for record in try await MemberRecord.query(on: store.database).filter(\.$cardNumber ~~ Array(chunk)).all() {
                if let card = record.cardNumber { result[card] = record }
            }
        }
        return result
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0 ..< Swift.min($0 + size, count)] }
    }
}
