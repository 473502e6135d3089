import Foundation

/// The columns of the member import file, in template order. Headers are matched ignoring case and diacritics.
public enum MemberImportColumn: String, CaseIterable, Sendable {
    case fullName, gender, birthDate, ethnicity, religion, educationLevel, politicalTheoryLevel
    case admissionDate, fullMembershipDate, cardNumber, positions, organizationCode, status, statusDate

    public var header: String {
        switch self {
        case .fullName: return "Họ và tên"
        case .gender: return "Giới tính"
        case .birthDate: return "Ngày sinh"
        case .ethnicity: return "Dân tộc"
        case .religion: return "Tôn giáo"
        case .educationLevel: return "Trình độ chuyên môn"
        case .politicalTheoryLevel: return "Lý luận chính trị"
        case .admissionDate: return "Ngày vào Đảng"
        case .fullMembershipDate: return "Ngày chính thức"
        case .cardNumber: return "Số thẻ đảng viên"
        case .positions: return "Chức vụ"
        case .organizationCode: return "Mã tổ chức"
        case .status: return "Trạng thái"
        case .statusDate: return "Ngày trạng thái"
        }
    }

    public var isRequired: Bool {
        switch self {
        case .fullName, .gender, .birthDate, .cardNumber, .politicalTheoryLevel, .educationLevel: return true
        default: return false
        }
    }

    /// What the template's notes row says about the column.
    public var help: String {
        switch self {
        case .fullName: return "Bắt buộc. Họ, đệm và tên đầy đủ, có dấu"
        case .gender: return "Bắt buộc. \(Gender.labelList)"
        case .birthDate: return "Bắt buộc. Ngày/tháng/năm, ví dụ 12/4/1980"
        case .ethnicity: return "Mặc định: Kinh"
        case .religion: return "Mặc định: Không"
        case .educationLevel: return "Bắt buộc. \(EducationLevel.labelList)"
        case .politicalTheoryLevel: return "Bắt buộc. \(PoliticalTheoryLevel.labelList)"
        case .admissionDate: return "Ngày/tháng/năm"
        case .fullMembershipDate: return "Ngày/tháng/năm; để trống nếu còn dự bị"
        case .cardNumber: return "Bắt buộc, không trùng. Khóa để nhập lại không tạo bản sao"
        case .positions: return "Cách nhau bởi dấu ;  \(Position.labelList)"
        case .organizationCode: return "Mã chi bộ/đảng bộ; để trống = tổ chức chọn khi nhập"
        case .status: return "Mặc định: Đang sinh hoạt. \(MemberStatus.labelList)"
        case .statusDate: return "Bắt buộc nếu trạng thái khác Đang sinh hoạt"
        }
    }

    /// Excel-style column letter for a zero-based index: 0 → A, 26 → AA.
    public static func letter(forIndex index: Int) -> String {
        var index = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
            index = index / 26 - 1
        } while index >= 0
        return letters
    }
}

/// A problem in an import file, located as a spreadsheet user sees it.
public struct ImportIssue: Codable, Sendable, Hashable {
    /// 1-based row number in the file (the header is row 1); 0 for problems with the whole file.
    public var row: Int
    /// Column letter and header, e.g. "C (Ngày sinh)"; empty for whole-row problems.
    public var column: String
    public var message: String

    public init(row: Int, column: String, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var text: String {
        let number = VietnameseNumberFormat.integer(row)
        let place = row == 0 ? "Tệp" : (column.isEmpty ? "Dòng \(number)" : "Dòng \(number), cột \(column)")
        return "\(place): \(message)"
    }
}

/// One clean row, ready to write.
public struct MemberImportRow: Sendable, Hashable {
    public var row: Int
    public var organizationCode: String
    public var fields: MemberFields
}

/// The result of checking a file: clean rows, issues, and which rows the issues touch.
public struct MemberImportPlan: Sendable {
    public var cleanRows: [MemberImportRow]
    public var issues: [ImportIssue]
    public var totalRows: Int

    public var badRowNumbers: Set<Int> { Set(issues.map(\.row).filter { $0 > 0 }) }
    public var isClean: Bool { issues.isEmpty }
}
