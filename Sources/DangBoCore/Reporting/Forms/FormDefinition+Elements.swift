import Foundation

/// How a form's entry cells refer to data elements (docs/forms.md "Data elements"). A cell (row, entry column)
/// reports the element the row names for that column (`elements`), else the row's `element`, else its entry
/// column's; its options are the entry column's merged with the row's. A cell that names no element reports an
/// element of its own, `FORM/row/column` (the test forms; every repository form names its elements).
extension FormDefinition {
    public func valueKey(_ cell: CellKey) -> ValueKey {
        let row = self.row(cell.row)
        let column = entryColumn(cell.column)
        guard let element = row?.elements[cell.column] ?? row?.element ?? column?.element else {
            return ValueKey(element: Self.implicitElement(form: code, row: cell.row, column: cell.column))
        }
        return ValueKey(element: element, options: (column?.options ?? [:]).merging(row?.options ?? [:]) { $1 })
    }

    /// The key of every entry cell.
    public var valueKeys: [CellKey: ValueKey] {
        Dictionary(uniqueKeysWithValues: dataCells.map { ($0, valueKey($0)) })
    }

    /// The element of a cell that names none.
    public static func implicitElement(form: String, row: String, column: String) -> String {
        "\(form)/\(row)/\(column)"
    }

    public func isImplicit(_ cell: CellKey) -> Bool {
        valueKey(cell).element.contains("/")
    }

    /// What is wrong with the form's element references against `catalog`, with JSON places: unknown elements,
    /// categories or options, a type or an aggregation over time that differs from the element's.
    func elementProblems(catalog: DataElementCatalog) -> [FormProblem] {
        var problems: [FormProblem] = []
        var cellOfKey: [ValueKey: CellKey] = [:]
        for cell in dataCells {
            let key = valueKey(cell)
            if let other = cellOfKey[key] {
                let index = rows.firstIndex { $0.key == cell.row } ?? 0
                problems.append(FormProblem(path: "rows[\(index)]", message: "ô \(cell) và ô \(other) cùng báo cáo \(key): mỗi ô một chỉ tiêu/phân tổ"))
            }
            cellOfKey[key] = cell
        }
        for (index, row) in rows.enumerated() where row.kind == .data {
            for column in entryColumns {
                let cell = CellKey(row: row.key, column: column.key)
                guard dataCells.contains(cell), !isImplicit(cell) else { continue }
                let key = valueKey(cell)
                let path = row.elements[column.key] != nil ? "rows[\(index)].elements.\(column.key)"
                    : row.element != nil ? "rows[\(index)].element" : "entryColumns.\(column.key).element"
                for problem in catalog.problems(of: key) { problems.append(FormProblem(path: path, message: "ô \(cell): \(problem)")) }
                guard let element = catalog.element(key.element), let type = entryType(row: row.key, column: column.key) else { continue }
                if element.type != type {
                    problems.append(FormProblem(path: path, message: "ô \(cell) kiểu \(type.rawValue) nhưng chỉ tiêu \(element.code) kiểu \(element.type.rawValue)"))
                }
                let expected: RowAggregate = element.aggregation == .last ? .last : .sum
                if element.aggregation != .none, row.aggregate != expected {
                    problems.append(FormProblem(path: "rows[\(index)].aggregate", message: "chỉ tiêu \(element.code) \(element.aggregation.label): dòng phải có \"aggregate\": \"\(expected.rawValue)\""))
                }
            }
        }
        return problems
    }

    /// The rules a disaggregation implies between the cells of one element (so PL 7.8 needs no hand-written rule
    /// per column): an option of a `subset` category ("trong đó: nữ") is at most its total (error); the options of a
    /// `partition` category (age bands), when the form has all of them, add up to their total (warning).
    func categoryRules(catalog: DataElementCatalog) -> [ValidationRule] {
        let keys = valueKeys
        var cellOf: [ValueKey: CellKey] = [:]
        for (cell, key) in keys { cellOf[key] = cell }
        var rules: [ValidationRule] = []
        var partitions: [String: (total: CellKey, category: DisaggregationCategory, parts: [CellKey])] = [:]
        for cell in entryCells {
            guard let key = keys[cell], !isImplicit(cell), catalog.element(key.element)?.isBound != true else { continue }
            for (categoryCode, _) in key.options.sorted(by: { $0.key < $1.key }) {
                guard let category = catalog.category(categoryCode), let total = cellOf[key.removing(categoryCode)] else { continue }
                switch category.kind {
                case .subset:
                    rules.append(ValidationRule(left: cell.description, op: .lessOrEqual, right: total.description, severity: .error,
                                                message: "\(catalog.describe(key)) không vượt quá \(catalog.describe(key.removing(categoryCode)))"))
                case .partition:
                    let group = "\(total)|\(categoryCode)"
                    partitions[group, default: (total, category, [])].parts.append(cell)
                }
            }
        }
        for (_, group) in partitions.sorted(by: { $0.key < $1.key }) where group.parts.count == group.category.options.count {
            let totalKey = keys[group.total].map(catalog.describe) ?? group.total.description
            rules.append(ValidationRule(left: group.parts.map(\.description).joined(separator: " + "), op: .equal,
                                        right: group.total.description, severity: .warning,
                                        message: "Các nhóm \(group.category.name.lowercased()) cộng lại nên bằng \(totalKey)"))
        }
        return rules
    }

    /// The same form with its bound cells marked (they are computed, never typed) and the rules its
    /// disaggregations imply added to its own.
    func addingCategoryRules(catalog: DataElementCatalog) -> (form: FormDefinition?, problems: [FormProblem]) {
        let bound = dataCells.filter { catalog.element(valueKey($0).element)?.isBound == true }.map(\.description)
        let extra = categoryRules(catalog: catalog)
        guard !extra.isEmpty || !bound.isEmpty else { return (self, []) }
        var content = self.content
        content.boundCells = bound
        let existing = Set(content.rules.map { "\($0.left)\($0.op.rawValue)\($0.right)" })
        content.rules += extra.filter { !existing.contains("\($0.left)\($0.op.rawValue)\($0.right)") }
        return FormDefinition.build(content, entryColumnsGiven: true)
    }
}
