import Foundation

/// The fields of a form definition, as in the JSON (docs/forms.md), before validation.
struct FormContent: Encodable, Sendable, Hashable {
    var code: String
    var appendix: String
    var title: String
    var subtitle: String?
    var unit: String?
    var periodType: PeriodKind
    var reporters: Reporters
    var deadline: Deadline
    var stub: [StubColumn]
    var entryColumns: [EntryColumn]
    var columns: [PrintedColumn]
    var headerGroups: [HeaderGroup]
    var rows: [FormRow]
    var greyed: [String]
    var rules: [ValidationRule]
    /// The layout's version (1 when the file does not say) and, for a layout kept for old periods
    /// (`Forms/versions/`), the last day it was in force.
    var version: Int = 1
    var validTo: Day?
    /// Cells whose element is computed from records ("row:column"); set from the element catalog, not the JSON
    /// (and not written back to it).
    var boundCells: [String] = []

    private enum CodingKeys: String, CodingKey {
        case code, appendix, title, subtitle, unit, periodType, reporters, deadline, stub, entryColumns, columns
        case headerGroups, rows, greyed, rules, version, validTo
    }

    /// Applies the defaulting rule: without entry columns, every printed column without `formula` is an entry column
    /// of the same key, title and type; and every column without `formula` or `expr` reads its own key.
    static func normalized(_ content: FormContent, entryColumnsGiven: Bool) -> FormContent {
        var result = content
        if !entryColumnsGiven {
            result.entryColumns = content.columns.filter { $0.formula == nil }.map {
                EntryColumn(key: $0.key, title: $0.title, type: $0.type, element: $0.element, options: $0.options)
            }
        }
        result.columns = content.columns.map { column in
            var column = column
            if column.formula == nil, column.expr == nil { column.expr = column.key }
            return column
        }
        return result
    }
}
