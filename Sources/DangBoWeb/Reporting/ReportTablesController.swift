import DangBoCore
import DangBoDocuments
import DangBoStorage
import Fluent
import Vapor

struct ReportTablePage: Encodable {
    var page: PageChrome
    var table: RenderedTable
    var organizationID: String
    var organizationName: String
    var span: String
    /// Filters that could not be read, shown beside them (the table shown is the default's).
    var problems: [FieldProblem]
    var includeSubmitted: Bool
    var entryCount: Int
    /// Every cell is computed from the member registry (BIỂU ĐV): no report is summed, so no count of reports is shown.
    var isFromRegistry: Bool
    /// Some cells (not all) are computed from the member registry.
    var hasRegistryCells: Bool
    var xlsxHref: String
    var csvHref: String
    /// The page's download buttons post here: the file is made by a job.
    var exportHref: String
    var printHref: String
    var isPrint: Bool
    /// Which layout is printed, when the form has older layouts: "Mẫu phiên bản 1 (áp dụng đến 31/12/2023)".
    var layoutNote: String?
    /// The same table in the other layout.
    var otherLayoutHref: String?
    var otherLayoutLabel: String?
    /// Typed figures that differ from what DangBo's records count (elements with a bound counterpart).
    var disagreements: [DisagreementLine]
    /// The form has counterparts: the page offers the table printed from records, or from the reports.
    var offersRecords: Bool
    var fromRecords: Bool
    /// The registries the table printed from records counts in ("kiểm tra, giám sát; tố cáo").
    var recordSources: String = ""
    var otherSourceHref: String
}

/// One typed cell against its bound counterpart, worded for the page.
struct DisagreementLine: Encodable {
    var place: String
    var period: String
    var typed: String
    var bound: String
    var boundName: String

    init(_ disagreement: BoundDisagreement, form: FormDefinition) {
        let column = form.entryColumns.first { $0.key == disagreement.cell.column }?.title ?? disagreement.cell.column
        place = "\(form.rowPlace(disagreement.cell.row)), cột \(column)"
        period = disagreement.period.label
        typed = CellValue.number(disagreement.typed).formatted(as: .number)
        bound = CellValue.number(disagreement.bound).formatted(as: .number)
        boundName = disagreement.boundName
    }
}

