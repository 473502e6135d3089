import Foundation

/// The header row of an import file read against the columns a parser knows: each title matched without regard to
/// case or diacritics, every unknown, repeated or missing required column an issue of row 1, and the row count
/// checked against the parser's limit. Shared by the parsers whose columns have fixed titles.
public struct ImportHeader<Column: Hashable & CaseIterable> {
    public var index: [Column: Int] = [:]
    public var issues: [ImportIssue] = []

    /// `title(c)` is the column's title in the template; `required(c)` whether a file must have it.
    public init(rows: [[String]], maxRows: Int, title: (Column) -> String, required: (Column) -> Bool) {
        guard let header = rows.first else {
            issues = [ImportIssue(row: 0, column: "", message: "Tệp trống, không có dòng tiêu đề")]
            return
        }
        for (position, text) in header.enumerated() {
            let folded = VietnameseText.folded(text)
            guard !folded.isEmpty else { continue }
            guard let column = Column.allCases.first(where: { VietnameseText.folded(title($0)) == folded }) else {
                issues.append(ImportIssue(row: 1, column: "\(MemberImportColumn.letter(forIndex: position)) (\(text.prefix(40)))",
                                          message: "Tiêu đề cột không có trong mẫu; các cột: " + Column.allCases.map(title).joined(separator: ", ")))
                continue
            }
            if index[column] != nil {
                issues.append(ImportIssue(row: 1, column: MemberImportColumn.letter(forIndex: position), message: "Cột \"\(title(column))\" bị lặp"))
            }
            index[column] = position
        }
        for column in Column.allCases where required(column) && index[column] == nil {
            issues.append(ImportIssue(row: 1, column: "", message: "Thiếu cột bắt buộc \"\(title(column))\""))
        }
        if rows.count - 1 > maxRows {
            issues.append(ImportIssue(row: 0, column: "", message: "Tệp có \(VietnameseNumberFormat.integer(rows.count - 1)) dòng, vượt giới hạn "
                + "\(VietnameseNumberFormat.integer(maxRows)) dòng mỗi lần nhập"))
        }
    }

    /// A cell of a row, trimmed; empty when the row is shorter or the column absent.
    public func cell(_ column: Column, in cells: [String]) -> String {
        guard let position = index[column], position < cells.count else { return "" }
        return cells[position].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "B (Xếp loại)": where a column is, for an issue.
    public func place(_ column: Column, title: (Column) -> String) -> String {
        index[column].map { "\(MemberImportColumn.letter(forIndex: $0)) (\(title(column)))" } ?? title(column)
    }
}
