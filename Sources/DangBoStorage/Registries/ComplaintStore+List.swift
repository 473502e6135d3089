import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// One listed denunciation or appeal, with the names the list shows.
public struct ComplaintListing<Item: Sendable>: Sendable {
    public var item: Item
    /// The member's full name, for a member's letter.
    public var memberName: String?
    /// The subject's organization (a member's cell on the received date).
    public var organizationName: String
    public var handlerName: String
}

public struct ComplaintPage<Item: Sendable>: Sendable {
    public var items: [ComplaintListing<Item>]
    public var count: BoundedCount
    public var previous: KeysetCursor?
    public var next: KeysetCursor?
}

extension ComplaintStore {
    public static let pageSize = 50
    public static let countLimit = 1_000

    /// A page of the denunciations about organizations in the actor's subtree today (a member's in their cell),
    /// newest recorded first by keyset (`NewestFirstSelection`), `status` received or resolved when given; each
    /// listed one is a reading, audited. Letters whose handler alone is in the subtree (the subject having moved
    /// out since) are found from the subject's page, not listed.
    public func denunciationPage(for actor: Actor, status: ComplaintStatus? = nil, organizations: OrganizationStore,
                                 direction: KeysetDirection = .first) async throws -> ComplaintPage<Denunciation> {
        try await page(table: DenunciationRecord.schema, status: status, actor: actor, organizations: organizations, direction: direction) { ids in
            try await DenunciationRecord.query(on: database).filter(\.$id ~~ ids).all().map { try $0.domain() }
        } audit: { try await audit($0, entityType: "denunciation", readBy: actor) }
    }

    /// A page of the discipline appeals, as `denunciationPage`.
    public func appealPage(for actor: Actor, status: ComplaintStatus? = nil, organizations: OrganizationStore,
                           direction: KeysetDirection = .first) async throws -> ComplaintPage<DisciplineAppeal> {
        try await page(table: DisciplineAppealRecord.schema, status: status, actor: actor, organizations: organizations, direction: direction) { ids in
            try await DisciplineAppealRecord.query(on: database).filter(\.$id ~~ ids).all().map { try $0.domain() }
        } audit: { try await audit($0, entityType: "disciplineAppeal", readBy: actor) }
    }

    func page<Item: Complaint>(table: String, status: ComplaintStatus?, actor: Actor, organizations: OrganizationStore,
                               direction: KeysetDirection, load: ([UUID]) async throws -> [Item],
                               audit: ([Item]) async throws -> Void) async throws -> ComplaintPage<Item> {
        try actor.require(.viewDiscipline)
        let day = organizations.today
        let root = actor.scopeOrganizationID
        let scope = try await SubtreeScope.choose(root: root, on: day, joinLimit: organizations.scopeJoinLimit, database: sql)
        let conditions: SQLQueryString = switch status {
        case nil: "1 = 1"
        case .received: "d.concluded_on IS NULL"
        case .resolved: "d.concluded_on IS NOT NULL"
        }
        let selection = NewestFirstSelection(table: table, alias: "d", timeColumn: "created_at", conditions: conditions,
                                             scope: .init(scope, root: root), day: day, database: sql)
        let (rows, previous, next) = try await KeysetPaging.page(direction, pageSize: Self.pageSize, cursor: \.cursor) {
            try await selection.rows($0, limit: $1)
        }
        let ids = rows.map(\.id)
        let byID = Dictionary(uniqueKeysWithValues: (ids.isEmpty ? [] : try await load(ids)).map { ($0.id, $0) })
        let items = ids.compactMap { byID[$0] }
        let names = try await RegistryNames(database: database).names(members: items.compactMap(\.memberID),
                                    organizations: items.flatMap { [$0.organizationID, $0.handlerOrganizationID] })
        try await audit(items)
        let count = try await selection.count(limit: Self.countLimit + 1)
        return ComplaintPage(
            items: items.map { ComplaintListing(item: $0, memberName: $0.memberID.flatMap { names.members[$0] },
                                                organizationName: names.organizations[$0.organizationID] ?? "",
                                                handlerName: names.organizations[$0.handlerOrganizationID] ?? "") },
            count: BoundedCount(counted: count, limit: Self.countLimit), previous: previous, next: next)
    }
}
