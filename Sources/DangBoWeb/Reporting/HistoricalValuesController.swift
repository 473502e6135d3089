import DangBoCore
import DangBoDocuments
import DangBoStorage
import Vapor

struct HistoricalImportPage: Encodable {
    struct Preview: Encodable {
        var fileName: String
        var fileData: String
        var created: String
        var updated: String
        var unchanged: String
        var issues: [ImportIssue]
        var isClean: Bool
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

    func page(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try Self.requireImporter(actor)
        return try await render(req, preview: nil, result: nil, problems: [])
    }

    func template(req: Request) async throws -> Response {
        try Self.requireImporter(try req.requireActor())
        let example = [DataValueImportParser.Column.allCases.map(\.rawValue),
                       ["DUK", "2015-07-01..2018-03-31", "kiemtra.r1a", "", "1.109"]]
        return Response.download(CSVWriter.make(rows: example), fileName: "so-lieu-cac-ky-truoc.csv", contentType: "text/csv; charset=utf-8")
    }

    struct UploadForm: Content {
        var file: File?
        var fileData: String?
        var fileName: String?
        var mode: String?
    }

    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Self.requireImporter(actor)
        let form = try req.content.decode(UploadForm.self)
        guard let upload = MemberImportFile.uploaded(file: form.file, fileData: form.fileData, fileName: form.fileName) else {
            return try await render(req, preview: nil, result: nil, problems: [.init(field: "file", message: "Chọn tệp .xlsx hoặc .csv để tải lên")])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let data = upload.data
        let fileName = upload.name
        let dryRun = form.mode != "import"
        do {
            let result = try await Self.run(req: req, actor: actor, rows: try MemberImportFile.rows(from: data, fileName: fileName), dryRun: dryRun)
            if dryRun || !result.issues.isEmpty {
                let preview = HistoricalImportPage.Preview(
                    fileName: fileName, fileData: data.base64EncodedString(), created: VietnameseNumberFormat.integer(result.created),
                    updated: VietnameseNumberFormat.integer(result.updated), unchanged: VietnameseNumberFormat.integer(result.unchanged),
                    issues: result.issues, isClean: result.issues.isEmpty)
                return try await render(req, preview: preview, result: nil, problems: [])
                    .encodeResponse(status: result.issues.isEmpty ? .ok : .unprocessableEntity, for: req)
            }
            return try await render(req, preview: nil, result: "Đã nhập: \(result.created) số liệu mới, \(result.updated) sửa, \(result.unchanged) không đổi", problems: [])
                .encodeResponse(for: req)
        } catch DomainError.invalid(let problems) {
            return try await render(req, preview: nil, result: nil, problems: problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
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
        let result = try await Self.run(req: req, actor: actor, rows: rows, dryRun: false)
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
    static func run(req: Request, actor: Actor, rows: [[String]], dryRun: Bool) async throws -> DataValueImportResult {
        do {
            return try await DataValueImporter(database: req.db, forms: req.application.forms).importRows(rows, dryRun: dryRun, by: actor)
        } catch let refused as DataValueImportRefused {
            return DataValueImportResult(created: 0, updated: 0, unchanged: 0, issues: refused.issues)
        }
    }

    func render(_ req: Request, preview: HistoricalImportPage.Preview?, result: String?, problems: [FieldProblem],
                one: HistoricalImportPage.One = .init()) async throws -> View {
        try await req.view.render("reports/values-import", HistoricalImportPage(
            page: PageChrome(title: "Nhập số liệu các kỳ trước", req: req),
            columns: DataValueImportParser.Column.allCases.map(\.rawValue), preview: preview, result: result, problems: problems,
            one: one))
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
        let result = try await HistoricalValuesController.run(req: req, actor: actor, rows: try MemberImportFile.rows(from: data, fileName: name), dryRun: dryRun)
        return try await result.encodeResponse(status: result.issues.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}

extension DataValueImportResult: Content {}
