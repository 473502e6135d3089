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
        init() {}
    }

    let help = "Sinh cây tổ chức, đảng viên và một nhiệm kỳ báo cáo PL 8.1 theo quy mô, cùng hạt giống cho cùng dữ liệu."

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
        let totals = try await BenchGenerator.run(app: app, scale: scale, seed: signature.seed ?? 1) { done, all, totals in
            if done == all || done % max(1, all / 20) == 0 {
                context.console.print("\(done)/\(all) đơn vị: \(VietnameseNumberFormat.integer(totals.organizations)) tổ chức, "
                    + "\(VietnameseNumberFormat.integer(totals.members)) đảng viên, \(VietnameseNumberFormat.integer(totals.entries)) báo cáo")
            }
        }
        context.console.print("Xong sau \(Int(Date().timeIntervalSince(started))) giây: \(VietnameseNumberFormat.integer(totals.values)) số liệu.")
    }
}

enum BenchGenerator {
    /// The term's quarters of PL 8.1 (1/7/2020–30/6/2025 with the configured terms, else the last 20 quarters).
    static func run(app: Application, scale: BenchScale, seed: UInt64,
                    progress: @escaping @Sendable (Int, Int, ScaleLoader.Totals) -> Void) async throws -> ScaleLoader.Totals {
        let today = Day(Date())
        let term = app.terms.term(containing: today).flatMap(app.terms.previous(of:))
        let span = term?.period ?? Period.dayRange(from: today.adding(days: -5 * 365), through: today)!
        var reports: [(form: FormDefinition, periods: [Period])] = []
        if let pl81 = app.forms.form(code: "PL8.1") { reports.append((pl81, pl81.entryPeriods(in: span))) }
        let tree = ScaleTree(scale: scale, seed: seed, today: today)
        return try await ScaleLoader(database: app.db, forms: app.forms)
            .load(tree, reports: reports, reportingShare: scale == .national ? 0.45 : 1, progress: progress)
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
            try encoder.encode(report.results).write(to: URL(fileURLWithPath: out))
            context.console.print("Đã ghi \(out)")
        }
    }
}

enum BenchRun {
    struct Result: Codable {
        var name: String
        var baseline: String
        var p50: Double
        var p99: Double
        var baselineP50: Double
        var ratio: Double
        var checked: String
    }

    static func timings(_ runs: Int, _ body: () async throws -> Void) async throws -> (p50: Double, p99: Double) {
        var times: [Double] = []
        for _ in 0 ..< runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        times.sort()
        return (times[times.count / 2], times[min(times.count - 1, Int(Double(times.count) * 0.99))])
    }

