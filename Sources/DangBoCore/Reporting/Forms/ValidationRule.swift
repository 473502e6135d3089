import Foundation

/// A comparison between two expressions over entry cells.
public enum ComparisonOperator: String, Codable, Sendable, CaseIterable, Hashable {
    case equal = "=="
    case lessOrEqual = "<="
    case less = "<"
    case greaterOrEqual = ">="
    case greater = ">"
    case notEqual = "!="

    /// Compares with a tolerance of a millionth, so that sums of decimals compare as people expect.
    public func holds(_ left: Double, _ right: Double) -> Bool {
        let tolerance = 1e-6 * max(1, abs(left), abs(right))
        let equal = abs(left - right) <= tolerance
        switch self {
        case .equal: return equal
        case .notEqual: return !equal
        case .lessOrEqual: return left < right || equal
        case .less: return left < right && !equal
        case .greaterOrEqual: return left > right || equal
        case .greater: return left > right && !equal
        }
    }

    /// The sign as Vietnamese readers write it.
    public var symbol: String {
        switch self {
        case .equal: return "="
        case .lessOrEqual: return "≤"
        case .less: return "<"
        case .greaterOrEqual: return "≥"
        case .greater: return ">"
        case .notEqual: return "≠"
        }
    }
}

/// What a failed rule does.
public enum RuleSeverity: String, Codable, Sendable, CaseIterable, Hashable {
    /// Blocks submission.
    case error
    /// Must be explained with a comment before submitting.
    case warning
}

/// A validation rule over entry cells: `{"left": "r1b:n", "op": "<=", "right": "r1a:n", "severity": "error",
/// "message": "..."}`. Sides are expressions whose keys are `row:entryColumn` cells.
public struct ValidationRule: Codable, Sendable, Hashable {
    public var left: String
    public var op: ComparisonOperator
    public var right: String
    public var severity: RuleSeverity
    public var message: String

    public init(left: String, op: ComparisonOperator, right: String, severity: RuleSeverity, message: String) {
        self.left = left
        self.op = op
        self.right = right
        self.severity = severity
        self.message = message
    }
}
