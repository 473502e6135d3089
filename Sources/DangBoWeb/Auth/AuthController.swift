import DangBoCore
import DangBoStorage
import Vapor

struct LoginPage: Encodable {
    var page: PageChrome = {
        var page = PageChrome(title: "Đăng nhập")
        page.helpHref = HelpTopic.login.href
        page.helpLabel = HelpTopic.login.title
        return page
    }()
    var error: String?
    var username: String?
    var next: String
    var csrf: String
}

struct LoginForm: Content {
    var username: String?
    var password: String?
    var next: String?
    var _csrf: String?
}

/// Login and logout for the pages; the session is created on first visit so the login form has a CSRF token.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    func loginPage(req: Request) async throws -> Response {
        if req.actor != nil { return req.redirect(to: "/") }
        let next = Self.safeNext(req.query[String.self, at: "next"])
        let response = Response(status: .ok)
        if req.storage[CSRFTokenKey.self] == nil {
            try await SessionAuthenticator.startSession(for: nil, on: req, response: response)
        }
        return try await render(LoginPage(next: next, csrf: req.storage[CSRFTokenKey.self] ?? ""), into: response, req: req)
    }

    func render(_ page: LoginPage, status: HTTPStatus = .ok, into response: Response = Response(), req: Request) async throws -> Response {
        let view = try await req.view.render("auth/login", page)
        response.status = status
        response.headers.contentType = .html
        response.body = .init(buffer: view.data)
        return response
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = Self.safeNext(form.next)
        guard let expected = req.storage[CSRFTokenKey.self], let sent = form._csrf,
              CSRFMiddleware.constantTimeEqual(expected, sent) else {
            let response = Response()
            try await SessionAuthenticator.startSession(for: nil, on: req, response: response)
            return try await render(LoginPage(error: "Phiên đăng nhập đã hết hạn. Hãy nhập lại.", username: form.username,
                                              next: next, csrf: req.storage[CSRFTokenKey.self] ?? ""),
                                    status: .forbidden, into: response, req: req)
        }
        let username = String((form.username ?? "").prefix(64))
        let outcome = try await LoginService(accounts: req.accounts, audit: req.audit)
            .authenticate(username: username, password: form.password ?? "", on: req)
        switch outcome {
        case .success(let actor):
            let response = req.redirect(to: next)
            try await SessionAuthenticator.startSession(for: actor, on: req, response: response)
            return response
        case .failure(let message, let status):
            return try await render(LoginPage(error: message, username: username, next: next,
                                              csrf: req.storage[CSRFTokenKey.self] ?? ""), status: status, req: req)
        }
    }

    func logout(req: Request) async throws -> Response {
        let response = req.redirect(to: "/login")
        try await SessionAuthenticator.endSession(on: req, response: response)
        return response
    }

    /// Only local paths are followed after login (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 500 else { return "/" }
        return next
    }
}

enum LoginOutcome {
    case success(Actor)
    case failure(String, HTTPStatus)
}

/// Password check with throttling: after `AccountStore.maxFailures` failures in the window, refuse without checking.
/// Every login, every failure (saying in the audit log, never on the page, whether the username exists) and the
/// failure that locks a username out are audited; attempts refused while locked out are not (they check nothing).
struct LoginService {
    let accounts: AccountStore
    var audit: AuditStore? = nil
    /// "api" for tokens; nil for the login page.
    var via: String? = nil

    func authenticate(username: String, password: String, on req: Request) async throws -> LoginOutcome {
        guard !username.isEmpty, !password.isEmpty else {
            return .failure("Nhập tên đăng nhập và mật khẩu", .badRequest)
        }
        if try await accounts.isThrottled(username: username) {
            return .failure("Đăng nhập sai quá \(AccountStore.maxFailures) lần. Hãy thử lại sau 15 phút.", .tooManyRequests)
        }
        let password = String(password.prefix(200))
        let credentials = try await accounts.credentials(username: username)
        if let (actor, hash) = credentials, try await req.password.async.verify(password, created: hash) {
            try await accounts.recordAttempt(username: username, succeeded: true)
            try await record(.login, username: actor.username, account: actor, details: [:])
            return .success(actor)
        }
        try await accounts.recordAttempt(username: username, succeeded: false)
        let name = String(username.lowercased().trimmingCharacters(in: .whitespaces).prefix(64))
        let reason: AuditSentence.LoginFailure = credentials == nil ? .unknownUser : .wrongPassword
        try await record(.loginFailed, username: name, account: credentials?.actor, details: ["reason": .text(reason.rawValue)])
        if try await accounts.isThrottled(username: username) {
            try await record(.lockout, username: name, account: credentials?.actor,
                             details: ["failures": .number(AccountStore.maxFailures), "minutes": .number(Int(AccountStore.throttleWindow / 60))])
        }
        return .failure("Tên đăng nhập hoặc mật khẩu không đúng", .unauthorized)
    }

    /// One audit entry about a login; an unknown username belongs to no organization (only root administrators see it).
    func record(_ action: AuditAction, username: String, account: Actor?, details: [String: AuditDetail]) async throws {
        guard let audit else { return }
        var stored = details
        if let via { stored["via"] = .text(via) }
        let summary = switch action {
        case .login: "Đăng nhập"
        case .lockout: "Tạm khóa đăng nhập tài khoản \(username)"
        default: "Đăng nhập không thành công (\(username))"
        }
        try await audit.append(AuditEntry(
            at: Date(), actorID: account?.accountID, actorName: account?.username ?? username, action: action,
            entityType: AuditEntry.accountEntityType, entityID: username, organizationID: account?.scopeOrganizationID,
            summary: summary, before: nil, after: AuditEntry.snapshot(stored)))
    }
}

/// A value of a login entry's details: text or a count.
enum AuditDetail: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Int)

    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int) { self = .number(value) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }
}

struct TokenRequest: Content {
    var username: String
    var password: String
}

struct TokenResponse: Content {
    var token: String
    var expiresInSeconds: Int
    var role: String
    var scopeOrganizationID: UUID
}

/// POST /api/v1/auth/token: exchanges a username and password for a bearer token (same throttle as the page).
struct ApiAuthController: RouteCollection {
    static let tokenLifetime: TimeInterval = 12 * 3600

    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: token)
    }

    func token(req: Request) async throws -> TokenResponse {
        let body = try req.content.decode(TokenRequest.self)
        switch try await LoginService(accounts: req.accounts, audit: req.audit, via: "api").authenticate(username: body.username, password: body.password, on: req) {
        case .success(let actor):
            let token = RandomToken.hex(bytes: 32)
            try await req.accounts.storeToken(hash: ApiTokenAuthenticator.hash(token), for: actor.accountID,
                                              validFor: Self.tokenLifetime)
            return TokenResponse(token: token, expiresInSeconds: Int(Self.tokenLifetime), role: actor.role.rawValue,
                                 scopeOrganizationID: actor.scopeOrganizationID)
        case .failure(let message, let status):
            throw Abort(status, reason: message)
        }
    }
}
