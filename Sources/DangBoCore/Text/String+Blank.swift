import Foundation

extension String {
    /// The text without surrounding white space, or nil when nothing is left (optional form fields).
    public var nilIfBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension Optional {
    /// `map` with an async transform, for optional ids that need a lookup.
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
