import Foundation

/// What one organization entered on one form for one entry period, and its checks.
public struct EntrySheet: Sendable, Hashable {
    public let form: FormDefinition
    public let period: Period
    public var values: [CellKey: CellValue]

    public init(form: FormDefinition, period: Period, values: [CellKey: CellValue] = [:]) {
        self.form = form
        self.period = period
        self.values = values
    }

    /// Reads typed text for each cell (`CellValue.parse`); empty text leaves the cell empty. Returns the sheet and
    /// the cells whose text could not be read (those cells stay empty).
    public static func parsing(form: FormDefinition, period: Period,
                               inputs: [CellKey: String]) -> (sheet: EntrySheet, problems: [CellProblem]) {
        var values: [CellKey: CellValue] = [:]
        var problems: [CellProblem] = []
        for (cell, text) in inputs.sorted(by: { $0.key < $1.key }) {
            guard let type = form.entryType(row: cell.row, column: cell.column) else {
                problems.append(CellProblem(cell: cell, message: "không có ô này trong biểu mẫu \(form.code)"))
                continue
            }
            do {
                if let value = try CellValue.parse(text, type: type) { values[cell] = value }
            } catch {
                problems.append(CellProblem(cell: cell, message: error.message))
            }
        }
        return (EntrySheet(form: form, period: period, values: values), problems)
    }

    /// The number entered in a cell.
    public func number(_ cell: CellKey) -> Double? { values[cell]?.number }

    /// Checks every value against its cell, computes the computed rows and runs every rule.
    public func check() -> EntryCheck {
        EntryCheck(cellProblems: cellProblems(), ruleOutcomes: ruleOutcomes(), computedValues: computedValues())
    }

    /// Values that do not fit: cells outside the form, greyed or non-data cells, wrong types or ranges.
    public func cellProblems() -> [CellProblem] {
        let fillable = Set(form.entryCells)
        var problems: [CellProblem] = []
        for (cell, value) in values.sorted(by: { form.order(of: $0.key) < form.order(of: $1.key) }) {
            guard let type = form.entryType(row: cell.row, column: cell.column), let row = form.row(cell.row) else {
                problems.append(CellProblem(cell: cell, message: "không có ô này trong biểu mẫu \(form.code)"))
                continue
            }
            guard row.kind == .data else {
                problems.append(CellProblem(cell: cell, message: "dòng \(row.kind == .computed ? "tính toán" : "tiêu đề") "
                    + "không nhập số liệu"))
                continue
            }
            guard fillable.contains(cell) else {
                problems.append(CellProblem(cell: cell, message: "ô gạch chéo, không nhập số liệu"))
                continue
            }
            if let message = value.problem(for: type) {
                problems.append(CellProblem(cell: cell, message: message))
            }
        }
        return problems
    }

    /// Each computed row's value for each numeric entry column: its formula over the entered (and computed) rows.
    public func computedValues() -> [CellKey: Double] {
        var result: [CellKey: Double] = [:]
        for rowKey in form.compiled.computedRowOrder {
            guard let formula = form.formula(ofRow: rowKey) else { continue }
            for column in form.entryColumns where column.type.isNumeric {
                let value = formula.evaluate { row in
                    let cell = CellKey(row: row, column: column.key)
                    return result[cell] ?? number(cell)
                }
                if let value { result[CellKey(row: rowKey, column: column.key)] = value }
            }
        }
        return result
    }

    /// One outcome per rule. As docs/forms.md says, a rule with an empty cell on either side is skipped (its sides
    /// are still computed where they can be, for display).
    public func ruleOutcomes() -> [RuleOutcome] {
        zip(form.rules, form.compiled.rules).enumerated().map { index, pair in
            let (rule, compiled) = pair
            let lookup: (String) -> Double? = { key in CellKey(parsing: key).flatMap { self.number($0) } }
            let left = compiled.left.evaluate(lookup)
            let right = compiled.right.evaluate(lookup)
            let complete = compiled.cells.allSatisfy { number($0) != nil }
            let status: RuleOutcome.Status
            if complete, let left, let right {
                status = rule.op.holds(left, right) ? .passed : .failed
            } else {
                status = .skipped
            }
            return RuleOutcome(ruleIndex: index, rule: rule, status: status, left: left, right: right,
                               cells: compiled.cells)
        }
    }
}

extension FormDefinition {
    /// A cell's position in print order (row, then entry column), for listing problems as the form reads.
    func order(of cell: CellKey) -> (Int, Int, String) {
        let row = rows.firstIndex { $0.key == cell.row } ?? Int.max
        let column = entryColumns.firstIndex { $0.key == cell.column } ?? Int.max
        return (row, column, cell.description)
    }
}
