import Foundation

/// The result of one validation rule on one entry sheet.
public struct RuleOutcome: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Status: String, Hashable, Sendable, Codable {
        case passed
        case failed
        /// A cell on either side was empty (docs/forms.md: "a rule with an empty cell on either side is skipped").
        case skipped
    }

    /// The rule's position in the form's `rules`.
    public var ruleIndex: Int
    public var rule: ValidationRule
    public var status: Status
    public var left: Double?
    public var right: Double?
    /// The cells either side reads, in order of appearance.
    public var cells: [CellKey]

    public init(ruleIndex: Int, rule: ValidationRule, status: Status, left: Double?, right: Double?, cells: [CellKey]) {
        self.ruleIndex = ruleIndex
        self.rule = rule
        self.status = status
        self.left = left
        self.right = right
        self.cells = cells
    }

    public var severity: RuleSeverity { rule.severity }
    public var message: String { rule.message }
    public var passed: Bool { status == .passed }
    public var failed: Bool { status == .failed }

    /// The rule's message with the comparison that failed: "Số có vi phạm không vượt quá số được kiểm tra
    /// (r1b:n ≤ r1a:n: 5 ≤ 3 không đúng)".
    public var description: String {
        guard status != .skipped, let left, let right else { return message }
        let verdict = status == .failed ? "không đúng" : "đúng"
        return "\(message) (\(rule.left) \(rule.op.symbol) \(rule.right): "
            + "\(CellType.number.format(left, decimals: RuleOutcome.decimals(left))) \(rule.op.symbol) "
            + "\(CellType.number.format(right, decimals: RuleOutcome.decimals(right))) \(verdict))"
    }

    private static func decimals(_ value: Double) -> Int {
        value == value.rounded() ? 0 : 2
    }
}
