import DangBoCore
import Foundation

/// Between a form's cells (row, entry column) and the keys its values are stored under (element, options). A form
/// the catalog does not know (a test form, one removed from Forms/) maps every cell to its implicit element
/// `FORM/row/column`, so its values are never lost.
struct CellMap: Sendable {
    let formCode: String
    let form: FormDefinition?
    private let cells: [ValueKey: CellKey]

    /// The layout of `formCode` in force on `day` (the current one without a day).
    init(formCode: String, forms: FormCatalog, on day: Day? = nil) {
        self.init(formCode: formCode, form: day.flatMap { forms.form(code: formCode, on: $0) } ?? forms.form(code: formCode))
    }

    /// The map of one layout (an older version of a form prints old periods).
    init(formCode: String, form: FormDefinition?) {
        self.formCode = formCode
        self.form = form
        var cells: [ValueKey: CellKey] = [:]
        for (cell, key) in form?.valueKeys ?? [:] { cells[key] = cell }
        self.cells = cells
    }

    func key(row: String, column: String) -> ValueKey {
        form?.valueKey(CellKey(row: row, column: column))
            ?? ValueKey(element: FormDefinition.implicitElement(form: formCode, row: row, column: column))
    }

    /// The cell a stored value belongs to on this form, if any.
    func cell(element: String, options: String) -> CellKey? {
        if form != nil {
            guard let key = ValueKey(element: element, optionsKey: options) else { return nil }
            return cells[key]
        }
        let prefix = formCode + "/"
        guard element.hasPrefix(prefix), options.isEmpty else { return nil }
        return CellKey(parsing: String(element.dropFirst(prefix.count)).replacingOccurrences(of: "/", with: ":"))
    }

    /// The element codes of the form's cells (bounded by the form's size); nil for a form the catalog does not know,
    /// whose values are found by the `FORM/` prefix.
    var elements: [String]? {
        guard form != nil else { return nil }
        return Array(Set(cells.keys.map(\.element))).sorted()
    }
}
