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

    /// Contacts for the given organizations. A committee's secretary is looked for among its own members first,
    /// then among the members of its subordinate cells (cell secretaries are not the committee's, so the one
    /// who also sits on the standing committee wins).
    public func contacts(for organizations: [UUID], on day: Day) async throws -> [UUID: ReporterContact] {
        guard !organizations.isEmpty else { return [:] }
        let wanted = Set(organizations)
        let links = try await OrganizationLinkRecord.query(on: database).filter(\.$parentID ~~ organizations)
            .filter(\.$validFrom <= day.iso).group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > day.iso) }.all()
        var owner: [UUID: UUID] = [:]
        for id in organizations { owner[id] = id }
        for link in links where owner[link.organizationID] == nil { owner[link.organizationID] = link.parentID }
        var best: [UUID: (rank: Int, name: String)] = [:]
        for chunk in Array(owner.keys).chunked(500) {
            let secretaries = try await MemberRecord.query(on: database).filter(\.$organizationID ~~ Array(chunk))
                .filter(\.$positions, .custom("LIKE"), "%secretary%").all()
            for member in secretaries {
                let positions = Set(member.positions.split(separator: ",").map(String.init))
                guard positions.contains(Position.secretary.rawValue), let org = owner[member.organizationID] else { continue }
                let rank = (member.organizationID == org ? 2 : 0) + (positions.contains(Position.standingCommitteeMember.rawValue) ? 1 : 0)
                if rank > (best[org]?.rank ?? -1) { best[org] = (rank, member.fullName) }
            }
        }
        let accounts = try await AccountRecord.query(on: database).filter(\.$scopeOrganizationID ~~ organizations).all()
        var result: [UUID: ReporterContact] = [:]
        for id in wanted {
            let emails = accounts.filter { $0.scopeOrganizationID == id }.compactMap(\.email).sorted()
            result[id] = ReporterContact(secretaryName: best[id]?.name, emails: emails)
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

    public func list(organizations: [UUID]?, limit: Int = 200) async throws -> [Message] {
        let query = OutboxMessageRecord.query(on: database).sort(\.$createdAt, .descending).limit(limit)
        if let organizations { query.filter(\.$organizationID ~~ organizations) }
        return try await query.all().map {
            Message(id: try $0.requireID(), recipient: $0.recipient, subject: $0.subject, body: $0.body,
                    organizationID: $0.organizationID, createdAt: $0.createdAt, sentAt: $0.sentAt, error: $0.error)
        }
    }
}
