import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Reads and writes the organization tree. Every write is checked against the actor's subtree and audited
/// in the same transaction.
public struct OrganizationStore: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
    var today: Day { Day(clock()) }

    public func find(_ id: UUID) async throws -> Organization? {
        try await OrganizationRecord.find(id, on: database)?.domain()
    }

    public func find(code: String) async throws -> Organization? {
        try await OrganizationRecord.query(on: database).filter(\.$code == code).first()?.domain()
    }

    public func root() async throws -> Organization? {
        try await OrganizationRecord.query(on: database).filter(\.$level == OrganizationLevel.bloc.rawValue).first()?.domain()
    }

    /// The organization if it exists and lies in the actor's subtree today; otherwise not found.
    public func visible(_ id: UUID, to actor: Actor) async throws -> Organization {
        guard let organization = try await find(id),
              try await SubtreeQuery.contains(id, root: actor.scopeOrganizationID, on: today, database: sql) else {
            throw DomainError.notFound("Không tìm thấy tổ chức đảng trong phạm vi được phân quyền")
        }
        return organization
    }

    public func subtreeIDs(of root: UUID, on day: Day) async throws -> [UUID] {
        try await SubtreeQuery.ids(root: root, on: day, database: sql)
    }

    public func isInSubtree(_ id: UUID, of root: UUID, on day: Day) async throws -> Bool {
        try await SubtreeQuery.contains(id, root: root, on: day, database: sql)
    }

    public func parentID(of id: UUID, on day: Day) async throws -> UUID? {
        try await OrganizationLinkRecord.query(on: database)
            .filter(\.$organizationID == id)
            .filter(\.$validFrom <= day.iso)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > day.iso) }
            .first()?.parentID
    }

    /// Every parent link an organization has had, oldest first.
    public func history(of id: UUID) async throws -> [OrganizationLink] {
        try await OrganizationLinkRecord.query(on: database).filter(\.$organizationID == id)
            .sort(\.$validFrom).all().map { try $0.domain() }
    }

    /// The subtree of `root` on `day`, in tree order (parents before children, siblings by Vietnamese collation),
    /// with member counts (members assigned on that day, on the registry) for each node and its subtree.
    public func tree(root: UUID, on day: Day) async throws -> [OrganizationNode] {
        let query = SubtreeQuery.cte(root: root, on: day) + """
             SELECT s.id AS id, s.depth AS depth, s.parent_id AS parent_id,
               (SELECT COUNT(*) FROM member_assignments a JOIN members m ON m.id = a.member_id
                 WHERE a.organization_id = s.id AND a.valid_from <= \(bind: day.iso)
                   AND (a.valid_to IS NULL OR a.valid_to > \(bind: day.iso))
                   AND m.status IN ('active', 'suspended')) AS member_count
             FROM subtree s
            """
        let rows = try await sql.raw(query).all()
        struct Row { let id: UUID; let depth: Int; let parentID: UUID; let count: Int }
        let parsed = try rows.map {
            Row(id: try $0.decode(column: "id", as: UUID.self), depth: try $0.decode(column: "depth", as: Int.self),
                parentID: try $0.decode(column: "parent_id", as: UUID.self),
                count: try $0.decode(column: "member_count", as: Int.self))
        }
        let records = try await OrganizationRecord.query(on: database).filter(\.$id ~~ parsed.map(\.id)).all()
        var organizations: [UUID: Organization] = [:]
        var keys: [UUID: String] = [:]
        for record in records {
            let organization = try record.domain()
            organizations[organization.id] = organization
            keys[organization.id] = record.nameKey
        }
        var children: [UUID: [Row]] = [:]
        for row in parsed where row.depth > 0 { children[row.parentID, default: []].append(row) }
        var subtreeCount: [UUID: Int] = [:]
        func total(_ row: Row) -> Int {
            let sum = row.count + (children[row.id] ?? []).reduce(0) { $0 + total($1) }
            subtreeCount[row.id] = sum
            return sum
        }
        guard let top = parsed.first(where: { $0.depth == 0 }) else { return [] }
        _ = total(top)
        var ordered: [OrganizationNode] = []
        func visit(_ row: Row) {
            guard let organization = organizations[row.id] else { return }
            let kids = (children[row.id] ?? []).sorted { (keys[$0.id] ?? "") < (keys[$1.id] ?? "") }
            ordered.append(OrganizationNode(organization: organization, parentID: row.depth == 0 ? nil : row.parentID,
                                            depth: row.depth, memberCount: row.count,
                                            subtreeMemberCount: subtreeCount[row.id] ?? row.count,
                                            childCount: kids.count))
            kids.forEach(visit)
        }
        visit(top)
        return ordered
    }
}
