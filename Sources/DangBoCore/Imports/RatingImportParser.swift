import Foundation

/// Reads a file of yearly member ratings (rows already read from XLSX or CSV as text): one member per row, named by
/// party card number, with a grade or the reason it is missing. Every problem names its row and column; a file with
/// any problem imports nothing. Pure: the card numbers are resolved by the caller.
public struct RatingImportParser: Sendable {
    public enum Column: String, CaseIterable, Sendable {
        case cardNumber, fullName, grade, notRatedReason

        public var header: String {
            switch self {
            case .cardNumber: "Số thẻ đảng viên"
            case .fullName: "Họ và tên"
            case .grade: "Xếp loại"
            case .notRatedReason: "Lý do chưa xếp loại"
            }
        }

        var isRequired: Bool { self == .cardNumber || self == .grade }
    }

    /// One clean row.
    public struct Line: Sendable, Hashable {
        public var row: Int
        public var cardNumber: String
        public var grade: QualityGrade?
        public var notRatedReason: String
        /// Where the card number is ("A (Số thẻ đảng viên)"), for a problem the caller finds with it.
        public var cardPlace: String
    }

    public static let maxRows = 5_000

    public init() {}

    public func parse(rows: [[String]]) -> (lines: [Line], issues: [ImportIssue]) {
        let header = ImportHeader<Column>(rows: rows, maxRows: Self.maxRows, title: \.header, required: \.isRequired)
        guard header.issues.isEmpty else { return ([], header.issues) }
        var issues: [ImportIssue] = []
        var lines: [Line] = []
        var firstRow: [String: Int] = [:]
        for (offset, cells) in rows.dropFirst().enumerated() {
            let row = offset + 2
            func cell(_ column: Column) -> String { header.cell(column, in: cells) }
            func place(_ column: Column) -> String { header.place(column, title: \.header) }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var rowIssues: [ImportIssue] = []
            let card = cell(.cardNumber)
            if card.isEmpty {
                rowIssues.append(ImportIssue(row: row, column: place(.cardNumber), message: "Thiếu số thẻ đảng viên"))
            } else if card.count > 20 || !card.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) {
                rowIssues.append(ImportIssue(row: row, column: place(.cardNumber), message: "Số thẻ \"\(card.prefix(20))\" không hợp lệ (chỉ gồm chữ số, tối đa 20 ký tự)"))
            } else if let first = firstRow[card] {
                rowIssues.append(ImportIssue(row: row, column: place(.cardNumber), message: "Số thẻ \(card) trùng với dòng \(first): mỗi đảng viên chỉ được xếp loại một lần trong năm"))
            } else {
                firstRow[card] = row
            }
            let gradeText = cell(.grade)
            let reason = cell(.notRatedReason)
            var grade: QualityGrade?
            if gradeText.isEmpty || VietnameseText.folded(gradeText) == "chua xep loai" {
                if reason.isEmpty {
                    rowIssues.append(ImportIssue(row: row, column: place(.grade), message: "Ghi mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV), hoặc ghi lý do chưa xếp loại"))
                }
            } else if let parsed = QualityGrade(text: gradeText) {
                grade = parsed
                if !reason.isEmpty {
                    rowIssues.append(ImportIssue(row: row, column: place(.notRatedReason), message: "Đã xếp loại thì để trống lý do chưa xếp loại"))
                }
            } else {
                rowIssues.append(ImportIssue(row: row, column: place(.grade), message: "Mức xếp loại \"\(gradeText.prefix(40))\" không có; ghi một trong: "
                    + QualityGrade.allCases.map { "\($0.abbreviation) (\($0.label))" }.joined(separator: ", ")))
            }
            if reason.count > 500 { rowIssues.append(ImportIssue(row: row, column: place(.notRatedReason), message: "Lý do dài quá 500 ký tự")) }
            if rowIssues.isEmpty { lines.append(Line(row: row, cardNumber: card, grade: grade, notRatedReason: reason, cardPlace: place(.cardNumber))) }
            issues += rowIssues
        }
        if lines.isEmpty && issues.isEmpty { issues.append(ImportIssue(row: 0, column: "", message: "Tệp không có dòng dữ liệu nào")) }
        return (lines, issues)
    }
}
