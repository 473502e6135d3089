import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Who to contact about an organization's report: its secretary (from the member registry) and the e-mail of any
/// account that works for it.
public struct ReporterContact: Sendable, Codable, Equatable {
    public var secretaryName: String?
    public var emails: [String]

    public var display: String {
        ([secretaryName.map { "Bí thư: \($0)" }] + emails.map { Optional($0) }).compactMap { $0 }.joined(separator: " · ")
    }
}

public struct ReporterDirectory: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Contacts for every organization in the subtree of `root` on `day`, in two queries joined to the subtree in
    /// the database (no list of ids is sent). A committee's secretary is looked for among its own members first,
    /// then among the members of its subordinate cells (cell secretaries are not the committee's, so the one who
    /// also sits on the standing committee wins).
    public func contacts(under root: UUID, on day: Day) async throws -> [UUID: ReporterContact] {
        let sql = database as! any SQLDatabase
        let secretaries = try await sql.raw(SubtreeQuery.cte(root: root, on: day) + """
             SELECT m.organization_id AS organization_id, s.parent_id AS parent_id, m.full_name AS full_name,
                    m.positions AS positions
             FROM members m JOIN subtree s ON s.id = m.organization_id
             WHERE m.positions LIKE '%secretary%' AND m.status IN ('active', 'suspended')
            """).all()
        let accounts = try await sql.raw(SubtreeQuery.cte(root: root, on: day) + """
             SELECT a.scope_organization_id AS organization_id, a.email AS email
             FROM accounts a JOIN subtree s ON s.id = a.scope_organization_id WHERE a.email IS NOT NULL
            """).all()
        return try Self.contacts(secretaries: secretaries.map { row in
            (own: try row.decode(column: "organization_id", as: UUID.self), parent: try row.decode(column: "parent_id", as: UUID.self),
             name: try row.decode(column: "full_name", as: String.self), positions: try row.decode(column: "positions", as: String.self))
        }, accounts: accounts)
    }

    /// Contacts for the organizations `ids` only (a page of a list: at most a few hundred ids), on `day`, by the same
    /// rule as `contacts(under:on:)`: the secretaries among their own members and among the members of the organizations
    /// directly under them, and the e-mails of their accounts. Three statements on explicit ids (the members one in
    /// batches of 500 ids), whatever the size of the tree: the organizations directly under them (index on the parent), then members by organization (index on
    /// organization_id; a join from the links would let PostgreSQL scan all members when it thinks few are secretaries),
    /// then accounts.
    public func contacts(of ids: [UUID], on day: Day) async throws -> [UUID: ReporterContact] {
        guard !ids.isEmpty else { return [:] }
        let sql = database as! any SQLDatabase
        var parentOf: [UUID: UUID] = [:]
        for row in try await sql.raw("""
            SELECT l.organization_id AS organization_id, l.parent_id AS parent_id FROM organization_links l
            WHERE l.parent_id IN (\(binds: ids)) AND l.valid_from <= \(bind: day.iso) AND (l.valid_to IS NULL OR l.valid_to > \(bind: day.iso))
            """).all() {
            parentOf[try row.decode(column: "organization_id", as: UUID.self)] = try row.decode(column: "parent_id", as: UUID.self)
        }
        let wanted = Set(ids)
        // The page's organizations and all their children can be many (a district's hundreds of cells): in batches.
        var members: [any SQLRow] = []
        for batch in (ids + parentOf.keys.filter { !wanted.contains($0) }.sorted { $0.uuidString < $1.uuidString }).chunked(500) {
            members += try await sql.raw("""
                SELECT m.organization_id AS organization_id, m.full_name AS full_name, m.positions AS positions FROM members m
                WHERE m.organization_id IN (\(binds: Array(batch)))
                  AND m.positions LIKE '%secretary%' AND m.status IN ('active', 'suspended')
                """).all()
        }
        let accounts = try await sql.raw("""
            SELECT a.scope_organization_id AS organization_id, a.email AS email FROM accounts a
            WHERE a.scope_organization_id IN (\(binds: ids)) AND a.email IS NOT NULL
            """).all()
        // A member counts for their own organization and for the one above it, when those are asked about.
        let secretaries = try members.map { row -> (own: UUID?, parent: UUID?, name: String, positions: String) in
            let organization = try row.decode(column: "organization_id", as: UUID.self)
            return (wanted.contains(organization) ? organization : nil, parentOf[organization],
                    try row.decode(column: "full_name", as: String.self), try row.decode(column: "positions", as: String.self))
        }
        return try Self.contacts(secretaries: secretaries, accounts: accounts).filter { wanted.contains($0.key) }
    }

    /// Ranks secretaries (own members first, standing-committee members first among the cells' secretaries) and
    /// gathers e-mails. `own` is the member's organization, `parent` the one above it.
    static func contacts(secretaries: [(own: UUID?, parent: UUID?, name: String, positions: String)],
                         accounts: [any SQLRow]) throws -> [UUID: ReporterContact] {
        var best: [UUID: (rank: Int, name: String)] = [:]
        for secretary in secretaries {
            let positions = Set(secretary.positions.split(separator: ",").map(String.init))
            guard positions.contains(Position.secretary.rawValue) else { continue }
            let standing = positions.contains(Position.standingCommitteeMember.rawValue) ? 1 : 0
            for (organization, rank) in [(secretary.own, 2 + standing), (secretary.parent, standing)] {
                guard let organization else { continue }
                if rank > (best[organization]?.rank ?? -1) { best[organization] = (rank, secretary.name) }
            }
        }
        var emails: [UUID: [String]] = [:]
        for row in accounts {
            emails[try row.decode(column: "organization_id", as: UUID.self), default: []].append(try row.decode(column: "email", as: String.self))
        }
        var result: [UUID: ReporterContact] = [:]
        for id in Set(best.keys).union(emails.keys) {
            result[id] = ReporterContact(secretaryName: best[id]?.name, emails: (emails[id] ?? []).sorted())
        }
        return result
    }
}

/// Messages waiting to be sent (or kept for the bloc to read when no mail server is configured).
public struct OutboxStore: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public struct Message: Sendable, Codable, Equatable {
        public var id: UUID
        public var recipient: String
        public var subject: String
        public var body: String
        public var organizationID: UUID?
        public var createdAt: Date
        public var sentAt: Date?
        public var error: String?
    }

    @discardableResult
    public func enqueue(recipient: String, subject: String, body: String, organizationID: UUID?, at now: Date = Date()) async throws -> UUID {
        let record = OutboxMessageRecord()
        let id = UUID()
        record.id = id
        record.recipient = recipient
        record.subject = subject
        record.body = body
        record.organizationID = organizationID
        record.createdAt = now
        try await record.create(on: database)
        return id
    }

    public func markSent(_ id: UUID, at: Date = Date(), error: String? = nil) async throws {
        guard let record = try await OutboxMessageRecord.find(id, on: database) else { return }
        if error == nil { record.sentAt = at }
        record.error = error
        try await record.save(on: database)
    }

    /// The newest messages of every organization (commands and tests; pages read `page`, by keyset within a scope).
    public func list(limit: Int = 200) async throws -> [Message] {
        let query = OutboxMessageRecord.query(on: database).sort(\.$createdAt, .descending).limit(limit)
        return try await query.all().map {
            Message(id: try $0.requireID(), recipient: $0.recipient, subject: $0.subject, body: $0.body,
                    organizationID: $0.organizationID, createdAt: $0.createdAt, sentAt: $0.sentAt, error: $0.error)
        }
    }
}
