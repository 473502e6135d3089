import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// What the member list asks for.
public struct MemberListQuery: Sendable {
    /// Restrict to this organization's subtree (must itself be in the actor's subtree); nil = the actor's whole scope.
    public var organizationID: UUID?
    /// Name search, diacritic- and case-insensitive; or a card number.
    public var text: String?
    /// nil: members on the registry (active or suspended), the population the tree counts.
    public var status: StatusFilter
    /// Where the page starts: the first page, after the last row of a page, or before the first row of one.
    public var direction: KeysetDirection
    public var pageSize: Int
    /// The count stops here ("hơn 10.000 đảng viên"; a name search stops at 1.000: past that the reader narrows
    /// the search, and counting further is most of a search's cost on a large scope).
    public var countLimit: Int

    public enum StatusFilter: Sendable, Equatable {
        case onRegistry
        case all
        case only(MemberStatus)
    }

    public init(organizationID: UUID? = nil, text: String? = nil, status: StatusFilter = .onRegistry,
                direction: KeysetDirection = .first, pageSize: Int = 50, countLimit: Int? = nil) {
        self.organizationID = organizationID
        self.text = text
        self.status = status
        self.direction = direction
        self.pageSize = min(max(1, pageSize), 500)
        let searching = !(text ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        self.countLimit = max(1, countLimit ?? (searching ? BoundedCount.searchLimit : BoundedCount.defaultLimit))
    }
}

/// One page of the member list, read by keyset: the cursors lead to the neighbouring pages (nil at either end).
public struct MemberPage: Sendable {
    public var items: [MemberListing]
    public var count: BoundedCount
    /// Before the first row shown ("Trang trước"); nil on the first page.
    public var previous: KeysetCursor?
    /// After the last row shown ("Trang sau"); nil on the last page.
    public var next: KeysetCursor?
}

/// A member with the name of their organization, for lists and detail pages.
public struct MemberListing: Sendable, Codable, Hashable {
    public var member: Member
    public var organizationName: String
    public var organizationCode: String
    /// For a subordinate cell, the grassroots committee above it today (cell names repeat across committees).
    public var parentOrganizationName: String?

    /// "Chi bộ Văn phòng Sở — Đảng bộ Sở Y tế": unambiguous across the bloc.
    public var placement: String {
        parentOrganizationName.map { "\(organizationName) — \($0)" } ?? organizationName
    }
}

/// Reads and writes the member registry, scoped to the actor's subtree, audited in the same transaction.
public struct MemberStore: Sendable {
    let database: any Database
    let organizations: OrganizationStore
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
        self.organizations = OrganizationStore(database: database, clock: clock, scopeJoinLimit: scopeJoinLimit)
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
    var today: Day { Day(clock()) }

    /// Loads members by id keeping the order of `ids`, with their organization names.
    func listings(for ids: [UUID]) async throws -> [MemberListing] {
        guard !ids.isEmpty else { return [] }
        let records = try await MemberRecord.query(on: database).filter(\.$id ~~ ids).all()
        let orgIDs = Set(records.map(\.organizationID))
        let links = try await OrganizationLinkRecord.query(on: database).filter(\.$organizationID ~~ Array(orgIDs))
            .filter(\.$validTo == nil).all()
        let parentOf = Dictionary(links.map { ($0.organizationID, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        let orgs = try await OrganizationRecord.query(on: database).filter(\.$id ~~ Array(orgIDs.union(parentOf.values))).all()
        let orgByID = Dictionary(uniqueKeysWithValues: orgs.compactMap { record in record.id.map { ($0, record) } })
        let byID = Dictionary(uniqueKeysWithValues: records.compactMap { record in record.id.map { ($0, record) } })
        return try ids.compactMap { id in
            guard let record = byID[id] else { return nil }
            let org = orgByID[record.organizationID]
            let parent = org?.level == OrganizationLevel.subordinateCell.rawValue
                ? parentOf[record.organizationID].flatMap { orgByID[$0]?.name } : nil
            return MemberListing(member: try record.domain(), organizationName: org?.name ?? "",
                                 organizationCode: org?.code ?? "", parentOrganizationName: parent)
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// A member the actor may see: in their subtree, or (member role) themselves.
    public func visible(_ id: UUID, to actor: Actor) async throws -> MemberListing {
        let notFound = DomainError.notFound("Không tìm thấy đảng viên trong phạm vi được phân quyền")
        guard let listing = try await listings(for: [id]).first else { throw notFound }
        if actor.role == .member {
            guard actor.memberID == id else { throw notFound }
            return listing
        }
        try actor.require(.viewMembers)
        guard try await organizations.isInSubtree(listing.member.organizationID, of: actor.scopeOrganizationID,
                                                  on: today) else { throw notFound }
        return listing
    }

    public func assignments(of memberID: UUID) async throws -> [MemberAssignment] {
        try await MemberAssignmentRecord.query(on: database).filter(\.$memberID == memberID)
            .sort(\.$validFrom).all().map { try $0.domain() }
    }

    /// A cell that may hold members, in the actor's subtree.
    func cell(_ id: UUID, for actor: Actor) async throws -> Organization {
        let organization = try await organizations.visible(id, to: actor)
        guard organization.level == .grassrootsCell || organization.level == .subordinateCell else {
            throw DomainError.invalid([.init(field: "organizationID",
                                             message: "Đảng viên sinh hoạt ở chi bộ; \(organization.name) không phải chi bộ")])
        }
        return organization
    }

    func requireUniqueCard(_ card: String?, except id: UUID?, on database: any Database) async throws {
        guard let card else { return }
        if let existing = try await MemberRecord.query(on: database).filter(\.$cardNumber == card).first(),
           existing.id != id {
            throw DomainError.invalid([.init(field: "cardNumber",
                                             message: "Số thẻ đảng viên \(card) đã thuộc về \(existing.fullName)")])
        }
    }
}
