import DangBoCore
import DangBoStorage
import Vapor

/// Resolves the organization, form and period a reporting request is about, within the actor's subtree.
struct ReportTarget {
    var form: FormDefinition
    var organization: Organization
    var period: Period
    /// The actor's scope is strictly above the organization: they grant deadline exceptions.
    var actorIsAbove: Bool
    /// The actor's scope is the organization's reviewing committee, or above it where the levels allow
    /// (`Forms/levels/review.json`): they approve and return its reports.
    var actorReviews: Bool
}

enum ReportAccess {
    static func target(_ req: Request, actor: Actor, periodParameter: String = "period") async throws -> ReportTarget {
        var strict = FilterProblems.strict
        return try await target(req, actor: actor, periodParameter: periodParameter, filters: &strict)
    }

    /// With lenient `filters` (a page being shown), an organization or period that cannot be read is recorded and
    /// the account's own organization or the form's current period is used instead.
    static func target(_ req: Request, actor: Actor, periodParameter: String = "period",
                       filters: inout FilterProblems) async throws -> ReportTarget {
        try actor.require(.viewReports)
        let current = try req.form(req.parameters.get("form"))
        let orgID = try filters.read("org", fallback: actor.scopeOrganizationID) { () throws -> UUID in
            guard let orgText = req.query[String.self, at: "org"], let orgID = UUID(uuidString: orgText) else {
                throw DomainError.invalid([.init(field: "org", message: "Thiếu hoặc sai mã tổ chức báo cáo (org)")])
            }
            return orgID
        }
        let asked = try await filters.read("org", fallback: nil) { try await req.organizations.visible(orgID, to: actor) }
        let organization = if let asked { asked } else { try await req.organizations.visible(actor.scopeOrganizationID, to: actor) }
        let period = try filters.read(periodParameter, fallback: defaultPeriod(of: current, today: req.today)) {
            try Self.period(req, parameter: periodParameter, form: current)
        }
        // The layout in force for the period: an old period is entered and shown as it was asked for then.
        let form = req.application.forms.form(code: current.code, on: period.end) ?? current
        let isAbove = organization.id != actor.scopeOrganizationID
        let reviews = isAbove ? try await reviews(req, actor: actor, organization: organization) : false
        return ReportTarget(form: form, organization: organization, period: period, actorIsAbove: isAbove, actorReviews: reviews)
    }

    /// Whether the actor's scope reviews the organization's reports under the configured levels: the path from the
    /// scope down to it (a walk up, a handful of rows) and its organizations' levels.
    static func reviews(_ req: Request, actor: Actor, organization: Organization) async throws -> Bool {
        guard actor.role.can(.reviewReports),
              let ids = try await req.organizations.path(from: actor.scopeOrganizationID, to: organization.id, on: req.today) else { return false }
        let levels = try await req.organizations.levels(of: ids)
        let path = ids.compactMap { id in levels[id].map { (id: id, level: $0) } }
        guard path.count == ids.count else { return false }
        return req.application.reviewLevels.mayReview(actorScope: actor.scopeOrganizationID, path: path)
    }

    /// The target of an entry route (page, save, review, exception, offline file, API): the period must be one of
    /// the form's entry periods and the organization one of the form's expected reporters for it.
    static func entryTarget(_ req: Request, actor: Actor) async throws -> ReportTarget {
        var strict = FilterProblems.strict
        return try await entryTarget(req, actor: actor, filters: &strict)
    }

    /// With lenient `filters` (the entry page being opened), a period of the wrong kind is replaced by the form's
    /// current one; an organization that does not report the form stays an error (there is nothing to show).
    static func entryTarget(_ req: Request, actor: Actor, filters: inout FilterProblems) async throws -> ReportTarget {
        var target = try await target(req, actor: actor, filters: &filters)
        let period = target.period
        target.period = try filters.read("period", fallback: defaultPeriod(of: target.form, today: req.today)) { () throws -> Period in
            try requireEntryPeriod(period, of: target.form)
            return period
        }
        if target.period != period { target.form = req.application.forms.form(code: target.form.code, on: target.period.end) ?? target.form }
        guard target.form.isExpected(target.organization, in: target.period) else {
            throw DomainError.invalid([.init(field: "org", message: "\(target.organization.name) không thuộc diện báo cáo biểu \(target.form.code) kỳ \(target.period.label) (biểu này do \(target.form.reporters.levels.map { $0.label.lowercased() }.joined(separator: ", ")) báo cáo)")])
        }
        return target
    }

