import DangBoCore
import DangBoStorage
import Fluent
import SQLKit
import Vapor

/// `dangbo bench [generate|run] ...`: `generate` fills an empty database deterministically at a scale; `run`
/// measures the main queries there, each beside a baseline of the same run; no subcommand runs the quick
/// `dangbo bench` of the demo (BenchCommand).
struct BenchCommandGroup: AsyncCommandGroup {
    let help = "Đo hiệu năng: sinh dữ liệu theo quy mô (generate), đo các truy vấn chính (run)."
    var commands: [String: any AnyAsyncCommand] { ["generate": BenchGenerateCommand(), "run": BenchRunCommand()] }
    var defaultCommand: (any AnyAsyncCommand)? { BenchCommand() }
}

/// `dangbo bench generate --scale bloc|province|national --seed N`
struct BenchGenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "bloc, province hoặc national") var scale: String?
        @Option(name: "seed", help: "Hạt giống (mặc định 1)") var seed: UInt64?
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)") var database: String?
        @Flag(name: "no-totals", help: "Không tính lại tổng theo cấp trên sau khi nạp (chạy `dangbo totals rebuild` sau)") var noTotals: Bool
        init() {}
    }

    let help = "Sinh cây tổ chức, đảng viên và một nhiệm kỳ báo cáo PL 8.1 (quý) và báo cáo tháng theo quy mô, cùng hạt giống cho cùng dữ liệu."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let scale = BenchScale(rawValue: signature.scale ?? "province") else {
            throw DomainError.invalid([.init(field: "scale", message: "Quy mô \"\(signature.scale ?? "")\" không có: bloc, province, national")])
        }
        try await app.autoMigrate()
        guard try await BulkLoader(database: app.db).isEmpty() else {
            context.console.error("Cơ sở dữ liệu đã có dữ liệu: dùng một cơ sở dữ liệu trống.")
            throw DomainError.conflict("Cơ sở dữ liệu đã có dữ liệu")
        }
        let started = Date()
        // The same bar and words as a job's progress on the pages.
        let bar = TerminalProgress(unit: "đơn vị")
        let generated = try await BenchGenerator.run(app: app, scale: scale, seed: signature.seed ?? 1,
                                                     rebuildTotals: !signature.noTotals) { done, all, totals in
            let seconds = Date().timeIntervalSince(started)
            let n = VietnameseNumberFormat.integer
            bar.show(JobProgress(done: done, total: all, phase: "Sinh dữ liệu \(scale.rawValue)"),
                     detail: "\(Int(seconds)) giây: \(n(totals.organizations)) tổ chức, \(n(totals.members)) đảng viên, "
                        + "\(n(totals.entries)) báo cáo, \(n(totals.values)) số liệu, \(n(totals.ratings)) kết quả xếp loại (\(n(Int(Double(totals.rows) / max(seconds, 0.001)))) dòng/giây)")
        }
        bar.finish()
        let rows = generated.totals.rows
        context.console.print("Đã ghi \(VietnameseNumberFormat.integer(rows)) dòng sau \(Int(generated.loadSeconds)) giây "
            + "(\(VietnameseNumberFormat.integer(Int(Double(rows) / max(generated.loadSeconds, 0.001)))) dòng/giây); "
            + (signature.noTotals ? "chưa tính lại tổng theo cấp trên (data_totals); "
                : "tính lại tổng theo cấp trên (data_totals) \(Int(generated.totalsSeconds)) giây; ")
            + "tổng cộng \(Int(Date().timeIntervalSince(started))) giây.")
    }
}

enum BenchGenerator {
    /// The forms a generated database holds a term of: PL 8.1 (quarters) and the monthly report (months).
    static let formCodes = ["PL8.1", "BCTHANG"]

    struct Generated {
        var totals: ScaleLoader.Totals
        var loadSeconds: Double
        /// Rebuilding the totals per ancestor (`DataTotals`) from the loaded values.
        var totalsSeconds: Double
    }

    /// A term of entries of `formCodes` (1/7/2020–30/6/2025 with the configured terms, else the last five years),
    /// for every grassroots organization, or 45 % of them in the country; then (`rebuildTotals`) the totals per ancestor.
    static func run(app: Application, scale: BenchScale, seed: UInt64, rebuildTotals: Bool = true,
                    progress: @escaping @Sendable (Int, Int, ScaleLoader.Totals) -> Void) async throws -> Generated {
        let today = Day(Date())
        let span = termSpan(app: app, today: today)
        let reports = formCodes.compactMap { app.forms.form(code: $0) }.map { (form: $0, periods: $0.entryPeriods(in: span)) }
        let tree = ScaleTree(scale: scale, seed: seed, today: today)
        let started = Date()
        let totals = try await ScaleLoader(database: app.db, forms: app.forms)
            .load(tree, reports: reports, reportingShare: scale == .national ? 0.45 : 1, progress: progress)
        let loaded = Date()
        if rebuildTotals { try await DataTotals.rebuild(on: app.db) }
        return Generated(totals: totals, loadSeconds: loaded.timeIntervalSince(started), totalsSeconds: Date().timeIntervalSince(loaded))
    }

    /// The term the generated entries cover: the last finished one, else the five years up to today.
    static func termSpan(app: Application, today: Day) -> Period {
        app.terms.term(containing: today).flatMap(app.terms.previous(of:))?.period
            ?? Period.dayRange(from: today.adding(days: -5 * 365), through: today)!
    }
}

/// `dangbo bench run [--runs N] [--out FILE.json]`: each measure beside its baseline of the same run (a trivial
/// query; hand-written SQL that computes the same numbers, checked equal), p50 and p99.
struct BenchRunCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "runs", help: "Số lần đo mỗi phép (mặc định 30)") var runs: Int?
        @Option(name: "out", help: "Ghi kết quả JSON vào tệp") var out: String?
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)") var database: String?
        init() {}
    }

    let help = "Đo các truy vấn chính ở quy mô của cơ sở dữ liệu, mỗi phép bên cạnh mốc đo cùng lần."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let report = try await BenchRun.run(app: app, runs: max(3, signature.runs ?? 30))
        for line in report.lines { context.console.print(line) }
        if let out = signature.out {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: out))
            context.console.print("Đã ghi \(out)")
        }
    }
}
