import Foundation

/// The numbers of a form over a span, in the order docs/forms.md prescribes:
/// 1. each data row × column without `formula`: `expr` over the entry columns' values over the column's period
///    (so ratios are computed from summed numerators and denominators);
/// 2. computed rows, in dependency order: the row formula applied to each entry column's values, then the
///    column's `expr` (a total row's ratio is the ratio of its totals, never a sum of ratios);
/// 3. formula columns, in dependency order, for data and computed rows.
/// Greyed cells stay empty and count as empty in formulas.
struct TableComputation {
    let form: FormDefinition
    let span: Period
    /// The period of each column without `formula`; missing when it falls outside the span.
    let periods: [String: Period]
    private(set) var numbers: [String: [String: Double]] = [:]
    private(set) var texts: [String: [String: String]] = [:]
    /// row → column → entry column → value: what each `expr` cell was computed from.
    private(set) var inputs: [String: [String: [String: Double]]] = [:]

    static func periods(of form: FormDefinition, span: Period, terms: TermCalendar) -> [String: Period] {
        var periods: [String: Period] = [:]
        for column in form.columns where column.formula == nil {
            periods[column.key] = (column.period ?? .span).resolve(in: span, terms: terms)
        }
        // In a shorter span, parts counted from the start reach the part counted from the end (PL 8.1's "2022" and
        // "to 3/2023" in a one-year span): that part shows once, in the column counting from the end, so a column that
        // sums them ("6=2+3+4+5") never counts a period twice.
        let fromEnd = Set(form.columns.compactMap { column -> Period? in
            guard let relative = column.period, relative.part != nil, let index = relative.index, index < 0 else { return nil }
            return periods[column.key]
        })
        for column in form.columns {
            guard let relative = column.period, relative.part != nil, let index = relative.index, index >= 0,
                  let period = periods[column.key], fromEnd.contains(period) else { continue }
            periods[column.key] = nil
        }
        return periods
    }

    init(form: FormDefinition, span: Period, terms: TermCalendar, source: some ReportValueSource) {
        self.form = form
        self.span = span
        self.periods = TableComputation.periods(of: form, span: span, terms: terms)
        let exprColumns = form.columns.filter { $0.formula == nil }
        for row in form.rows where row.kind == .data {
            for column in exprColumns {
                guard let period = periods[column.key], !form.isGreyed(row: row.key, column: column.key),
                      let expression = form.expression(ofColumn: column.key) else { continue }
                if let name = expression.referenceName, form.entryType(row: row.key, column: name)?.isNumeric == false {
                    texts[row.key, default: [:]][column.key] = source.text(row: row.key, column: name, period: period)
                    continue
                }
                var values: [String: Double] = [:]
                for variable in expression.orderedVariables {
                    values[variable] = source.number(row: row.key, column: variable, period: period)
                }
                inputs[row.key, default: [:]][column.key] = values
                numbers[row.key, default: [:]][column.key] = expression.evaluate { values[$0] }
            }
        }
        for rowKey in form.compiled.computedRowOrder {
            guard let formula = form.formula(ofRow: rowKey) else { continue }
            for column in exprColumns {
                guard periods[column.key] != nil, !form.isGreyed(row: rowKey, column: column.key),
                      let expression = form.expression(ofColumn: column.key) else { continue }
                var values: [String: Double] = [:]
                for variable in expression.orderedVariables {
                    values[variable] = formula.evaluate { inputs[$0]?[column.key]?[variable] }
                }
                inputs[rowKey, default: [:]][column.key] = values
                numbers[rowKey, default: [:]][column.key] = expression.evaluate { values[$0] }
            }
        }
        for row in form.rows where row.kind != .heading {
            for key in form.compiled.formulaOrder {
                guard !form.isGreyed(row: row.key, column: key), let formula = form.formula(ofColumn: key) else { continue }
                let rowNumbers = numbers[row.key] ?? [:]
                numbers[row.key, default: [:]][key] = formula.evaluate { rowNumbers[$0] }
            }
        }
    }

    func number(row: String, column: String) -> Double? { numbers[row]?[column] }

    func text(row: String, column: String) -> String? { texts[row]?[column] }

    func isText(row: FormRow, column: PrintedColumn) -> Bool {
        guard row.kind == .data, let name = form.expression(ofColumn: column.key)?.referenceName else { return false }
        return form.entryType(row: row.key, column: name)?.isNumeric == false
    }
}
