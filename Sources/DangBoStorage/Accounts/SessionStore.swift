import FluentKit
import Foundation

final class SessionRecord: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "data") var data: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// Server-side session data keyed by the cookie's random id, in the shared database.
public struct SessionStore: Sendable {
    let database: any Database
    public static let lifetime: TimeInterval = 8 * 3600

    public init(database: any Database) {
        self.database = database
    }

    public func read(key: String) async throws -> [String: String]? {
        guard let record = try await SessionRecord.query(on: database).filter(\.$key == key).first() else { return nil }
        guard record.expiresAt > Date() else {
            try await record.delete(on: database)
            return nil
        }
        return try JSONDecoder().decode([String: String].self, from: Data(record.data.utf8))
    }

    public func write(key: String, data: [String: String]) async throws {
        let text = String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
        let expires = Date().addingTimeInterval(Self.lifetime)
        if let record = try await SessionRecord.query(on: database).filter(\.$key == key).first() {
            record.data = text
            record.expiresAt = expires
            try await record.save(on: database)
        } else {
            let record = SessionRecord()
            record.id = UUID()
            record.key = key
            record.data = text
            record.expiresAt = expires
            try await record.create(on: database)
        }
    }

    public func delete(key: String) async throws {
        try await SessionRecord.query(on: database).filter(\.$key == key).delete()
    }
}
