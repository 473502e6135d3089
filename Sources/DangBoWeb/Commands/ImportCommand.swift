import DangBoCore
import DangBoStorage
import Fluent
import Vapor

/// `dangbo import members FILE --org CODE [--dry-run] [--only-clean]`
struct ImportCommandGroup: AsyncCommandGroup {
    let help = "Nhập dữ liệu từ tệp."
    var commands: [String: any AnyAsyncCommand] { ["members": ImportMembersCommand()] }
}

struct ImportMembersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp .xlsx hoặc .csv (UTF-8) theo mẫu")
        var file: String
        @Option(name: "org", help: "Mã chi bộ mặc định cho các dòng không ghi mã tổ chức")
        var org: String?
        @Flag(name: "dry-run", help: "Chỉ kiểm tra, không ghi")
        var dryRun: Bool
        @Flag(name: "only-clean", help: "Nhập các dòng không lỗi, bỏ qua dòng lỗi")
        var onlyClean: Bool
        @Option(name: "as", help: "Tài khoản thực hiện (mặc định: admin), để ghi nhật ký và giới hạn phạm vi")
        var account: String?
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)")
        var database: String?
        init() {}
    }

    let help = "Nhập đảng viên từ tệp XLSX hoặc CSV."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let progress = TerminalProgress(unit: Job.Kind.memberImport.unit)
        let report = try await MemberImportRunner.run(
            database: app.db, path: signature.file, organizationCode: signature.org ?? "", dryRun: signature.dryRun,
            onlyClean: signature.onlyClean, username: signature.account ?? "admin", progress: progress)
        progress.finish()
        report.lines.forEach { context.console.print($0) }
        if !report.succeeded { throw ImportFailed() }
    }

    struct ImportFailed: Error, CustomStringConvertible {
        var description: String { "Nhập không thành công" }
    }
}

/// The command's work as a plain function, so tests call it directly.
enum MemberImportRunner {
    struct Report {
        var lines: [String]
        var succeeded: Bool
    }

    static func run(database: any Database, path: String, organizationCode: String, dryRun: Bool, onlyClean: Bool,
                    username: String, progress: any ProgressSink = NoProgress()) async throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Report(lines: ["Không đọc được tệp \(path)"], succeeded: false)
        }
        guard let actor = try await AccountStore(database: database).credentials(username: username)?.actor else {
            return Report(lines: ["Không có tài khoản \(username)"], succeeded: false)
        }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let rows: [[String]]
        do {
            rows = try MemberImportFile.rows(from: data, fileName: fileName)
        } catch let error as DomainError {
            return Report(lines: [error.message], succeeded: false)
        }
        let importer = MemberImporter(store: MemberStore(database: database))
        let preview = try await importer.preview(rows: rows, defaultOrganizationCode: organizationCode, by: actor, progress: progress)
        let n = VietnameseNumberFormat.integer
        var lines = ["\(fileName): \(n(preview.plan.totalRows)) dòng; \(n(preview.plan.cleanRows.count)) dòng hợp lệ "
                     + "(thêm \(n(preview.toCreate)), cập nhật \(n(preview.toUpdate)), không đổi \(n(preview.unchanged))); "
                     + "\(n(preview.plan.badRowNumbers.count)) dòng lỗi"]
        lines += preview.plan.issues.map(\.text)
        if dryRun { return Report(lines: lines + ["Chạy thử: chưa ghi gì."], succeeded: preview.plan.isClean) }
        if !preview.plan.isClean && !onlyClean {
            return Report(lines: lines + ["Tệp có lỗi: chưa ghi gì. Sửa tệp, hoặc dùng --only-clean để chỉ nhập các dòng hợp lệ."], succeeded: false)
        }
        let result = try await importer.apply(rows: rows, defaultOrganizationCode: organizationCode, onlyCleanRows: onlyClean,
                                              fileName: fileName, by: actor, progress: progress)
        lines.append("Đã ghi: \(result.text).")
        return Report(lines: lines, succeeded: true)
    }
}
