import DangBoCore
import FluentKit
import Foundation

final class AccountRecord: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @Field(key: "scope_organization_id") var scopeOrganizationID: UUID
    @OptionalField(key: "member_id") var memberID: UUID?
    @OptionalField(key: "email") var email: String?

    init() {}

    func actor() throws -> Actor {
        guard let id, let role = Role(rawValue: role) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return Actor(accountID: id, username: username, displayName: displayName, role: role,
                     scopeOrganizationID: scopeOrganizationID, memberID: memberID)
    }
}

final class ApiTokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

final class LoginAttemptRecord: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "at") var at: Date
    @Field(key: "succeeded") var succeeded: Bool

    init() {}
}
