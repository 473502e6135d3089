import Foundation

/// One figure of a data value import: an organization's value of an element (with disaggregation options) for a
/// period, possibly a whole past span known only by its total ("1/7/2015-31/3/2018").
public struct DataValueLine: Sendable, Hashable {
    public var row: Int
    public var organizationCode: String
    public var period: Period
    public var key: ValueKey
    public var value: CellValue
}

/// Reads the rows of a data value file (XLSX or UTF-8 CSV, like DHIS2's data value set): columns "Mã tổ chức",
/// "Kỳ", "Mã chỉ tiêu", "Phân tổ", "Giá trị", in any order. Every problem is named by row and column; a file with
/// any problem imports nothing. Pure: the element catalog and the organization lookup are passed in.
public struct DataValueImportParser: Sendable {
    public enum Column: String, CaseIterable, Sendable {
        case organization = "Mã tổ chức"
        case period = "Kỳ"
        case element = "Mã chỉ tiêu"
        case options = "Phân tổ"
        case value = "Giá trị"

        public var isRequired: Bool { self != .options }
    }

    public static let maxRows = 100_000

    public var catalog: DataElementCatalog
    public var today: Day
    /// Whether an organization code exists and lies in the importing user's subtree.
    public var isKnownOrganization: @Sendable (String) -> Bool

    public init(catalog: DataElementCatalog, today: Day, isKnownOrganization: @escaping @Sendable (String) -> Bool) {
        self.catalog = catalog
        self.today = today
        self.isKnownOrganization = isKnownOrganization
    }

    public func parse(rows: [[String]]) -> (lines: [DataValueLine], issues: [ImportIssue]) {
        let header = ImportHeader<Column>(rows: rows, maxRows: Self.maxRows, title: \.rawValue, required: \.isRequired)
        guard header.issues.isEmpty else { return ([], header.issues) }
        var issues: [ImportIssue] = []
        let index = header.index
        var lines: [DataValueLine] = []
        var firstRow: [String: Int] = [:]
        for (offset, cells) in rows.dropFirst().enumerated() {
            let row = offset + 2
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func text(_ column: Column) -> String {
                guard let position = index[column], position < cells.count else { return "" }
                return cells[position].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func place(_ column: Column) -> String {
                "\(MemberImportColumn.letter(forIndex: index[column] ?? 0)) (\(column.rawValue))"
            }
            var rowIssues: [ImportIssue] = []
            let organization = text(.organization)
            if organization.isEmpty {
                rowIssues.append(ImportIssue(row: row, column: place(.organization), message: "Không được để trống"))
            } else if !isKnownOrganization(organization) {
                rowIssues.append(ImportIssue(row: row, column: place(.organization), message: "Không có tổ chức mã \"\(organization.prefix(30))\" trong phạm vi được phân quyền"))
            }
            let periodText = text(.period)
            let period = Period(code: periodText) ?? Period(parsing: periodText)
            if period == nil {
                rowIssues.append(ImportIssue(row: row, column: place(.period), message: "Kỳ \"\(periodText.prefix(40))\" không hợp lệ (ví dụ 2018-Q1, 2017, 1/7/2015-31/3/2018)"))
            } else if let period, period.end >= today {
                rowIssues.append(ImportIssue(row: row, column: place(.period), message: "Kỳ \(period.label) chưa kết thúc; số liệu kỳ hiện tại nhập qua biểu báo cáo"))
            }
            let elementCode = text(.element)
            let key = ValueKey(element: elementCode, optionsKey: text(.options))
            var element: DataElement?
            if key == nil {
                rowIssues.append(ImportIssue(row: row, column: place(.options), message: "Phân tổ \"\(text(.options).prefix(40))\" không hợp lệ; viết phanto=muc;phanto=muc, ví dụ sex=female"))
            } else if let key {
                let problems = catalog.problems(of: key)
                if let first = problems.first {
                    rowIssues.append(ImportIssue(row: row, column: place(problems.count == 1 && catalog.element(elementCode) != nil ? .options : .element),
                                                 message: problems.count == 1 ? first.capitalizedFirst : problems.joined(separator: "; ")))
                } else if let binding = catalog.element(elementCode)?.binding,
                          BoundSource.named(binding.source)?.takesPastFigures != true {
                    rowIssues.append(ImportIssue(row: row, column: place(.element), message: "Chỉ tiêu \(elementCode) tính từ hồ sơ, không nhập"))
                } else {
                    // A registry that starts with DangBo takes figures from before it (PL 8.1's column 1 printed from
                    // records): they are added to what the records count for the same period.
                    element = catalog.element(elementCode)
                }
            }
            var value: CellValue?
            if let element {
                let raw = text(.value)
                do {
                    value = try CellValue.parse(raw, type: element.type)
                    if value == nil { rowIssues.append(ImportIssue(row: row, column: place(.value), message: "Không được để trống")) }
                    if let problem = value?.problem(for: element.type) {
                        rowIssues.append(ImportIssue(row: row, column: place(.value), message: problem))
                    }
                } catch {
                    rowIssues.append(ImportIssue(row: row, column: place(.value), message: error.message))
                }
            }
            if rowIssues.isEmpty, let period, let key, let value {
                let identity = "\(organization)|\(period.code)|\(key.element)|\(key.optionsKey)"
                if let first = firstRow[identity] {
                    rowIssues.append(ImportIssue(row: row, column: "", message: "Trùng với dòng \(VietnameseNumberFormat.integer(first)): cùng tổ chức, kỳ, chỉ tiêu và phân tổ"))
                } else {
                    firstRow[identity] = row
                    lines.append(DataValueLine(row: row, organizationCode: organization, period: period, key: key, value: value))
                }
            }
            issues += rowIssues
        }
        if lines.isEmpty, issues.isEmpty {
            issues.append(ImportIssue(row: 0, column: "", message: "Tệp không có dòng số liệu nào"))
        }
        return (issues.isEmpty ? lines : [], issues)
    }
}
