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

    func template(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        try ReportAccess.requireEntryPeriod(target.period, of: target.form)
        let entry = try await req.reports.entry(form: target.form.code, organization: target.organization.id, period: target.period.code)
        let data = try OfflineEntryFile.make(form: target.form, period: target.period, organization: target.organization,
                                             inputs: EntryPage.inputs(form: target.form, cells: entry?.cells ?? []))
        return Response.download(data, fileName: "\(target.form.code)-\(target.organization.code)-\(target.period.code).xlsx",
                                 contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    struct UploadForm: Content {
        var file: File?
        var version: Int?
    }

    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        try ReportAccess.requireEntryPeriod(target.period, of: target.form)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            throw DomainError.invalid([.init(field: "file", message: "Chọn tệp Excel đã điền để tải lên")])
        }
        let result = try await Self.apply(req: req, actor: actor, target: target, data: Data(buffer: file.data), version: form.version)
        let path = "/reports/\(target.form.code)/entry?org=\(target.organization.id.uuidString)&period=\(target.period.code)"
        return try await SessionAuthenticator.redirect(req, to: path, notice: "Đã nhận tệp: lưu nháp \(result.cells.count) ô")
    }

    /// Shared by the page and the API.
    static func apply(req: Request, actor: Actor, target: ReportTarget, data: Data, version: Int?) async throws -> ReportEntry {
        let (existing, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        let status = try EntryWorkflow.next(.save, in: workflow)
        let inputs = try OfflineEntryFile.read(data, form: target.form, period: target.period, organizationID: target.organization.id)
        let outcome = EntrySubmission.evaluate(form: target.form, period: target.period, inputs: inputs, submitting: false, warningComment: nil)
        guard outcome.problems.isEmpty else {
            throw DomainError.invalid(OfflineEntryFile.locate(outcome.problems, form: target.form))
        }
        return try await req.reports.save(form: target.form.code, organization: target.organization.id, period: target.period.slot,
                                          cells: outcome.cells, version: version ?? existing?.version ?? 0, status: status,
                                          warningComment: existing?.warningComment, comment: "Nhập từ tệp Excel", by: actor)
    }
}
