import DangBoCore
import DangBoDocuments
import DangBoStorage
import Vapor

struct ImportPage: Encodable {
    struct Column: Encodable {
        var letter: String
        var header: String
        var help: String
        var isRequired: Bool
    }

    struct Preview: Encodable {
        var fileName: String
        var fileData: String
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
    }

    var page: PageChrome
    var columns: [Column]
    /// The default cell's picker (a code).
    var organization: PickedOrganization
    var preview: Preview?
    var result: String?
    var problems: [FieldProblem]
}

/// Import members from XLSX or CSV: upload → dry run with every bad row listed → import (all clean, or only
/// the clean rows when the user says so). The uploaded file travels back in the preview form, so any app
/// instance can finish the import and nothing is kept on the server between the two steps.
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
        var fileData: String?
        var fileName: String?
        var organizationCode: String?
        var mode: String?
    }

    func page(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.importMembers)
        return try await render(req: req, actor: actor, preview: nil, result: nil, problems: [], selected: nil)
    }

    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.importMembers)
        let form = try req.content.decode(UploadForm.self)
        let code = (form.organizationCode ?? "").trimmingCharacters(in: .whitespaces)
        guard let upload = MemberImportFile.uploaded(file: form.file, fileData: form.fileData, fileName: form.fileName) else {
            return try await render(req: req, actor: actor, preview: nil, result: nil,
                                    problems: [.init(field: "file", message: "Chọn tệp .xlsx hoặc .csv để nhập")], selected: code)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let data = upload.data
        let fileName = String(upload.name.prefix(120))
        do {
            guard data.count <= Self.maxFileSize else { throw DomainError.invalid([.init(field: "file", message: "Tệp lớn hơn 10 MB")]) }
            let rows = try MemberImportFile.rows(from: data, fileName: fileName)
            let importer = MemberImporter(store: req.members)
            switch form.mode {
            case "import", "importClean":
                let result = try await importer.apply(rows: rows, defaultOrganizationCode: code,
                                                      onlyCleanRows: form.mode == "importClean", fileName: fileName, by: actor)
                let text = "Đã nhập tệp \(fileName): thêm \(result.created), cập nhật \(result.updated), không đổi \(result.unchanged)"
                    + (result.skippedBadRows > 0 ? ", bỏ qua \(result.skippedBadRows) dòng lỗi" : "")
                return try await render(req: req, actor: actor, preview: nil, result: text, problems: [], selected: code)
                    .encodeResponse(for: req)
            default:
                let preview = try await importer.preview(rows: rows, defaultOrganizationCode: code, by: actor)
                let plan = preview.plan
                let page = ImportPage.Preview(
                    fileName: fileName, fileData: data.base64EncodedString(), organizationCode: code,
                    totalRows: VietnameseNumberFormat.integer(plan.totalRows),
                    cleanRows: VietnameseNumberFormat.integer(plan.cleanRows.count),
                    badRows: VietnameseNumberFormat.integer(plan.badRowNumbers.count),
                    toCreate: VietnameseNumberFormat.integer(preview.toCreate),
                    toUpdate: VietnameseNumberFormat.integer(preview.toUpdate),
                    unchanged: VietnameseNumberFormat.integer(preview.unchanged),
                    issues: Array(plan.issues.prefix(1000)), isClean: plan.isClean, hasCleanRows: !plan.cleanRows.isEmpty)
                return try await render(req: req, actor: actor, preview: page, result: nil, problems: [], selected: code)
                    .encodeResponse(status: plan.isClean ? .ok : .unprocessableEntity, for: req)
            }
        } catch DomainError.invalid(let problems) {
            return try await render(req: req, actor: actor, preview: nil, result: nil, problems: problems, selected: code)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func render(req: Request, actor: Actor, preview: ImportPage.Preview?, result: String?, problems: [FieldProblem],
                selected: String?) async throws -> View {
        let columns = MemberImportColumn.allCases.enumerated().map {
            ImportPage.Column(letter: MemberImportColumn.letter(forIndex: $0.offset), header: $0.element.header,
                              help: $0.element.help, isRequired: $0.element.isRequired)
        }
        return try await req.view.render("members/import", ImportPage(
            page: PageChrome(title: "Nhập đảng viên từ tệp", req: req), columns: columns,
            organization: await OrganizationReference.picked(selected, store: req.organizations, actor: actor),
            preview: preview, result: result, problems: problems))
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
