import DangBoCore
import DangBoStorage
import Foundation

/// The entry page of one organization × form × period: laid out like the printed table, one input per entry cell.
struct EntryPage: Encodable {
    struct Column: Encodable {
        var key: String
        var title: String
        var typeLabel: String
    }

    struct Cell: Encodable {
        var key: String
        /// What a screen reader says for the input: the row and the column as the page shows them.
        var label: String
        var name: String
        var value: String
        var type: String
        var isInput: Bool
        var isGreyed: Bool
        var isComputed: Bool
        var formula: String
        var problem: String?
        var ruleMessage: String?
    }

    struct Row: Encodable {
        var key: String
        var number: String
        var label: String
        var indent: Int
        var isHeading: Bool
        var isComputed: Bool
        var cells: [Cell]
    }

    struct HistoryLine: Encodable {
        var at: String
        var who: String
        var cell: String
        var change: String
        var comment: String
    }

    struct RuleMessage: Encodable {
        var severity: String
        var message: String
        var detail: String
    }

    var page: PageChrome
    var formCode: String
    var appendix: String
    var title: String
    var unit: String
    var organizationID: String
    var organizationName: String
    var periodCode: String
    var periodLabel: String
    var periodChoices: [Choice]
    var status: String
    var statusLabel: String
    var version: Int
    var dueDate: String
    var lockMessage: String?
    var canEdit: Bool
    var canReview: Bool
    var canGrant: Bool
    var reviewComment: String?
    var reviewedBy: String?
    var warningComment: String
    var submittedAt: String?
    var columns: [Column]
    var rows: [Row]
    var problems: [FieldProblem]
    var ruleMessages: [RuleMessage]
    var rulesJSON: String
    var history: [HistoryLine]
    var tableHref: String
    var templateHref: String
    var hasWarnings: Bool

    /// Builds the rows from the typed text of each cell (either stored values or what the user just posted).
    static func rows(form: FormDefinition, inputs: [CellKey: String], check: EntryCheck) -> [Row] {
        let problems = Dictionary(check.cellProblems.map { ($0.cell, $0.message) }, uniquingKeysWith: { a, _ in a })
        var ruleByCell: [CellKey: String] = [:]
        for outcome in check.ruleOutcomes where outcome.failed {
            if let cell = outcome.cells.first, ruleByCell[cell] == nil {
                ruleByCell[cell] = (outcome.severity == .error ? "Lỗi: " : "Cảnh báo: ") + outcome.message
            }
        }
        return form.rows.map { row in
            let cells = form.entryColumns.map { column -> Cell in
                let key = CellKey(row: row.key, column: column.key)
                // A bound cell is computed from records: shown like a greyed cell, never an input.
                let greyed = form.isEntryCellGreyed(row: row.key, entryColumn: column.key) || form.isBound(key)
                let type = form.entryType(row: row.key, column: column.key) ?? column.type
                var value = inputs[key] ?? ""
                if row.kind == .computed, let computed = check.computedValues[key] {
                    value = type.format(computed, decimals: nil)
                }
                let label = [row.number, row.label].filter { !$0.isEmpty }.joined(separator: " ") + ", " + column.title
                return Cell(key: key.description, label: label, name: "v:\(key.description)", value: value, type: type.rawValue,
                            isInput: row.kind == .data && !greyed, isGreyed: greyed || row.kind == .heading,
                            isComputed: row.kind == .computed, formula: row.formula ?? "", problem: problems[key],
                            ruleMessage: ruleByCell[key])
            }
            return Row(key: row.key, number: row.number, label: row.label, indent: min(row.indent, 3),
                       isHeading: row.kind == .heading, isComputed: row.kind == .computed, cells: cells)
        }
    }

    /// The typed text of stored cells, formatted the Vietnamese way.
    static func inputs(form: FormDefinition, cells: [StoredCell]) -> [CellKey: String] {
        var result: [CellKey: String] = [:]
        for cell in cells {
            let key = CellKey(row: cell.row, column: cell.column)
            let type = form.entryType(row: cell.row, column: cell.column) ?? .number
            if let number = cell.number {
                result[key] = CellValue.number(number).formatted(as: type)
            } else if let text = cell.text {
                result[key] = text
            }
        }
        return result
    }

    static func rulesJSON(form: FormDefinition) -> String {
        struct Rule: Encodable { var left: String; var op: String; var right: String; var severity: String; var message: String }
        let rules = form.rules.map { Rule(left: $0.left, op: $0.op.rawValue, right: $0.right, severity: $0.severity.rawValue, message: $0.message) }
        let data = (try? JSONEncoder().encode(rules)) ?? Data("[]".utf8)
        // Safe inside <script type="application/json">: no "</" can close the element.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }
}
