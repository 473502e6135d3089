import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// The quality rating registry: yearly ratings of members, organizations, leadership collectives and cadres, entered
/// per organization or imported from a file, read by the roles holding `viewRatings` within their subtree (a member
/// reads their own). Every change is audited with the rating before and after.
public struct QualityRatingStore: Sendable {
    public let database: any Database
    public let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    var today: Day { Day(clock()) }
    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Statements take at most this many ids in one `IN` list; a longer batch is read in slices.
    static let slice = 500

    /// The day whose tree and placements decide where a year's ratings count: 31 December, or today while the year
    /// is not over.
    public static func countingDay(year: Int, today: Day) -> Day {
        let end = Day(year: year, month: 12, day: 31)!
        return end < today ? end : today
    }

    /// What a save did.
    public struct Saved: Sendable, Hashable {
        public var created: Int
        public var updated: Int
        public var unchanged: Int
    }

    /// Saves a batch of ratings, all or nothing: each one valid, each subject in the actor's subtree on the counting
    /// day; a member's rating counts where the member was placed that day (read from the placements, not typed). A
    /// subject already rated that year is updated (a member is rated once a year). `field(i, name)` names the form
    /// field of the i-th rating for its problems (`"grade[3]"`); `place(i)` says in words where it is ("dòng 5").
    public func save(_ ratings: [QualityRating], by actor: Actor, field: @escaping (Int, String) -> String = { _, name in name },
                     place: @escaping (Int) -> String = { "dòng \($0 + 1)" }) async throws -> Saved {
        try actor.require(.recordRatings)
        var ratings = ratings
        var problems: [FieldProblem] = []
        for (index, rating) in ratings.enumerated() {
            problems += rating.problems(today: today).map {
                FieldProblem(field: field(index, $0.field), message: ratings.count > 1 ? "\(place(index).capitalizedFirst): \($0.message)" : $0.message)
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        // Members: where each was placed on the counting day of the rating's year.
        let byYear = Dictionary(grouping: ratings.indices.filter { ratings[$0].subject == .member }) { ratings[$0].year }
        for (year, indices) in byYear {
            let day = Self.countingDay(year: year, today: today)
            let placements = try await placementsOf(indices.compactMap { ratings[$0].memberID }, on: day)
            for index in indices {
                guard let memberID = ratings[index].memberID, let organization = placements[memberID] else {
                    problems.append(.init(field: field(index, "memberID"), message: "\(place(index).capitalizedFirst): ngày \(day.vietnamese) đảng viên không có tên trong danh sách của chi bộ nào"))
                    continue
                }
                ratings[index].organizationID = organization
            }
        }
        var first: [String: Int] = [:]
        for (index, rating) in ratings.enumerated() {
            let key = "\(rating.year)|\(rating.subjectKey)"
            if let earlier = first[key] {
                problems.append(.init(field: field(index, "memberID"), message: "\(place(index).capitalizedFirst) trùng với \(place(earlier)): mỗi đối tượng chỉ được đánh giá một lần trong năm"))
            } else {
                first[key] = index
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        // Scope: every organization the ratings count in lies in the actor's subtree on its counting day.
        for (year, indices) in Dictionary(grouping: ratings.indices, by: { ratings[$0].year }) {
            let day = Self.countingDay(year: year, today: today)
            let organizations = Array(Set(indices.map { ratings[$0].organizationID }))
            var inside: Set<UUID> = []
            for start in stride(from: 0, to: organizations.count, by: Self.slice) {
                let part = Array(organizations[start ..< min(start + Self.slice, organizations.count)])
                inside.formUnion(try await SubtreeQuery.inside(part, root: actor.scopeOrganizationID, on: day, database: sql))
            }
            if let outside = indices.first(where: { !inside.contains(ratings[$0].organizationID) }) {
                throw DomainError.notFound("Không tìm thấy \(ratings[outside].subject.label.lowercased()) (\(place(outside))) trong phạm vi được phân quyền vào ngày \(day.vietnamese)")
            }
        }
        let now = clock()
        let prepared = ratings
        return try await database.transaction { tx in
            var saved = Saved(created: 0, updated: 0, unchanged: 0)
            for (year, indices) in Dictionary(grouping: prepared.indices, by: { prepared[$0].year }).sorted(by: { $0.key < $1.key }) {
                for start in stride(from: 0, to: indices.count, by: Self.slice) {
                    let part = Array(indices[start ..< min(start + Self.slice, indices.count)])
                    let existing = try await QualityRatingRecord.query(on: tx).filter(\.$year == year)
                        .filter(\.$subjectKey ~~ part.map { prepared[$0].subjectKey }).all()
                    let byKey = Dictionary(existing.map { ($0.subjectKey, $0) }, uniquingKeysWith: { first, _ in first })
                    for index in part {
                        var rating = prepared[index]
                        if let record = byKey[rating.subjectKey] {
                            let before = try record.domain()
                            rating.id = before.id
                            guard before != rating else { saved.unchanged += 1; continue }
                            record.apply(rating, at: now)
                            try await record.update(on: tx)
                            try await audit(.update, rating, before: before, actor: actor, at: now, on: tx)
                            saved.updated += 1
                        } else {
                            try await QualityRatingRecord(rating, at: now).create(on: tx)
                            try await audit(.create, rating, before: nil, actor: actor, at: now, on: tx)
                            saved.created += 1
                        }
                    }
                }
            }
            return saved
        }
    }

    func audit(_ action: AuditAction, _ rating: QualityRating, before: QualityRating?, actor: Actor, at now: Date,
               on database: any Database) async throws {
        let result = rating.grade?.label.lowercased() ?? "chưa xếp loại (\(rating.notRatedReason))"
        let what: String
        switch rating.subject {
        case .member, .organization: what = rating.subject.label.lowercased()
        case .collective: what = rating.collective?.label ?? ""
        case .cadre: what = rating.title?.label.lowercased() ?? ""
        }
        try await AuditStore.append(AuditEntry(
            at: now, actorID: actor.accountID, actorName: actor.username, action: action, entityType: "qualityRating",
            entityID: rating.id.uuidString, organizationID: rating.organizationID,
            summary: "Đánh giá, xếp loại năm \(rating.year) — \(what): \(result)",
            before: before.map { AuditEntry.snapshot($0) }, after: AuditEntry.snapshot(rating)), on: database)
    }

    /// Where each member (a bounded batch) was placed on a day.
    func placementsOf(_ members: [UUID], on day: Day) async throws -> [UUID: UUID] {
        var result: [UUID: UUID] = [:]
        for start in stride(from: 0, to: members.count, by: Self.slice) {
            let part = Array(members[start ..< min(start + Self.slice, members.count)])
            let rows = try await sql.raw("""
                SELECT member_id, organization_id FROM member_assignments
                WHERE member_id IN (\(binds: part)) AND valid_from <= \(bind: day.iso)
                  AND (valid_to IS NULL OR valid_to > \(bind: day.iso))
                """).all()
            for row in rows {
                result[try row.decode(column: "member_id", as: UUID.self)] = try row.decode(column: "organization_id", as: UUID.self)
            }
        }
        return result
    }

    /// One member of an organization's rating sheet, with the year's rating if there is one.
    public struct SheetRow: Sendable, Hashable {
        public var memberID: UUID
        public var fullName: String
        public var cardNumber: String?
        public var rating: QualityRating?
    }

    /// The members on the registry in `organizationID` itself on the counting day of `year` (its direct members,
    /// at most `limit`, by name), each with their rating of the year; and the organization's own ratings that year
    /// (the organization, its collectives, its cadres). The organization must be in the actor's subtree.
    public func sheet(of organizationID: UUID, year: Int, for actor: Actor, limit: Int = 1_000) async throws
        -> (members: [SheetRow], own: [QualityRating]) {
        try actor.require(.viewRatings)
        let day = Self.countingDay(year: year, today: today)
        guard try await SubtreeQuery.contains(organizationID, root: actor.scopeOrganizationID, on: day, database: sql) else {
            throw DomainError.notFound("Không tìm thấy tổ chức trong phạm vi được phân quyền")
        }
        let rows = try await sql.raw("""
            SELECT m.id AS member_id, m.full_name, m.card_number, r.id AS rating_id
            FROM member_assignments a JOIN members m ON m.id = a.member_id
            LEFT JOIN quality_ratings r ON r.member_id = m.id AND r.year = \(bind: year) AND r.subject = 'member'
            WHERE a.organization_id = \(bind: organizationID) AND a.valid_from <= \(bind: day.iso)
              AND (a.valid_to IS NULL OR a.valid_to > \(bind: day.iso))
              AND (m.admission_date IS NULL OR m.admission_date <= \(bind: day.iso))
              AND NOT (\(unsafeRaw: Self.gone) AND (m.status_date IS NULL OR m.status_date <= \(bind: day.iso)))
            ORDER BY m.full_name, m.id LIMIT \(literal: limit)
            """).all()
        let ratingIDs = try rows.compactMap { try $0.decode(column: "rating_id", as: UUID?.self) }
        let ratings = try await ratingIDs.isEmpty ? [] : QualityRatingRecord.query(on: database).filter(\.$id ~~ ratingIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: try ratings.map { (try $0.requireID(), try $0.domain()) })
        let members = try rows.map { row in
            SheetRow(memberID: try row.decode(column: "member_id", as: UUID.self), fullName: try row.decode(column: "full_name", as: String.self),
                     cardNumber: try row.decode(column: "card_number", as: String?.self),
                     rating: try row.decode(column: "rating_id", as: UUID?.self).flatMap { byID[$0] })
        }
        let own = try await QualityRatingRecord.query(on: database).filter(\.$organizationID == organizationID).filter(\.$year == year)
            .filter(\.$subject != RatedSubject.member.rawValue).sort(\.$subject).sort(\.$createdAt).limit(200).all().map { try $0.domain() }
        return (members, own)
    }

    static let gone = "m.status IN ('deceased', 'expelled', 'transferredOut')"

    /// One member on the registry at year end without a rating record of the year.
    public struct Unrated: Sendable, Hashable {
        public var memberID: UUID
        public var fullName: String
        public var organizationName: String
        public var organizationCode: String
    }

    /// Members on the registry in the subtree of `root` on the counting day of `year` with no rating that year, at
    /// most `limit`; nil when the subtree has more than `maxOrganizations` organizations (counted no further than
    /// that). The statement stops at `limit` rows found, but when nearly everyone is rated it reads every member of
    /// the subtree (653 ms for a province's 98.000 in BENCHMARKS.md), so a large scope asks for a lower organization.
    public func unrated(root: UUID, year: Int, for actor: Actor, limit: Int = 100, maxOrganizations: Int = 500) async throws -> [Unrated]? {
        try actor.require(.viewRatings)
        let day = Self.countingDay(year: year, today: today)
        guard try await SubtreeQuery.contains(root, root: actor.scopeOrganizationID, on: day, database: sql) else {
            throw DomainError.notFound("Không tìm thấy tổ chức trong phạm vi được phân quyền")
        }
        guard try await SubtreeQuery.boundedSize(root: root, on: day, limit: maxOrganizations, database: sql) <= maxOrganizations else { return nil }
        let rows = try await sql.raw(SubtreeQuery.cte(root: root, on: day) + """
             SELECT m.id AS member_id, m.full_name, o.name AS organization_name, o.code AS organization_code
             FROM subtree s JOIN organizations o ON o.id = s.id
             JOIN member_assignments a ON a.organization_id = s.id AND a.valid_from <= \(bind: day.iso)
               AND (a.valid_to IS NULL OR a.valid_to > \(bind: day.iso))
             JOIN members m ON m.id = a.member_id
             WHERE (m.admission_date IS NULL OR m.admission_date <= \(bind: day.iso))
               AND NOT (\(unsafeRaw: Self.gone) AND (m.status_date IS NULL OR m.status_date <= \(bind: day.iso)))
               AND NOT EXISTS (SELECT 1 FROM quality_ratings r WHERE r.member_id = m.id AND r.year = \(bind: year) AND r.subject = 'member')
             LIMIT \(literal: limit)
            """).all()
        return try rows.map { row in
            Unrated(memberID: try row.decode(column: "member_id", as: UUID.self), fullName: try row.decode(column: "full_name", as: String.self),
                    organizationName: try row.decode(column: "organization_name", as: String.self),
                    organizationCode: try row.decode(column: "organization_code", as: String.self))
        }
    }

    /// The year's member figures of the subtree of `root`, counted by the bound-element engine (the same statements
    /// PL 7.5, PL 7.6 and the targets read): members on the registry at year end, and the ratings by grade.
    public func summary(root: UUID, year: Int, for actor: Actor) async throws -> MemberRatingSummary {
        try actor.require(.viewRatings)
        let end = Day(year: year, month: 12, day: 31)!
        guard try await SubtreeQuery.contains(root, root: actor.scopeOrganizationID, on: Self.countingDay(year: year, today: today), database: sql) else {
            throw DomainError.notFound("Không tìm thấy tổ chức trong phạm vi được phân quyền")
        }
        let engine = BoundValues(sql: sql)
        let registry = try await engine.rows(source: .members, measure: BoundSource.members.measure("onRegistry")!, attributes: [],
                                             filters: [:], root: root, from: end, to: end, ends: [Self.countingDay(year: year, today: today)])
        let ratings = try await engine.rows(source: .ratings, measure: BoundSource.ratings.measure(RatedSubject.member.measureCode)!,
                                            attributes: ["grade"], filters: [:], root: root, from: end, to: end, ends: [end])
        var byGrade: [QualityGrade: Int] = [:]
        var notRated = 0
        for row in ratings {
            if let grade = row.attributes["grade"].flatMap(QualityGrade.init(rawValue:)) { byGrade[grade, default: 0] += Int(row.count) } else { notRated += Int(row.count) }
        }
        return MemberRatingSummary(onRegistry: Int(registry.reduce(0) { $0 + $1.count }), notRated: notRated, byGrade: byGrade)
    }

    /// A member's ratings, newest year first, for their registry page: to the roles holding `viewRatings` whose
    /// subtree holds the organizations they count in, and to the member; nothing to anyone else.
    public func ratings(ofMember memberID: UUID, for actor: Actor) async throws -> [QualityRating] {
        guard actor.role.can(.viewRatings) || (actor.role == .member && actor.memberID == memberID) else { return [] }
        let ratings = try await QualityRatingRecord.query(on: database).filter(\.$memberID == memberID)
            .sort(\.$year, .descending).limit(100).all().map { try $0.domain() }
        guard actor.role != .member else { return ratings }
        let inside = try await SubtreeQuery.inside(Array(Set(ratings.map(\.organizationID))), root: actor.scopeOrganizationID, on: today, database: sql)
        return ratings.filter { inside.contains($0.organizationID) }
    }
}
