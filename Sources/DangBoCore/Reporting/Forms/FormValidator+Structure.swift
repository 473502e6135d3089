import Foundation

extension FormValidator {
    mutating func checkHeaderGroups() {
        var ranges: [Int: ClosedRange<Int>] = [:]
        for (index, group) in content.headerGroups.enumerated() {
            let path = "headerGroups[\(index)]"
            if group.level < 0 { report("\(path).level", "tầng không được âm") }
            guard !group.columns.isEmpty else {
                report("\(path).columns", "cần ít nhất một cột")
                continue
            }
            var positions: [Int] = []
            for key in group.columns {
                if let position = columnIndex[key] {
                    positions.append(position)
                } else {
                    report("\(path).columns", "không có cột \"\(key)\"")
                }
            }
            guard positions.count == group.columns.count else { continue }
            guard let first = positions.first, positions == Array(first..<(first + positions.count)) else {
                report("\(path).columns", "các cột phải liền nhau, theo thứ tự in (\(group.columns.joined(separator: ", ")))")
                continue
            }
            ranges[index] = first...(first + positions.count - 1)
        }
        let groups = content.headerGroups
        for later in groups.indices {
            guard let laterRange = ranges[later] else { continue }
            for earlier in 0..<later {
                guard let earlierRange = ranges[earlier], earlierRange.overlaps(laterRange) else { continue }
                if groups[earlier].level == groups[later].level {
                    report("headerGroups[\(later)].columns", "trùng cột với headerGroups[\(earlier)] cùng tầng")
                    continue
                }
                let (lower, higher) = groups[earlier].level < groups[later].level
                    ? (earlierRange, laterRange) : (laterRange, earlierRange)
                if !(higher.lowerBound <= lower.lowerBound && lower.upperBound <= higher.upperBound) {
                    report("headerGroups[\(later)].columns", "cắt ngang headerGroups[\(earlier)]: nhóm tầng trên phải "
                        + "chứa trọn nhóm tầng dưới")
                }
            }
        }
    }

    mutating func checkRows() {
        if content.rows.isEmpty { report("rows", "cần ít nhất một dòng") }
        var seen: [String: Int] = [:]
        for (index, row) in content.rows.enumerated() {
            if checkKey(row.key, path: "rows[\(index)]", seen: &seen, index: index, list: "rows") {
                rowIndex[row.key] = index
            }
        }
        var dependencies: [String: [String]] = [:]
        var computedKeys: [String] = []
        for (index, row) in content.rows.enumerated() {
            let path = "rows[\(index)]"
            if !(0...5).contains(row.indent) { report("\(path).indent", "độ thụt lề phải từ 0 đến 5") }
            for (key, _) in row.entryTypes.sorted(by: { $0.key < $1.key }) where entryTypes[key] == nil {
                report("\(path).entryTypes.\(key)", "không có cột nhập \"\(key)\"")
            }
            if !row.entryTypes.isEmpty, row.kind != .data {
                report("\(path).entryTypes", "chỉ dòng số liệu (data) có kiểu nhập riêng")
            }
            guard row.kind == .computed else {
                if row.formula != nil { report("\(path).formula", "chỉ dòng tính toán (computed) có công thức") }
                continue
            }
            guard let formula = row.formula else {
                report("\(path).formula", "dòng tính toán (computed) cần công thức")
                continue
            }
            guard let expression = parse(formula, path: "\(path).formula"), rowIndex[row.key] == index else { continue }
            compiled.rowFormulas[row.key] = expression
            computedKeys.append(row.key)
            for variable in expression.orderedVariables {
                guard let target = rowIndex[variable] else {
                    report("\(path).formula", "không có dòng \"\(variable)\"")
                    continue
                }
                switch content.rows[target].kind {
                case .heading: report("\(path).formula", "dòng \"\(variable)\" là dòng tiêu đề, không có số liệu")
                case .computed: dependencies[row.key, default: []].append(variable)
                case .data: break
                }
            }
        }
        let sorted = DependencyOrder.sort(computedKeys, dependencies: dependencies)
        compiled.computedRowOrder = sorted.order
        for cycle in sorted.cycles {
            report("rows[\(rowIndex[cycle[0]] ?? 0)].formula", "vòng lặp công thức: " + cycle.joined(separator: " → "))
        }
    }

    mutating func checkGreyed() {
        for (index, pattern) in content.greyed.enumerated() {
            let path = "greyed[\(index)]"
            guard let (row, column) = compiled.greyed.add(pattern) else {
                report(path, "\"\(pattern)\" phải có dạng \"dòng:cột\", \"dòng:*\" hoặc \"*:cột\"")
                continue
            }
            if row != "*", rowIndex[row] == nil { report(path, "không có dòng \"\(row)\"") }
            if column != "*", columnIndex[column] == nil { report(path, "không có cột \"\(column)\"") }
        }
    }

    mutating func checkRules() {
        for (index, rule) in content.rules.enumerated() {
            let path = "rules[\(index)]"
            if rule.message.trimmingCharacters(in: .whitespaces).isEmpty {
                report("\(path).message", "thiếu thông báo khi quy tắc không đạt")
            }
            let left = parse(rule.left, path: "\(path).left")
            let right = parse(rule.right, path: "\(path).right")
            var cells: [CellKey] = []
            for (side, expression) in [("left", left), ("right", right)] {
                guard let expression else { continue }
                for variable in expression.orderedVariables {
                    if let cell = checkRuleCell(variable, path: "\(path).\(side)"), !cells.contains(cell) {
                        cells.append(cell)
                    }
                }
            }
            if let left, let right {
                compiled.rules.append(CompiledRule(left: left, right: right, cells: cells))
            }
        }
    }

    private mutating func checkRuleCell(_ variable: String, path: String) -> CellKey? {
        guard let cell = CellKey(parsing: variable) else {
            report(path, "\"\(variable)\" phải có dạng dòng:cột nhập (ví dụ \"r1a:n\")")
            return nil
        }
        guard let position = rowIndex[cell.row] else {
            report(path, "không có dòng \"\(cell.row)\"")
            return nil
        }
        let row = content.rows[position]
        guard row.kind == .data else {
            report(path, "dòng \"\(cell.row)\" không phải dòng số liệu (data)")
            return nil
        }
        guard let type = entryTypes[cell.column] else {
            report(path, "không có cột nhập \"\(cell.column)\"")
            return nil
        }
        if !(row.entryTypes[cell.column] ?? type).isNumeric {
            report(path, "ô \"\(cell)\" kiểu chữ, không so sánh được")
            return nil
        }
        return cell
    }
}
