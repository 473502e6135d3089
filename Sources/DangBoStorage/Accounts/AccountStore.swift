import DangBoCore
import FluentKit
import Foundation

/// A new account's details; the password arrives already hashed (hashing lives in the web layer).
public struct AccountDraft: Sendable {
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var role: Role
    public var scopeOrganizationID: UUID
    public var memberID: UUID?
    public var email: String?

    public init(username: String, displayName: String, passwordHash: String, role: Role, scopeOrganizationID: UUID,
                memberID: UUID? = nil, email: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.scopeOrganizationID = scopeOrganizationID
        self.memberID = memberID
        self.email = email
    }
}

/// Accounts, API tokens and login throttling, all in the database so that several app instances agree.
public struct AccountStore: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// Failed logins allowed per username within `throttleWindow` before further attempts are refused.
    public static let maxFailures = 5
    public static let throttleWindow: TimeInterval = 15 * 60

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    public func create(_ draft: AccountDraft) async throws -> Actor {
        let username = draft.username.lowercased().trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty, username.count <= 64 else {
            throw DomainError.invalid([.init(field: "username", message: "Tên đăng nhập từ 1 đến 64 ký tự")])
        }
        if try await AccountRecord.query(on: database).filter(\.$username == username).first() != nil {
            throw DomainError.invalid([.init(field: "username", message: "Tên đăng nhập \(username) đã có")])
        }
        let record = AccountRecord()
        record.id = UUID()
        record.username = username
        record.displayName = draft.displayName
        record.passwordHash = draft.passwordHash
        record.role = draft.role.rawValue
        record.scopeOrganizationID = draft.scopeOrganizationID
        record.memberID = draft.memberID
        record.email = draft.email
        try await record.create(on: database)
        return try record.actor()
    }

    public func actor(id: UUID) async throws -> Actor? {
        try await AccountRecord.find(id, on: database)?.actor()
    }

    /// The stored hash for a username, to verify a password against.
    public func credentials(username: String) async throws -> (actor: Actor, passwordHash: String)? {
        let name = username.lowercased().trimmingCharacters(in: .whitespaces)
        guard let record = try await AccountRecord.query(on: database).filter(\.$username == name).first() else {
            return nil
        }
        return (try record.actor(), record.passwordHash)
    }

    public func count() async throws -> Int {
        try await AccountRecord.query(on: database).count()
    }

    /// True when the username has had too many recent failures; checked before verifying the password.
    public func isThrottled(username: String) async throws -> Bool {
        let since = clock().addingTimeInterval(-Self.throttleWindow)
        let name = username.lowercased().trimmingCharacters(in: .whitespaces)
        let failures = try await LoginAttemptRecord.query(on: database).filter(\.$username == name)
            .filter(\.$at >= since).filter(\.$succeeded == false).count()
        return failures >= Self.maxFailures
    }

    public func recordAttempt(username: String, succeeded: Bool) async throws {
        let name = String(username.lowercased().trimmingCharacters(in: .whitespaces).prefix(64))
        if succeeded {
            // A success clears the failures that counted towards the throttle.
            try await LoginAttemptRecord.query(on: database).filter(\.$username == name).delete()
        }
        let record = LoginAttemptRecord()
        record.id = UUID()
        record.username = name
        record.at = clock()
        record.succeeded = succeeded
        try await record.create(on: database)
    }

    /// Stores a token's hash; the caller keeps the token itself.
    public func storeToken(hash: String, for accountID: UUID, validFor seconds: TimeInterval) async throws {
        let record = ApiTokenRecord()
        record.id = UUID()
        record.accountID = accountID
        record.tokenHash = hash
        record.expiresAt = clock().addingTimeInterval(seconds)
        try await record.create(on: database)
    }

    public func actor(tokenHash: String) async throws -> Actor? {
        guard let token = try await ApiTokenRecord.query(on: database).filter(\.$tokenHash == tokenHash).first(),
              token.expiresAt > clock() else { return nil }
        return try await actor(id: token.accountID)
    }
}
