import DangBoCore
import FluentKit
import Foundation

/// Writes a generated benchmark tree (`ScaleTree`) into an empty database, one upper-level unit per transaction,
/// in batches: organizations, links, members, placements, and for each grassroots organization a term of approved
/// entries of the given forms (values drawn as the demo draws them).
public struct ScaleLoader: Sendable {
    let database: any Database
    let forms: FormCatalog

    public init(database: any Database, forms: FormCatalog) {
        self.database = database
        self.forms = forms
    }

    public struct Totals: Sendable {
        public var organizations = 0
        public var members = 0
        public var entries = 0
        public var values = 0
    }

    /// `reports`: forms and their entry periods; `reportingShare`: the share of grassroots organizations that
    /// report (1 = all). `progress` gets (units done, units in all) after each unit.
    public func load(_ tree: ScaleTree, reports: [(form: FormDefinition, periods: [Period])], reportingShare: Double,
                     progress: @Sendable (Int, Int, Totals) -> Void) async throws -> Totals {
        var totals = Totals()
        let top = tree.top()
        try await database.transaction { tx in
            for batch in top.organizations.map(OrganizationRecord.init).chunked(200) { try await Array(batch).create(on: tx) }
            for batch in top.links.map(OrganizationLinkRecord.init).chunked(500) { try await Array(batch).create(on: tx) }
        }
        totals.organizations += top.organizations.count
        let now = Date()
        for index in 0 ..< tree.unitCount {
            let chunk = tree.chunk(index, provinces: top.provinces, root: top.root)
            var rng = SeededGenerator(seed: tree.seed &+ 0x5EED &+ UInt64(index))
            var entries: [ReportEntry] = []
            for organization in chunk.grassroots where rng.chance(reportingShare) {
                for (form, periods) in reports where form.reporters.includes(level: organization.level, unitKind: organization.unitKind) {
                    for period in periods {
                        let values = DemoReports.values(for: form, period: period, scale: 60, random: &rng)
                        let reviewed = Date(timeIntervalSince1970: Double(form.dueDate(for: period).ordinal) * 86_400)
                        entries.append(ReportEntry(
                            formCode: form.code, organizationID: organization.id,
                            period: PeriodSlot(code: period.code, start: period.start, end: period.end), status: .approved,
                            submittedAt: reviewed, submittedBy: "bench", reviewedAt: reviewed, reviewedBy: "bench",
                            updatedAt: reviewed, updatedBy: "bench",
                            cells: values.map { StoredCell(row: $0.key.row, column: $0.key.column, number: $0.value.number, text: $0.value.text) }))
                    }
                }
            }
            try await database.transaction { tx in
                for batch in chunk.organizations.map(OrganizationRecord.init).chunked(200) { try await Array(batch).create(on: tx) }
                for batch in chunk.links.map(OrganizationLinkRecord.init).chunked(500) { try await Array(batch).create(on: tx) }
                for batch in chunk.members.map(MemberRecord.init).chunked(300) { try await Array(batch).create(on: tx) }
                for batch in chunk.assignments.map(MemberAssignmentRecord.init).chunked(500) { try await Array(batch).create(on: tx) }
            }
            if !entries.isEmpty { try await BulkLoader(database: database).loadReports(entries, forms: forms, at: now) }
            totals.organizations += chunk.organizations.count
            totals.members += chunk.members.count
            totals.entries += entries.count
            totals.values += entries.reduce(0) { $0 + $1.cells.count }
            progress(index + 1, tree.unitCount, totals)
        }
        return totals
    }
}
