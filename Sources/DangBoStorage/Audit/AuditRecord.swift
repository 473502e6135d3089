import DangBoCore
import FluentKit
import Foundation

final class AuditRecord: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "organization_id") var organizationID: UUID?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?

    init() {}

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        actorID = entry.actorID
        actorName = entry.actorName
        action = entry.action.rawValue
        entityType = entry.entityType
        entityID = entry.entityID
        organizationID = entry.organizationID
        summary = entry.summary
        before = entry.before
        after = entry.after
    }

    func domain() throws -> AuditEntry {
        guard let id, let action = AuditAction(rawValue: action) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return AuditEntry(id: id, at: at, actorID: actorID, actorName: actorName, action: action,
                          entityType: entityType, entityID: entityID, organizationID: organizationID,
                          summary: summary, before: before, after: after)
    }
}
