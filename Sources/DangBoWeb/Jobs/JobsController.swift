import DangBoCore
import DangBoStorage
import Vapor

/// What a job's page shows while it runs: the bar, its text, and the address the page's script polls.
struct JobView: Encodable {
    var id: String
    var label: String
    var isRunning: Bool
    var hasFailed: Bool
    var percent: Int
    var done: Int
    var total: Int
    var text: String
    var summary: String?
    var statusHref: String

    init(_ job: Job) {
        id = job.id.uuidString
        label = job.kind.label
        isRunning = job.status == .running
        hasFailed = job.status == .failed
        percent = Int((job.progress.fraction * 100).rounded(.down))
        done = job.progress.done
        total = job.progress.total
        text = job.progress.text(unit: job.kind.unit)
        summary = job.summary
        statusHref = "/jobs/\(job.id.uuidString)/status"
    }
}

/// `GET /jobs/:id/status`: a job's progress as JSON for the page that shows it (only for the account that started it).
struct JobsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("jobs", ":id", "status", use: status)
        routes.get("jobs", ":id", "download", use: download)
    }

    /// `GET /jobs/:id/download`: the file an export job made, for the account that asked for it.
    func download(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.parameters.requireUUID("id")
        guard let file = try await JobStore(database: req.db).madeFile(id, kind: .tableExport, accountID: actor.accountID) else {
            throw DomainError.notFound("Không tìm thấy tệp này (tệp được giữ một tuần); hãy tạo lại từ trang bảng")
        }
        return try ReportTablesController.download(.init(data: file.data, name: file.name))
    }

    struct Status: Content {
        var status: Job.Status
        var percent: Int
        var done: Int
        var total: Int
        var text: String
        var summary: String?
    }

    func status(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.parameters.requireUUID("id")
        guard let job = try await req.application.jobs.find(id, req: req, actor: actor) else {
            throw DomainError.notFound("Không tìm thấy công việc này")
        }
        let view = JobView(job)
        let response = try await Status(status: job.status, percent: view.percent, done: view.done, total: view.total,
                                        text: view.text, summary: view.summary).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
