import DangBoCore
import Foundation

/// Every way reading or writing a spreadsheet file can fail, each with a message in Vietnamese
/// that can be shown to the person who uploaded the file.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data is not a zip archive, so it cannot be an .xlsx file.
    case notXLSX
    /// The data is an old binary Excel file (.xls) or a password-protected workbook.
    case legacyExcel
    /// A required part of the .xlsx package is absent.
    case missingPart(String)
    /// A part of the package could not be decompressed (damaged archive).
    case corruptPart(String)
    /// A part of the package is not well-formed XML, or holds values that make no sense.
    case malformedXML(part: String, detail: String)
    /// The workbook has no worksheet at this 0-based position.
    case sheetNotFound(index: Int)
    /// The CSV bytes are not valid UTF-8.
    case notUTF8
    /// The CSV text cannot be split into rows; `row` is 1-based.
    case malformedCSV(row: Int, detail: String)
    /// The file has no content at all.
    case empty
    /// The file (or a part inside it) is larger than allowed.
    case tooLarge(limitBytes: Int)
    /// The sheet has more rows holding data than allowed.
    case tooManyRows(limit: Int)
    /// The sheet has more cells than allowed.
    case tooManyCells(limit: Int)
    /// The workbook to write is not valid (bad merged range, text too long, ...).
    case invalidWorkbook(String)

    /// The message to show, in Vietnamese.
    public var message: String {
        switch self {
        case .notXLSX:
            return "Tệp không phải là tệp Excel .xlsx hợp lệ (không đọc được định dạng zip)"
        case .legacyExcel:
            return "Tệp là định dạng Excel cũ (.xls) hoặc có đặt mật khẩu; hãy mở bằng Excel và lưu lại dạng .xlsx không mật khẩu"
        case .missingPart(let name):
            return "Tệp .xlsx thiếu phần \(name)"
        case .corruptPart(let name):
            return "Phần \(name) của tệp .xlsx bị hỏng, không giải nén được"
        case .malformedXML(let part, let detail):
            return "Phần \(part) của tệp .xlsx bị lỗi: \(detail)"
        case .sheetNotFound(let index):
            return "Tệp .xlsx không có trang tính thứ \(index + 1)"
        case .notUTF8:
            return "Tệp CSV không phải mã UTF-8; hãy lưu lại bằng Excel với kiểu \"CSV UTF-8 (Comma delimited)\""
        case .malformedCSV(let row, let detail):
            return "Tệp CSV bị lỗi ở dòng \(row): \(detail)"
        case .empty:
            return "Tệp trống, không có dữ liệu"
        case .tooLarge(let limitBytes):
            return "Tệp quá lớn; giới hạn là \(VietnameseNumberFormat.integer(limitBytes / 1_048_576)) MB"
        case .tooManyRows(let limit):
            return "Tệp có quá nhiều dòng; giới hạn là \(VietnameseNumberFormat.integer(limit)) dòng"
        case .tooManyCells(let limit):
            return "Tệp có quá nhiều ô dữ liệu; giới hạn là \(VietnameseNumberFormat.integer(limit)) ô"
        case .invalidWorkbook(let detail):
            return "Không tạo được tệp Excel: \(detail)"
        }
    }

    public var description: String { message }
}

/// Size limits shared by the readers.
public enum DocumentLimits: Sendable {
    /// Largest uploaded file accepted, in bytes (20 MB).
    public static let maxFileBytes = 20 * 1_048_576
    /// Largest decompressed part inside an .xlsx package, in bytes (256 MB).
    public static let maxPartBytes = 256 * 1_048_576
    /// Most rows holding data that a sheet or CSV file may have.
    public static let maxRows = 200_000
    /// Most cells (after placing cells at their columns) that a read may produce.
    public static let maxCells = 10_000_000
}
