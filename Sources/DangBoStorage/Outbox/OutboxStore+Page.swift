import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// One page of the outbox, newest first, with a count that stops at its limit.
public struct OutboxMessagePage: Sendable {
    public var items: [OutboxStore.Message]
    public var count: BoundedCount
    /// Before the first message shown (newer ones, "Trang trước"); nil on the first page.
    public var previous: KeysetCursor?
    /// After the last message shown (older ones, "Trang sau"); nil on the last page.
    public var next: KeysetCursor?
}

extension OutboxStore {
    public static let defaultCountLimit = 1_000
    public static let maxPageSize = 200

    /// A page of the messages about organizations in the subtree of `root` today, newest first by (created_at, id),
    /// read by keyset from `direction`'s cursor: a small subtree is joined, a large one is not built (messages are read
    /// in order and kept when their organization walks up to `root`). No OFFSET, no list of the subtree's ids, and the
    /// count stops at `countLimit`.
    public func page(under root: UUID, organizations: OrganizationStore, direction: KeysetDirection = .first,
                     pageSize: Int = 100, countLimit: Int = OutboxStore.defaultCountLimit) async throws -> OutboxMessagePage {
        let sql = database as! any SQLDatabase
        let day = organizations.today
        let scope = try await SubtreeScope.choose(root: root, on: day, joinLimit: organizations.scopeJoinLimit, database: sql)
        // Messages without an organization belong to no subtree and are never listed.
        let selection = NewestFirstSelection(table: "outbox_messages", alias: "m", timeColumn: "created_at", conditions: "1 = 1",
                                             scope: .init(scope, root: root), day: day, database: sql)
        let size = min(max(1, pageSize), Self.maxPageSize)
        let (rows, previous, next) = try await KeysetPaging.page(direction, pageSize: size, cursor: \.cursor) {
            try await selection.rows($0, limit: $1)
        }
        let ids = rows.map(\.id)
        let records = ids.isEmpty ? [] : try await OutboxMessageRecord.query(on: database).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: try records.map { (try $0.requireID(), $0) })
        let limit = max(1, countLimit)
        let count = try await selection.count(limit: limit + 1)
        return OutboxMessagePage(items: try ids.compactMap { id in try byID[id].map(Self.message(from:)) },
                                 count: BoundedCount(counted: count, limit: limit), previous: previous, next: next)
    }

    static func message(from record: OutboxMessageRecord) throws -> Message {
        Message(id: try record.requireID(), recipient: record.recipient, subject: record.subject, body: record.body,
                organizationID: record.organizationID, createdAt: record.createdAt, sentAt: record.sentAt, error: record.error)
    }
}
