import DangBoCore
import DangBoDocuments
import DangBoStorage
import Fluent
import Vapor

struct HistoricalImportPage: Encodable {
    /// What checking a file found, kept as the check job's result; "Ghi số liệu" writes the file that job holds.
    struct Preview: Codable {
        var jobID: String
        var fileName: String
        var created: String
        var updated: String
        var unchanged: String
        var issues: [ImportIssue]
        var isClean: Bool
        /// Some figure is new or changed: otherwise no button to write is offered.
        var writesSomething: Bool
    }

    /// The one-figure form, with what the user typed (kept when it is refused).
    struct One: Encodable {
        var organization = ""
        var period = ""
        var element = ""
        var options = ""
        var value = ""
    }

    var page: PageChrome
    var columns: [String]
    var preview: Preview?
    var result: String?
    var problems: [FieldProblem]
    var one = One()
    /// The check or the import running now.
    var job: JobView?
}

/// Figures from before DangBo (PL 8.1's column 1 is the same span of the previous term): the bloc office imports
/// report data for past periods in bulk — organization code, period, element, disaggregation, value; a whole past
/// span when only its total is known — with a dry run that lists every bad row (DHIS2's data value set import).
/// Page `/reports/values/import` and `POST /api/v1/reports/values/import?dryRun=true|false` (CSV body).
struct HistoricalValuesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("reports", "values", "import")
        group.get(use: page)
        group.get("template.csv", use: template)
        group.on(.POST, body: .collect(maxSize: "25mb"), use: upload)
        group.post("one", use: one)
    }

    /// The bloc office and administrators import figures of past periods (the reporting section links here for them).
    static func canImport(_ actor: Actor) -> Bool {
        actor.role == .administrator || actor.role == .blocOffice
    }

    static func requireImporter(_ actor: Actor) throws {
        guard canImport(actor) else {
            throw DomainError.forbidden("Chỉ Đảng ủy Khối nhập số liệu các kỳ trước")
        }
    }

    /// `/reports/values/import?job=ID`: the job's progress while it runs, then its outcome; without `job`, a check or
    /// import of this account still running is found again.
    func page(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Self.requireImporter(actor)
        let job: Job
        switch try await req.application.jobs.shown(on: req, kind: .valuesImportCheck, actor: actor) {
        case .none: return try await render(req, preview: nil, result: nil, problems: []).encodeResponse(for: req)
        case .unknown: return try await render(req, preview: nil, result: nil, problems: [JobRunner.unknownJob]).encodeResponse(status: .notFound, for: req)
        case .job(let shown): job = shown
        }
        let stored = job.status == .running ? nil : try await JobStore(database: req.db).result(job.id, accountID: actor.accountID)
        switch job.status {
        case .running:
            return try await render(req, preview: nil, result: nil, problems: [], job: JobView(job)).encodeResponse(for: req)
        case .succeeded:
            guard var preview = try stored.map({ try JSONDecoder().decode(HistoricalImportPage.Preview.self, from: $0) }) else {
                return try await render(req, preview: nil, result: job.summary, problems: []).encodeResponse(for: req)
            }
            preview.jobID = job.id.uuidString
            return try await render(req, preview: preview, result: nil, problems: [])
                .encodeResponse(status: preview.isClean ? .ok : .unprocessableEntity, for: req)
        case .failed:
            return try await render(req, preview: nil, result: nil, problems: JobRunner.problems(of: job, result: stored))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func template(req: Request) async throws -> Response {
        try Self.requireImporter(try req.requireActor())
        let example = [DataValueImportParser.Column.allCases.map(\.rawValue),
                       ["DUK", "2015-07-01..2018-03-31", "kiemtra.r1a", "", "1.109"]]
        return Response.download(CSVWriter.make(rows: example), fileName: "so-lieu-cac-ky-truoc.csv", contentType: "text/csv; charset=utf-8")
    }

    struct UploadForm: Content {
        var file: File?
        var mode: String?
        /// The check job whose file "Ghi số liệu" writes.
        var job: String?
    }

    /// Checking (the default) or writing a file runs as a job; the page shows its progress and then its outcome.
    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Self.requireImporter(actor)
        let form = try req.content.decode(UploadForm.self)
        let forms = req.application.forms
        let file: (data: Data, name: String)
        let kind: Job.Kind
        if form.mode == "import" {
            guard let kept = try await JobRunner.checkedFile(form.job, req: req, actor: actor) else {
                return try await render(req, preview: nil, result: nil, problems: [JobRunner.checkedFileGone])
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            (file, kind) = (kept, .valuesImport)
        } else {
            guard let upload = form.file, upload.data.readableBytes > 0 else {
                return try await render(req, preview: nil, result: nil, problems: [.init(field: "file", message: "Chọn tệp .xlsx hoặc .csv để tải lên")])
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            (file, kind) = ((Data(buffer: upload.data), String(upload.filename.prefix(120))), .valuesImportCheck)
        }
        let dryRun = kind == .valuesImportCheck
        let job = try await req.application.jobs.start(req, kind: kind, actor: actor, input: dryRun ? file.data : nil,
                                                       inputName: file.name) { database, progress in
            let rows = try MemberImportFile.rows(from: file.data, fileName: file.name)
            let result = try await Self.run(database: database, forms: forms, actor: actor, rows: rows, dryRun: dryRun, progress: progress)
            let n = VietnameseNumberFormat.integer
            guard dryRun || !result.issues.isEmpty else {
                return JobOutcome(summary: "Đã nhập tệp \(file.name): \(result.text)")
            }
            let preview = HistoricalImportPage.Preview(
                jobID: "", fileName: file.name, created: n(result.created), updated: n(result.updated), unchanged: n(result.unchanged),
                issues: result.issues, isClean: result.issues.isEmpty, writesSomething: result.created + result.updated > 0)
            return JobOutcome(summary: "Đã kiểm tra tệp \(file.name): \(n(result.issues.count)) lỗi", result: try JSONEncoder().encode(preview))
        }
        return req.redirect(to: "/reports/values/import?job=\(job.id.uuidString)")
    }

    struct OneForm: Content {
        var organization: String?
        var period: String?
        var element: String?
        var options: String?
        var value: String?
    }

    /// One figure typed on the page — typically a whole past span known only by its total ("1/7/2015-31/3/2018") —
    /// through the same import as a file of one line: the same checks, the same historical entry, the same audit.
    /// A refused figure comes back on the form, with what was typed and the message beside its field.
    func one(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Self.requireImporter(actor)
        let form = try req.content.decode(OneForm.self)
        let fields = [form.organization, form.period, form.element, form.options, form.value]
            .map { String(($0 ?? "").trimmingCharacters(in: .whitespaces).prefix(200)) }
        let typed = HistoricalImportPage.One(organization: fields[0], period: fields[1], element: fields[2], options: fields[3], value: fields[4])
        let rows = [DataValueImportParser.Column.allCases.map(\.rawValue), fields]
        let result = try await Self.run(database: req.db, forms: req.application.forms, actor: actor, rows: rows, dryRun: false)
        guard result.issues.isEmpty else {
            // The issue names its column ("B (Kỳ)"); the form's fields follow the columns' order.
            let names = ["organization", "period", "element", "options", "value"]
            let problems = result.issues.map { issue in
                let index = DataValueImportParser.Column.allCases.firstIndex { issue.column.contains($0.rawValue) }
                return FieldProblem(field: index.map { names[$0] } ?? "organization", message: issue.message)
            }
            return try await render(req, preview: nil, result: nil, problems: problems, one: typed)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let what = result.created > 0 ? "Đã ghi" : (result.updated > 0 ? "Đã sửa" : "Không đổi")
        return try await render(req, preview: nil, result: "\(what) số liệu \(fields[2]) của \(fields[0]) kỳ \(fields[1]): \(fields[4]) (số liệu các kỳ trước, đã duyệt)",
                                problems: []).encodeResponse(for: req)
    }

    /// Shared by the page and the API: a refused row after the database was read is reported like the others.
    static func run(database: any Database, forms: FormCatalog, actor: Actor, rows: [[String]], dryRun: Bool,
                    progress: any ProgressSink = NoProgress()) async throws -> DataValueImportResult {
        do {
            return try await DataValueImporter(database: database, forms: forms).importRows(rows, dryRun: dryRun, by: actor, progress: progress)
        } catch let refused as DataValueImportRefused {
            return DataValueImportResult(created: 0, updated: 0, unchanged: 0, issues: refused.issues)
        }
    }

    func render(_ req: Request, preview: HistoricalImportPage.Preview?, result: String?, problems: [FieldProblem],
                one: HistoricalImportPage.One = .init(), job: JobView? = nil) async throws -> View {
        try await req.view.render("reports/values-import", HistoricalImportPage(
            page: PageChrome(title: "Nhập số liệu các kỳ trước", req: req),
            columns: DataValueImportParser.Column.allCases.map(\.rawValue), preview: preview, result: result, problems: problems,
            one: one, job: job))
    }
}

/// `POST /api/v1/reports/values/import?dryRun=true|false` with a CSV (or XLSX) body.
struct HistoricalValuesApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "reports", "values", "import", body: .collect(maxSize: "25mb"), use: importValues)
    }

    func importValues(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try HistoricalValuesController.requireImporter(actor)
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw DomainError.invalid([.init(field: "body", message: "Gửi nội dung tệp CSV (UTF-8) hoặc XLSX trong thân yêu cầu")])
        }
        let data = Data(buffer: body)
        let name = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? "values.xlsx" : "values.csv"
        let dryRun = req.query[String.self, at: "dryRun"] != "false"
        let result = try await HistoricalValuesController.run(database: req.db, forms: req.application.forms, actor: actor, rows: try MemberImportFile.rows(from: data, fileName: name), dryRun: dryRun)
        return try await result.encodeResponse(status: result.issues.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}

extension DataValueImportResult: Content {}
