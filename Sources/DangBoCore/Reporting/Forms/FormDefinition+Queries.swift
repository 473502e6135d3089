import Foundation

extension FormDefinition {
    public func row(_ key: String) -> FormRow? { rows.first { $0.key == key } }

    public func column(_ key: String) -> PrintedColumn? { columns.first { $0.key == key } }

    public func entryColumn(_ key: String) -> EntryColumn? { entryColumns.first { $0.key == key } }

    /// The rows a reporter fills.
    public var dataRows: [FormRow] { rows.filter { $0.kind == .data } }

    /// The rows computed from other rows.
    public var computedRows: [FormRow] { rows.filter { $0.kind == .computed } }

    /// The parsed `expr` of a printed column without `formula`.
    public func expression(ofColumn key: String) -> ReportExpression? { compiled.columnExpressions[key] }

    /// The parsed `formula` of a formula column.
    public func formula(ofColumn key: String) -> ReportExpression? { compiled.columnFormulas[key] }

    /// The parsed `formula` of a computed row.
    public func formula(ofRow key: String) -> ReportExpression? { compiled.rowFormulas[key] }

    /// Every data row × entry column, except greyed entry cells: the typed cells and the bound ones.
    public var dataCells: [CellKey] {
        dataRows.flatMap { row in
            entryColumns.compactMap { column in
                isEntryCellGreyed(row: row.key, entryColumn: column.key) ? nil : CellKey(row: row.key, column: column.key)
            }
        }
    }

    /// The cells a reporter fills, row by row: the data cells whose element is not computed from records.
    public var entryCells: [CellKey] {
        let bound = Set(content.boundCells)
        return bound.isEmpty ? dataCells : dataCells.filter { !bound.contains($0.description) }
    }

    /// Cells computed from records (bound elements): shown, never typed.
    public var boundCells: [CellKey] { content.boundCells.compactMap(CellKey.init(parsing:)) }

    public func isBound(_ cell: CellKey) -> Bool { content.boundCells.contains(cell.description) }

    /// True for a printed cell listed in `greyed` ("r1b:c7", "r1b:*", "*:c7").
    public func isGreyed(row: String, column: String) -> Bool {
        compiled.greyed.contains(row: row, column: column)
    }

    /// An entry cell is greyed when every printed column that reads its entry column is greyed on that row (an entry
    /// column no printed column reads, such as one used only by rules, is never greyed).
    public func isEntryCellGreyed(row: String, entryColumn: String) -> Bool {
        guard let users = compiled.entryColumnUsers[entryColumn], !users.isEmpty else { return false }
        return users.allSatisfy { isGreyed(row: row, column: $0) }
    }

    /// The type of an entry cell: the row's override (`entryTypes`) or the entry column's type.
    public func entryType(row: String, column: String) -> CellType? {
        guard let base = entryColumn(column)?.type else { return nil }
        return self.row(row)?.entryTypes[column] ?? base
    }

    /// The entry periods of this form inside `span` (the quarters of 2021 for a quarterly form).
    public func entryPeriods(in span: Period) -> [Period] {
        span.periods(of: periodType).filter { span.contains($0) }
    }

    /// The period of `periodType` that contains `day` (the quarter a date falls in).
    public func entryPeriod(containing day: Day) -> Period? {
        Period(kind: periodType, containing: day)
    }

    /// The last day entry for `period` is accepted: its end plus `deadline.daysAfterPeriodEnd`.
    public func dueDate(for period: Period) -> Day {
        deadline.dueDate(for: period)
    }

    /// True once the due date has passed.
    public func isLocked(_ period: Period, on day: Day) -> Bool {
        day > dueDate(for: period)
    }

    /// Whether an organization must report this form for `period`: its level (and unit kind, when the form names
    /// kinds) matches, and it was open at some time in the period (opened on or before the period's end and not
    /// closed on or before its start; `closedOn` is the first day it no longer exists).
    public func isExpected(level: OrganizationLevel, unitKind: UnitKind?, openedOn: Day, closedOn: Day?,
                           in period: Period) -> Bool {
        guard reporters.includes(level: level, unitKind: unitKind) else { return false }
        return openedOn <= period.end && (closedOn.map { $0 > period.start } ?? true)
    }

    public func isExpected(_ organization: Organization, in period: Period) -> Bool {
        isExpected(level: organization.level, unitKind: organization.unitKind, openedOn: organization.openedOn,
                   closedOn: organization.closedOn, in: period)
    }
}
