import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Loads a whole tree with its members in one transaction (the demo, test fixtures, benchmarks) in multi-row SQL
/// INSERTs (`BulkTable`): the rows the Fluent records would write, without building a model per row.
public struct BulkLoader: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func isEmpty() async throws -> Bool {
        try await OrganizationRecord.query(on: database).count() == 0
    }

    public func load(organizations: [Organization], links: [OrganizationLink], members: [Member],
                     assignments: [MemberAssignment], summary: String, at now: Date = Date()) async throws {
        var ids = BulkIDs.random
        let tables = Self.treeTables(organizations: organizations, links: links, members: members, assignments: assignments, ids: &ids)
        try await database.transaction { tx in
            try await Self.insert(tables, on: tx)
            try await AuditStore.append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: .create, entityType: "bulkLoad",
                entityID: "demo", organizationID: organizations.first?.id, summary: summary, before: nil, after: nil), on: tx)
        }
    }

    /// Writes the tables in order (parents before the rows that refer to them) on `database`, a transaction.
    static func insert(_ tables: [BulkTable], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in tables where table.rowCount > 0 {
            try await table.insert(on: sql)
        }
    }

    /// The rows of organizations, links, members and placements, as `OrganizationRecord`, `OrganizationLinkRecord`,
    /// `MemberRecord` and `MemberAssignmentRecord` store them; links and placements get ids from `ids`.
    static func treeTables(organizations: [Organization], links: [OrganizationLink], members: [Member],
                           assignments: [MemberAssignment], ids: inout BulkIDs) -> [BulkTable] {
        var organizationRows = BulkTable("organizations", columns: [.uuid("id")] + ["code", "name", "name_key", "search_text", "level",
                                                                                   "unit_kind", "cluster", "opened_on", "closed_on"].map(BulkColumn.text))
        organizationRows.reserve(rows: organizations.count)
        for organization in organizations {
            organizationRows.append([
                .uuid(organization.id), .text(organization.code), .text(organization.name),
                .text(VietnameseText.collationKey(organization.name)),
                .text(Organization.searchText(name: organization.name, code: organization.code)),
                .text(organization.level.rawValue), .text(organization.unitKind?.rawValue), .text(organization.cluster),
                .text(organization.openedOn.iso), .text(organization.closedOn?.iso),
            ])
        }
        var linkRows = BulkTable("organization_links", columns: [.uuid("id"), .uuid("organization_id"), .uuid("parent_id"),
                                                           .text("valid_from"), .text("valid_to")])
        linkRows.reserve(rows: links.count)
        for link in links {
            linkRows.append([.uuid(ids.next()), .uuid(link.organizationID), .uuid(link.parentID), .text(link.validFrom.iso),
                             .text(link.validTo?.iso)])
        }
        var memberRows = BulkTable("members", columns: [.uuid("id"), .uuid("organization_id")] + [
            "full_name", "search_name", "sort_key", "gender", "birth_date", "ethnicity", "religion", "education_level",
            "political_theory_level", "admission_date", "full_membership_date", "card_number", "positions", "status", "status_date",
        ].map(BulkColumn.text) + [.int("version")])
        memberRows.reserve(rows: members.count)
        for member in members {
            let fields = member.fields
            memberRows.append([
                .uuid(member.id), .uuid(member.organizationID), .text(fields.fullName), .text(VietnameseText.folded(fields.fullName)),
                .text(VietnameseText.personSortKey(fields.fullName)), .text(fields.gender.rawValue), .text(fields.birthDate.iso),
                .text(fields.ethnicity), .text(fields.religion), .text(fields.educationLevel.rawValue),
                .text(fields.politicalTheoryLevel.rawValue), .text(fields.admissionDate?.iso), .text(fields.fullMembershipDate?.iso),
                .text(fields.cardNumber), .text(fields.positions.map(\.rawValue).joined(separator: ",")),
                .text(fields.status.rawValue), .text(fields.statusDate?.iso), .int(member.version),
            ])
        }
        var assignmentRows = BulkTable("member_assignments", columns: [.uuid("id"), .uuid("member_id"), .uuid("organization_id"),
                                                                .text("valid_from"), .text("valid_to")])
        assignmentRows.reserve(rows: assignments.count)
        for assignment in assignments {
            assignmentRows.append([.uuid(ids.next()), .uuid(assignment.memberID), .uuid(assignment.organizationID),
                                   .text(assignment.validFrom.iso), .text(assignment.validTo?.iso)])
        }
        return [organizationRows, linkRows, memberRows, assignmentRows]
    }

    /// The rows of finished entries and their values, as `loadReports` stores them: each cell under the data
    /// element the layout in force at the period's end maps it to, carrying its entry's status. Values get ids from
    /// `ids` in (row, column) order.
    static func reportTables(_ entries: [ReportEntry], forms: FormCatalog, ids: inout BulkIDs) -> [BulkTable] {
        var entryRows = BulkTable("report_entries", columns: [
            .uuid("id"), .text("form_code"), .uuid("organization_id"), .text("period_code"), .text("period_start"),
            .text("period_end"), .text("status"), .int("version"), .date("submitted_at"), .text("submitted_by"),
            .date("reviewed_at"), .text("reviewed_by"), .text("review_comment"), .text("warning_comment"),
            .date("updated_at"), .text("updated_by"),
        ])
        var valueRows = BulkTable("data_values", columns: [
            .uuid("id"), .text("element"), .text("options"), .uuid("organization_id"), .text("period_code"),
            .text("period_start"), .text("period_end"), .uuid("entry_id"), .text("entry_status"), .double("number"), .text("text"),
        ])
        entryRows.reserve(rows: entries.count)
        valueRows.reserve(rows: entries.reduce(0) { $0 + $1.cells.count })
        // Each layout's map, and what it answers for each cell, looked up once per layout (not once per value).
        var maps: [String: CellMap] = [:]
        var keys: [String: [String: (element: BulkValue, options: BulkValue)]] = [:]
        for entry in entries {
            let start = BulkValue.text(entry.period.start.iso), end = BulkValue.text(entry.period.end.iso)
            let code = BulkValue.text(entry.period.code), status = BulkValue.text(entry.status.rawValue)
            entryRows.append([
                .uuid(entry.id), .text(entry.formCode), .uuid(entry.organizationID), code, start, end, status, .int(entry.version),
                .date(entry.submittedAt), .text(entry.submittedBy), .date(entry.reviewedAt), .text(entry.reviewedBy), .text(entry.reviewComment), .text(entry.warningComment),
                .date(entry.updatedAt), .text(entry.updatedBy),
            ])
            let layout = "\(entry.formCode)|\(forms.form(code: entry.formCode, on: entry.period.end)?.version ?? 0)"
            let map = maps[layout] ?? CellMap(formCode: entry.formCode, forms: forms, on: entry.period.end)
            maps[layout] = map
            for cell in entry.cells.sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) }) {
                let place = "\(cell.row):\(cell.column)"
                let key: (element: BulkValue, options: BulkValue)
                if let known = keys[layout]?[place] {
                    key = known
                } else {
                    let valueKey = map.key(row: cell.row, column: cell.column)
                    key = (.text(valueKey.element), .text(valueKey.optionsKey))
                    keys[layout, default: [:]][place] = key
                }
                valueRows.append([.uuid(ids.next()), key.element, key.options, .uuid(entry.organizationID), code, start, end,
                                  .uuid(entry.id), status, .double(cell.number), .text(cell.text)])
            }
        }
        return [entryRows, valueRows]
    }
}

