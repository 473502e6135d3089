import Foundation

/// An arithmetic expression of a report form: numbers, keys, `+ - * /`, unary minus, parentheses and
/// `sum(a, b, ...)`. Keys are entry column keys (`expr`), printed column keys (`formula`), row keys (row formulas)
/// or `row:column` cells (rules).
///
/// Named `ReportExpression` rather than `Expression` because Foundation exports an `Expression` type, and a second
/// one would make the name ambiguous in every file that imports both.
public indirect enum ReportExpression: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case reference(String)
    case negate(ReportExpression)
    case binary(ArithmeticOperator, ReportExpression, ReportExpression)
    case sum([ReportExpression])

    /// Parses `text`; a syntax error names the character position (1-based in its message).
    public init(parsing text: String) throws(ExpressionSyntaxError) {
        var parser = ExpressionParser(text)
        self = try parser.parseAll()
    }

    /// Every key the expression reads.
    public var variables: Set<String> { Set(orderedVariables) }

    /// The keys in order of first appearance, for explanations.
    public var orderedVariables: [String] {
        var seen: [String] = []
        collect(into: &seen)
        return seen
    }

    /// The key when the expression is a single key (`"n"`), else nil.
    public var referenceName: String? {
        if case .reference(let name) = self { return name }
        return nil
    }

    /// The value, or nil (an empty cell).
    ///
    /// Empty operands: in additions and subtractions, and in `sum(...)`, an empty operand counts as 0 unless every
    /// operand is empty (printed tables leave zeros blank, and a total over partly blank rows is still the total:
    /// the seed's "0 · · 6 · 6"); in multiplications, divisions and negations an empty operand makes the result
    /// empty (a ratio without its denominator is not a number). Division by zero and non-finite results are empty.
    public func evaluate(_ lookup: (String) -> Double?) -> Double? {
        let value: Double?
        switch self {
        case .number(let number):
            value = number
        case .reference(let name):
            value = lookup(name)
        case .negate(let operand):
            value = operand.evaluate(lookup).map { -$0 }
        case .binary(let op, let left, let right):
            let a = left.evaluate(lookup)
            let b = right.evaluate(lookup)
            if op.isAdditive {
                guard a != nil || b != nil else { return nil }
                value = op.apply(a ?? 0, b ?? 0)
            } else {
                guard let a, let b else { return nil }
                value = op.apply(a, b)
            }
        case .sum(let arguments):
            let values = arguments.compactMap { $0.evaluate(lookup) }
            value = values.isEmpty ? nil : values.reduce(0, +)
        }
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// Compact canonical text: `c2+c3+c4+c5`, `c6/c1*100`, `sum(a, b)`.
    public var description: String {
        rendered(spaced: false) { $0 }
    }

    /// The expression written with each key replaced by `operand(key)`; with `spaced`, `+` and `-` get spaces
    /// around them ("384 + 648 + 1.257 + 89"). Operands that start with a minus sign are put in parentheses.
    public func rendered(spaced: Bool, operand: (String) -> String) -> String {
        switch self {
        case .number(let number):
            return ReportExpression.text(of: number)
        case .reference(let name):
            let text = operand(name)
            return text.hasPrefix("-") ? "(\(text))" : text
        case .negate(let inner):
            let text = inner.rendered(spaced: spaced, operand: operand)
            if case .binary = inner { return "-(\(text))" }
            return "-" + text
        case .binary(let op, let left, let right):
            var leftText = left.rendered(spaced: spaced, operand: operand)
            var rightText = right.rendered(spaced: spaced, operand: operand)
            if case .binary(let leftOp, _, _) = left, leftOp.precedence < op.precedence {
                leftText = "(\(leftText))"
            }
            if case .binary(let rightOp, _, _) = right,
               rightOp.precedence < op.precedence || (rightOp.precedence == op.precedence && !op.isAssociative) {
                rightText = "(\(rightText))"
            }
            let symbol = spaced && op.precedence == 1 ? " \(op.rawValue) " : op.rawValue
            return leftText + symbol + rightText
        case .sum(let arguments):
            return "sum(" + arguments.map { $0.rendered(spaced: spaced, operand: operand) }.joined(separator: ", ") + ")"
        }
    }

    static func text(of number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

    private func collect(into seen: inout [String]) {
        switch self {
        case .number:
            break
        case .reference(let name):
            if !seen.contains(name) { seen.append(name) }
        case .negate(let operand):
            operand.collect(into: &seen)
        case .binary(_, let left, let right):
            left.collect(into: &seen)
            right.collect(into: &seen)
        case .sum(let arguments):
            for argument in arguments { argument.collect(into: &seen) }
        }
    }
}
