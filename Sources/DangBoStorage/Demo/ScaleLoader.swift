import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Writes a generated benchmark tree (`ScaleTree`) into an empty database, one upper-level unit per transaction, in
/// multi-row INSERTs (`BulkTable`): organizations, links, members, placements, and for the grassroots organizations
/// that report, a term of approved entries of the given forms (values drawn as the demo draws them). Each writer
/// generates its next unit while it writes the last one; PostgreSQL gets two writers. For a tree and a seed the rows
/// are the same every time, ids included.
public struct ScaleLoader: Sendable {
    let database: any Database
    let forms: FormCatalog

    public init(database: any Database, forms: FormCatalog) {
        self.database = database
        self.forms = forms
    }

    public struct Totals: Sendable, Equatable {
        public var organizations = 0
        public var links = 0
        public var members = 0
        public var entries = 0
        public var values = 0
        public var ratings = 0

        public init() {}

        /// Every row written (placements count as members).
        public var rows: Int { organizations + links + 2 * members + entries + values + ratings }

        mutating func add(_ other: Totals) {
            organizations += other.organizations
            links += other.links
            members += other.members
            entries += other.entries
            values += other.values
            ratings += other.ratings
        }
    }

    /// `reports`: forms and their entry periods. The first form's values come from each unit's generator right after
    /// the draw of who reports, at the bench's fixed size (60 members), as they always have; each further form draws
    /// from a generator of its own, sized by the organization's members, so adding a form changes no other form's
    /// values. `reportingShare`: the share of grassroots organizations that report (1 = all). `writers`: units
    /// written at the same time, each in its own transaction (default: 2 on PostgreSQL, whose server works apart from
    /// this process, 1 on SQLite, which has one writer). `progress` gets (units done, units in all, totals so far)
    /// after each unit.
    public func load(_ tree: ScaleTree, reports: [(form: FormDefinition, periods: [Period])], reportingShare: Double,
                     writers: Int? = nil, progress: @escaping @Sendable (Int, Int, Totals) -> Void) async throws -> Totals {
        let top = tree.top()
        var ids = BulkIDs.ordered(block: 0, seed: tree.seed)
        let topTables = BulkLoader.treeTables(organizations: top.organizations, links: top.links, members: [], assignments: [], ids: &ids)
        try await database.transaction { tx in try await BulkLoader.insert(topTables, on: tx) }
        var totals = Totals()
        totals.organizations = top.organizations.count
        totals.links = top.links.count
        let forms = self.forms
        let prepare: @Sendable (Int) -> Unit = { index in
            Self.unit(index, of: tree, top: (top.root, top.provinces), reports: reports, reportingShare: reportingShare, forms: forms)
        }
        let isPostgres = (database as? any SQLDatabase)?.dialect.name == "postgresql"
        let units = tree.unitCount
        let writers = max(1, min(writers ?? (isPostgres ? 2 : 1), units))
        let tally = Tally(totals: totals, units: units, progress: progress)
        let database = self.database
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0 ..< writers {
                // Writer w writes units w, w + writers, ...; the next one is generated while the last one is written.
                group.addTask {
                    var index = writer
                    var next = Self.generate(index, prepare)
                    while index < units {
                        let unit = await next.value
                        let following = index + writers
                        if following < units { next = Self.generate(following, prepare) }
                        try await database.transaction { tx in try await BulkLoader.insert(unit.tables, on: tx) }
                        await tally.add(unit.totals)
                        index = following
                    }
                }
            }
            try await group.waitForAll()
        }
        return await tally.totals
    }

    /// Generates a unit on a thread of its own, off Swift's cooperative pool, so writers waiting for the database
    /// are never queued behind seconds of generation.
    static func generate(_ index: Int, _ prepare: @escaping @Sendable (Int) -> Unit) -> Task<Unit, Never> {
        Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: prepare(index)) }
            }
        }
    }

    /// The totals of the units written so far, in the order they finish.
    actor Tally {
        private(set) var totals: Totals
        private var done = 0
        let units: Int
        let progress: @Sendable (Int, Int, Totals) -> Void

        init(totals: Totals, units: Int, progress: @escaping @Sendable (Int, Int, Totals) -> Void) {
            self.totals = totals
            self.units = units
            self.progress = progress
        }

        func add(_ unit: Totals) {
            totals.add(unit)
            done += 1
            progress(done, units, totals)
        }
    }

    /// One unit's rows, ready to write.
    struct Unit: Sendable {
        var tables: [BulkTable]
        var totals: Totals
    }

    /// Unit `index` of the tree with its entries, as rows (pure: the same for the same tree, seed and forms).
    static func unit(_ index: Int, of tree: ScaleTree, top: (root: Organization, provinces: [Organization]),
                     reports: [(form: FormDefinition, periods: [Period])], reportingShare: Double, forms: FormCatalog) -> Unit {
        let chunk = tree.chunk(index, provinces: top.provinces, root: top.root)
        let unitSeed = tree.seed &+ 0x5EED &+ UInt64(index)
        var rng = SeededGenerator(seed: unitSeed)
        var own = reports.indices.map { SeededGenerator(seed: unitSeed ^ (UInt64($0) &* 0x9E37_79B9_7F4A_7C15)) }
        var ids = BulkIDs.ordered(block: index + 1, seed: tree.seed)
        let sizes = memberCounts(chunk)
        var entries: [ReportEntry] = []
        for organization in chunk.grassroots where rng.chance(reportingShare) {
            for (position, report) in reports.enumerated()
            where report.form.reporters.includes(level: organization.level, unitKind: organization.unitKind) {
                for period in report.periods {
                    let values = position == 0
                        ? DemoReports.values(for: report.form, period: period, scale: 60, random: &rng)
                        : DemoReports.values(for: report.form, period: period, scale: Double(sizes[organization.id] ?? 0), random: &own[position])
                    entries.append(approvedEntry(form: report.form, organization: organization, period: period, values: values, id: ids.next()))
                }
            }
        }
        var totals = Totals()
        totals.organizations = chunk.organizations.count
        totals.links = chunk.links.count
        totals.members = chunk.members.count
        totals.entries = entries.count
        totals.values = entries.reduce(0) { $0 + $1.cells.count }
        // The last finished year's ratings, in the demo's proportions, from a generator of their own (adding them changed
        // no other value of the unit).
        var rating = SeededGenerator(seed: unitSeed ^ 0x5241_5449_4E47)
        let year = tree.today.year - 1
        let ratings = DemoRatings.make(members: chunk.members, assignments: chunk.assignments, grassroots: chunk.grassroots,
                                       officers: [:], upper: chunk.organizations.filter(\.level.isUpperLevel), years: year ... year,
                                       random: &rating)
        totals.ratings = ratings.count
        let tables = BulkLoader.treeTables(organizations: chunk.organizations, links: chunk.links, members: chunk.members,
                                           assignments: chunk.assignments, ids: &ids)
            + BulkLoader.reportTables(entries, forms: forms, ids: &ids)
            + [BulkLoader.ratingTable(ratings, at: Date(timeIntervalSince1970: Double(tree.today.ordinal) * 86_400))]
        return Unit(tables: tables, totals: totals)
    }

    /// An entry approved on its due date by "bench".
    static func approvedEntry(form: FormDefinition, organization: Organization, period: Period, values: [CellKey: CellValue],
                              id: UUID) -> ReportEntry {
        let reviewed = Date(timeIntervalSince1970: Double(form.dueDate(for: period).ordinal) * 86_400)
        return ReportEntry(
            id: id, formCode: form.code, organizationID: organization.id,
            period: PeriodSlot(code: period.code, start: period.start, end: period.end), status: .approved,
            submittedAt: reviewed, submittedBy: "bench", reviewedAt: reviewed, reviewedBy: "bench",
            updatedAt: reviewed, updatedBy: "bench",
            cells: values.map { StoredCell(row: $0.key.row, column: $0.key.column, number: $0.value.number, text: $0.value.text) })
    }

    /// Members of each grassroots organization of the chunk, its subordinate cells' included.
    static func memberCounts(_ chunk: ScaleChunk) -> [UUID: Int] {
        let grassroots = Set(chunk.grassroots.map(\.id))
        let parents = Dictionary(chunk.links.map { ($0.organizationID, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        var counts: [UUID: Int] = [:]
        for member in chunk.members {
            let placed = member.organizationID
            guard let owner = grassroots.contains(placed) ? placed : parents[placed] else { continue }
            counts[owner, default: 0] += 1
        }
        return counts
    }
}
