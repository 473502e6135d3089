import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// An organization found by search; for a subordinate cell, with the committee above it today (cell names repeat).
public struct OrganizationMatch: Sendable, Codable, Hashable {
    public var organization: Organization
    public var parentName: String?

    /// "Chi bộ Văn phòng Sở — Đảng bộ Sở Y tế"
    public var placement: String {
        parentName.map { "\(organization.name) — \($0)" } ?? organization.name
    }
}

extension OrganizationStore {
    public static let maxMatches = 20

    /// Organizations in the actor's subtree today whose code is `text` or whose name or code contains it, typed with or
    /// without diacritics; at most `limit`, the exact code first, then in Vietnamese order. `levels` empty = any level.
    ///
    /// For a large scope the matches are read in name order from the index on `name_key` when they are common, or
    /// asked first (on PostgreSQL through the trigram index on `search_text`) and sorted when they are rare
    /// (`ScopedSelection.candidates`); the scope is checked by joining a small subtree or by walking up from the matches.
    public func search(_ text: String, levels: Set<OrganizationLevel> = [], for actor: Actor,
                       limit: Int = OrganizationStore.maxMatches) async throws -> [OrganizationMatch] {
        try actor.require(.viewOrganizations)
        let trimmed = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        let limit = min(max(limit, 1), Self.maxMatches)
        guard !trimmed.isEmpty else { return [] }
        let day = today
        var ids: [UUID] = []
        if let exact = try await find(anyCaseCode: trimmed),
           levels.isEmpty || levels.contains(exact.level),
           try await isInSubtree(exact.id, of: actor.scopeOrganizationID, on: day) {
            ids.append(exact.id)
        }
        let folded = VietnameseText.folded(trimmed)
        if folded.count >= 2 {
            var conditions: SQLQueryString = "o.search_text LIKE \(bind: "%" + MemberStore.escapeLike(folded) + "%") ESCAPE '\\'"
            if !levels.isEmpty {
                conditions += " AND o.level IN ("
                for (index, level) in levels.map(\.rawValue).sorted().enumerated() {
                    conditions += (index == 0 ? "" : ", ") + "\(bind: level)"
                }
                conditions += ")"
            }
            let scope = try await SubtreeScope.choose(root: actor.scopeOrganizationID, on: day, joinLimit: scopeJoinLimit, database: sql)
            var selection = ScopedSelection(table: "organizations o", alias: "o", keyColumn: "name_key", organizationColumn: "id",
                                            conditions: conditions, root: actor.scopeOrganizationID, day: day, scope: scope, database: sql)
            // 21 names are wanted, not 51 members: one small window of the name index, then the trigram index.
            selection.keyWindows = [5_000]
            for row in try await selection.rows(.first, limit: limit + 1) where !ids.contains(row.id) { ids.append(row.id) }
        }
        return try await matches(Array(ids.prefix(limit)), on: day)
    }

    /// The organization with this code if it lies in the actor's subtree today; otherwise not found.
    public func visible(code: String, to actor: Actor) async throws -> Organization {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let organization = try await find(anyCaseCode: trimmed) else {
            throw DomainError.notFound("Không có tổ chức mã \"\(trimmed.prefix(40))\" trong phạm vi được phân quyền")
        }
        do {
            return try await visible(organization.id, to: actor)
        } catch DomainError.notFound {
            throw DomainError.notFound("Không có tổ chức mã \"\(trimmed.prefix(40))\" trong phạm vi được phân quyền")
        }
    }

    /// The organization with this code as typed, or upper-cased (codes are written in capitals: "db-syt" finds DB-SYT).
    func find(anyCaseCode code: String) async throws -> Organization? {
        if let found = try await find(code: code) { return found }
        return code.uppercased() == code ? nil : try await find(code: code.uppercased())
    }

    /// The organizations with these ids, in this order, each with its parent's name on `day`.
    func matches(_ ids: [UUID], on day: Day) async throws -> [OrganizationMatch] {
        guard !ids.isEmpty else { return [] }
        let records = try await OrganizationRecord.query(on: database).filter(\.$id ~~ ids).all()
        let links = try await linksValid(on: day, for: ids)
        let parentOf = Dictionary(links.map { ($0.organizationID, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        let parents = try await OrganizationRecord.query(on: database).filter(\.$id ~~ Array(Set(parentOf.values))).all()
        let parentName = Dictionary(parents.compactMap { record in record.id.map { ($0, record.name) } }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(records.compactMap { record in record.id.map { ($0, record) } }, uniquingKeysWith: { first, _ in first })
        return try ids.compactMap { id in
            guard let record = byID[id] else { return nil }
            let organization = try record.domain()
            let parent = organization.level == .subordinateCell ? parentOf[id].flatMap { parentName[$0] } : nil
            return OrganizationMatch(organization: organization, parentName: parent)
        }
    }
}
