import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Where the data lives: an SQLite file (the embedded default), SQLite in memory (tests), or PostgreSQL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    public static let defaultSQLitePath = "data/dangbo.sqlite"

    /// Reads a location from a URL-ish text: "postgres://…", "postgresql://…", "sqlite://path", "sqlite::memory:",
    /// a bare path ending in .sqlite, or nil for the default file.
    public init(text: String?) throws {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            self = .sqliteFile(Self.defaultSQLitePath)
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard URL(string: text)?.host != nil else { throw StorageError.badDatabaseURL(text) }
            self = .postgres(text.replacingOccurrences(of: "postgresql://", with: "postgres://"))
        } else if text == "sqlite::memory:" || text == ":memory:" || text == "sqlite://:memory:" {
            self = .sqliteMemory
        } else if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw StorageError.badDatabaseURL(text) }
            self = .sqliteFile(path)
        } else if text.hasSuffix(".sqlite") || text.hasSuffix(".db") {
            self = .sqliteFile(text)
        } else {
            throw StorageError.badDatabaseURL(text)
        }
    }

    public var isPostgres: Bool { if case .postgres = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .sqliteFile(let path): return "SQLite \(path)"
        case .sqliteMemory: return "SQLite (bộ nhớ)"
        case .postgres(let url):
            // Hide the password when printing.
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL \(components.string ?? "")"
        }
    }

    /// PostgreSQL connections per event loop (the server runs one event loop per core): `DANGBO_DB_POOL`, 1–64,
    /// default 4, so a 2-core instance keeps up to 8 connections open. SQLite uses its own single writer.
    public static func connectionsPerEventLoop(environment: [String: String]) throws -> Int {
        guard let text = environment["DANGBO_DB_POOL"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return defaultConnectionsPerEventLoop
        }
        guard let value = Int(text), (1...64).contains(value) else { throw StorageError.badPoolSize(text) }
        return value
    }

    public static let defaultConnectionsPerEventLoop = 4

    /// Registers this location as the default database.
    public func register(on databases: Databases,
                         connectionsPerEventLoop: Int = DatabaseLocation.defaultConnectionsPerEventLoop) throws {
        switch self {
        case .sqliteFile(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite, isDefault: true)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite, isDefault: true)
        case .postgres(let url):
            databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: connectionsPerEventLoop, sqlLogLevel: .debug),
                          as: .psql, isDefault: true)
        }
    }
}
