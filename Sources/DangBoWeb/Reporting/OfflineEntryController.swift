import DangBoCore
import DangBoStorage
import Vapor

/// Offline entry: download the XLSX template of an entry, fill it in, upload it. The same rules apply as on the
/// page; the upload saves a draft (or reports every problem by Excel cell name and saves nothing).
struct OfflineEntryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let form = routes.grouped("reports", ":form")
        form.get("template.xlsx", use: template)
        form.on(.POST, "upload", body: .collect(maxSize: "10mb"), use: upload)
    }

    /// The template is for those who enter the report: other roles are not offered it and are refused it.
    func template(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.enterReports)
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let entry = try await req.reports.entry(form: target.form.code, organization: target.organization.id, period: target.period.code)
        let data = try OfflineEntryFile.make(form: target.form, period: target.period, organization: target.organization,
                                             inputs: EntryPage.inputs(form: target.form, cells: entry?.cells ?? []),
                                             version: entry?.version ?? 0)
        return Response.download(data, fileName: "\(target.form.code)-\(target.organization.code)-\(target.period.code).xlsx",
                                 contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    struct UploadForm: Content {
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let entry: ReportEntry
        do {
            let form = try req.content.decode(UploadForm.self)
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw DomainError.invalid([.init(field: "file", message: "Chọn tệp Excel đã điền để tải lên")])
            }
            entry = try await Self.apply(req: req, actor: actor, target: target, data: Data(buffer: file.data))
        } catch let error as DomainError {
            let (problems, status): ([FieldProblem], HTTPStatus)
            switch error {
            case .invalid(let list): (problems, status) = (list, .unprocessableEntity)
            case .conflict(let message): (problems, status) = ([.init(field: "file", message: message)], .conflict)
            default: throw error
            }
            return try await ReportEntriesController().render(req: req, actor: actor, target: target, posted: nil, problems: problems,
                                                              warningComment: nil).encodeResponse(status: status, for: req)
        }
        let path = "/reports/\(target.form.code)/entry?org=\(target.organization.id.uuidString)&period=\(target.period.code)"
        return try await SessionAuthenticator.redirect(req, to: path, notice: "Đã nhận tệp: lưu nháp \(VietnameseNumberFormat.integer(entry.cells.count)) ô")
    }

    /// Saves a filled template as a draft, based on the version written in the file: if the entry was saved after
    /// the template was downloaded, the upload is refused with a conflict and nothing is written.
    static func apply(req: Request, actor: Actor, target: ReportTarget, data: Data) async throws -> ReportEntry {
        let contents = try OfflineEntryFile.read(data, form: target.form, period: target.period, organizationID: target.organization.id)
        let stored = try await req.reports.entry(form: target.form.code, organization: target.organization.id, period: target.period.code)
        guard (stored?.version ?? 0) == contents.version else {
            throw DomainError.conflict("Báo cáo đã được lưu sau khi tải tệp mẫu này (tệp ghi phiên bản \(contents.version), hiện là \(stored?.version ?? 0)); tải lại mẫu Excel mới nhất, điền lại phần của bạn rồi tải lên. Chưa lưu gì từ tệp này.")
        }
        do {
            return try await EntrySaving.save(req: req, actor: actor, target: target, input: .init(
                inputs: contents.inputs, version: contents.version, submitting: false, warningComment: nil, comment: "Nhập từ tệp Excel"))
        } catch DomainError.invalid(let problems) {
            throw DomainError.invalid(OfflineEntryFile.locate(problems, form: target.form))
        }
    }
}
