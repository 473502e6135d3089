import DangBoCore
import Vapor

/// The problems of a page's filter parameters (a mistyped date, an edited period code or cursor): each is read with
/// a fallback, and what could not be read becomes a message beside its filter, so the page still renders — with
/// the user's text kept in the field — instead of an error page.
struct FilterProblems {
    private(set) var problems: [FieldProblem] = []
    /// An identifier that is unknown or outside the account's subtree answers 404 (as every route does), the page
    /// still shown with the message.
    private var hasUnknownIdentifier = false
    /// A strict reader records nothing: every refusal is thrown (exports, API, writes).
    var isStrict = false

    static var strict: FilterProblems { FilterProblems(isStrict: true) }

    var isEmpty: Bool { problems.isEmpty }

    /// The parsed value, or `fallback` with the problem recorded under `field` when the parameter was refused.
    mutating func read<T>(_ field: String, fallback: T, _ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch let error as DomainError {
            try record(error, field: field)
            return fallback
        }
    }

    mutating func read<T>(_ field: String, fallback: T, _ parse: () async throws -> T) async throws -> T {
        do {
            return try await parse()
        } catch let error as DomainError {
            try record(error, field: field)
            return fallback
        }
    }

    /// Refusals of the input become problems; a refusal of the user (forbidden) or of the server is rethrown.
    private mutating func record(_ error: DomainError, field: String) throws {
        if isStrict { throw error }
        switch error {
        case .invalid(let list): problems += list.map { $0.field.isEmpty ? FieldProblem(field: field, message: $0.message) : $0 }
        case .notFound(let message):
            problems.append(FieldProblem(field: field, message: message))
            hasUnknownIdentifier = true
        case .forbidden, .conflict: throw error
        }
    }

    /// A page with refused filters answers 422 (404 for an unknown identifier) so that scripts and tests see it,
    /// while browsers show the page.
    var status: HTTPStatus { problems.isEmpty ? .ok : hasUnknownIdentifier ? .notFound : .unprocessableEntity }
}
