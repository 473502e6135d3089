import Foundation

/// Renders a form as its printed table for a span (a year, the term so far, "01/2021–03/2023" ...), taking entered
/// values from a `ReportValueSource`. Organization-independent: the source has already rolled values up.
public struct TableRenderer: Sendable {
    public let form: FormDefinition
    /// The configured terms: "the same span of the previous term" and the term names in titles come from here.
    public let terms: TermCalendar

    public init(form: FormDefinition, terms: TermCalendar = .empty) {
        self.form = form
        self.terms = terms
    }

    /// The period each column without `formula` covers in `span`; a column whose relative period falls outside
    /// the span (the third year of a two-year span) is missing and prints empty.
    public func columnPeriods(span: Period) -> [String: Period] {
        TableComputation.periods(of: form, span: span, terms: terms)
    }

    /// Every distinct period the value source will be asked about, in order, for prefetching.
    public func requiredPeriods(span: Period) -> [Period] {
        Array(Set(columnPeriods(span: span).values)).sorted()
    }

    public func render(span: Period, values source: some ReportValueSource) -> RenderedTable {
        let computation = TableComputation(form: form, span: span, terms: terms, source: source)
        let explainer = CellExplainer(computation: computation)
        let leafTitles = form.columns.map { column -> String in
            guard column.formula == nil else { return span.filling(template: column.title, terms: terms) }
            guard let period = computation.periods[column.key] else { return Period.clearing(template: column.title) }
            return period.filling(template: column.title, terms: terms)
        }
        let layout = TableHeaderLayout(form: form, leafTitles: leafTitles) { span.filling(template: $0, terms: terms) }
        let stubCount = form.stub.count
        let rows = form.rows.map { row in
            let unit = stubCount >= 3 ? row.unit ?? "" : nil
            let stub = stubCount == 1 ? [row.label] : Array(([row.number, row.label] + [unit ?? ""]).prefix(stubCount))
            return RenderedRow(key: row.key, number: row.number, label: row.label, indent: row.indent, kind: row.kind,
                               unit: unit, stub: stub,
                               cells: form.columns.map { cell(row: row, column: $0, computation, explainer) })
        }
        return RenderedTable(
            formCode: form.code, appendix: form.appendix, title: span.filling(template: form.title, terms: terms),
            subtitle: form.subtitle.map { span.filling(template: $0, terms: terms) }, unit: form.unit, span: span,
            spanLabel: span.label, columnKeys: form.columns.map(\.key), headerRows: layout.headerRows(),
            numberingRow: form.stub.map(\.number) + form.columns.map(\.number), rows: rows)
    }

    private func cell(row: FormRow, column: PrintedColumn, _ computation: TableComputation,
                      _ explainer: CellExplainer) -> RenderedCell {
        let isGreyed = form.isGreyed(row: row.key, column: column.key)
        let expression = form.expression(ofColumn: column.key)
        let isComputed = row.kind == .computed || column.formula != nil || expression?.referenceName == nil
        var cell = RenderedCell(column: column.key, value: nil, text: "", type: column.type, isGreyed: isGreyed,
                                isComputed: isComputed, period: computation.periods[column.key], explanation: "")
        guard row.kind != .heading else { return cell }
        cell.explanation = explainer.explain(row: row, column: column)
        if computation.isText(row: row, column: column) {
            cell.type = expression?.referenceName.flatMap { form.entryType(row: row.key, column: $0) } ?? .text
            cell.text = computation.text(row: row.key, column: column.key) ?? ""
        } else if let value = computation.number(row: row.key, column: column.key) {
            cell.value = value
            cell.text = column.type.format(value, decimals: column.effectiveDecimals)
        }
        return cell
    }
}
