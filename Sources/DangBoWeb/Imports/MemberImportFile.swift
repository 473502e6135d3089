import DangBoCore
import DangBoDocuments
import Foundation
import Vapor

/// Reading an uploaded member file (XLSX or CSV) and making the downloadable templates.
enum MemberImportFile {
    /// The rows of the file as text. XLSX is recognised by its zip signature or its name; anything else is CSV.
    static func rows(from data: Data, fileName: String) throws -> [[String]] {
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let lower = fileName.lowercased()
        do {
            if isZip || lower.hasSuffix(".xlsx") {
                return try XLSXReader.readRows(from: data)
            }
            if lower.hasSuffix(".xls") {
                throw DomainError.invalid([.init(field: "file", message: "Tệp .xls (Excel 97-2003) không được hỗ trợ; hãy lưu lại thành .xlsx hoặc .csv")])
            }
            return try CSVReader.readRows(from: data)
        } catch let error as DocumentError {
            throw DomainError.invalid([.init(field: "file", message: "\(fileName): \(error.message)")])
        }
    }

    static var headers: [String] { MemberImportColumn.allCases.map(\.header) }

    static func templateCSV() -> Data {
        CSVWriter.make(rows: [headers])
    }

    static func templateXLSX() throws -> Data {
        let columns = MemberImportColumn.allCases
        var sheet = XLSXSheet(name: "Đảng viên", columnWidths: columns.map { $0 == .fullName ? 28 : 18 },
                              freezePane: .init(rows: 1))
        sheet.appendRow(columns.map { XLSXCell.text($0.header, style: .tableHeader) }, height: 32)
        func list<T: LabeledValue>(_ column: MemberImportColumn, _ type: T.Type) -> XLSXSheet.ListValidation {
            let letter = MemberImportColumn.letter(forIndex: columns.firstIndex(of: column) ?? 0)
            return .init(range: "\(letter)2:\(letter)50000", options: T.allCases.map(\.label),
                         errorMessage: "Chọn một trong: \(T.labelList)")
        }
        // Excel's drop-down lists are comma-separated, so a label with a comma ("Cao cấp, cử nhân") cannot be offered.
        sheet.listValidations = [list(.gender, Gender.self), list(.educationLevel, EducationLevel.self),
                                 list(.politicalTheoryLevel, PoliticalTheoryLevel.self), list(.status, MemberStatus.self)]
            .filter { !$0.options.contains { $0.contains(",") } }
        var guide = XLSXSheet(name: "Hướng dẫn", columnWidths: [8, 24, 80])
        guide.appendRow([.text("Mẫu nhập đảng viên — mỗi dòng một đảng viên, dòng 1 là tiêu đề; khóa là số thẻ đảng viên", style: .title)])
        guide.merge(fromRow: 1, fromColumn: 1, toRow: 1, toColumn: 3)
        guide.appendRow([.text("Cột", style: .tableHeader), .text("Tiêu đề", style: .tableHeader), .text("Cách ghi", style: .tableHeader)])
        for (index, column) in columns.enumerated() {
            guide.appendRow([.text(MemberImportColumn.letter(forIndex: index), style: .table), .text(column.header, style: .table),
                             .text(column.help, style: .tableWrapped)])
        }
        guide.appendRow([])
        guide.appendRow([.text("Ví dụ một dòng:", style: XLSXStyle(bold: true))])
        let example = ["Nguyễn Thị Vinh", "Nữ", "12/4/1985", "Kinh", "Không", "Đại học", "Trung cấp", "3/2/2010", "3/2/2011",
                       "79012345", "Cấp ủy viên", "", "Đang sinh hoạt", ""]
        for (index, value) in example.enumerated() {
            guide.appendRow([.text(MemberImportColumn.letter(forIndex: index)), .text(columns[index].header), .text(value)])
        }
        return try XLSXWriter.make(sheets: [sheet, guide])
    }
}
