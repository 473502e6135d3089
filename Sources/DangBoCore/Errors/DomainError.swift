import Foundation

/// A problem with one field of an input, in Vietnamese, naming the field (and row/column for files).
public struct FieldProblem: Codable, Sendable, Hashable, Error {
    public var field: String
    public var message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Errors the domain and storage layers raise; the web layer maps each to one HTTP status.
public enum DomainError: Error, Sendable, Equatable {
    /// Input is invalid; nothing was written.
    case invalid([FieldProblem])
    /// The thing asked for does not exist (or is outside what the user may see).
    case notFound(String)
    /// The user may not do this.
    case forbidden(String)
    /// The write conflicts with existing data (duplicate code, stale version ...).
    case conflict(String)

    public var message: String {
        switch self {
        case .invalid(let problems): return problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .notFound(let message), .forbidden(let message), .conflict(let message): return message
        }
    }
}
