import DangBoCore
import DangBoStorage
import Vapor

struct AuditPage: Encodable {
    struct Row: Encodable {
        var at: String
        /// The sentence, its opening (the person who acted) a link to their other entries when it names one.
        var actor: String?
        var actorHref: String?
        var sentence: String
        var action: String
        var details: [AuditSentence.Detail]
        /// "3 ô thay đổi", "2 trường thay đổi".
        var detailsTitle: String
        /// "Còn 12 ô khác: xem lịch sử của báo cáo."
        var unlisted: String?
    }

    var page: PageChrome
    var rows: [Row]
    var pager: CursorPager
    /// "1.234" or "hơn 1.000".
    var count: String
    var actions: [Choice]
    var kinds: [Choice]
    var organization: PickedOrganization
    var actorName: String
    var from: String
    var to: String
}

/// The audit log, read-only: administrators browse and filter it, each entry told as a sentence. There is no route
/// that edits or deletes it.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    func list(req: Request) async throws -> View {
        let actor = try req.requireActor()
        try actor.require(.viewAudit)
        let filter = try AuditQuery.filter(from: req)
        let scope = try await AuditQuery.scope(from: req, actor: actor)
        let result = try await req.audit.list(filter, scope: scope, organizations: req.organizations)
        let context = try await req.audit.context(for: result.items, forms: req.application.forms)
        let keep: [(String, String?)] = ["action", "kind", "org", "actor", "entity", "from", "to"].map { ($0, req.query[String.self, at: $0]) }
        let pager = CursorPager(previous: result.previous, next: result.next) { "/audit" + queryString(keep + [($0, $1)]) }
        let rows = result.items.map { entry in
            let sentence = AuditSentence(entry, context: context)
            let isReport = entry.entityType == "reportEntry"
            let named = entry.actorID != nil && sentence.text.lowercased().hasPrefix(sentence.actor.lowercased())
            return AuditPage.Row(
                at: AuditQuery.format(entry.at), actor: named ? String(sentence.text.prefix(sentence.actor.count)) : nil,
                actorHref: named ? "/audit" + queryString([("actor", entry.actorName)]) : nil,
                sentence: named ? String(sentence.text.dropFirst(sentence.actor.count)) : sentence.text,
                action: entry.action.rawValue, details: sentence.details,
                detailsTitle: "\(VietnameseNumberFormat.integer(sentence.details.count)) \(isReport ? "ô" : "trường") thay đổi",
                unlisted: sentence.unlisted > 0 ? "Còn \(VietnameseNumberFormat.integer(sentence.unlisted)) ô khác: xem lịch sử của báo cáo." : nil)
        }
        return try await req.view.render("audit/list", AuditPage(
            page: PageChrome(title: "Nhật ký thay đổi", req: req), rows: rows, pager: pager, count: result.count.text,
            actions: Choice.list(AuditAction.self, selected: filter.action?.rawValue),
            kinds: Choice.list(AuditKind.self, selected: filter.kind?.rawValue),
            organization: await OrganizationReference.picked(req.query[String.self, at: "org"], store: req.organizations, actor: actor),
            actorName: filter.actorName ?? "", from: filter.from?.vietnamese ?? "", to: filter.to?.vietnamese ?? ""))
    }
}

enum AuditQuery {
    static func filter(from req: Request) throws -> AuditFilter {
        var problems: [FieldProblem] = []
        let actionText = req.query[String.self, at: "action"] ?? ""
        let action = AuditAction(rawValue: actionText)
        if !actionText.isEmpty && action == nil { problems.append(.init(field: "action", message: "Loại thao tác không hợp lệ")) }
        let kindText = req.query[String.self, at: "kind"] ?? ""
        let kind = AuditKind(rawValue: kindText)
        if !kindText.isEmpty && kind == nil { problems.append(.init(field: "kind", message: "Loại hồ sơ không hợp lệ")) }
        let from = FormDates.optional(req.query[String.self, at: "from"], field: "from", label: "Từ ngày", problems: &problems)
        let to = FormDates.optional(req.query[String.self, at: "to"], field: "to", label: "Đến ngày", problems: &problems)
        if let from, let to, to < from {
            problems.append(.init(field: "to", message: "Đến ngày \(to.vietnamese) trước Từ ngày \(from.vietnamese)"))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let direction = try CursorPager.direction(after: req.query[String.self, at: "after"], before: req.query[String.self, at: "before"])
        let actor = req.query[String.self, at: "actor"]?.trimmingCharacters(in: .whitespaces).lowercased().nilIfBlank
        return AuditFilter(action: action, entityType: req.query[String.self, at: "entity"].map { String($0.prefix(50)) }, kind: kind,
                           actorName: actor.map { String($0.prefix(64)) }, from: from, to: to,
                           direction: direction, pageSize: min(req.query[Int.self, at: "pageSize"] ?? 50, 200))
    }

    /// Whose entries: the organization picked (`org`, a code or id inside the viewer's scope) and its subtree; else the
    /// viewer's scope, and for a viewer scoped to the root everything, including entries about no organization (logins
    /// with an unknown username).
    static func scope(from req: Request, actor: Actor) async throws -> UUID? {
        if let picked = try await OrganizationReference.resolve(req.query[String.self, at: "org"], field: "org",
                                                                store: req.organizations, actor: actor) {
            return picked.id
        }
        if try await req.organizations.root()?.id == actor.scopeOrganizationID { return nil }
        return actor.scopeOrganizationID
    }

    /// "12/4/2022 14:05" in Vietnam time.
    static func format(_ date: Date) -> String {
        let day = Day(date)
        let seconds = Int(date.timeIntervalSince1970 + 7 * 3600) % 86_400
        return "\(day.vietnamese) " + String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }
}

struct AuditApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    /// Newest first, read by keyset: `nextCursor` / `previousCursor` go back as `after` / `before`.
    func list(req: Request) async throws -> KeysetApiPage<AuditEntry> {
        let actor = try req.requireActor()
        try actor.require(.viewAudit)
        try KeysetApiPage<AuditEntry>.refuseOffset(req)
        let filter = try AuditQuery.filter(from: req)
        let scope = try await AuditQuery.scope(from: req, actor: actor)
        let page = try await req.audit.list(filter, scope: scope, organizations: req.organizations)
        return KeysetApiPage(items: page.items, count: page.count, pageSize: filter.pageSize, next: page.next, previous: page.previous)
    }
}
