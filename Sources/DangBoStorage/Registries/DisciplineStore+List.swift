import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// One listed decision, with the names the list shows.
public struct DisciplineListing: Sendable {
    public var decision: DisciplineDecision
    /// The member's full name, for a member's decision.
    public var memberName: String?
    /// The organization the decision counts in.
    public var organizationName: String
}

public struct DisciplinePage: Sendable {
    public var items: [DisciplineListing]
    public var count: BoundedCount
    public var previous: KeysetCursor?
    public var next: KeysetCursor?
}

extension DisciplineStore {
    public static let pageSize = 50
    public static let countLimit = 1_000

    /// A page of the decisions counted in the actor's subtree today, newest recorded first, by keyset (a small subtree
    /// joined, a large one walked up from each decision: `NewestFirstSelection`); names for the page in two statements;
    /// each decision listed is a reading, audited like the others.
    public func page(for actor: Actor, organizations: OrganizationStore, direction: KeysetDirection = .first) async throws -> DisciplinePage {
        try actor.require(.viewDiscipline)
        let day = organizations.today
        let root = actor.scopeOrganizationID
        let scope = try await SubtreeScope.choose(root: root, on: day, joinLimit: organizations.scopeJoinLimit, database: sql)
        let selection = NewestFirstSelection(table: DisciplineDecisionRecord.schema, alias: "d", timeColumn: "created_at",
                                             conditions: "1 = 1", scope: .init(scope, root: root), day: day, database: sql)
        let (rows, previous, next) = try await KeysetPaging.page(direction, pageSize: Self.pageSize, cursor: \.cursor) {
            try await selection.rows($0, limit: $1)
        }
        let ids = rows.map(\.id)
        let records = ids.isEmpty ? [] : try await DisciplineDecisionRecord.query(on: database).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: try records.map { (try $0.requireID(), try $0.domain()) })
        let decisions = ids.compactMap { byID[$0] }
        let (memberNames, placeNames) = try await RegistryNames(database: database)
            .names(members: decisions.compactMap(\.memberID), organizations: decisions.map(\.organizationID))
        try await audit(decisions, readBy: actor)
        let count = try await selection.count(limit: Self.countLimit + 1)
        return DisciplinePage(
            items: decisions.map { DisciplineListing(decision: $0, memberName: $0.memberID.flatMap { memberNames[$0] },
                                                     organizationName: placeNames[$0.organizationID] ?? "") },
            count: BoundedCount(counted: count, limit: Self.countLimit), previous: previous, next: next)
    }
}
