import DangBoCore
import FluentKit
import Foundation

/// What the registries' pages print beside their records: members' and organizations' names (two statements for a
/// page, whatever its length), and the members that party card numbers name (one statement for a form's list). The
/// scope is checked by the store that records or reads the record, not here.
public struct RegistryNames: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func names(members memberIDs: [UUID], organizations organizationIDs: [UUID]) async throws
        -> (members: [UUID: String], organizations: [UUID: String]) {
        (try await members(memberIDs), try await organizations(organizationIDs))
    }

    public func members(_ ids: [UUID]) async throws -> [UUID: String] {
        let ids = Array(Set(ids))
        guard !ids.isEmpty else { return [:] }
        let records = try await MemberRecord.query(on: database).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: records.compactMap { record in record.id.map { ($0, record.fullName) } })
    }

    public func organizations(_ ids: [UUID]) async throws -> [UUID: String] {
        let ids = Array(Set(ids))
        guard !ids.isEmpty else { return [:] }
        let records = try await OrganizationRecord.query(on: database).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: records.compactMap { record in record.id.map { ($0, record.name) } })
    }

    /// The member each card number names (a bounded list: one form's), card number → id.
    public func members(cardNumbers: [String]) async throws -> [String: UUID] {
        let cards = Array(Set(cardNumbers.prefix(500)))
        guard !cards.isEmpty else { return [:] }
        var result: [String: UUID] = [:]
        for record in try await MemberRecord.query(on: database).filter(\.$cardNumber ~~ cards).all() {
            if let card = record.cardNumber, let id = record.id { result[card] = id }
        }
        return result
    }
}