    static func run(app: Application, runs: Int) async throws -> (lines: [String], results: [Result]) {
        let organizations = OrganizationStore(database: app.db)
        guard let root = try await organizations.root() else { return (["Cơ sở dữ liệu trống: chạy `dangbo bench generate` trước."], []) }
        let sql = app.db as! any SQLDatabase
        let today = Day(Date())
        let actor = Actor(accountID: UUID(), username: "bench", displayName: "bench", role: .administrator, scopeOrganizationID: root.id)
        var results: [Result] = []
        let trivial = try await timings(runs) { _ = try await sql.raw("SELECT 1 AS one").all() }
        func add(_ name: String, _ baseline: String, _ value: (p50: Double, p99: Double), _ base: (p50: Double, p99: Double), checked: String = "") {
            results.append(Result(name: name, baseline: baseline, p50: value.p50, p99: value.p99, baselineP50: base.p50,
                                  ratio: value.p50 / max(base.p50, 0.001), checked: checked))
        }
        // A mid-level organization: the first upper-level unit below the root, else the root.
        let children = try await organizations.children(of: root.id, on: today)
        let mid = children.first?.organization ?? root
        add("Mở gốc cây (đơn vị trực thuộc, kèm số đếm)", "SELECT 1", try await timings(runs) { _ = try await organizations.children(of: root.id, on: today) }, trivial)
        let members = MemberStore(database: app.db)
        add("Danh sách đảng viên trang 1 ở gốc", "SELECT 1", try await timings(runs) { _ = try await members.list(MemberListQuery(), for: actor) }, trivial)
        add("Tìm \"nguyen thi\" ở gốc", "SELECT 1", try await timings(runs) { _ = try await members.list(MemberListQuery(text: "nguyen thi"), for: actor) }, trivial)
        let visible = try await timings(runs) { _ = try await organizations.visible(mid.id, to: actor) }
        add("Quyền xem một tổ chức (đi ngược lên)", "SELECT 1", visible, trivial)
        if let form = app.forms.form(code: "PL8.1") {
            let span = app.terms.term(containing: today).flatMap(app.terms.previous(of:))?.period ?? Period.year(today.year - 1)!
            let rollUp = ReportRollUp(database: app.db, forms: app.forms)
            for (label, organization) in [("gốc", root), ("cấp giữa", mid)] {
                let checkPeriod = app.renderer(form).columnPeriods(span: span)["c3"] ?? span
                var total = 0.0
                let engine = try await timings(runs) {
                    let source = try await RolledUpSource.load(form: form, root: organization.id, span: span, terms: app.terms,
                                                               statuses: [.approved], rollUp: rollUp)
                    let table = app.renderer(form).render(span: span, values: source)
                    total = table.cell(row: "r1a", column: "c3")?.value ?? 0
                }
                var handTotal = 0.0
                let hand = try await timings(runs) {
                    // The same numbers by hand: every element and period of the span, the subtree as of each value's
                    // period end, approved entries only; then r1a of the check period.
                    let rows = try await sql.raw(SubtreeQueryText.history(root: organization.id, from: span.start, to: span.end) + """
                         SELECT v.element AS element, v.period_start AS period_start, SUM(v.number) AS total
                         FROM subtree_history s CROSS JOIN data_values v JOIN report_entries e ON e.id = v.entry_id
                         WHERE v.organization_id = s.id AND v.period_end >= s.valid_from AND v.period_end < s.valid_to
                           AND e.status = 'approved' AND v.element LIKE 'kiemtra.%' AND v.options = ''
                           AND v.period_start >= \(bind: span.start.iso) AND v.period_end <= \(bind: span.end.iso)
                         GROUP BY v.element, v.period_start
                        """).all()
                    handTotal = 0
                    for row in rows where try row.decode(column: "element", as: String.self) == "kiemtra.r1a" {
                        let periodStart = try row.decode(column: "period_start", as: String.self)
                        if periodStart >= checkPeriod.start.iso, periodStart <= checkPeriod.end.iso {
                            handTotal += try row.decode(column: "total", as: Double.self)
                        }
                    }
                }
                add("PL 8.1 tổng hợp cả nhiệm kỳ ở \(label)", "SQL viết tay cùng số (r1a)", engine, hand,
                    checked: total == handTotal ? "r1a \(checkPeriod.label) bằng nhau: \(VietnameseNumberFormat.integer(Int(total)))" : "KHÁC: \(total) ≠ \(handTotal)")
            }
        }
        if let dv = app.forms.form(code: "DV") {
            let year = Period.year(today.year - 1)!
            let rollUp = ReportRollUp(database: app.db, forms: app.forms)
            add("Chỉ tiêu gắn hồ sơ: đảng viên cuối năm theo giới tính, tuổi, trình độ ở gốc", "SELECT 1", try await timings(max(3, runs / 5)) {
                _ = try await rollUp.values(layout: dv, root: root.id, periods: [year], statuses: [.approved])
            }, trivial)
        }
        let reports = ReportStore(database: app.db, forms: app.forms)
        if let pl81 = app.forms.form(code: "PL8.1"), let period = pl81.entryPeriods(in: Period.year(today.year - 2)!).last {
            add("Tình hình nộp một kỳ ở gốc (trạng thái mọi báo cáo)", "SELECT 1", try await timings(max(3, runs / 5)) {
                _ = try await reports.summaries(form: "PL8.1", period: period.code, root: root.id, on: period.end)
            }, trivial)
        }
        var lines = ["\(app.dangboDatabase); \(runs) lần mỗi phép; trung vị và p99 (ms)",
                     "| phép đo | mốc | p50 | p99 | mốc p50 | tỷ lệ | kiểm tra |", "|---|---|---|---|---|---|---|"]
        for r in results {
            lines.append("| \(r.name) | \(r.baseline) | \(String(format: "%.1f", r.p50)) | \(String(format: "%.1f", r.p99)) | \(String(format: "%.2f", r.baselineP50)) | \(String(format: "%.1f", r.ratio))× | \(r.checked) |")
        }
        return (lines, results)
    }
}
