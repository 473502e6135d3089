import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Reads and writes the organization tree. Every write is checked against the actor's subtree and audited
/// in the same transaction.
public struct OrganizationStore: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// Scopes up to this many organizations are joined to the subtree query; larger ones are checked by walking up.
    let scopeJoinLimit: Int

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.init(database: database, clock: clock, scopeJoinLimit: SubtreeScope.defaultJoinLimit)
    }

    init(database: any Database, clock: @escaping @Sendable () -> Date, scopeJoinLimit: Int) {
        self.database = database
        self.clock = clock
        self.scopeJoinLimit = scopeJoinLimit
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
    var today: Day { Day(clock()) }

    public func find(_ id: UUID) async throws -> Organization? {
        try await OrganizationRecord.find(id, on: database)?.domain()
    }

    /// The levels of a short list of organizations (a path in the tree: at most a few dozen ids).
    public func levels(of ids: [UUID]) async throws -> [UUID: OrganizationLevel] {
        var result: [UUID: OrganizationLevel] = [:]
        for batch in ids.chunked(500) {
            for record in try await OrganizationRecord.query(on: database).filter(\.$id ~~ Array(batch)).all() {
                if let id = record.id, let level = OrganizationLevel(rawValue: record.level) { result[id] = level }
            }
        }
        return result
    }

    public func find(code: String) async throws -> Organization? {
        try await OrganizationRecord.query(on: database).filter(\.$code == code).first()?.domain()
    }

    public func root() async throws -> Organization? {
        // The highest level present: the country, else a province, else the bloc (a few indexed lookups).
        for level in [OrganizationLevel.central, .province, .bloc] {
            if let record = try await OrganizationRecord.query(on: database).filter(\.$level == level.rawValue).sort(\.$code).first() {
                return try record.domain()
            }
        }
        return nil
    }

    /// The organization if it exists and lies in the actor's subtree today; otherwise not found.
    public func visible(_ id: UUID, to actor: Actor) async throws -> Organization {
        guard let organization = try await find(id),
              try await SubtreeQuery.contains(id, root: actor.scopeOrganizationID, on: today, database: sql) else {
            throw DomainError.notFound("Không tìm thấy tổ chức đảng trong phạm vi được phân quyền")
        }
        return organization
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

    /// The organizations of `levels` in the subtree of `root` on `day` (a form's expected reporters), by Vietnamese
    /// name, in one statement and without member counts: the reporting rate and reminders need no more.
    public func subtreeOrganizations(root: UUID, on day: Day, levels: [OrganizationLevel]) async throws -> [Organization] {
        guard !levels.isEmpty else { return [] }
        let rows = try await sql.raw(SubtreeQuery.cte(root: root, on: day) + """
             SELECT o.id AS id, o.code AS code, o.name AS name, o.level AS level, o.unit_kind AS unit_kind,
                    o.cluster AS cluster, o.opened_on AS opened_on, o.closed_on AS closed_on
            FROM subtree s JOIN organizations o ON o.id = s.id
            WHERE o.level IN (\(binds: levels.map(\.rawValue))) ORDER BY o.name_key, o.id
            """).all()
        return try rows.map(Self.organization(from:))
    }

    /// The subtree of `root` on `day`, in tree order (parents before children, siblings by Vietnamese collation),
    /// with member counts (members assigned on that day, on the registry) for each node and its subtree.
    public func tree(root: UUID, on day: Day) async throws -> [OrganizationNode] {
        // One statement: the subtree, each node's own columns and its member count from one grouped join (no list
        // of ids sent back to the database, no count per node).
        let query = SubtreeQuery.cte(root: root, on: day) + """
            , counts AS (
              SELECT a.organization_id AS organization_id, COUNT(*) AS n FROM member_assignments a
              JOIN subtree t ON t.id = a.organization_id JOIN members m ON m.id = a.member_id
              WHERE a.valid_from <= \(bind: day.iso) AND (a.valid_to IS NULL OR a.valid_to > \(bind: day.iso))
                AND m.status IN ('active', 'suspended')
              GROUP BY a.organization_id
            )
            SELECT s.id AS id, s.depth AS depth, s.parent_id AS parent_id, COALESCE(c.n, 0) AS member_count,
                   o.code AS code, o.name AS name, o.name_key AS name_key, o.level AS level, o.unit_kind AS unit_kind,
                   o.cluster AS cluster, o.opened_on AS opened_on, o.closed_on AS closed_on
            FROM subtree s JOIN organizations o ON o.id = s.id LEFT JOIN counts c ON c.organization_id = s.id
            """
        let rows = try await sql.raw(query).all()
        struct Row { let id: UUID; let depth: Int; let parentID: UUID; let count: Int }
        var parsed: [Row] = []
        var organizations: [UUID: Organization] = [:]
        var keys: [UUID: String] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            parsed.append(Row(id: id, depth: try row.decode(column: "depth", as: Int.self),
                              parentID: try row.decode(column: "parent_id", as: UUID.self),
                              count: try row.decode(column: "member_count", as: Int.self)))
            organizations[id] = try Self.organization(from: row)
            keys[id] = try row.decode(column: "name_key", as: String.self)
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
