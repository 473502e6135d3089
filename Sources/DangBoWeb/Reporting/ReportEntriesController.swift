import DangBoCore
import DangBoStorage
import Vapor

/// Entry of one form by one organization for one period: draft, submit, approve or return, deadline exceptions.
struct ReportEntriesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let form = routes.grouped("reports", ":form")
        form.get("entry", use: show)
        form.post("entry", use: save)
        form.post("review", use: review)
        form.post("exception", use: grantException)
    }

    func show(req: Request) async throws -> View {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        try ReportAccess.requireEntryPeriod(target.period, of: target.form)
        return try await render(req: req, actor: actor, target: target, posted: nil, problems: [], warningComment: nil)
    }

    /// Renders the page from the stored entry, or from what the user just posted (kept when it could not be saved).
    func render(req: Request, actor: Actor, target: ReportTarget, posted: [CellKey: String]?, problems: [FieldProblem],
                warningComment: String?) async throws -> View {
        let form = target.form
        let (entry, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        let inputs = posted ?? EntryPage.inputs(form: form, cells: entry?.cells ?? [])
        let parsed = EntrySheet.parsing(form: form, period: target.period, inputs: inputs)
        var check = parsed.sheet.check()
        check.cellProblems = parsed.problems + check.cellProblems
        let canEdit = (try? EntryWorkflow.next(.save, in: workflow)) != nil
        let canReview = (try? EntryWorkflow.next(.approve, in: workflow)) != nil
        let history = try await entry.asyncMap { try await req.reports.history(entryID: $0.id) } ?? []
        let query = "?org=\(target.organization.id.uuidString)&period=\(target.period.code)"
        var lock: String?
        if workflow.isLockedByDeadline && workflow.status.isEditable {
            lock = "Đã quá hạn nộp \(workflow.dueDate.vietnamese); báo cáo đã khóa. Đảng ủy Khối có thể gia hạn."
        } else if workflow.status == .submitted {
            lock = "Đã gửi, chờ cấp trên duyệt."
        } else if workflow.status == .approved {
            lock = "Đã duyệt; số liệu đã khóa."
        }
        let page = EntryPage(
            page: PageChrome(title: "\(form.appendix) — \(target.organization.name)", req: req),
            formCode: form.code, appendix: form.appendix, title: form.title, unit: form.unit ?? "",
            organizationID: target.organization.id.uuidString, organizationName: target.organization.name,
            periodCode: target.period.code, periodLabel: target.period.label,
            periodChoices: ReportAccess.recentPeriods(of: form, today: req.today).map {
                Choice(value: $0.code, label: $0.label, isSelected: $0 == target.period)
            },
            status: workflow.status.rawValue, statusLabel: entry == nil ? "Chưa nhập" : workflow.status.label,
            version: entry?.version ?? 0, dueDate: workflow.dueDate.vietnamese, lockMessage: lock, canEdit: canEdit,
            canReview: canReview, canGrant: target.actorIsAbove && (actor.role == .administrator || actor.role == .blocOffice),
            reviewComment: entry?.reviewComment, reviewedBy: entry?.reviewedBy,
            warningComment: warningComment ?? entry?.warningComment ?? "",
            submittedAt: entry?.submittedAt.map(AuditQuery.format),
            columns: form.entryColumns.map { .init(key: $0.key, title: $0.title, typeLabel: $0.type.label) },
            rows: EntryPage.rows(form: form, inputs: inputs, check: check), problems: problems,
            ruleMessages: check.ruleOutcomes.filter(\.failed).map {
                .init(severity: $0.severity.rawValue, message: $0.message, detail: $0.description)
            },
            rulesJSON: EntryPage.rulesJSON(form: form),
            history: history.prefix(100).map {
                .init(at: AuditQuery.format($0.changedAt), who: $0.changedBy, cell: "\($0.row):\($0.column)",
                      change: "\($0.oldValue ?? "—") → \($0.newValue ?? "—")", comment: $0.comment ?? "")
            },
            tableHref: "/reports/\(form.code)/table?org=\(target.organization.id.uuidString)&span=\(target.period.code)",
            templateHref: "/reports/\(form.code)/template.xlsx" + query,
            hasWarnings: check.warnings.contains { $0.failed })
        return try await req.view.render("reports/entry", page)
    }

    struct SaveForm: Decodable {
        var version: Int
        var action: String
        var warningComment: String?
        var comment: String?
        var cells: [CellKey: String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            version = try container.decodeIfPresent(Int.self, forKey: AnyKey("version")) ?? 0
            action = try container.decodeIfPresent(String.self, forKey: AnyKey("action")) ?? "save"
            warningComment = try container.decodeIfPresent(String.self, forKey: AnyKey("warningComment"))
            comment = try container.decodeIfPresent(String.self, forKey: AnyKey("comment"))
            var cells: [CellKey: String] = [:]
            for key in container.allKeys where key.stringValue.hasPrefix("v:") {
                guard let cell = CellKey(parsing: String(key.stringValue.dropFirst(2))) else { continue }
                cells[cell] = String(try container.decode(String.self, forKey: key).prefix(600))
            }
            self.cells = cells
        }
    }

    func save(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        try ReportAccess.requireEntryPeriod(target.period, of: target.form)
        let form = try req.content.decode(SaveForm.self)
        let submitting = form.action == "submit"
        let workflow = try await ReportAccess.workflow(req, actor: actor, target: target).context
        let status = try EntryWorkflow.next(submitting ? .submit : .save, in: workflow)
        let outcome = EntrySubmission.evaluate(form: target.form, period: target.period, inputs: form.cells,
                                               submitting: submitting, warningComment: form.warningComment)
        guard outcome.problems.isEmpty else {
            return try await render(req: req, actor: actor, target: target, posted: form.cells, problems: outcome.problems,
                                    warningComment: form.warningComment).encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await req.reports.save(form: target.form.code, organization: target.organization.id, period: target.period.slot,
                                       cells: outcome.cells, version: form.version, status: status,
                                       warningComment: form.warningComment?.nilIfBlank, comment: form.comment?.nilIfBlank, by: actor)
        } catch DomainError.conflict(let message) {
            return try await render(req: req, actor: actor, target: target, posted: form.cells,
                                    problems: [.init(field: "version", message: message)], warningComment: form.warningComment)
                .encodeResponse(status: .conflict, for: req)
        }
        let path = "/reports/\(target.form.code)/entry?org=\(target.organization.id.uuidString)&period=\(target.period.code)"
        return try await SessionAuthenticator.redirect(req, to: path, notice: submitting ? "Đã gửi báo cáo lên cấp trên" : "Đã lưu bản nháp")
    }

    struct ReviewForm: Content {
        var version: Int
        var decision: String
        var comment: String?
    }

    func review(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        let form = try req.content.decode(ReviewForm.self)
        let action: EntryAction = form.decision == "approve" ? .approve : .giveBack
        let (stored, workflow) = try await ReportAccess.workflow(req, actor: actor, target: target)
        let status = try EntryWorkflow.next(action, in: workflow)
        guard let entry = stored else {
            throw DomainError.notFound("Chưa có báo cáo để duyệt")
        }
        do {
            try await req.reports.review(entry.id, version: form.version, to: status, comment: form.comment, by: actor)
        } catch DomainError.invalid(let problems) {
            return try await render(req: req, actor: actor, target: target, posted: nil, problems: problems, warningComment: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let path = "/reports/\(target.form.code)/entry?org=\(target.organization.id.uuidString)&period=\(target.period.code)"
        return try await SessionAuthenticator.redirect(req, to: path, notice: status == .approved ? "Đã duyệt báo cáo" : "Đã trả lại báo cáo")
    }

    struct ExceptionForm: Content {
        var until: String?
        var reason: String?
    }

    func grantException(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.target(req, actor: actor)
        guard target.actorIsAbove, actor.role == .administrator || actor.role == .blocOffice else {
            throw DomainError.forbidden("Chỉ Đảng ủy Khối gia hạn nộp báo cáo")
        }
        let form = try req.content.decode(ExceptionForm.self)
        var problems: [FieldProblem] = []
        let until = FormDates.required(form.until, field: "until", label: "Gia hạn đến ngày", problems: &problems)
        guard problems.isEmpty, let until else { throw DomainError.invalid(problems) }
        try await req.reports.grantException(form: target.form.code, organization: target.organization.id, period: target.period.code,
                                             until: until, reason: form.reason ?? "", by: actor)
        let path = "/reports/\(target.form.code)/entry?org=\(target.organization.id.uuidString)&period=\(target.period.code)"
        return try await SessionAuthenticator.redirect(req, to: path, notice: "Đã gia hạn đến \(until.vietnamese)")
    }
}

/// Turns posted cell text into storable cells and the problems that stop a save or a submission.
enum EntrySubmission {
    struct Outcome {
        var cells: [StoredCell]
        var problems: [FieldProblem]
        var check: EntryCheck
    }

    static func evaluate(form: FormDefinition, period: Period, inputs: [CellKey: String], submitting: Bool,
                         warningComment: String?) -> Outcome {
        let allowed = Set(form.entryCells)
        var inputs = inputs.filter { allowed.contains($0.key) }
        for cell in allowed where inputs[cell] == nil { inputs[cell] = "" }
        let (sheet, parseProblems) = EntrySheet.parsing(form: form, period: period, inputs: inputs)
        let check = sheet.check()
        var problems = (parseProblems + check.cellProblems).map { problem in
            let row = form.row(problem.cell.row)
            let place = [row?.number, row?.label].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return FieldProblem(field: problem.cell.description, message: "Dòng \(place), cột \(form.entryColumn(problem.cell.column)?.title ?? problem.cell.column): \(problem.message)")
        }
        if submitting {
            problems += check.failedErrorRules.map { FieldProblem(field: $0.cells.first?.description ?? "rule", message: $0.message) }
            if check.warnings.contains(where: \.failed), (warningComment ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                let warnings = check.warnings.filter(\.failed).map(\.message).joined(separator: "; ")
                problems.append(.init(field: "warningComment", message: "Có cảnh báo chưa được giải trình (\(warnings)): ghi giải trình ở ô \"Giải trình cảnh báo\" cuối bảng rồi gửi lại"))
            }
        }
        let cells = inputs.keys.sorted().map { key -> StoredCell in
            let value = sheet.values[key]
            return StoredCell(row: key.row, column: key.column, number: value?.number, text: value?.text)
        }
        return Outcome(cells: cells, problems: problems, check: check)
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Request {
    var reports: ReportStore { ReportStore(database: db) }
}
