import DangBoCore
import FluentKit
import Foundation
import SQLKit

extension AuditStore {
    /// The names one page of entries needs to read as sentences, in at most four statements whatever the page: the
    /// accounts that acted, the report entries the page is about, every organization either names, and the cells each
    /// report save changed (the cell history the save wrote at the same instant, through its index on
    /// (entry_id, changed_at), at most `AuditContext.maxCells` per save). Every id list is the page's own.
    public func context(for entries: [AuditEntry], forms: FormCatalog) async throws -> AuditContext {
        var context = AuditContext(forms: forms)
        let accountIDs = Array(Set(entries.compactMap(\.actorID)))
        if !accountIDs.isEmpty {
            for account in try await AccountRecord.query(on: database).filter(\.$id ~~ accountIDs).all() {
                guard let id = account.id else { continue }
                context.people[id] = .init(name: account.displayName, organizationID: account.scopeOrganizationID)
            }
        }
        let reportIDs = Array(Set(entries.filter { $0.entityType == "reportEntry" }.compactMap { UUID(uuidString: $0.entityID) }))
        if !reportIDs.isEmpty {
            for report in try await ReportEntryRecord.query(on: database).filter(\.$id ~~ reportIDs).all() {
                guard let id = report.id else { continue }
                context.reports[id] = .init(form: report.formCode, period: report.periodCode, organizationID: report.organizationID)
            }
        }
        var organizationIDs = Set(entries.compactMap(\.organizationID))
        organizationIDs.formUnion(context.people.values.compactMap(\.organizationID))
        organizationIDs.formUnion(context.reports.values.map(\.organizationID))
        organizationIDs.formUnion(entries.filter { $0.entityType == "deadlineException" }.compactMap {
            $0.entityID.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) }
        })
        if !organizationIDs.isEmpty {
            for organization in try await OrganizationRecord.query(on: database).filter(\.$id ~~ Array(organizationIDs)).all() {
                guard let id = organization.id else { continue }
                context.organizations[id] = organization.name
            }
        }
        context.cells = try await changedCells(of: entries.filter {
            $0.entityType == "reportEntry" && ($0.action == .submit || $0.action == .update)
        })
        return context
    }

    /// The history lines each save wrote: same entry, same instant (within a millisecond: a timestamp read back
    /// through a `Date` may differ from the stored one in its last microsecond). One statement for the page.
    func changedCells(of saves: [AuditEntry]) async throws -> [UUID: [AuditContext.CellChange]] {
        let saves = saves.compactMap { entry in UUID(uuidString: entry.entityID).map { (entry, $0) } }
        guard !saves.isEmpty, let sql = database as? any SQLDatabase else { return [:] }
        var matches: SQLQueryString = ""
        for (index, (entry, entryID)) in saves.enumerated() {
            if index > 0 { matches += " OR " }
            matches += "(h.entry_id = \(bind: entryID) AND h.changed_at >= \(bind: entry.at.addingTimeInterval(-0.001))"
                + " AND h.changed_at <= \(bind: entry.at.addingTimeInterval(0.001)))"
        }
        let query: SQLQueryString = "SELECT entry_id, changed_at, row_key, column_key, old_value, new_value FROM (SELECT h.entry_id,"
            + " h.changed_at, h.row_key, h.column_key, h.old_value, h.new_value, ROW_NUMBER() OVER (PARTITION BY h.entry_id,"
            + " h.changed_at ORDER BY h.row_key, h.column_key) AS n FROM report_value_history h WHERE " + matches
            + ") numbered WHERE n <= \(literal: AuditContext.maxCells)"
        var cells: [UUID: [AuditContext.CellChange]] = [:]
        for row in try await sql.raw(query).all() {
            let entryID = try row.decode(column: "entry_id", as: UUID.self)
            let at = try row.decode(column: "changed_at", as: Date.self)
            guard let (entry, _) = saves.first(where: { $0.1 == entryID && abs($0.0.at.timeIntervalSince(at)) <= 0.001 }) else { continue }
            cells[entry.id, default: []].append(.init(
                row: try row.decode(column: "row_key", as: String.self), column: try row.decode(column: "column_key", as: String.self),
                before: try row.decode(column: "old_value", as: String?.self), after: try row.decode(column: "new_value", as: String?.self)))
        }
        return cells
    }
}
