import DangBoCore
import DangBoStorage
import Vapor

struct ReportsIndexPage: Encodable {
    struct FormLine: Encodable {
        var code: String
        var appendix: String
        var title: String
        var periodType: String
        var entryHref: String?
        var tableHref: String
        var rateHref: String
    }

    var page: PageChrome
    var forms: [FormLine]
    /// "Nhập số liệu các kỳ trước" (`/reports/values/import`), for the roles that may.
    var importHref: String?
}

struct ReportingRatePage: Encodable {
    /// Counts of one period or one organization, formatted.
    struct Counts: Encodable {
        var expected: String
        var submitted: String
        var onTime: String
        var late: String
        var returned: String
        var draft: String
        var missing: String
        /// Not sent: in draft or missing (the "Chưa nộp" column; returned entries have their own).
        var pending: String
        var rate: String
        var onTimeRate: String

        init(_ rate: ReportingRate) {
            let format = VietnameseNumberFormat.integer
            expected = format(rate.expected)
            submitted = format(rate.submitted)
            onTime = format(rate.onTime)
            late = format(rate.late)
            returned = format(rate.returned)
            draft = format(rate.draft)
            missing = format(rate.missing)
            pending = format(rate.draft + rate.missing)
            self.rate = rate.rateText ?? "—"
            onTimeRate = rate.onTimeRateText ?? "—"
        }
    }

    struct PeriodLine: Encodable {
        var code: String
        var label: String
        var counts: Counts
        var isSelected: Bool
        var href: String
    }

    struct BranchLine: Encodable {
        var code: String
        var name: String
        var levelLabel: String
        var counts: Counts
        var href: String
    }

    var page: PageChrome
    var formCode: String
    var appendix: String
    var title: String
    var periodCode: String
    var periodLabel: String
    var dueDate: String
    var organizationID: String
    var organizationName: String
    /// The organization shown is below the account's scope: links back up.
    var upHref: String?
    var upName: String?
    var scopeHref: String?
    var counts: Counts
    /// The organization's own outcome when it is itself an expected reporter.
    var ownOutcome: String?
    var year: [PeriodLine]
    /// Per direct child, shown when it adds to the list (some child has more than one expected reporter).
    var branches: [BranchLine]
    var moreBranchesHref: String?
    var lines: [ReportingRateService.Line]
    /// "82 đơn vị" for the outcome chosen.
    var listCount: String
    var outcome: String
    var outcomeChoices: [Choice]
    var pager: CursorPager
    var periodChoices: [Choice]
    var canGrant: Bool
    /// Filters that could not be read, shown beside them (the defaults are shown meanwhile).
    var problems: [FieldProblem]
}

