import DangBoCore
import DangBoStorage
import Vapor

struct LoginPage: Encodable {
    var page = PageChrome(title: "Đăng nhập")
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
        let outcome = try await LoginService(accounts: req.accounts)
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
struct LoginService {
    let accounts: AccountStore

    func authenticate(username: String, password: String, on req: Request) async throws -> LoginOutcome {
        guard !username.isEmpty, !password.isEmpty else {
            return .failure("Nhập tên đăng nhập và mật khẩu", .badRequest)
        }
        if try await accounts.isThrottled(username: username) {
            return .failure("Đăng nhập sai quá \(AccountStore.maxFailures) lần. Hãy thử lại sau 15 phút.", .tooManyRequests)
        }
        let password = String(password.prefix(200))
        if let (actor, hash) = try await accounts.credentials(username: username),
           try await req.password.async.verify(password, created: hash) {
            try await accounts.recordAttempt(username: username, succeeded: true)
            return .success(actor)
        }
        try await accounts.recordAttempt(username: username, succeeded: false)
        return .failure("Tên đăng nhập hoặc mật khẩu không đúng", .unauthorized)
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
        switch try await LoginService(accounts: req.accounts).authenticate(username: body.username, password: body.password, on: req) {
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
