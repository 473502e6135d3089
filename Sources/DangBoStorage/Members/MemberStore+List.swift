import DangBoCore
import FluentKit
import Foundation
import SQLKit

extension MemberStore {
    /// A page of the member list in Vietnamese order (given name first), read by keyset on (sort_key, id) from the
    /// query's cursor, with a count that stops at `countLimit`. No OFFSET, no count of the whole scope.
    ///
    /// The filters (status, the folded name through the trigram index on PostgreSQL, the card number) come first; the
    /// subtree is then checked by joining it when it is small or by walking up from each candidate when it is large
    /// (`SubtreeScope`).
    public func list(_ query: MemberListQuery, for actor: Actor) async throws -> MemberPage {
        let selection = try await selection(query, for: actor)
        var direction = query.direction
        var rows = try await selection.rows(direction, limit: query.pageSize + 1)
        if case .before = direction, rows.count <= query.pageSize {
            // Back at the start: show the first page as it is when opened directly (full, no "Trang trước").
            direction = .first
            rows = try await selection.rows(direction, limit: query.pageSize + 1)
        }
        let hasMore = rows.count > query.pageSize
        rows = Array(rows.prefix(query.pageSize))
        var previous: KeysetCursor?
        var next: KeysetCursor?
        switch direction {
        case .after(let cursor):
            previous = cursor.map { rows.first?.cursor ?? $0 }
            next = hasMore ? rows.last?.cursor : nil
        case .before(let cursor):
            rows.reverse()
            previous = rows.first?.cursor
            next = rows.last?.cursor ?? cursor
        }
        let count = try await count(selection, limit: query.countLimit)
        return MemberPage(items: try await listings(for: rows.map(\.id)), count: count, previous: previous, next: next)
    }

    /// How many members the query finds, counted no further than its `countLimit` ("hơn 10.000").
    public func count(_ query: MemberListQuery, for actor: Actor) async throws -> BoundedCount {
        try await count(try await selection(query, for: actor), limit: query.countLimit)
    }

    func count(_ selection: ScopedSelection, limit: Int) async throws -> BoundedCount {
        BoundedCount(counted: try await selection.count(limit: limit + 1), limit: limit)
    }

    /// The members the query asks for, in its scope (checked against the actor's), as a keyset selection.
    func selection(_ query: MemberListQuery, for actor: Actor) async throws -> ScopedSelection {
        try actor.require(.viewMembers)
        let root = try await query.organizationID.asyncMap { try await organizations.visible($0, to: actor).id }
            ?? actor.scopeOrganizationID
        let day = today
        let scope = try await SubtreeScope.choose(root: root, on: day, joinLimit: scopeJoinLimit, database: sql)
        return ScopedSelection(table: "members m", alias: "m", keyColumn: "sort_key", organizationColumn: "organization_id",
                               conditions: Self.conditions(query), root: root, day: day, scope: scope, database: sql)
    }

    /// The list's filters on `members m` alone (no scope, no cursor).
    static func conditions(_ query: MemberListQuery) -> SQLQueryString {
        var conditions: SQLQueryString = "1 = 1"
        switch query.status {
        case .onRegistry: conditions += " AND m.status IN ('active', 'suspended')"
        case .all: break
        case .only(let status): conditions += " AND m.status = \(bind: status.rawValue)"
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let folded = VietnameseText.folded(String(text.prefix(100)))
            let pattern = "%" + escapeLike(folded) + "%"
            conditions += " AND (m.search_name LIKE \(bind: pattern) ESCAPE '\\' OR m.card_number = \(bind: text))"
        }
        return conditions
    }
}
