import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Filters for browsing the audit log.
public struct AuditFilter: Sendable {
    public var action: AuditAction?
    public var entityType: String?
    public var actorName: String?
    public var from: Day?
    public var to: Day?
    public var page: Int
    public var pageSize: Int

    public init(action: AuditAction? = nil, entityType: String? = nil, actorName: String? = nil, from: Day? = nil,
                to: Day? = nil, page: Int = 1, pageSize: Int = 50) {
        self.action = action
        self.entityType = entityType
        self.actorName = actorName
        self.from = from
        self.to = to
        self.page = max(1, page)
        self.pageSize = min(max(1, pageSize), 500)
    }
}

/// The append-only audit log. Entries are written inside the transaction of the change they describe;
/// there is no update or delete.
public struct AuditStore: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Appends an entry; call with the transaction's database so it commits or rolls back with the change.
    static func append(_ entry: AuditEntry, on database: any Database) async throws {
        try await AuditRecord(entry).create(on: database)
    }

    public func list(_ filter: AuditFilter, scope: UUID?, organizations: OrganizationStore) async throws -> Page<AuditEntry> {
        let query = AuditRecord.query(on: database)
        if let scope {
            // Scoped readers see entries about organizations in their subtree today.
            let ids = try await organizations.subtreeIDs(of: scope, on: organizations.today)
            query.filter(\.$organizationID ~~ ids)
        }
        if let action = filter.action { query.filter(\.$action == action.rawValue) }
        if let type = filter.entityType, !type.isEmpty { query.filter(\.$entityType == type) }
        if let actor = filter.actorName, !actor.isEmpty { query.filter(\.$actorName == actor) }
        if let from = filter.from { query.filter(\.$at >= Self.start(of: from)) }
        if let to = filter.to { query.filter(\.$at < Self.start(of: to.adding(days: 1))) }
        let total = try await query.copy().count()
        let records = try await query.sort(\.$at, .descending).sort(\.$id)
            .range((filter.page - 1) * filter.pageSize ..< filter.page * filter.pageSize).all()
        return Page(items: try records.map { try $0.domain() }, total: total, page: filter.page, pageSize: filter.pageSize)
    }

    /// Midnight in Vietnam (UTC+7) at the start of a day.
    static func start(of day: Day) -> Date {
        Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 - 7 * 3600)
    }
}

/// One page of a list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var page: Int
    public var pageSize: Int

    public init(items: [Item], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }

    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
}

extension Page: Encodable where Item: Encodable {}
