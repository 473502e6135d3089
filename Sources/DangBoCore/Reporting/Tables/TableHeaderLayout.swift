import Foundation

/// Lays out the header of a printed table: the stub columns span every header row; a header group at level L sits
/// in row `groupRows - 1 - L`; each cell (group or leaf) starts just below the nearest group above it, or in the top
/// row when there is none, and so spans upward over the empty rows — the way printed tables merge them.
struct TableHeaderLayout {
    let form: FormDefinition
    /// Titles of the printed columns, templates already filled.
    let leafTitles: [String]
    /// Fills templates of group titles.
    let fill: (String) -> String

    func headerRows() -> [[HeaderCell]] {
        let stubCount = form.stub.count
        let groups = form.headerGroups.compactMap { group -> (group: HeaderGroup, range: ClosedRange<Int>)? in
            let positions = group.columns.compactMap { key in form.columns.firstIndex { $0.key == key } }
            guard let first = positions.min(), let last = positions.max() else { return nil }
            return (group, first...last)
        }
        let groupRows = groups.isEmpty ? 0 : (groups.map(\.group.level).max() ?? 0) + 1
        let rowCount = groupRows + 1
        var rows: [[HeaderCell]] = Array(repeating: [], count: rowCount)

        func rowOf(level: Int) -> Int { groupRows - 1 - level }

        /// The lowest group above `level` that covers `range`.
        func parent(of range: ClosedRange<Int>, above level: Int) -> Int? {
            groups.filter { $0.group.level > level && $0.range.lowerBound <= range.lowerBound
                && range.upperBound <= $0.range.upperBound }
                .map(\.group.level).min()
        }

        func place(_ text: String, range: ClosedRange<Int>, level: Int, endRow: Int) {
            let startRow = parent(of: range, above: level).map { rowOf(level: $0) + 1 } ?? 0
            rows[startRow].append(HeaderCell(text: text, rowSpan: endRow - startRow + 1, colSpan: range.count,
                                             column: stubCount + range.lowerBound))
        }

        for (index, stub) in form.stub.enumerated() {
            rows[0].append(HeaderCell(text: stub.title, rowSpan: rowCount, colSpan: 1, column: index))
        }
        for (group, range) in groups {
            place(fill(group.title), range: range, level: group.level, endRow: rowOf(level: group.level))
        }
        for (index, title) in leafTitles.enumerated() {
            place(title, range: index...index, level: -1, endRow: groupRows)
        }
        return rows.map { $0.sorted { $0.column < $1.column } }
    }
}
