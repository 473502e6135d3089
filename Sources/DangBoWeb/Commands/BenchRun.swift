import DangBoCore
import DangBoStorage
import Fluent
import SQLKit
import Vapor

/// The measures of `dangbo bench run`, each beside a baseline of the same run: a trivial `SELECT 1`, or hand-written
/// SQL that computes the same numbers (checked equal on one cell). p50 and p99 in milliseconds; at the end, the
/// process's peak resident memory.
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

    /// What `--out` writes.
    struct Report: Codable {
        var database: String
        var runs: Int
        var results: [Result]
        /// VmHWM of /proc/self/status at the end (nil where there is no /proc).
        var peakResidentMemoryKiB: Int?

        var lines: [String] {
            guard !results.isEmpty else { return ["Cơ sở dữ liệu trống: chạy `dangbo bench generate` trước."] }
            var lines = ["\(database); \(runs) lần mỗi phép; trung vị và p99 (ms)",
                         "| phép đo | mốc | p50 | p99 | mốc p50 | tỷ lệ | kiểm tra |", "|---|---|---|---|---|---|---|"]
            for r in results {
                lines.append("| \(r.name) | \(r.baseline) | \(String(format: "%.1f", r.p50)) | \(String(format: "%.1f", r.p99)) | \(String(format: "%.2f", r.baselineP50)) | \(String(format: "%.1f", r.ratio))× | \(r.checked) |")
            }
            let memory = peakResidentMemoryKiB.map { "\(VietnameseNumberFormat.integer($0 / 1024)) MB" } ?? "không đọc được"
            lines.append("Bộ nhớ thường trú cao nhất của tiến trình (VmHWM): \(memory)")
            return lines
        }
    }

    typealias Timing = (p50: Double, p99: Double)

    /// What every measure needs: the database, the root and a mid-level organization, the actor, the runs, and the
    /// trivial baseline's timing.
    struct Setting {
        var app: Application
        var sql: any SQLDatabase
        var root: Organization
        var mid: Organization
        var today: Day
        var actor: Actor
        var runs: Int
        var trivial: Timing

        func result(_ name: String, _ baseline: String, _ value: Timing, _ base: Timing? = nil, checked: String = "") -> Result {
            let base = base ?? trivial
            return Result(name: name, baseline: baseline, p50: value.p50, p99: value.p99, baselineP50: base.p50,
                          ratio: value.p50 / max(base.p50, 0.001), checked: checked)
        }
    }

    static func timings(_ runs: Int, _ body: () async throws -> Void) async throws -> Timing {
        var times: [Double] = []
        for _ in 0 ..< runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        times.sort()
        return (times[times.count / 2], times[min(times.count - 1, Int(Double(times.count) * 0.99))])
    }

    static func run(app: Application, runs: Int) async throws -> Report {
        var report = Report(database: "\(app.dangboDatabase)", runs: runs, results: [], peakResidentMemoryKiB: nil)
        let organizations = OrganizationStore(database: app.db)
        guard let root = try await organizations.root() else { return report }
        let sql = app.db as! any SQLDatabase
        let today = Day(Date())
        let actor = Actor(accountID: UUID(), username: "bench", displayName: "bench", role: .administrator, scopeOrganizationID: root.id)
        let trivial = try await timings(runs) { _ = try await sql.raw("SELECT 1 AS one").all() }
        // A mid-level organization: the first upper-level unit below the root, else the root.
        let mid = try await organizations.children(of: root.id, on: today).first?.organization ?? root
        let setting = Setting(app: app, sql: sql, root: root, mid: mid, today: today, actor: actor, runs: runs, trivial: trivial)
        report.results += try await treeAndMembers(setting)
        report.results += try await rollUps(setting, form: "PL8.1", label: "PL 8.1", check: (row: "r1a", column: "c3"))
        report.results += try await rollUps(setting, form: "BCTHANG", label: "Báo cáo tháng", check: (row: "r3", column: "c1"))
        report.results += try await boundAndRate(setting)
        report.results += try await entrySave(setting)
        report.peakResidentMemoryKiB = peakResidentMemoryKiB()
        return report
    }

    static func treeAndMembers(_ s: Setting) async throws -> [Result] {
        let organizations = OrganizationStore(database: s.app.db)
        let members = MemberStore(database: s.app.db)
        return [
            s.result("Mở gốc cây (đơn vị trực thuộc, kèm số đếm)", "SELECT 1",
                     try await timings(s.runs) { _ = try await organizations.children(of: s.root.id, on: s.today) }),
            s.result("Danh sách đảng viên trang 1 ở gốc", "SELECT 1",
                     try await timings(s.runs) { _ = try await members.list(MemberListQuery(), for: s.actor) }),
            s.result("Tìm \"nguyen thi\" ở gốc", "SELECT 1",
                     try await timings(s.runs) { _ = try await members.list(MemberListQuery(text: "nguyen thi"), for: s.actor) }),
            s.result("Quyền xem một tổ chức (đi ngược lên)", "SELECT 1",
                     try await timings(s.runs) { _ = try await organizations.visible(s.mid.id, to: s.actor) }),
        ]
    }

    /// The form's printed table over the last finished term at the root and at the mid-level organization, from the
    /// totals kept per ancestor and summed from the stored values, each beside hand-written SQL that sums the same
    /// values (every element of the form and period of the span, the subtree as of each value's period end,
    /// approved entries only); the check compares one cell (`check`).
    static func rollUps(_ s: Setting, form code: String, label: String, check: (row: String, column: String)) async throws -> [Result] {
        guard let form = s.app.forms.form(code: code), let entryColumn = form.entryColumns.first else { return [] }
        let span = s.app.terms.term(containing: s.today).flatMap(s.app.terms.previous(of:))?.period ?? Period.year(s.today.year - 1)!
        let renderer = s.app.renderer(form)
        let checkPeriod = renderer.columnPeriods(span: span)[check.column] ?? span
        let checkElement = form.valueKey(CellKey(row: check.row, column: entryColumn.key)).element
        let elements = Array(Set(form.valueKeys.values.filter { $0.options.isEmpty }.map(\.element))).sorted()
        var results: [Result] = []
        for (place, organization) in [("gốc", s.root), ("cấp giữa", s.mid)] {
            let hand = try await handSums(s, root: organization.id, span: span, elements: elements, check: (checkElement, checkPeriod))
            for (kept, source) in [(true, "tổng giữ sẵn"), (false, "cộng từ số liệu gốc")] {
                let rollUp = ReportRollUp(database: s.app.db, forms: s.app.forms, keptTotals: kept)
                var total = 0.0
                let engine = try await timings(s.runs) {
                    let values = try await RolledUpSource.load(form: form, root: organization.id, span: span, terms: s.app.terms,
                                                               statuses: [.approved], rollUp: rollUp)
                    total = renderer.render(span: span, values: values).cell(row: check.row, column: check.column)?.value ?? 0
                }
                let checked = total == hand.total
                    ? "\(check.row) \(checkPeriod.label) bằng nhau: \(VietnameseNumberFormat.integer(Int(total)))" : "KHÁC: \(total) ≠ \(hand.total)"
                results.append(s.result("\(label) tổng hợp cả nhiệm kỳ ở \(place) (\(source))", "SQL viết tay cùng số (\(check.row))",
                                        engine, hand.timing, checked: checked))
            }
        }
        return results
    }

    /// The hand-written sums of `elements` over `span` below `root`, timed, and the check cell's total from them.
    static func handSums(_ s: Setting, root: UUID, span: Period, elements: [String],
                         check: (element: String, period: Period)) async throws -> (timing: Timing, total: Double) {
        var total = 0.0
        let timing = try await timings(s.runs) {
            let rows = try await s.sql.raw(SubtreeQueryText.history(root: root, from: span.start, to: span.end) + """
                 SELECT v.element AS element, v.period_start AS period_start, SUM(v.number) AS total
                 FROM subtree_history s CROSS JOIN data_values v JOIN report_entries e ON e.id = v.entry_id
                 WHERE v.organization_id = s.id AND v.period_end >= s.valid_from AND v.period_end < s.valid_to
                   AND e.status = 'approved' AND v.element IN (\(binds: elements)) AND v.options = ''
                   AND v.period_start >= \(bind: span.start.iso) AND v.period_end <= \(bind: span.end.iso)
                 GROUP BY v.element, v.period_start
                """).all()
            total = 0
            for row in rows where try row.decode(column: "element", as: String.self) == check.element {
                let periodStart = try row.decode(column: "period_start", as: String.self)
                if periodStart >= check.period.start.iso, periodStart <= check.period.end.iso {
                    total += try row.decode(column: "total", as: Double.self)
                }
            }
        }
        return (timing, total)
    }

    static func boundAndRate(_ s: Setting) async throws -> [Result] {
        var results: [Result] = []
        if let dv = s.app.forms.form(code: "DV") {
            let year = Period.year(s.today.year - 1)!
            let rollUp = ReportRollUp(database: s.app.db, forms: s.app.forms)
            results.append(s.result("Chỉ tiêu gắn hồ sơ: đảng viên cuối năm theo giới tính, tuổi, trình độ ở gốc", "SELECT 1",
                                    try await timings(max(3, s.runs / 5)) {
                _ = try await rollUp.values(layout: dv, root: s.root.id, periods: [year], statuses: [.approved])
            }))
        }
        let reports = ReportStore(database: s.app.db, forms: s.app.forms)
        if let pl81 = s.app.forms.form(code: "PL8.1"), let period = pl81.entryPeriods(in: Period.year(s.today.year - 2)!).last {
            results.append(s.result("Tình hình nộp một kỳ ở gốc (trạng thái mọi báo cáo)", "SELECT 1", try await timings(max(3, s.runs / 5)) {
                _ = try await reports.summaries(form: "PL8.1", period: period.code, root: s.root.id, on: period.end)
            }))
        }
        return results
    }

    /// One PL 8.1 entry saved as the entry page saves it: the stored entry and any deadline exception read, the
    /// workflow facts built, new values written through `ReportStore.save` (a draft of the current quarter, for a
    /// grassroots organization that has none, by its secretary). Each run saves the next version with newly drawn
    /// values; the entry is deleted afterwards (its audit lines stay).
    static func entrySave(_ s: Setting) async throws -> [Result] {
        guard let form = s.app.forms.form(code: "PL8.1"), let period = form.entryPeriod(containing: s.today),
              form.dueDate(for: period) >= s.today else { return [] }
        let levels = form.reporters.levels.map(\.rawValue)
        guard let row = try await s.sql.raw("""
            SELECT o.id AS id FROM organizations o
            WHERE o.level IN (\(binds: levels)) AND NOT EXISTS (SELECT 1 FROM report_entries e WHERE e.organization_id = o.id
                  AND e.form_code = \(bind: form.code) AND e.period_code = \(bind: period.code))
            ORDER BY o.code LIMIT 1
            """).first() else { return [] }
        let organization = try row.decode(column: "id", as: UUID.self)
        let store = ReportStore(database: s.app.db, forms: s.app.forms)
        let secretary = Actor(accountID: UUID(), username: "bench-coso", displayName: "bench", role: .grassrootsSecretary,
                              scopeOrganizationID: organization)
        let slot = PeriodSlot(code: period.code, start: period.start, end: period.end)
        var random = SeededGenerator(seed: 0xBE_7C5A)
        var entryID: UUID?
        let save = try await timings(s.runs) {
            let cells = DemoReports.values(for: form, period: period, scale: 60, random: &random)
                .map { StoredCell(row: $0.key.row, column: $0.key.column, number: $0.value.number, text: $0.value.text) }
            let entry = try await store.entry(form: form.code, organization: organization, period: period.code)
            let exception = try await store.exception(form: form.code, organization: organization, period: period.code)
            let workflow = EntryWorkflow.Context(status: entry?.status ?? .draft, actorCoversOrganization: true, actorIsAbove: false,
                                                 role: secretary.role, today: s.today, dueDate: form.dueDate(for: period),
                                                 exceptionUntil: exception)
            let write = EntryWrite(form: form.code, organization: organization, period: slot, cells: cells, version: entry?.version ?? 0)
            entryID = try await store.save(write, action: .save, workflow: workflow, by: secretary).id
        }
        if let entryID {
            for table in ["report_value_history", "data_values"] {
                try await s.sql.delete(from: table).where("entry_id", .equal, entryID).run()
            }
            try await s.sql.delete(from: "report_entries").where("id", .equal, entryID).run()
        }
        return [s.result("Lưu nháp một báo cáo PL 8.1 như trang nhập (đọc báo cáo, gia hạn; ghi ô, lịch sử, nhật ký)", "SELECT 1", save)]
    }

    /// The peak resident set size of this process so far (VmHWM in /proc/self/status), in KiB.
    static func peakResidentMemoryKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
    }
}
