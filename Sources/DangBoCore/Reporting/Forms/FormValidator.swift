import Foundation

/// Checks a (normalized) form definition and compiles it, collecting every problem rather than stopping at the
/// first. The paths name JSON places: `columns[5].formula`, `rows[4].formula`, `greyed[2]`.
struct FormValidator {
    let content: FormContent
    /// False when `entryColumns` was derived from the printed columns (its problems are reported on the columns).
    let entryColumnsGiven: Bool
    var problems: [FormProblem] = []
    var compiled = CompiledForm()

    var entryTypes: [String: CellType] = [:]
    var columnIndex: [String: Int] = [:]
    var rowIndex: [String: Int] = [:]

    init(content: FormContent, entryColumnsGiven: Bool) {
        self.content = content
        self.entryColumnsGiven = entryColumnsGiven
    }

    /// Runs every check; `problems` is empty when the definition is usable.
    mutating func validate() {
        checkTopLevel()
        checkEntryColumns()
        checkColumns()
        checkColumnFormulas()
        checkHeaderGroups()
        checkRows()
        checkGreyed()
        checkRules()
    }

    mutating func report(_ path: String, _ message: String) {
        problems.append(FormProblem(path: path, message: message))
    }

    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic || first == "_" else { return false }
        return key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == ".")
        }
    }

    static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
        }
    }

    /// Checks a key's syntax and uniqueness; returns false for a duplicate.
    mutating func checkKey(_ key: String, path: String, seen: inout [String: Int], index: Int, list: String) -> Bool {
        if !key.isEmpty, !FormValidator.isValidKey(key) {
            report("\(path).key", "khóa \"\(key)\" không hợp lệ: bắt đầu bằng chữ Latin hoặc \"_\", "
                + "chỉ gồm chữ Latin, chữ số, \"_\" và \".\"")
        }
        if key.isEmpty {
            report("\(path).key", "thiếu khóa")
            return false
        }
        if let first = seen[key] {
            report("\(path).key", "trùng khóa \"\(key)\" với \(list)[\(first)]")
            return false
        }
        seen[key] = index
        return true
    }

    /// Parses an expression, reporting a syntax error at `path`.
    mutating func parse(_ text: String, path: String) -> ReportExpression? {
        do {
            return try ReportExpression(parsing: text)
        } catch {
            report(path, error.description)
            return nil
        }
    }

    private mutating func checkTopLevel() {
        if content.code.isEmpty {
            report("code", "thiếu mã biểu mẫu")
        } else if !FormValidator.isValidCode(content.code) {
            report("code", "mã \"\(content.code)\" chỉ được gồm chữ Latin, chữ số, \".\", \"_\" và \"-\"")
        }
        if content.title.trimmingCharacters(in: .whitespaces).isEmpty {
            report("title", "thiếu tên biểu mẫu")
        }
        if !PeriodKind.entryKinds.contains(content.periodType) {
            report("periodType", "kỳ nhập \"\(content.periodType.rawValue)\" không hợp lệ: "
                + "chỉ dùng month, quarter, halfYear hoặc year")
        }
        if content.reporters.levels.isEmpty {
            report("reporters.levels", "cần ít nhất một cấp tổ chức báo cáo")
        }
        if content.deadline.daysAfterPeriodEnd < 0 {
            report("deadline.daysAfterPeriodEnd", "số ngày không được âm (\(content.deadline.daysAfterPeriodEnd))")
        }
        if !(1...3).contains(content.stub.count) {
            report("stub", "cần từ 1 đến 3 cột tiêu đề dòng (số thứ tự, nội dung, đơn vị tính), có \(content.stub.count)")
        }
    }

    private mutating func checkEntryColumns() {
        var seen: [String: Int] = [:]
        for (index, column) in content.entryColumns.enumerated() {
            if entryColumnsGiven {
                _ = checkKey(column.key, path: "entryColumns[\(index)]", seen: &seen, index: index, list: "entryColumns")
            }
            if entryTypes[column.key] == nil { entryTypes[column.key] = column.type }
        }
    }

    private mutating func checkColumns() {
        if content.columns.isEmpty { report("columns", "cần ít nhất một cột") }
        var seen: [String: Int] = [:]
        for (index, column) in content.columns.enumerated() {
            let path = "columns[\(index)]"
            if checkKey(column.key, path: path, seen: &seen, index: index, list: "columns") {
                columnIndex[column.key] = index
            }
            if let decimals = column.decimals, !(0...6).contains(decimals) {
                report("\(path).decimals", "số chữ số thập phân phải từ 0 đến 6")
            }
            if let formula = column.formula {
                if column.expr != nil {
                    report(path, "chỉ dùng một trong \"expr\" và \"formula\"")
                }
                if column.period != nil {
                    report("\(path).period", "cột công thức (formula) không có kỳ riêng")
                }
                if !column.type.isNumeric {
                    report("\(path).type", "cột công thức phải là kiểu số")
                }
                if let expression = parse(formula, path: "\(path).formula") {
                    compiled.columnFormulas[column.key] = expression
                }
            } else if let expr = column.expr {
                for problem in column.period?.problems ?? [] { report("\(path).period", problem) }
                if let expression = parse(expr, path: "\(path).expr") {
                    checkColumnExpression(expression, column: column, path: path)
                    compiled.columnExpressions[column.key] = expression
                    for variable in expression.orderedVariables where entryTypes[variable] != nil {
                        compiled.entryColumnUsers[variable, default: []].append(column.key)
                    }
                }
            }
        }
    }

    private mutating func checkColumnExpression(_ expression: ReportExpression, column: PrintedColumn, path: String) {
        var known = true
        for variable in expression.orderedVariables where entryTypes[variable] == nil {
            report("\(path).expr", "không có cột nhập \"\(variable)\"")
            known = false
        }
        guard known else { return }
        if let name = expression.referenceName, let entryType = entryTypes[name] {
            if entryType.isNumeric != column.type.isNumeric {
                report("\(path).type", "cột in kiểu \(column.type.rawValue) nhưng cột nhập \"\(name)\" "
                    + "kiểu \(entryType.rawValue)")
            }
            return
        }
        if !column.type.isNumeric {
            report("\(path).expr", "cột kiểu \(column.type.rawValue) chỉ lấy đúng một cột nhập")
        }
        for variable in expression.orderedVariables where entryTypes[variable]?.isNumeric == false {
            report("\(path).expr", "cột nhập \"\(variable)\" kiểu \(entryTypes[variable]!.rawValue), không tính toán được")
        }
    }

    private mutating func checkColumnFormulas() {
        var dependencies: [String: [String]] = [:]
        var formulaKeys: [String] = []
        for (index, column) in content.columns.enumerated() {
            guard let formula = compiled.columnFormulas[column.key], columnIndex[column.key] == index else { continue }
            formulaKeys.append(column.key)
            for variable in formula.orderedVariables {
                if let target = columnIndex[variable] {
                    if !content.columns[target].type.isNumeric {
                        report("columns[\(index)].formula", "cột \"\(variable)\" kiểu chữ, không tính toán được")
                    }
                    if compiled.columnFormulas[variable] != nil { dependencies[column.key, default: []].append(variable) }
                } else {
                    report("columns[\(index)].formula", "không có cột \"\(variable)\"")
                }
            }
        }
        let sorted = DependencyOrder.sort(formulaKeys, dependencies: dependencies)
        compiled.formulaOrder = sorted.order
        for cycle in sorted.cycles {
            let index = columnIndex[cycle[0]] ?? 0
            report("columns[\(index)].formula", "vòng lặp công thức: " + cycle.joined(separator: " → "))
        }
    }
}
