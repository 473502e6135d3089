import Foundation

/// Turns the rows of an import file (already read from XLSX or CSV as text) into member fields,
/// collecting every problem with its row and column. Pure: lookups are passed in.
public struct MemberImportParser: Sendable {
    public var defaultOrganizationCode: String
    public var today: Day
    /// Whether an organization code exists and is inside the importing user's subtree.
    public var isKnownOrganization: @Sendable (String) -> Bool

    public init(defaultOrganizationCode: String, today: Day, isKnownOrganization: @escaping @Sendable (String) -> Bool) {
        self.defaultOrganizationCode = defaultOrganizationCode
        self.today = today
        self.isKnownOrganization = isKnownOrganization
    }

    public static let maxRows = 50_000

    public func plan(rows: [[String]]) -> MemberImportPlan {
        guard let header = rows.first else {
            return MemberImportPlan(cleanRows: [], issues: [ImportIssue(row: 0, column: "", message: "Tệp trống, không có dòng tiêu đề")], totalRows: 0)
        }
        var columnIndex: [MemberImportColumn: Int] = [:]
        var issues: [ImportIssue] = []
        for (index, title) in header.enumerated() {
            let folded = VietnameseText.folded(title)
            guard !folded.isEmpty else { continue }
            if let column = MemberImportColumn.allCases.first(where: { VietnameseText.folded($0.header) == folded }) {
                if columnIndex[column] != nil {
                    issues.append(ImportIssue(row: 1, column: MemberImportColumn.letter(forIndex: index),
                                              message: "Cột \"\(column.header)\" bị lặp"))
                }
                columnIndex[column] = index
            } else {
                issues.append(ImportIssue(row: 1, column: "\(MemberImportColumn.letter(forIndex: index)) (\(title))",
                                          message: "Tiêu đề cột không có trong mẫu; các cột hợp lệ: "
                                              + MemberImportColumn.allCases.map(\.header).joined(separator: ", ")))
            }
        }
        for column in MemberImportColumn.allCases where column.isRequired && columnIndex[column] == nil {
            issues.append(ImportIssue(row: 1, column: "", message: "Thiếu cột bắt buộc \"\(column.header)\""))
        }
        let dataRows = Array(rows.dropFirst())
        if dataRows.count > Self.maxRows {
            issues.append(ImportIssue(row: 0, column: "", message: "Tệp có \(VietnameseNumberFormat.integer(dataRows.count)) dòng, vượt giới hạn \(VietnameseNumberFormat.integer(Self.maxRows)) dòng mỗi lần nhập"))
        }
        guard issues.isEmpty else { return MemberImportPlan(cleanRows: [], issues: issues, totalRows: dataRows.count) }

        var clean: [MemberImportRow] = []
        var firstRowOfCard: [String: Int] = [:]
        var counted = 0
        for (offset, cells) in dataRows.enumerated() {
            let rowNumber = offset + 2
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            counted += 1
            var reader = RowReader(cells: cells, row: rowNumber, columnIndex: columnIndex)
            let parsed = reader.parse(parser: self)
            var rowIssues = reader.issues
            if let parsed {
                if let card = parsed.fields.cardNumber {
                    if let first = firstRowOfCard[card] {
                        rowIssues.append(reader.issue(.cardNumber, "Số thẻ \(card) trùng với dòng \(VietnameseNumberFormat.integer(first))"))
                    } else {
                        firstRowOfCard[card] = rowNumber
                    }
                }
                if rowIssues.isEmpty { clean.append(parsed) }
            }
            issues += rowIssues
        }
        return MemberImportPlan(cleanRows: clean, issues: issues, totalRows: counted)
    }
}

/// Reads one row's cells by column, recording each problem with its place.
private struct RowReader {
    let cells: [String]
    let row: Int
    let columnIndex: [MemberImportColumn: Int]
    var issues: [ImportIssue] = []

    func issue(_ column: MemberImportColumn, _ message: String) -> ImportIssue {
        let letter = columnIndex[column].map(MemberImportColumn.letter(forIndex:)) ?? "?"
        return ImportIssue(row: row, column: "\(letter) (\(column.header))", message: message)
    }

