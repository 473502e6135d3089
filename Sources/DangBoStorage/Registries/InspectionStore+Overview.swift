import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// A requirement past its due date, with what the overview prints beside it.
public struct OverdueRequirement: Sendable {
    public var requirement: InspectionRequirement
    public var caseTitle: String
    public var organizationName: String
}

/// What the inspection page shows for one organization and one span: its own programs with their progress, the
/// progress of every case acted by organizations of its subtree (rolled up), and the overdue requirements there.
public struct InspectionOverview: Sendable {
    public var organizationID: UUID
    public var span: Period
    public var rolledUp: InspectionProgress
    /// The cases the organization's own committee or commission acts in.
    public var own: InspectionProgress
    public var programs: [(program: InspectionProgram, progress: InspectionProgress)]
    /// Cases of the organization outside any program (on signs of violation, unplanned).
    public var unplanned: [InspectionCase]
    public var overdue: [OverdueRequirement]
    public var overdueCount: BoundedCount
    public var previous: KeysetCursor?
    public var next: KeysetCursor?
}

extension InspectionStore {
    public static let pageSize = 50
    public static let countLimit = 1_000

    /// The overview of `organization` (in the actor's subtree) for the cases planned to start in `span`. A bounded
    /// number of statements: the organization's programs and their progress (two), the subtree's progress (one,
    /// grouped in the database), the organization's unplanned cases (two), and a keyset page of the overdue
    /// requirements (`NewestFirstSelection`, with a count that stops at 1.000).
    public func overview(of organization: UUID, span: Period, for actor: Actor, organizations: OrganizationStore,
                         direction: KeysetDirection = .first) async throws -> InspectionOverview {
        try actor.require(.viewInspections)
        try await requireInScope(organization, actor: actor)
        let day = today
        let programs = try await InspectionProgramRecord.query(on: database).filter(\.$organizationID == organization)
            .filter(\.$start <= span.end.iso).filter(\.$end >= span.start.iso).sort(\.$start).limit(200).all().map { try $0.domain() }
        let byProgram = try await progress(ofPrograms: programs.map(\.id), day: day)
        let rolledUp = try await progress(under: organization, span: span, day: day)
        let own = try await progress(ownOf: organization, span: span, day: day)
        let unplanned = try await loadCases(InspectionCaseRecord.query(on: database)
            .filter(\.$actorOrganizationID == organization).filter(\.$programID == nil)
            .filter(\.$plannedStart >= span.start.iso).filter(\.$plannedStart <= span.end.iso)
            .sort(\.$plannedStart).limit(200).all())
        let scope = try await SubtreeScope.choose(root: organization, on: day, joinLimit: organizations.scopeJoinLimit, database: sql)
        let selection = NewestFirstSelection(table: InspectionRequirementRecord.schema, alias: "r", timeColumn: "created_at",
                                             conditions: "r.done_on IS NULL AND r.due_date < \(bind: day.iso)",
                                             scope: .init(scope, root: organization), day: day, database: sql)
        let (rows, previous, next) = try await KeysetPaging.page(direction, pageSize: Self.pageSize, cursor: \.cursor) {
            try await selection.rows($0, limit: $1)
        }
        let overdue = try await overdueRows(rows.map(\.id))
        let count = try await selection.count(limit: Self.countLimit + 1)
        return InspectionOverview(organizationID: organization, span: span, rolledUp: rolledUp, own: own,
                                  programs: programs.map { ($0, byProgram[$0.id] ?? InspectionProgress()) }, unplanned: unplanned,
                                  overdue: overdue, overdueCount: BoundedCount(counted: count, limit: Self.countLimit),
                                  previous: previous, next: next)
    }

