import DangBoCore
import DangBoStorage
import Vapor

/// The save use case of an entry over HTTP, once for the page, the API and the offline upload: they differ only in
/// how they decode the cells and how they show the result. Validation problems come back as `DomainError.invalid`
/// with one problem per cell; the workflow is applied again to the locked row by `ReportStore.save`.
enum EntrySaving {
    struct Input {
        /// Typed text per entry cell; cells of the form that are missing are saved empty.
        var inputs: [CellKey: String]
        var version: Int
        var submitting: Bool
        /// nil keeps the stored explanation of warnings.
        var warningComment: String?
        var comment: String?
    }

    static let warningCommentLimit = 1000
    static let commentLimit = 300

    static func save(req: Request, actor: Actor, target: ReportTarget, input: Input) async throws -> ReportEntry {
        let (existing, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        let action: EntryAction = input.submitting ? .submit : .save
        _ = try EntryWorkflow.next(action, in: workflow)
        var problems: [FieldProblem] = []
        if let text = input.warningComment, text.count > warningCommentLimit {
            problems.append(.init(field: "warningComment", message: "Giải trình cảnh báo dài \(VietnameseNumberFormat.integer(text.count)) ký tự; tối đa \(VietnameseNumberFormat.integer(warningCommentLimit)) ký tự"))
        }
        if let text = input.comment, text.count > commentLimit {
            problems.append(.init(field: "comment", message: "Ghi chú thay đổi dài \(VietnameseNumberFormat.integer(text.count)) ký tự; tối đa \(VietnameseNumberFormat.integer(commentLimit)) ký tự"))
        }
        let outcome = EntrySubmission.evaluate(form: target.form, period: target.period, inputs: input.inputs,
                                               submitting: input.submitting,
                                               warningComment: input.warningComment ?? existing?.warningComment)
        problems += outcome.problems
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let write = EntryWrite(form: target.form.code, organization: target.organization.id, period: target.period.slot,
                               cells: outcome.cells, version: input.version,
                               warningComment: input.warningComment.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
                               comment: input.comment?.nilIfBlank)
        return try await req.reports.save(write, action: action, workflow: workflow, by: actor)
    }
}