/// The forms list and the reporting rate of a form: who is expected, who reported on time, late, not at all.
struct ReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("reports", use: index)
        routes.get("reports", ":form", "rate", use: rate)
    }

    func index(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewReports)
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        let forms = req.forms.forms.map { form -> ReportsIndexPage.FormLine in
            let reports = form.reporters.includes(level: scope.level, unitKind: scope.unitKind)
            let period = ReportAccess.defaultPeriod(of: form, today: req.today)
            return .init(code: form.code, appendix: form.appendix, title: form.title, periodType: form.periodType.label,
                         entryHref: reports ? "/reports/\(form.code)/entry?org=\(scope.id.uuidString)&period=\(period.code)" : nil,
                         tableHref: "/reports/\(form.code)/table?org=\(scope.id.uuidString)",
                         rateHref: "/reports/\(form.code)/rate?period=\(period.code)")
        }
        return try await req.view.render("reports/index", ReportsIndexPage(
            page: PageChrome(title: "Báo cáo định kỳ", req: req), forms: forms,
            importHref: HistoricalValuesController.canImport(actor) ? "/reports/values/import" : nil))
    }

    /// `/reports/:form/rate?period=…&org=…&outcome=late,missing&after=…`: the counts of the organization's subtree (the
    /// account's scope by default), per period of the year and per direct child (each a link that re-roots the page),
    /// and the expected reporters a page of 100 at a time, filtered by outcome.
    func rate(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewReports)
        let form = try req.form(req.parameters.get("form"))
        // An edited address comes back as messages beside the filters; the defaults are shown meanwhile.
        var filters = FilterProblems()
        let fallbackPeriod = ReportAccess.defaultPeriod(of: form, today: req.today)
        let period = try filters.read("period", fallback: fallbackPeriod) { () throws -> Period in
            let period = try ReportAccess.period(req, parameter: "period", form: form)
            try ReportAccess.requireEntryPeriod(period, of: form)
            return period
        }
        let rootID = try filters.read("org", fallback: nil) { try ApiQuery.uuid(req, "org") } ?? actor.scopeOrganizationID
        let asked = try await filters.read("org", fallback: nil) { try await req.organizations.visible(rootID, to: actor) }
        let root = if let asked { asked } else { try await req.organizations.visible(actor.scopeOrganizationID, to: actor) }
        let outcomes = try filters.read("outcome", fallback: RateOutcomeFilter.parse(nil)) { try RateOutcomeFilter.parse(req.query[String.self, at: "outcome"]) }
        let direction = try filters.read("after", fallback: .first) {
            try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        }
        let branchesAfter = try filters.read("branchesAfter", fallback: nil) {
            try req.query[String.self, at: "branchesAfter"]?.nilIfBlank.map { try KeysetCursor(token: $0, field: "branchesAfter") }
        }
        let result = try await ReportingRateService(req: req).result(form: form, root: root.id, period: period, outcomes: outcomes,
                                                                     direction: direction, branchesAfter: branchesAfter)
        let outcomeText = RateOutcomeFilter.text(outcomes)
        let isScope = root.id == actor.scopeOrganizationID
        // The page's address for another period, organization or page, keeping the outcome chosen.
        func href(_ part: Period, _ org: UUID, _ extra: [(String, String?)] = []) -> String {
            let orgText = org == actor.scopeOrganizationID ? nil : org.uuidString
            return "/reports/\(form.code)/rate" + queryString([("period", part.code), ("org", orgText), ("outcome", outcomeText)] + extra)
        }
        var up: Organization?
        if !isScope, let parentID = try await req.organizations.parentID(of: root.id, on: req.today),
           try await req.organizations.isInSubtree(parentID, of: actor.scopeOrganizationID, on: req.today) {
            up = try await req.organizations.find(parentID)
        }
        let showBranches = result.branches.branches.contains { $0.rate.expected > 1 } || result.branches.next != nil
        return try await req.view.render("reports/rate", ReportingRatePage(
            page: PageChrome(title: "Tình hình nộp \(form.appendix)", req: req), formCode: form.code, appendix: form.appendix,
            title: form.title, periodCode: period.code, periodLabel: period.label, dueDate: result.dueDate.vietnamese,
            organizationID: root.id.uuidString, organizationName: root.name,
            upHref: up.map { href(period, $0.id) }, upName: up?.name, scopeHref: isScope ? nil : href(period, actor.scopeOrganizationID),
            counts: .init(result.rate), ownOutcome: result.own?.label,
            year: result.year.map { part in
                .init(code: part.period.code, label: part.period.label, counts: .init(part.rate), isSelected: part.period == period,
                      href: href(part.period, root.id))
            },
            branches: showBranches ? result.branches.branches.map {
                .init(code: $0.organization.code, name: $0.organization.name, levelLabel: $0.organization.level.label,
                      counts: .init($0.rate), href: href(period, $0.organization.id))
            } : [],
            moreBranchesHref: showBranches ? result.branches.next.map { href(period, root.id, [("branchesAfter", $0.token)]) } : nil,
            lines: result.lines,
            listCount: VietnameseNumberFormat.integer(result.rate.count(of: outcomes)) + " đơn vị",
            outcome: outcomeText,
            outcomeChoices: RateOutcomeFilter.choices.map { Choice(value: $0.value, label: $0.label, isSelected: $0.value == outcomeText) },
            pager: CursorPager(previous: result.previous, next: result.next) { href(period, root.id, [($0, $1)]) },
            periodChoices: ReportAccess.recentPeriods(of: form, today: req.today, terms: req.application.terms, selected: period).map {
                Choice(value: $0.code, label: $0.label, isSelected: $0 == period)
            },
            canGrant: actor.role == .administrator || actor.role == .blocOffice, problems: filters.problems))
            .encodeResponse(status: filters.status, for: req)
    }
}
