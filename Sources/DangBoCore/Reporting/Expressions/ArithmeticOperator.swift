import Foundation

/// The four arithmetic operators.
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    var precedence: Int { self == .add || self == .subtract ? 1 : 2 }

    var isAssociative: Bool { self == .add || self == .multiply }

    /// Addition and subtraction, where an empty operand counts as 0.
    var isAdditive: Bool { self == .add || self == .subtract }

    func apply(_ a: Double, _ b: Double) -> Double? {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return b == 0 ? nil : a / b
        }
    }
}
