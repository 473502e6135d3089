import DangBoCore
import DangBoDocuments
import DangBoStorage
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
    var printHref: String
    var isPrint: Bool
    /// Which layout is printed, when the form has older layouts: "Mẫu phiên bản 1 (áp dụng đến 31/12/2023)".
    var layoutNote: String?
    /// The same table in the other layout.
    var otherLayoutHref: String?
    var otherLayoutLabel: String?
    /// Typed figures that differ from what DangBo's records count (elements with a bound counterpart).
    var disagreements: [DisagreementLine]
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
    }

    struct Loaded {
        var table: RenderedTable
        var organization: Organization
        var includeSubmitted: Bool
        var entryCount: Int
        /// The layout printed: the one in force at the span's end (`layout=period`, the default) or the current one.
        var form: FormDefinition
        var isCurrentLayout: Bool
        var span: Period
        var statuses: Set<EntryStatus>
    }

    /// The table for the exports and the API: a filter that cannot be read is refused.
    static func load(req: Request, actor: Actor) async throws -> Loaded {
        var strict = FilterProblems.strict
        return try await load(req: req, actor: actor, filters: &strict)
    }

    /// The table for the page: a filter that cannot be read is recorded in `filters` and its default used (the
    /// scope's own organization, last year, the layout of the period), so the page shows the message beside it.
    static func load(req: Request, actor: Actor, filters: inout FilterProblems) async throws -> Loaded {
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
        let form = layout == "current" ? current : (req.application.forms.form(code: current.code, on: span.end) ?? current)
        let includeSubmitted = req.query[String.self, at: "include"] == "submitted"
        let statuses: Set<EntryStatus> = includeSubmitted ? [.approved, .submitted] : [.approved]
        let source = try await RolledUpSource.load(form: form, root: organization.id, span: span, terms: req.application.terms, statuses: statuses,
                                                   rollUp: ReportRollUp(database: req.db, forms: req.application.forms))
        let table = req.application.renderer(form).render(span: span, values: source)
        return Loaded(table: table, organization: organization, includeSubmitted: includeSubmitted, entryCount: source.entryCount,
                      form: form, isCurrentLayout: form.version == current.version, span: span, statuses: statuses)
    }

    func page(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        var filters = FilterProblems()
        let loaded = try await Self.load(req: req, actor: actor, filters: &filters)
        let layout = req.query[String.self, at: "layout"] == "current" ? "&layout=current" : ""
        let query = "?org=\(loaded.organization.id.uuidString)&span=\(loaded.table.span.code)" + (loaded.includeSubmitted ? "&include=submitted" : "") + layout
        let hasVersions = !(req.application.forms.versions[loaded.table.formCode] ?? []).isEmpty
        let bare = "?org=\(loaded.organization.id.uuidString)&span=\(loaded.table.span.code)" + (loaded.includeSubmitted ? "&include=submitted" : "")
        let base = "/reports/\(loaded.table.formCode)/"
        let isPrint = req.query[String.self, at: "print"] == "1"
        // Only the page lists typed figures that differ from the records; the exports print the official layout.
        let disagreements = try await ReportRollUp(database: req.db, forms: req.application.forms)
            .disagreements(form: loaded.form, root: loaded.organization.id, span: loaded.span, statuses: loaded.statuses)
        return try await req.view.render(isPrint ? "reports/print" : "reports/table", ReportTablePage(
            page: PageChrome(title: "\(loaded.table.appendix) — \(loaded.organization.name)", req: req), table: loaded.table,
            organizationID: loaded.organization.id.uuidString, organizationName: loaded.organization.name,
            span: filters.problems.contains { $0.field == "span" } ? String((req.query[String.self, at: "span"] ?? "").prefix(60)) : loaded.table.span.code,
            problems: filters.problems, includeSubmitted: loaded.includeSubmitted, entryCount: loaded.entryCount,
            isFromRegistry: loaded.form.entryCells.isEmpty && !loaded.form.boundCells.isEmpty,
            hasRegistryCells: !loaded.form.entryCells.isEmpty && !loaded.form.boundCells.isEmpty,
            xlsxHref: base + "table.xlsx" + query, csvHref: base + "table.csv" + query, printHref: base + "table" + query + "&print=1",
            isPrint: isPrint,
            layoutNote: hasVersions ? "Mẫu phiên bản \(loaded.form.version)" + (loaded.form.validTo.map { " (áp dụng đến \($0.vietnamese))" } ?? " (hiện hành)") : nil,
            otherLayoutHref: hasVersions ? base + "table" + bare + (layout.isEmpty ? "&layout=current" : "") : nil,
            otherLayoutLabel: hasVersions ? (layout.isEmpty ? "In theo mẫu hiện hành" : "In theo mẫu hiệu lực của kỳ") : nil,
            disagreements: disagreements.map { DisagreementLine($0, form: loaded.form) }))
            .encodeResponse(status: filters.status, for: req)
    }

    func xlsx(req: Request) async throws -> Response {
        let loaded = try await Self.load(req: req, actor: try req.requireActor())
        let data = try ReportTableExport.xlsx(loaded.table, organizationName: loaded.organization.name)
        return Response.download(data, fileName: "\(loaded.table.formCode)-\(loaded.organization.code)-\(loaded.table.span.code).xlsx",
                                 contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    func csv(req: Request) async throws -> Response {
        let loaded = try await Self.load(req: req, actor: try req.requireActor())
        return Response.download(CSVWriter.make(rows: ReportTableExport.csvRows(loaded.table)),
                                 fileName: "\(loaded.table.formCode)-\(loaded.organization.code)-\(loaded.table.span.code).csv",
                                 contentType: "text/csv; charset=utf-8")
    }
}
