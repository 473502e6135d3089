import DangBoCore
import DangBoStorage
import Fluent
import Vapor

/// `dangbo bench [--runs N]`: times the queries every page rests on, against the current database (load it with
/// `dangbo demo`), each next to a baseline measured in the same run, so the ratios travel between machines.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "runs", help: "Số lần đo mỗi phép (mặc định 15)") var runs: Int?
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)") var database: String?
        init() {}
    }

    let help = "Đo thời gian các truy vấn chính (tổng hợp báo cáo, tìm đảng viên, cây tổ chức) so với mốc đo cùng lần."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        for line in try await Bench.run(app: app, runs: max(3, signature.runs ?? 15)) { context.console.print(line) }
    }
}

enum Bench {
    /// Median wall time of `runs` calls, in milliseconds.
    static func median(_ runs: Int, _ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0 ..< runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        return times.sorted()[times.count / 2]
    }

    static func run(app: Application, runs: Int) async throws -> [String] {
        let organizations = OrganizationStore(database: app.db)
        guard let root = try await organizations.root() else { return ["Cơ sở dữ liệu trống: chạy `dangbo demo` trước."] }
        let today = Day(Date())
        let nodes = try await organizations.tree(root: root.id, on: today)
        guard let grassroots = nodes.filter({ $0.organization.level == .grassrootsCommittee }).max(by: { $0.childCount < $1.childCount }) else {
            return ["Không có đảng bộ cơ sở"]
        }
        let actor = Actor(accountID: UUID(), username: "bench", displayName: "bench", role: .administrator, scopeOrganizationID: root.id)
        let members = MemberStore(database: app.db)
        var lines = ["Đo \(runs) lần mỗi phép, trung vị (ms); \(app.dangboDatabase); \(nodes.count) tổ chức, \(VietnameseNumberFormat.integer(nodes.first?.subtreeMemberCount ?? 0)) đảng viên",
                     "| phép đo | mốc | ms | mốc ms | tỷ lệ |", "|---|---|---|---|---|"]
        func add(_ name: String, _ baselineName: String, _ value: Double, _ baseline: Double) {
            lines.append("| \(name) | \(baselineName) | \(String(format: "%.1f", value)) | \(String(format: "%.1f", baseline)) | \(String(format: "%.1f", value / max(baseline, 0.001)))× |")
        }
        let tree = try await median(runs) { _ = try await organizations.tree(root: root.id, on: today) }
        let smallTree = try await median(runs) { _ = try await organizations.tree(root: grassroots.organization.id, on: today) }
        add("Cây tổ chức cả Khối", "cây một đảng bộ cơ sở", tree, smallTree)
        let rootChildren = try await median(runs) { _ = try await organizations.children(of: root.id, on: today) }
        let committeeChildren = try await median(runs) { _ = try await organizations.children(of: grassroots.organization.id, on: today) }
        add("Mở gốc cây (đơn vị trực thuộc Khối, kèm số đếm)", "mở một đảng bộ cơ sở", rootChildren, committeeChildren)
        let search = try await median(runs) { _ = try await members.list(MemberListQuery(text: "nguyen thi"), for: actor) }
        let page = try await median(runs) { _ = try await members.list(MemberListQuery(), for: actor) }
        add("Tìm \"nguyen thi\" cả Khối", "trang 1 danh sách", search, page)
        let first = try await members.list(MemberListQuery(), for: actor)
        let next = try await median(runs) { _ = try await members.list(MemberListQuery(direction: .after(first.next)), for: actor) }
        add("Trang sau của danh sách cả Khối (con trỏ)", "trang 1 danh sách", next, page)
        let pick = try await median(runs) { _ = try await organizations.search("chi bo van phong", levels: [.subordinateCell], for: actor) }
        add("Gợi ý tổ chức \"chi bo van phong\" cả Khối", "trang 1 danh sách", pick, page)
        if let form = app.forms.form(code: "PL8.1"), let span = Period.dayRange(from: Day(year: today.year - 2, month: 1, day: 1)!, through: today) {
            let rollUp = ReportRollUp(database: app.db, forms: app.forms)
            let bloc = try await median(runs) {
                let source = try await RolledUpSource.load(form: form, root: root.id, span: span, terms: app.terms, statuses: [.approved], rollUp: rollUp)
                _ = app.renderer(form).render(span: span, values: source)
            }
            let single = try await median(runs) {
                let source = try await RolledUpSource.load(form: form, root: grassroots.organization.id, span: span, terms: app.terms, statuses: [.approved], rollUp: rollUp)
                _ = app.renderer(form).render(span: span, values: source)
            }
            add("Bảng PL 8.1 tổng hợp cả Khối, \(span.label)", "cùng bảng, một đảng bộ cơ sở", bloc, single)
        }
        return lines
    }
}