    /// Extends the deadline of one entry (page and API): only the bloc office or an administrator above the
    /// organization; the date must lie after the form's due date and not in the past.
    static func grantException(_ req: Request, actor: Actor, target: ReportTarget, until: Day, reason: String) async throws {
        guard target.actorIsAbove, actor.role == .administrator || actor.role == .blocOffice else {
            throw DomainError.forbidden("Chỉ Đảng ủy Khối gia hạn nộp báo cáo")
        }
        try await req.reports.grantException(form: target.form.code, organization: target.organization.id, period: target.period.code,
                                             until: until, dueDate: target.form.dueDate(for: target.period), reason: reason, by: actor)
    }

    /// The stored entry of a target (if any) and the workflow facts that decide what the actor may do with it today.
    static func workflow(_ req: Request, actor: Actor, target: ReportTarget) async throws -> (entry: ReportEntry?, context: EntryWorkflow.Context) {
        let entry = try await req.reports.entry(form: target.form.code, organization: target.organization.id, period: target.period.code)
        let exception = try await req.reports.exception(form: target.form.code, organization: target.organization.id, period: target.period.code)
        let context = EntryWorkflow.Context(status: entry?.status ?? .draft, actorCoversOrganization: true,
                                            actorIsAbove: target.actorReviews, role: actor.role, today: req.today,
                                            dueDate: target.form.dueDate(for: target.period), exceptionUntil: exception)
        return (entry, context)
    }

    /// An entry period of the form's type, from text like "2022-Q1", "Q1/2022", "6 tháng đầu năm 2023".
    static func period(_ req: Request, parameter: String, form: FormDefinition) throws -> Period {
        let text = req.query[String.self, at: parameter] ?? ""
        guard !text.isEmpty else { return defaultPeriod(of: form, today: req.today) }
        guard let period = Period(code: String(text.prefix(40))) ?? Period(parsing: String(text.prefix(60))) else {
            throw DomainError.invalid([.init(field: parameter, message: "Kỳ báo cáo \"\(text.prefix(40))\" không hợp lệ (ví dụ 2022-Q1, 2022, 2023-H1)")])
        }
        return period
    }

    /// A span for the printed table: any period ("2021", "2020-07-01..2023-03-31", "01/2021-03/2023").
    static func span(_ req: Request, default fallback: Period) throws -> Period {
        let text = req.query[String.self, at: "span"] ?? ""
        guard !text.isEmpty else { return fallback }
        guard let period = Period(code: String(text.prefix(40))) ?? Period(parsing: String(text.prefix(60))) else {
            throw DomainError.invalid([.init(field: "span", message: "Khoảng thời gian \"\(text.prefix(40))\" không hợp lệ (ví dụ 2022, 01/2021-03/2023)")])
        }
        return period
    }

    /// The period must be one of the form's entry periods (a quarter for a quarterly form).
    static func requireEntryPeriod(_ period: Period, of form: FormDefinition) throws {
        guard period.kind == form.periodType else {
            throw DomainError.invalid([.init(field: "period", message: "Biểu \(form.code) báo cáo theo \(form.periodType.label.lowercased()); \(period.label) không phải kỳ báo cáo")])
        }
    }

    /// The period a reporter most likely means: the earliest one that has started and is still open for entry.
    static func defaultPeriod(of form: FormDefinition, today: Day) -> Period {
        let current = form.entryPeriod(containing: today)!
        var candidate = current
        while let previous = candidate.previous, form.dueDate(for: previous) >= today { candidate = previous }
        return candidate
    }

    /// The entry periods of the form for the period picker, newest first: back to the start of the previous term
    /// (configured terms; ten years without them), always including `selected` — any other period is reached by
    /// its code in the address (`period=2016-Q3`).
    static func recentPeriods(of form: FormDefinition, today: Day, terms: TermCalendar, selected: Period? = nil) -> [Period] {
        let since = terms.term(containing: today).flatMap(terms.previous(of:))?.start
            ?? Day(year: today.year - 10, month: 1, day: 1) ?? today
        var periods: [Period] = []
        var current = form.entryPeriod(containing: today)
        while let period = current, period.end >= since, periods.count < 400 {
            periods.append(period)
            current = period.previous
        }
        if let selected, !periods.contains(selected) { periods.append(selected) }
        return periods
    }
}