    /// Sends a reminder through the outbox to each organization that has one of `overview`'s overdue requirements
    /// (the page shown: at most 50), one message per address listing that organization's overdue requirements.
    /// Returns how many messages were queued; the reminder itself is audited.
    public func remindOverdue(_ overview: InspectionOverview, by actor: Actor) async throws -> Int {
        try actor.require(.recordInspections)
        let byOrganization = Dictionary(grouping: overview.overdue, by: \.requirement.organizationID)
        guard !byOrganization.isEmpty else { return 0 }
        let contacts = try await ReporterDirectory(database: database).contacts(of: Array(byOrganization.keys), on: today)
        let now = clock()
        return try await database.transaction { tx in
            var queued = 0
            let outbox = OutboxStore(database: tx)
            for (organization, items) in byOrganization.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                let lines = items.map { "- \($0.requirement.text) (cuộc \($0.caseTitle), hạn \($0.requirement.dueDate.vietnamese))" }
                let body = "Kính gửi \(items[0].organizationName),\n\nCác yêu cầu sau kết luận kiểm tra, giám sát đã quá hạn thực hiện:\n"
                    + lines.joined(separator: "\n") + "\n\nĐề nghị đồng chí báo cáo kết quả thực hiện trên DangBo."
                for email in contacts[organization]?.emails ?? [] {
                    try await outbox.enqueue(recipient: email, subject: "Nhắc thực hiện kết luận kiểm tra, giám sát quá hạn",
                                             body: body, organizationID: organization, at: now)
                    queued += 1
                }
            }
            try await audit(.remind, entity: "inspectionRequirement", id: overview.organizationID, organization: overview.organizationID,
                            summary: "Nhắc \(byOrganization.count) tổ chức thực hiện yêu cầu sau kiểm tra, giám sát quá hạn (\(queued) thư)",
                            before: nil, after: nil, actor: actor, at: now, on: tx)
            return queued
        }
    }

    /// The statuses and lateness of cases as SQL over `c`, so progress is counted in the database.
    static func progressColumns(day: Day) -> SQLQueryString {
        """
        CASE WHEN c.concluded_on IS NOT NULL THEN 'concluded' WHEN c.started_on IS NOT NULL THEN 'started' ELSE 'planned' END AS status,
        CASE WHEN (c.concluded_on IS NULL AND c.started_on IS NULL AND c.planned_start < \(bind: day.iso))
               OR (c.concluded_on IS NULL AND c.started_on IS NOT NULL AND c.planned_end < \(bind: day.iso))
               OR (c.concluded_on IS NOT NULL AND c.concluded_on > c.planned_end) THEN 1 ELSE 0 END AS late,
        COUNT(*) AS n
        """
    }

    func progressRows(_ query: SQLQueryString) async throws -> [(key: String, status: InspectionCase.Status, late: Bool, count: Int)] {
        try await sql.raw(query).all().compactMap { row in
            guard let status = InspectionCase.Status(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
            return (try row.decode(column: "k", as: String.self), status, try row.decode(column: "late", as: Int.self) == 1,
                    try row.decode(column: "n", as: Int.self))
        }
    }

    func progress(ofPrograms ids: [UUID], day: Day) async throws -> [UUID: InspectionProgress] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await progressRows("SELECT c.program_id AS k, " + Self.progressColumns(day: day)
            + " FROM inspection_cases c WHERE c.program_id IN (\(binds: ids)) GROUP BY 1, 2, 3")
        var result: [UUID: InspectionProgress] = [:]
        for row in rows {
            guard let id = UUID(uuidString: row.key) else { continue }
            for _ in 0 ..< row.count { result[id, default: InspectionProgress()].add(row.status, late: row.late) }
        }
        return result
    }

    func progress(under root: UUID, span: Period, day: Day) async throws -> InspectionProgress {
        let rows = try await progressRows(SubtreeQuery.cte(root: root, on: day) + " SELECT 'all' AS k, " + Self.progressColumns(day: day) + """
             FROM subtree s JOIN inspection_cases c ON c.actor_organization_id = s.id
             WHERE c.planned_start >= \(bind: span.start.iso) AND c.planned_start <= \(bind: span.end.iso) GROUP BY 1, 2, 3
            """)
        return Self.total(rows)
    }

    func progress(ownOf organization: UUID, span: Period, day: Day) async throws -> InspectionProgress {
        let rows = try await progressRows("SELECT 'own' AS k, " + Self.progressColumns(day: day) + """
             FROM inspection_cases c WHERE c.actor_organization_id = \(bind: organization)
               AND c.planned_start >= \(bind: span.start.iso) AND c.planned_start <= \(bind: span.end.iso) GROUP BY 1, 2, 3
            """)
        return Self.total(rows)
    }

    static func total(_ rows: [(key: String, status: InspectionCase.Status, late: Bool, count: Int)]) -> InspectionProgress {
        var progress = InspectionProgress()
        for row in rows {
            switch row.status {
            case .planned: progress.planned += row.count
            case .started: progress.started += row.count
            case .concluded: progress.concluded += row.count
            }
            if row.late { progress.late += row.count }
        }
        return progress
    }

    /// The overdue requirements of a page, in the page's order, with their cases' titles and organizations' names.
    func overdueRows(_ ids: [UUID]) async throws -> [OverdueRequirement] {
        guard !ids.isEmpty else { return [] }
        let records = try await InspectionRequirementRecord.query(on: database).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: try records.map { (try $0.requireID(), try $0.domain()) })
        let requirements = ids.compactMap { byID[$0] }
        let caseIDs = Array(Set(requirements.map(\.caseID)))
        let cases = try await InspectionCaseRecord.query(on: database).filter(\.$id ~~ caseIDs).all()
        let titles = Dictionary(uniqueKeysWithValues: cases.compactMap { record in record.id.map { ($0, record.title) } })
        let names = try await RegistryNames(database: database).organizations(requirements.map(\.organizationID))
        return requirements.map {
            OverdueRequirement(requirement: $0, caseTitle: titles[$0.caseID] ?? "", organizationName: names[$0.organizationID] ?? "")
        }
    }
}
