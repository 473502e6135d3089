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

    func show(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        var filters = FilterProblems()
        let target = try await ReportAccess.entryTarget(req, actor: actor, filters: &filters)
        return try await render(req: req, actor: actor, target: target, posted: nil, problems: filters.problems, warningComment: nil)
            .encodeResponse(status: filters.status, for: req)
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
            periodChoices: ReportAccess.recentPeriods(of: form, today: req.today, terms: req.application.terms, selected: target.period).map {
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
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let form: SaveForm
        do {
            form = try req.content.decode(SaveForm.self)
        } catch let error as DecodingError {
            return try await render(req: req, actor: actor, target: target, posted: nil, problems: [
                .init(field: "version", message: "\(DecodingMessage.vietnamese(error)); hãy tải lại trang rồi nhập lại")
            ], warningComment: nil).encodeResponse(status: .badRequest, for: req)
        }
        let submitting = form.action == "submit"
        let input = EntrySaving.Input(inputs: form.cells, version: form.version, submitting: submitting,
                                      warningComment: form.warningComment ?? "", comment: form.comment)
        do {
            _ = try await EntrySaving.save(req: req, actor: actor, target: target, input: input)
        } catch DomainError.invalid(let problems) {
            return try await render(req: req, actor: actor, target: target, posted: form.cells, problems: problems,
                                    warningComment: form.warningComment).encodeResponse(status: .unprocessableEntity, for: req)
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
        var decision: ReviewDecision
        var comment: String?
    }

    func review(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let status: EntryStatus
        do {
            let form: ReviewForm
            do {
                form = try req.content.decode(ReviewForm.self)
            } catch let error as DecodingError {
                let field = error.firstField ?? "decision"
                throw DomainError.invalid([.init(field: field, message: field == "decision"
                    ? "Chọn \"Duyệt\" hoặc \"Trả lại\"" : "\(DecodingMessage.vietnamese(error)); hãy tải lại trang")])
            }
            status = try await EntryReviewing.review(req: req, actor: actor, target: target, decision: form.decision,
                                                     version: form.version, comment: form.comment).status
        } catch DomainError.invalid(let problems) {
            return try await render(req: req, actor: actor, target: target, posted: nil, problems: problems, warningComment: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch DomainError.conflict(let message) {
            return try await render(req: req, actor: actor, target: target, posted: nil,
                                    problems: [.init(field: "version", message: message)], warningComment: nil)
                .encodeResponse(status: .conflict, for: req)
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
        let target = try await ReportAccess.entryTarget(req, actor: actor)
        let form = try req.content.decode(ExceptionForm.self)
        var problems: [FieldProblem] = []
        let until = FormDates.required(form.until, field: "until", label: "Gia hạn đến ngày", problems: &problems)
        do {
            guard problems.isEmpty, let until else { throw DomainError.invalid(problems) }
            try await ReportAccess.grantException(req, actor: actor, target: target, until: until, reason: form.reason ?? "")
        } catch DomainError.invalid(let problems) {
            return try await render(req: req, actor: actor, target: target, posted: nil, problems: problems, warningComment: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let until else { throw DomainError.invalid(problems) }
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
        var refused: [FieldProblem] = []
        for (cell, text) in inputs.sorted(by: { $0.key < $1.key }) where !allowed.contains(cell)
            && !text.trimmingCharacters(in: .whitespaces).isEmpty {
            refused.append(.init(field: cell.description, message: notEnterable(cell, form: form)))
        }
        var inputs = inputs.filter { allowed.contains($0.key) }
        for cell in allowed where inputs[cell] == nil { inputs[cell] = "" }
        let (sheet, parseProblems) = EntrySheet.parsing(form: form, period: period, inputs: inputs)
        let check = sheet.check()
        var problems = refused + (parseProblems + check.cellProblems).map { problem in
            FieldProblem(field: problem.cell.description, message: "\(place(problem.cell, form: form)): \(problem.message)")
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

    /// "Dòng I- › 1 Kiểm tra đảng viên › a Tổng số đảng viên được kiểm tra, cột Số lượng".
    static func place(_ cell: CellKey, form: FormDefinition) -> String {
        "Dòng \(form.rowPlace(cell.row)), cột \(form.entryColumn(cell.column)?.title ?? cell.column)"
    }

    /// Why a cell that is not an entry cell of the form takes no value.
    static func notEnterable(_ cell: CellKey, form: FormDefinition) -> String {
        guard let row = form.row(cell.row) else {
            return "Ô \(cell.description.prefix(40)): biểu \(form.code) không có dòng \"\(cell.row.prefix(20))\""
        }
        guard form.entryColumn(cell.column) != nil else {
            return "Ô \(cell.description.prefix(40)): biểu \(form.code) không có cột nhập \"\(cell.column.prefix(20))\""
        }
        if form.isBound(cell) {
            return "\(place(cell, form: form)): số liệu tính từ hồ sơ (\(form.valueKey(cell).element)), không nhập tay"
        }
        switch row.kind {
        case .heading: return "\(place(cell, form: form)): dòng tiêu đề, không nhập số liệu"
        case .computed: return "\(place(cell, form: form)): dòng tính tự động, không nhập số liệu"
        case .data: return "\(place(cell, form: form)): ô này để trống theo mẫu biểu, không nhập số liệu"
        }
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
    var reports: ReportStore { ReportStore(database: db, forms: application.forms) }
}
