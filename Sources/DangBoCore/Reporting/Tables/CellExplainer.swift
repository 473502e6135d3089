import Foundation

/// Writes where a rendered cell's number comes from (DESIGN.md §5): "c2+c3+c4+c5 = 384 + 648 + 1.257 + 89 = 2.378",
/// "1.109/7.525 = 14,7%", "Số lượng, Năm 2021: 648".
struct CellExplainer {
    let computation: TableComputation

    private var form: FormDefinition { computation.form }

    func explain(row: FormRow, column: PrintedColumn) -> String {
        if row.kind == .heading { return "Dòng tiêu đề, không có số liệu." }
        if form.isGreyed(row: row.key, column: column.key) { return "Ô gạch chéo, không có số liệu." }
        let value = computation.number(row: row.key, column: column.key)
        if let formula = form.formula(ofColumn: column.key) {
            return sentence(formula, showFormula: true, column: column, value: value) { key in
                self.columnOperand(row: row.key, column: key, resultExists: value != nil)
            }
        }
        guard let expression = form.expression(ofColumn: column.key) else { return "" }
        guard let period = computation.periods[column.key] else {
            return "Kỳ của cột không nằm trong \(computation.span.label)."
        }
        let inputs = computation.inputs[row.key]?[column.key] ?? [:]
        if row.kind == .computed, let rowFormula = form.formula(ofRow: row.key), expression.referenceName != nil {
            return sentence(rowFormula, showFormula: true, column: column, value: value) { key in
                self.columnOperand(row: key, column: column.key, resultExists: value != nil)
            }
        }
        if let name = expression.referenceName {
            let title = form.entryColumn(name)?.title ?? name
            if computation.isText(row: row, column: column) {
                let text = computation.text(row: row.key, column: column.key) ?? ""
                return "\(title), \(period.label): " + (text.isEmpty ? "chưa có số liệu" : text)
            }
            guard let value else { return "\(title), \(period.label): chưa có số liệu" }
            return "\(title), \(period.label): \(column.type.format(value, decimals: column.effectiveDecimals))"
        }
        return sentence(expression, showFormula: false, column: column, value: value) { key in
            guard let number = inputs[key] else { return value == nil ? "…" : "0" }
            let type = self.form.entryType(row: row.key, column: key) ?? self.form.entryColumn(key)?.type ?? .number
            return type.format(number)
        }
    }

    /// An operand's value as printed; an empty operand of a result that exists counted as 0 (additions), so it
    /// shows as "0"; otherwise as "…".
    private func columnOperand(row: String, column key: String, resultExists: Bool) -> String {
        guard let number = computation.number(row: row, column: key) else { return resultExists ? "0" : "…" }
        guard let column = form.column(key) else { return ReportExpression.text(of: number) }
        return column.type.format(number, decimals: column.effectiveDecimals)
    }

    private func sentence(_ expression: ReportExpression, showFormula: Bool, column: PrintedColumn, value: Double?,
                          operand: (String) -> String) -> String {
        var suffix = ""
        var substituted: String
        if column.type == .percent, let (numerator, denominator) = CellExplainer.ratioParts(expression) {
            substituted = CellExplainer.wrapped(numerator, operand, isDenominator: false) + "/"
                + CellExplainer.wrapped(denominator, operand, isDenominator: true)
            suffix = "%"
        } else {
            substituted = expression.rendered(spaced: true, operand: operand)
        }
        var parts: [String] = []
        let formulaText = expression.description
        if showFormula, formulaText != substituted { parts.append(formulaText) }
        parts.append(substituted)
        guard let value else {
            let missing = substituted.contains("…")
            return parts.joined(separator: " = ") + (missing ? ": chưa đủ số liệu" : ": không tính được (chia cho 0)")
        }
        parts.append(column.type.format(value, decimals: column.effectiveDecimals) + suffix)
        return parts.joined(separator: " = ")
    }

    /// (a, b) for a/b*100, 100*a/b, a*100/b and 100*(a/b).
    static func ratioParts(_ expression: ReportExpression) -> (ReportExpression, ReportExpression)? {
        switch expression {
        case .binary(.multiply, .binary(.divide, let a, let b), .number(100)),
             .binary(.multiply, .number(100), .binary(.divide, let a, let b)),
             .binary(.divide, .binary(.multiply, let a, .number(100)), let b),
             .binary(.divide, .binary(.multiply, .number(100), let a), let b):
            return (a, b)
        default:
            return nil
        }
    }

    private static func wrapped(_ expression: ReportExpression, _ operand: (String) -> String,
                                isDenominator: Bool) -> String {
        let text = expression.rendered(spaced: true, operand: operand)
        guard case .binary(let op, _, _) = expression else { return text }
        return isDenominator || op == .add || op == .subtract ? "(\(text))" : text
    }
}
