import DangBoCore
import DangBoStorage
import Vapor

/// Approving or returning an entry, once for the page and the API.
enum EntryReviewing {
    static func review(req: Request, actor: Actor, target: ReportTarget, decision: ReviewDecision, version: Int,
                       comment: String?) async throws -> ReportEntry {
        let (stored, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        guard let entry = stored else { throw DomainError.notFound("Chưa có báo cáo để duyệt") }
        let status = try EntryWorkflow.next(decision.action, in: workflow)
        return try await req.reports.review(entry.id, version: version, to: status, comment: comment, by: actor)
    }
}
