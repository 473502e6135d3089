import Foundation

/// Why typed text is not a value of its cell's type.
public struct CellInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