/// The printed table of any form for any organization (rolled up over its subtree, live) and any span, as a page,
/// a print-ready page, XLSX and CSV.
struct ReportTablesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let form = routes.grouped("reports", ":form")
        form.get("table", use: page)
        form.get("table.xlsx", use: xlsx)
        form.get("table.csv", use: csv)
        form.post("table", "export", use: startExport)
        form.get("table", "export", use: exportPage)
    }

    /// A table request with its rolled-up, rendered table.
    struct Loaded {
        var resolved: Resolved
        var table: RenderedTable
        var entryCount: Int

        var organization: Organization { resolved.organization }
        var includeSubmitted: Bool { resolved.includeSubmitted }
        var form: FormDefinition { resolved.form }
        var isCurrentLayout: Bool { resolved.isCurrentLayout }
        var span: Period { resolved.span }
        var statuses: Set<EntryStatus> { resolved.statuses }
        var fromRecords: Bool { resolved.fromRecords }
    }

    /// The table for the exports and the API: a filter that cannot be read is refused.
    static func load(req: Request, actor: Actor) async throws -> Loaded {
        var strict = FilterProblems.strict
        return try await load(req: req, actor: actor, filters: &strict)
    }

    /// The table for the page: a filter that cannot be read is recorded in `filters` and its default used (the
    /// scope's own organization, last year, the layout of the period), so the page shows the message beside it.
    static func load(req: Request, actor: Actor, filters: inout FilterProblems) async throws -> Loaded {
        try await compute(try await resolve(req: req, actor: actor, filters: &filters), database: req.db, application: req.application)
    }

    /// What a table request asks for, checked against the account's scope: cheap, done while the request waits.
    struct Resolved: Sendable {
        /// The layout printed: the one in force at the span's end (`layout=period`, the default) or the current one.
        var form: FormDefinition
        var organization: Organization
        var span: Period
        var includeSubmitted: Bool
        var isCurrentLayout: Bool
        var statuses: Set<EntryStatus>
        /// The layout as typed (`form` is the same layout printed from records when `fromRecords`).
        var typedForm: FormDefinition
        /// `source=records`: each cell with a bound counterpart reads the counterpart (docs/forms.md "Printed from records").
        var fromRecords: Bool
    }

    static func resolve(req: Request, actor: Actor, filters: inout FilterProblems) async throws -> Resolved {
        try actor.require(.viewReports)
        let current = try req.form(req.parameters.get("form"))
        let orgID = try filters.read("org", fallback: nil) { try ApiQuery.uuid(req, "org") } ?? actor.scopeOrganizationID
        let asked = try await filters.read("org", fallback: nil) { try await req.organizations.visible(orgID, to: actor) }
        let organization = if let asked { asked } else { try await req.organizations.visible(actor.scopeOrganizationID, to: actor) }
        let fallback = Period.year(req.today.year - 1) ?? current.entryPeriod(containing: req.today)!
        let span = try filters.read("span", fallback: fallback) { try ReportAccess.span(req, default: fallback) }
        let layout = try filters.read("layout", fallback: "period") { () throws -> String in
            let layout = req.query[String.self, at: "layout"] ?? "period"
            guard ["period", "current"].contains(layout) else {
                throw DomainError.invalid([.init(field: "layout", message: "Mẫu in \"\(layout.prefix(20))\" không hợp lệ: period (mẫu hiệu lực khi đó) hoặc current (mẫu hiện hành)")])
            }
            return layout
        }
        let typed = layout == "current" ? current : (req.application.forms.form(code: current.code, on: span.end) ?? current)
        let catalog = req.application.forms.elements
        let records = try filters.read("source", fallback: nil) { () throws -> FormDefinition? in
            switch req.query[String.self, at: "source"] ?? "reports" {
            case "reports": return nil
            case "records":
                guard let printed = typed.printedFromRecords(catalog: catalog) else {
                    throw DomainError.invalid([.init(field: "source", message: "Biểu \(typed.appendix) không có chỉ tiêu nào tính được từ hồ sơ; bảng in theo báo cáo")])
                }
                return printed
            case let other:
                throw DomainError.invalid([.init(field: "source", message: "Nguồn số liệu \"\(other.prefix(20))\" không hợp lệ: reports (theo báo cáo) hoặc records (từ hồ sơ)")])
            }
        }
        let includeSubmitted = req.query[String.self, at: "include"] == "submitted"
        let statuses: Set<EntryStatus> = includeSubmitted ? [.approved, .submitted] : [.approved]
        return Resolved(form: records ?? typed, organization: organization, span: span, includeSubmitted: includeSubmitted,
                        isCurrentLayout: typed.version == current.version, statuses: statuses, typedForm: typed, fromRecords: records != nil)
    }

    /// The roll-up and the rendered table of a resolved request: the part that may take long (an export job runs it).
    static func compute(_ resolved: Resolved, database: any Database, application: Application) async throws -> Loaded {
        let source = try await RolledUpSource.load(form: resolved.form, root: resolved.organization.id, span: resolved.span,
                                                   terms: application.terms, statuses: resolved.statuses,
                                                   rollUp: ReportRollUp(database: database, forms: application.forms))
        let table = application.renderer(resolved.form).render(span: resolved.span, values: source)
        return Loaded(resolved: resolved, table: table, entryCount: source.entryCount)
    }

    func page(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        var filters = FilterProblems()
        let loaded = try await Self.load(req: req, actor: actor, filters: &filters)
        let layout = req.query[String.self, at: "layout"] == "current" ? "&layout=current" : ""
        let source = loaded.fromRecords ? "&source=records" : ""
        let query = "?org=\(loaded.organization.id.uuidString)&span=\(loaded.table.span.code)" + (loaded.includeSubmitted ? "&include=submitted" : "") + layout + source
        let hasVersions = !(req.application.forms.versions[loaded.table.formCode] ?? []).isEmpty
        let bare = "?org=\(loaded.organization.id.uuidString)&span=\(loaded.table.span.code)" + (loaded.includeSubmitted ? "&include=submitted" : "") + source
        let base = "/reports/\(loaded.table.formCode)/"
        let isPrint = req.query[String.self, at: "print"] == "1"
        // Only the page lists typed figures that differ from the records; the exports print the official layout.
        let disagreements = try await ReportRollUp(database: req.db, forms: req.application.forms)
            .disagreements(form: loaded.resolved.typedForm, root: loaded.organization.id, span: loaded.span, statuses: loaded.statuses)
        return try await req.view.render(isPrint ? "reports/print" : "reports/table", ReportTablePage(
            page: PageChrome(title: "\(loaded.table.appendix) — \(loaded.organization.name)", req: req), table: loaded.table,
            organizationID: loaded.organization.id.uuidString, organizationName: loaded.organization.name,
            span: filters.problems.contains { $0.field == "span" } ? String((req.query[String.self, at: "span"] ?? "").prefix(60)) : loaded.table.span.code,
            problems: filters.problems, includeSubmitted: loaded.includeSubmitted, entryCount: loaded.entryCount,
            isFromRegistry: !loaded.fromRecords && loaded.form.entryCells.isEmpty && !loaded.form.boundCells.isEmpty,
            hasRegistryCells: !loaded.form.entryCells.isEmpty && !loaded.form.boundCells.isEmpty,
            xlsxHref: base + "table.xlsx" + query, csvHref: base + "table.csv" + query, exportHref: base + "table/export" + query, printHref: base + "table" + query + "&print=1",
            isPrint: isPrint,
            layoutNote: hasVersions ? "Mẫu phiên bản \(loaded.form.version)" + (loaded.form.validTo.map { " (áp dụng đến \($0.vietnamese))" } ?? " (hiện hành)") : nil,
            otherLayoutHref: hasVersions ? base + "table" + bare + (layout.isEmpty ? "&layout=current" : "") : nil,
            otherLayoutLabel: hasVersions ? (layout.isEmpty ? "In theo mẫu hiện hành" : "In theo mẫu hiệu lực của kỳ") : nil,
            disagreements: disagreements.map { DisagreementLine($0, form: loaded.resolved.typedForm) },
            offersRecords: loaded.fromRecords || loaded.resolved.typedForm.hasCounterparts(catalog: req.application.forms.elements),
            fromRecords: loaded.fromRecords,
            recordSources: loaded.form.boundSources(catalog: req.application.forms.elements).map { $0.label.lowercased() }.joined(separator: "; "),
            otherSourceHref: base + "table?org=\(loaded.organization.id.uuidString)&span=\(loaded.table.span.code)"
                + (loaded.includeSubmitted ? "&include=submitted" : "") + layout + (loaded.fromRecords ? "" : "&source=records")))
            .encodeResponse(status: filters.status, for: req)
    }

    func xlsx(req: Request) async throws -> Response {
        try Self.download(try Self.file(of: try await Self.load(req: req, actor: try req.requireActor()), format: .xlsx))
    }

    func csv(req: Request) async throws -> Response {
        try Self.download(try Self.file(of: try await Self.load(req: req, actor: try req.requireActor()), format: .csv))
    }

    enum Format: String, Sendable {
        case xlsx, csv
    }

    struct ExportFile: Sendable {
        var data: Data
        var name: String
    }

    /// The table as a file: XLSX in the official layout, or CSV.
    static func file(of loaded: Loaded, format: Format) throws -> ExportFile {
        let name = "\(loaded.table.formCode)-\(loaded.organization.code)-\(loaded.table.span.code)\(loaded.fromRecords ? "-hoso" : "").\(format.rawValue)"
        switch format {
        case .xlsx: return ExportFile(data: try ReportTableExport.xlsx(loaded.table, organizationName: loaded.organization.name), name: name)
        case .csv: return ExportFile(data: CSVWriter.make(rows: ReportTableExport.csvRows(loaded.table)), name: name)
        }
    }

    static func contentType(of name: String) -> String {
        name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    }

    static func download(_ file: ExportFile) throws -> Response {
        let response = Response.download(file.data, fileName: file.name, contentType: contentType(of: file.name))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct ExportForm: Content {
        var format: String?
    }

    /// `POST /reports/:form/table/export?org=…&span=…&include=…&layout=…` (format=xlsx|csv): the page's download
    /// buttons. Rolling up a large subtree over a long span may take more than a second, so the file is made by a job
    /// whose page shows the progress and then a link to the file.
    func startExport(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let format = Format(rawValue: try req.content.decode(ExportForm.self).format ?? "xlsx") ?? .xlsx
        var strict = FilterProblems.strict
        let resolved = try await Self.resolve(req: req, actor: actor, filters: &strict)
        let application = req.application
        let name = "\(resolved.form.code)-\(resolved.organization.code)-\(resolved.span.code).\(format.rawValue)"
        let job = try await application.jobs.start(req, kind: .tableExport, actor: actor, input: nil, inputName: name) { database, progress in
            await progress.report(JobProgress(done: 0, total: 2, phase: "Tổng hợp số liệu"))
            let loaded = try await Self.compute(resolved, database: database, application: application)
            await progress.report(JobProgress(done: 1, total: 2, phase: "Tạo tệp"))
            let file = try Self.file(of: loaded, format: format)
            await progress.report(JobProgress(done: 2, total: 2, phase: "Tạo tệp"))
            return JobOutcome(summary: "Tệp \(file.name) đã sẵn sàng (\(loaded.table.appendix) — \(loaded.organization.name), \(loaded.span.label))",
                              result: file.data)
        }
        return req.redirect(to: "/reports/\(resolved.form.code)/table/export?job=\(job.id.uuidString)")
    }

    struct ExportPage: Encodable {
        var page: PageChrome
        var job: JobView?
        var downloadHref: String?
        var summary: String?
        var problems: [FieldProblem]
        var tableHref: String
    }

    /// `GET /reports/:form/table/export?job=ID`: the export's progress, then the link to its file.
    func exportPage(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = try req.form(req.parameters.get("form"))
        guard let id = req.query[String.self, at: "job"].flatMap(UUID.init(uuidString:)),
              let job = try await req.application.jobs.find(id, req: req, actor: actor), job.kind == .tableExport else {
            throw DomainError.notFound("Không tìm thấy tệp đang tạo; hãy bấm tải lại từ trang bảng")
        }
        let problems: [FieldProblem] = job.status == .failed ? [.init(field: "file", message: job.summary ?? "Không tạo được tệp")] : []
        return try await req.view.render("reports/export", ExportPage(
            page: PageChrome(title: "Tải bảng \(form.appendix)", req: req), job: JobView(job),
            downloadHref: job.status == .succeeded ? "/jobs/\(job.id.uuidString)/download" : nil,
            summary: job.status == .succeeded ? job.summary : nil, problems: problems, tableHref: "/reports/\(form.code)/table"))
            .encodeResponse(status: job.status == .failed ? .unprocessableEntity : .ok, for: req)
    }
}
