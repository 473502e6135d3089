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
}

struct ReportingRatePage: Encodable {
    struct PeriodLine: Encodable {
        var code: String
        var label: String
        var expected: Int
        var submitted: Int
        var onTime: Int
        var late: Int
        var missing: Int
        var returned: Int
        var rate: String
        var isSelected: Bool
        var href: String
    }

    var page: PageChrome
    var formCode: String
    var appendix: String
    var title: String
    var periodLabel: String
    var dueDate: String
    var expected: Int
    var submitted: Int
    var onTime: Int
    var late: Int
    var returned: Int
    var draft: Int
    var missing: Int
    var rate: String
    var onTimeRate: String
    var lines: [ReportingRateService.Line]
    var year: [PeriodLine]
    var periodChoices: [Choice]
    var canGrant: Bool
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
        return try await req.view.render("reports/index", ReportsIndexPage(page: PageChrome(title: "Báo cáo định kỳ", req: req), forms: forms))
    }

    func rate(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewReports)
        let form = try req.form(req.parameters.get("form"))
        let period = try ReportAccess.period(req, parameter: "period", form: form)
        try ReportAccess.requireEntryPeriod(period, of: form)
        let service = ReportingRateService(req: req)
        let result = try await service.result(form: form, root: actor.scopeOrganizationID, period: period)
        var year: [ReportingRatePage.PeriodLine] = []
        for part in Period.year(period.start.year)?.periods(of: form.periodType) ?? [] where part.start <= req.today {
            let counts = part == period ? result.rate
                : try await service.result(form: form, root: actor.scopeOrganizationID, period: part, withContacts: false).rate
            year.append(.init(code: part.code, label: part.label, expected: counts.expected, submitted: counts.submitted,
                              onTime: counts.onTime, late: counts.late, missing: counts.missing + counts.draft,
                              returned: counts.returned, rate: counts.rateText ?? "—", isSelected: part == period,
                              href: "/reports/\(form.code)/rate?period=\(part.code)"))
        }
        return try await req.view.render("reports/rate", ReportingRatePage(
            page: PageChrome(title: "Tình hình nộp \(form.appendix)", req: req), formCode: form.code, appendix: form.appendix,
            title: form.title, periodLabel: period.label, dueDate: result.dueDate.vietnamese, expected: result.rate.expected,
            submitted: result.rate.submitted, onTime: result.rate.onTime, late: result.rate.late, returned: result.rate.returned,
            draft: result.rate.draft, missing: result.rate.missing, rate: result.rate.rateText ?? "—",
            onTimeRate: result.rate.onTimeRateText ?? "—", lines: result.lines, year: year,
            periodChoices: ReportAccess.recentPeriods(of: form, today: req.today, terms: req.application.terms, selected: period).map {
                Choice(value: $0.code, label: $0.label, isSelected: $0 == period)
            },
            canGrant: actor.role == .administrator || actor.role == .blocOffice))
    }
}
