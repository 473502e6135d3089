import DangBoCore
import FluentKit
import Foundation

/// Loads a whole tree with its members in one transaction, in batches (used by the demo and by benchmarks).
public struct BulkLoader: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func isEmpty() async throws -> Bool {
        try await OrganizationRecord.query(on: database).count() == 0
    }

    public func load(organizations: [Organization], links: [OrganizationLink], members: [Member],
                     assignments: [MemberAssignment], summary: String, at now: Date = Date()) async throws {
        try await database.transaction { tx in
            for batch in organizations.map(OrganizationRecord.init).chunked(200) {
                try await Array(batch).create(on: tx)
            }
            for batch in links.map(OrganizationLinkRecord.init).chunked(500) {
                try await Array(batch).create(on: tx)
            }
            for batch in members.map(MemberRecord.init).chunked(300) {
                try await Array(batch).create(on: tx)
            }
            for batch in assignments.map(MemberAssignmentRecord.init).chunked(500) {
                try await Array(batch).create(on: tx)
            }
            try await AuditStore.append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: .create, entityType: "bulkLoad",
                entityID: "demo", organizationID: organizations.first?.id, summary: summary, before: nil, after: nil), on: tx)
        }
    }
}