/// Where the ids of rows that have none in the domain (links, placements, entries, values) come from: fresh random
/// ones, or a seeded sequence that sorts in the order it is drawn — the block (a unit of a generated tree) in the
/// first two bytes, a counter in the next four, the rest drawn from the seed with the version-4 bits — so a generated
/// database is the same every time and a bulk load appends to the id indexes instead of scattering over them.
struct BulkIDs: Sendable {
    private var generator: SeededGenerator?
    private var block: UInt16 = 0
    private var counter: UInt32 = 0

    static var random: BulkIDs { BulkIDs(generator: nil) }

    static func ordered(block: Int, seed: UInt64) -> BulkIDs {
        BulkIDs(generator: SeededGenerator(seed: seed ^ (UInt64(block) &* 0xD1B5_4A32_D192_ED03)), block: UInt16(truncatingIfNeeded: block))
    }

    mutating func next() -> UUID {
        guard var generator else { return UUID() }
        counter &+= 1
        let (high, low) = (generator.next(), generator.next())
        self.generator = generator
        func byte(_ value: UInt64, _ index: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> (8 * index)) }
        let (b, c) = (UInt64(block), UInt64(counter))
        return UUID(uuid: (byte(b, 1), byte(b, 0), byte(c, 3), byte(c, 2), byte(c, 1), byte(c, 0),
                           0x40 | (byte(high, 0) & 0x0F), byte(high, 1), 0x80 | (byte(high, 2) & 0x3F), byte(high, 3),
                           byte(high, 4), byte(high, 5), byte(high, 6), byte(high, 7), byte(low, 0), byte(low, 1)))
    }
}

extension BulkLoader {
    /// Writes ratings as `QualityRatingRecord` stores them (the demo's), in one transaction.
    public func load(ratings: [QualityRating], at now: Date = Date()) async throws {
        let tables = [Self.ratingTable(ratings, at: now)]
        try await database.transaction { tx in try await Self.insert(tables, on: tx) }
    }

    /// The rows of `quality_ratings` for ratings (the demo's and `bench generate`'s).
    static func ratingTable(_ ratings: [QualityRating], at now: Date) -> BulkTable {
        var table = BulkTable("quality_ratings", columns: [
            .uuid("id"), .int("year"), .text("year_end"), .text("subject"), .text("subject_key"), .uuid("organization_id"),
            .uuid("member_id"), .text("collective"), .text("title"), .text("grade"), .text("not_rated_reason"),
        ] + CollectiveCase.allCases.map { BulkColumn.bool($0.column) } + [.date("created_at"), .date("updated_at")])
        table.reserve(rows: ratings.count)
        for rating in ratings {
            table.append([
                .uuid(rating.id), .int(rating.year), .text(rating.yearEnd.iso), .text(rating.subject.rawValue), .text(rating.subjectKey),
                .uuid(rating.organizationID), rating.memberID.map(BulkValue.uuid) ?? .null, .text(rating.collective?.rawValue),
                .text(rating.title?.rawValue), .text(rating.grade?.rawValue), .text(rating.notRatedReason),
            ] + CollectiveCase.allCases.map { .bool(rating.cases.contains($0)) } + [.date(now), .date(now)])
        }
        return table
    }
}
