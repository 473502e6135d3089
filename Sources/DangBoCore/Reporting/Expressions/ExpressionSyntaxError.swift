import Foundation

/// A syntax error in an expression: where (0-based character offset) and what, in Vietnamese.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// "lỗi cú pháp ở ký tự 5: thiếu dấu \")\""
    public var description: String { "lỗi cú pháp ở ký tự \(offset + 1): \(message)" }
}
