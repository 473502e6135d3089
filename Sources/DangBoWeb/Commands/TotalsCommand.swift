import DangBoCore
import DangBoStorage
import Foundation
import Vapor

/// `dangbo totals check|rebuild [--database URL]`: the totals kept per ancestor (DataTotals) against their values
/// recomputed from scratch. `check` lists the differences and exits with status 1 when there are any; `rebuild`
/// replaces the totals by the recomputed ones (after a bulk load from outside DangBo, or to repair what `check` found).
struct TotalsCommandGroup: AsyncCommandGroup {
    let help = "Tổng số giữ sẵn theo cấp trên: kiểm tra (check) hoặc tính lại (rebuild) từ số liệu gốc."
    var commands: [String: any AnyAsyncCommand] { ["check": TotalsCheckCommand(), "rebuild": TotalsRebuildCommand()] }
    var defaultCommand: (any AnyAsyncCommand)? { TotalsCheckCommand() }
}

struct TotalsCheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)") var database: String?
        @Option(name: "limit", help: "In tối đa bao nhiêu chênh lệch (mặc định 100)") var limit: Int?
        init() {}
    }

    let help = "Tính lại mọi tổng số từ số liệu đã duyệt và so với tổng số đang giữ; in các chênh lệch."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let started = Date()
        let result = try await DataTotals.check(on: app.db, limit: max(1, signature.limit ?? 100))
        let seconds = VietnameseNumberFormat.decimal(Date().timeIntervalSince(started), fractionDigits: 1)
        guard result.count > 0 else {
            context.console.print("Tổng số khớp với số liệu gốc (kiểm tra trong \(seconds) giây).")
            return
        }
        for difference in result.differences { context.console.print(difference.description) }
        context.console.error("\(VietnameseNumberFormat.integer(result.count)) tổng số khác số liệu gốc; chạy `dangbo totals rebuild` để tính lại.")
        throw TotalsDiffer(count: result.count)
    }
}

struct TotalsRebuildCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)") var database: String?
        init() {}
    }

    let help = "Xóa và tính lại mọi tổng số giữ sẵn từ số liệu đã duyệt (một giao dịch)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let started = Date()
        try await DataTotals.rebuild(on: app.db)
        context.console.print("Đã tính lại tổng số sau \(VietnameseNumberFormat.decimal(Date().timeIntervalSince(started), fractionDigits: 1)) giây.")
    }
}

/// The check found differences: the command exits with a failure status.
struct TotalsDiffer: Error, CustomStringConvertible {
    let count: Int
    var description: String { "\(VietnameseNumberFormat.integer(count)) tổng số khác số liệu gốc" }
}
