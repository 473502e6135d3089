import DangBoCore
import DangBoDocuments
import DangBoStorage
import Fluent
import Vapor

/// `dangbo report export --form CODE --org CODE --period P --format xlsx|csv --out FILE`
struct ReportCommandGroup: AsyncCommandGroup {
    let help = "Báo cáo: xuất bảng theo mẫu chính thức."
    var commands: [String: any AnyAsyncCommand] { ["export": ReportExportCommand()] }
}

struct ReportExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "form", help: "Mã biểu, ví dụ PL8.1") var form: String?
        @Option(name: "org", help: "Mã tổ chức (mặc định: Đảng bộ Khối)") var org: String?
        @Option(name: "period", help: "Khoảng thời gian: 2022, 2023-Q1, 2020-07-01..2023-03-31, 01/2021-03/2023") var period: String?
        @Option(name: "format", help: "xlsx hoặc csv") var format: String?
        @Option(name: "out", help: "Tệp kết quả") var out: String?
        @Flag(name: "include-submitted", help: "Tính cả báo cáo đã gửi chưa duyệt") var includeSubmitted: Bool
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)") var database: String?
        init() {}
    }

    let help = "Xuất một biểu của một tổ chức cho một khoảng thời gian ra XLSX hoặc CSV."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let out = signature.out else { throw DomainError.invalid([.init(field: "out", message: "Thiếu --out TỆP")]) }
        let data = try await ReportExport.run(app: app, formCode: signature.form ?? "", orgCode: signature.org,
                                              spanText: signature.period ?? "", format: signature.format ?? "xlsx",
                                              includeSubmitted: signature.includeSubmitted)
        try data.write(to: URL(fileURLWithPath: out))
        context.console.print("Đã ghi \(out) (\(VietnameseNumberFormat.integer(data.count)) byte)")
    }
}

enum ReportExport {
    static func run(app: Application, formCode: String, orgCode: String?, spanText: String, format: String,
                    includeSubmitted: Bool) async throws -> Data {
        guard let form = app.forms.form(code: formCode) else {
            throw DomainError.notFound("Không có biểu \"\(formCode)\"; có: \(app.forms.codes.joined(separator: ", "))")
        }
        guard let span = Period(code: spanText) ?? Period(parsing: spanText) else {
            throw DomainError.invalid([.init(field: "period", message: "Khoảng thời gian \"\(spanText)\" không hợp lệ")])
        }
        let organizations = OrganizationStore(database: app.db)
        let found: Organization?
        if let orgCode { found = try await organizations.find(code: orgCode) } else { found = try await organizations.root() }
        guard let organization = found else { throw DomainError.notFound("Không tìm thấy tổ chức \(orgCode ?? "")") }
        let source = try await RolledUpSource.load(form: form, root: organization.id, span: span, terms: app.terms,
                                                   statuses: includeSubmitted ? [.approved, .submitted] : [.approved],
                                                   rollUp: ReportRollUp(database: app.db, forms: app.forms))
        let table = app.renderer(form).render(span: span, values: source)
        switch format.lowercased() {
        case "xlsx": return try ReportTableExport.xlsx(table, organizationName: organization.name)
        case "csv": return CSVWriter.make(rows: ReportTableExport.csvRows(table))
        default: throw DomainError.invalid([.init(field: "format", message: "Định dạng \"\(format)\" không hỗ trợ; chọn xlsx hoặc csv")])
        }
    }
}
