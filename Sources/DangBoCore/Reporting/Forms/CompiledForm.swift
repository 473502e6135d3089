import Foundation

/// What validation derives from a form once, for rendering and entry: parsed expressions, computation orders and
/// the greyed cells. Only built for definitions that passed validation.
struct CompiledForm: Sendable, Hashable {
    /// Printed column key → expression over entry columns (every column without `formula`).
    var columnExpressions: [String: ReportExpression] = [:]
    /// Printed column key → formula over printed columns.
    var columnFormulas: [String: ReportExpression] = [:]
    /// Formula columns, each after the formula columns it reads.
    var formulaOrder: [String] = []
    /// Computed row key → formula over rows.
    var rowFormulas: [String: ReportExpression] = [:]
    /// Computed rows, each after the computed rows it reads.
    var computedRowOrder: [String] = []
    var greyed = GreyedCells()
    var rules: [CompiledRule] = []
    /// Entry column key → the printed columns whose `expr` reads it.
    var entryColumnUsers: [String: [String]] = [:]
}

/// A validation rule with its sides parsed.
struct CompiledRule: Sendable, Hashable {
    var left: ReportExpression
    var right: ReportExpression
    /// Every cell either side reads, in order of appearance.
    var cells: [CellKey]
}

/// One problem in one definition: where (a JSON-ish path such as `rows[4].formula`) and what, in Vietnamese.
struct FormProblem: Sendable, Hashable {
    var path: String
    var message: String
}
