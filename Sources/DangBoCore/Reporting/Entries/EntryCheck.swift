import Foundation

/// Everything an entry sheet's check finds: cell problems, rule outcomes and the computed rows' values.
public struct EntryCheck: Hashable, Sendable, Codable {
    /// Values that do not fit their cell (type, range, length) or cells that are not to be filled.
    public var cellProblems: [CellProblem]
    /// One outcome per rule of the form, in order.
    public var ruleOutcomes: [RuleOutcome]
    /// Computed rows' values per entry column, for the entry view.
    public var computedValues: [CellKey: Double]

    public init(cellProblems: [CellProblem], ruleOutcomes: [RuleOutcome], computedValues: [CellKey: Double]) {
        self.cellProblems = cellProblems
        self.ruleOutcomes = ruleOutcomes
        self.computedValues = computedValues
    }

    /// Failed rules of severity `error`.
    public var failedErrorRules: [RuleOutcome] {
        ruleOutcomes.filter { $0.failed && $0.severity == .error }
    }

    /// Failed rules of severity `warning`: each must be explained with a comment before submitting.
    public var warnings: [RuleOutcome] {
        ruleOutcomes.filter { $0.failed && $0.severity == .warning }
    }

    /// What blocks submission, as sentences: cell problems ("Ô r1a:n: phải là số nguyên không âm"), then failed
    /// error rules.
    public var blockingErrors: [String] {
        cellProblems.map(\.description) + failedErrorRules.map(\.description)
    }

    public var hasBlockingErrors: Bool { !cellProblems.isEmpty || !failedErrorRules.isEmpty }

    /// True when nothing blocks and every failed warning rule (by `ruleIndex`) has an explanation.
    public func canSubmit(explainedWarnings: Set<Int>) -> Bool {
        !hasBlockingErrors && warnings.allSatisfy { explainedWarnings.contains($0.ruleIndex) }
    }

    /// The blocking errors as field problems, for `DomainError.invalid`: cells by "row:column", rules by "rules[i]".
    public var fieldProblems: [FieldProblem] {
        cellProblems.map(\.fieldProblem)
            + failedErrorRules.map { FieldProblem(field: "rules[\($0.ruleIndex)]", message: $0.description) }
    }
}
