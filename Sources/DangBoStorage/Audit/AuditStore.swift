import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// Filters for browsing the audit log, and where to read from.
public struct AuditFilter: Sendable {
    public var action: AuditAction?
    public var entityType: String?
    /// A kind of record: its few entity types.
    public var kind: AuditKind?
    public var actorName: String?
    public var from: Day?
    public var to: Day?
    /// Newest first: `.after(cursor)` reads older entries, `.before(cursor)` newer ones.
    public var direction: KeysetDirection
    public var pageSize: Int
    /// The count stops here ("hơn 1.000 mục").
    public var countLimit: Int

    public static let defaultCountLimit = 1_000

    public init(action: AuditAction? = nil, entityType: String? = nil, kind: AuditKind? = nil, actorName: String? = nil,
                from: Day? = nil, to: Day? = nil, direction: KeysetDirection = .first, pageSize: Int = 50,
                countLimit: Int = AuditFilter.defaultCountLimit) {
        self.action = action
        self.entityType = entityType
        self.kind = kind
        self.actorName = actorName
        self.from = from
        self.to = to
        self.direction = direction
        self.pageSize = min(max(1, pageSize), 500)
        self.countLimit = max(1, countLimit)
    }
}

/// One page of the audit log, newest first, with a count that stops at the filter's `countLimit`.
public struct AuditLogPage: Sendable {
    public var items: [AuditEntry]
    public var count: BoundedCount
    /// Before the first entry shown (newer entries, "Trang trước"); nil on the first page.
    public var previous: KeysetCursor?
    /// After the last entry shown (older entries, "Trang sau"); nil on the last page.
    public var next: KeysetCursor?
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

    /// Appends an entry on its own (logins, which change nothing else).
    public func append(_ entry: AuditEntry) async throws {
        try await Self.append(entry, on: database)
    }

    /// A page of the entries passing `filter`, newest first by (at, id), read by keyset from the filter's cursor. With a
    /// `scope`, only entries about organizations in its subtree today: a small subtree is joined, a large one is not
    /// built (entries are read in order and kept when their organization walks up to the scope). No OFFSET, and the
    /// count stops at `countLimit`.
    public func list(_ filter: AuditFilter, scope: UUID?, organizations: OrganizationStore) async throws -> AuditLogPage {
        let sql = database as! any SQLDatabase
        let day = organizations.today
        let mode: NewestFirstSelection.Scope
        if let scope {
            mode = .init(try await SubtreeScope.choose(root: scope, on: day, joinLimit: organizations.scopeJoinLimit, database: sql), root: scope)
        } else {
            mode = .everything
        }
        let selection = NewestFirstSelection.audit(filter, scope: mode, day: day, database: sql)
        let (rows, previous, next) = try await KeysetPaging.page(filter.direction, pageSize: filter.pageSize, cursor: \.cursor) {
            try await selection.rows($0, limit: $1)
        }
        let ids = rows.map(\.id)
        let records = ids.isEmpty ? [] : try await AuditRecord.query(on: database).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: try records.map { (try $0.requireID(), $0) })
        let count = try await selection.count(limit: filter.countLimit + 1)
        return AuditLogPage(items: try ids.compactMap { try byID[$0]?.domain() },
                            count: BoundedCount(counted: count, limit: filter.countLimit), previous: previous, next: next)
    }

    /// Midnight in Vietnam (UTC+7) at the start of a day.
    static func start(of day: Day) -> Date {
        Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 - 7 * 3600)
    }
}