    func text(_ column: MemberImportColumn) -> String {
        guard let index = columnIndex[column], index < cells.count else { return "" }
        return cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    mutating func required(_ column: MemberImportColumn) -> String? {
        let value = text(column)
        if value.isEmpty { issues.append(issue(column, "Không được để trống")); return nil }
        return value
    }

    mutating func day(_ column: MemberImportColumn, required: Bool = false) -> Day?? {
        let value = text(column)
        if value.isEmpty {
            if required { issues.append(issue(column, "Không được để trống")); return .none }
            return .some(nil)
        }
        if let day = Day(parsing: value) ?? Day(excelSerial: value) { return .some(day) }
        let example = column == .birthDate ? "12/4/1985" : "3/2/2010"
        issues.append(issue(column, "Ngày \"\(value)\" không hợp lệ; ghi theo ngày/tháng/năm, ví dụ \(example)"))
        return .none
    }

    mutating func choice<T: LabeledValue>(_ column: MemberImportColumn, _ type: T.Type, default fallback: T? = nil) -> T? {
        let value = text(column)
        if value.isEmpty {
            if let fallback { return fallback }
            issues.append(issue(column, "Không được để trống"))
            return nil
        }
        if let parsed = T(lenient: value) { return parsed }
        issues.append(issue(column, "Giá trị \"\(value)\" không hợp lệ; chọn một trong: \(T.labelList)"))
        return nil
    }

    mutating func parse(parser: MemberImportParser) -> MemberImportRow? {
        let name = required(.fullName)
        let gender = choice(.gender, Gender.self)
        let birth = day(.birthDate, required: true)
        let education = choice(.educationLevel, EducationLevel.self)
        let theory = choice(.politicalTheoryLevel, PoliticalTheoryLevel.self)
        let admission = day(.admissionDate)
        let full = day(.fullMembershipDate)
        let card = required(.cardNumber)
        let status = choice(.status, MemberStatus.self, default: .active)
        let statusDate = day(.statusDate)
        var positions: [Position] = []
        for part in text(.positions).split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let label = part.trimmingCharacters(in: .whitespaces)
            if let position = Position(lenient: label) {
                positions.append(position)
            } else {
                issues.append(issue(.positions, "Chức vụ \"\(label)\" không hợp lệ; chọn trong: \(Position.labelList)"))
            }
        }
        var code = text(.organizationCode)
        if code.isEmpty { code = parser.defaultOrganizationCode }
        if !parser.isKnownOrganization(code) {
            issues.append(issue(.organizationCode, "Mã tổ chức \"\(code)\" không tồn tại hoặc ngoài phạm vi được phân quyền"))
        }
        let ethnicity = text(.ethnicity)
        let religion = text(.religion)
        guard let name, let gender, let birth = birth ?? nil, let education, let theory,
              let admission, let full, let card, let status, let statusDate else { return nil }
        let fields = MemberFields(
            fullName: name, gender: gender, birthDate: birth,
            ethnicity: ethnicity.isEmpty ? "Kinh" : ethnicity, religion: religion.isEmpty ? "Không" : religion,
            educationLevel: education, politicalTheoryLevel: theory, admissionDate: admission,
            fullMembershipDate: full, cardNumber: card, positions: positions, status: status, statusDate: statusDate
        ).normalized
        for problem in fields.problems(today: parser.today) {
            let column = MemberImportColumn(rawValue: problem.field) ?? .fullName
            issues.append(issue(column, problem.message))
        }
        return issues.isEmpty ? MemberImportRow(row: row, organizationCode: code, fields: fields) : nil
    }
}

extension Day {
    /// Excel stores dates as days since 30/12/1899; a date cell read without its style arrives as that number.
    public init?(excelSerial text: String) {
        // Serial 2 is 1/1/1900 and 109574 is 31/12/2199: the range Day accepts.
        guard let serial = Double(text), serial >= 2, serial <= 109_574, serial == serial.rounded() else { return nil }
        let epochOrdinal = -25_569 // 30/12/1899, days before 1/1/1970
        self.init(ordinal: epochOrdinal + Int(serial))
    }
}
