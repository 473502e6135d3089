import DangBoCore
import DangBoDocuments
import DangBoStorage
import Fluent
import Vapor

struct ImportPage: Encodable {
    struct Column: Encodable {
        var letter: String
        var header: String
        var help: String
        var isRequired: Bool
    }

    /// What checking a file found, kept as the check job's result: the page shows it, and "Ghi vào danh sách" writes
    /// the file that job holds.
    struct Preview: Codable {
        var jobID: String
        var fileName: String
        var organizationCode: String
        var totalRows: String
        var cleanRows: String
        var badRows: String
        var toCreate: String
        var toUpdate: String
        var unchanged: String
        var issues: [ImportIssue]
        var isClean: Bool
        var hasCleanRows: Bool
        /// Some clean row adds or changes a member: otherwise no button to write is offered.
        var writesSomething: Bool
    }

    var page: PageChrome
    var columns: [Column]
    /// The default cell's picker (a code).
    var organization: PickedOrganization
    var preview: Preview?
    var result: String?
    var problems: [FieldProblem]
    /// The check or the import running now (the page shows its progress and reloads when it ends).
    var job: JobView?
}

/// Import members from XLSX or CSV: upload → check (a job: every bad row listed) → import (a job: all clean, or only
/// the clean rows when the user says so). Both steps run in the background with a progress bar; the uploaded file
/// is kept in the check job's row, so any app instance can write it and the page never sends it back.
struct MemberImportController: RouteCollection {
    static let maxFileSize = 10 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("members", "import")
        group.get(use: page)
        group.get("template.xlsx", use: templateXLSX)
        group.get("template.csv", use: templateCSV)
        group.on(.POST, body: .collect(maxSize: "25mb"), use: upload)
    }

    struct UploadForm: Content {
        var file: File?
        var organizationCode: String?
        var mode: String?
        /// The check job whose file "Ghi vào danh sách" writes.
        var job: String?
    }

    /// `/members/import?job=ID`: the job's progress while it runs, then its outcome. Without `job`, a check or import
    /// of this account that is still running (a reload, another tab) is found again.
    func page(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.importMembers)
        let job: Job
        switch try await req.application.jobs.shown(on: req, kind: .memberImportCheck, actor: actor) {
        case .none: return try await render(req: req, actor: actor, problems: [], selected: nil).encodeResponse(for: req)
        case .unknown:
            return try await render(req: req, actor: actor, problems: [JobRunner.unknownJob], selected: nil).encodeResponse(status: .notFound, for: req)
        case .job(let shown): job = shown
        }
        switch (job.status, job.kind) {
        case (.running, _):
            return try await render(req: req, actor: actor, problems: [], selected: nil, job: JobView(job)).encodeResponse(for: req)
        case (.succeeded, .memberImportCheck):
            let stored = try await JobStore(database: req.db).result(job.id, accountID: actor.accountID)
            let preview = try stored.map { try JSONDecoder().decode(ImportPage.Preview.self, from: $0) }
            return try await render(req: req, actor: actor, preview: preview, problems: [], selected: preview?.organizationCode)
                .encodeResponse(status: preview?.isClean ?? true ? .ok : .unprocessableEntity, for: req)
        case (.succeeded, _):
            return try await render(req: req, actor: actor, result: job.summary, problems: [], selected: nil).encodeResponse(for: req)
        case (.failed, _):
            let stored = try await JobStore(database: req.db).result(job.id, accountID: actor.accountID)
            return try await render(req: req, actor: actor, problems: JobRunner.problems(of: job, result: stored), selected: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.importMembers)
        let form = try req.content.decode(UploadForm.self)
        let code = String((form.organizationCode ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let jobs = req.application.jobs
        switch form.mode {
        case "import", "importClean":
            let onlyClean = form.mode == "importClean"
            guard let checkID = form.job.flatMap(UUID.init(uuidString:)),
                  let file = try await JobRunner.checkedFile(form.job, req: req, actor: actor) else {
                return try await render(req: req, actor: actor, problems: [JobRunner.checkedFileGone], selected: code)
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            let job = try await jobs.start(req, kind: .memberImport, actor: actor, input: nil, inputName: file.name) { database, progress in
                let rows = try MemberImportFile.rows(from: file.data, fileName: file.name)
                let result = try await MemberImporter(store: MemberStore(database: database)).apply(
                    rows: rows, defaultOrganizationCode: code, onlyCleanRows: onlyClean, fileName: file.name, by: actor, progress: progress)
                // The file (members' personal data) is not kept once it is in the registry.
                try await JobStore(database: database).dropInput(checkID, accountID: actor.accountID)
                return JobOutcome(summary: "Đã nhập tệp \(file.name): \(result.text)")
            }
            return req.redirect(to: "/members/import?job=\(job.id.uuidString)")
        default:
            guard let file = form.file, file.data.readableBytes > 0 else {
                return try await render(req: req, actor: actor, problems: [.init(field: "file", message: "Chọn tệp .xlsx hoặc .csv để nhập")], selected: code)
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            guard file.data.readableBytes <= Self.maxFileSize else {
                return try await render(req: req, actor: actor, problems: [.init(field: "file", message: "Tệp lớn hơn 10 MB")], selected: code)
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            let data = Data(buffer: file.data)
            let fileName = String(file.filename.prefix(120))
            let job = try await jobs.start(req, kind: .memberImportCheck, actor: actor, input: data, inputName: fileName) { database, progress in
                try await Self.check(data: data, fileName: fileName, code: code, actor: actor, database: database, progress: progress)
            }
            return req.redirect(to: "/members/import?job=\(job.id.uuidString)")
        }
    }

    /// The check job: reads the file, checks every row against the registry, and leaves the preview as its result.
    static func check(data: Data, fileName: String, code: String, actor: Actor, database: any Database,
                      progress: any ProgressSink) async throws -> JobOutcome {
        let rows = try MemberImportFile.rows(from: data, fileName: fileName)
        let preview = try await MemberImporter(store: MemberStore(database: database))
            .preview(rows: rows, defaultOrganizationCode: code, by: actor, progress: progress)
        let plan = preview.plan
        let n = VietnameseNumberFormat.integer
        // The job's own id is not known inside its work: the page fills it in when it shows the preview.
        let page = ImportPage.Preview(
            jobID: "", fileName: fileName, organizationCode: code, totalRows: n(plan.totalRows), cleanRows: n(plan.cleanRows.count),
            badRows: n(plan.badRowNumbers.count), toCreate: n(preview.toCreate), toUpdate: n(preview.toUpdate),
            unchanged: n(preview.unchanged), issues: Array(plan.issues.prefix(1000)), isClean: plan.isClean,
            hasCleanRows: !plan.cleanRows.isEmpty, writesSomething: preview.toCreate + preview.toUpdate > 0)
        return JobOutcome(summary: "Đã kiểm tra tệp \(fileName): \(n(plan.totalRows)) dòng, \(n(plan.badRowNumbers.count)) dòng lỗi",
                          result: try JSONEncoder().encode(page))
    }

    func render(req: Request, actor: Actor, preview: ImportPage.Preview? = nil, result: String? = nil, problems: [FieldProblem],
                selected: String?, job: JobView? = nil) async throws -> View {
        let columns = MemberImportColumn.allCases.enumerated().map {
            ImportPage.Column(letter: MemberImportColumn.letter(forIndex: $0.offset), header: $0.element.header,
                              help: $0.element.help, isRequired: $0.element.isRequired)
        }
        var preview = preview
        if preview != nil, let id = req.query[String.self, at: "job"] { preview?.jobID = id }
        return try await req.view.render("members/import", ImportPage(
            page: PageChrome(title: "Nhập đảng viên từ tệp", req: req), columns: columns,
            organization: await OrganizationReference.picked(selected, store: req.organizations, actor: actor),
            preview: preview, result: result, problems: problems, job: job))
    }

    func templateXLSX(req: Request) async throws -> Response {
        try req.requireActor().require(.importMembers)
        return Response.download(try MemberImportFile.templateXLSX(), fileName: "mau-nhap-dang-vien.xlsx",
                                 contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    func templateCSV(req: Request) async throws -> Response {
        try req.requireActor().require(.importMembers)
        return Response.download(MemberImportFile.templateCSV(), fileName: "mau-nhap-dang-vien.csv", contentType: "text/csv; charset=utf-8")
    }
}

extension Response {
    static func download(_ data: Data, fileName: String, contentType: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        let ascii = fileName.unicodeScalars.allSatisfy(\.isASCII) ? fileName : "download"
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        return response
    }
}
