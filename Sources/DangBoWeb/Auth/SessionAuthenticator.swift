import DangBoCore
import DangBoStorage
import Vapor

/// Reads the session cookie, loads the session from the database (so any app instance can serve it),
/// and sets `request.actor` and the CSRF token.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "dangbo_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await Self.authenticate(request, showingNotice: true)
        return try await next.respond(to: request)
    }

    /// Loads the session of the request's cookie. `showingNotice`: a notice left by the previous request (after a
    /// redirect) is taken, to be shown once; an error page for an address no route serves leaves it for the next page.
    static func authenticate(_ request: Request, showingNotice: Bool) async throws {
        guard let key = request.cookies[Self.cookieName]?.string, key.count == 64,
              var data = try await SessionStore(database: request.db).read(key: key) else { return }
        request.storage[SessionKeyKey.self] = key
        request.storage[CSRFTokenKey.self] = data["csrf"]
        if let id = data["account"].flatMap(UUID.init(uuidString:)) {
            request.actor = try await request.accounts.actor(id: id)
        }
        if showingNotice, let flash = data.removeValue(forKey: "flash"), request.method == .GET {
            request.storage[FlashKey.self] = flash
            try await SessionStore(database: request.db).write(key: key, data: data)
        }
        request.storage[SessionDataKey.self] = data
    }

    /// Redirects after a successful change, leaving a one-time notice in the session (never in the URL, so a link
    /// cannot make the site show a message of someone else's choosing).
    static func redirect(_ request: Request, to path: String, notice: String) async throws -> Response {
        if let key = request.storage[SessionKeyKey.self] {
            var data = request.storage[SessionDataKey.self] ?? [:]
            data["flash"] = String(notice.prefix(300))
            try await SessionStore(database: request.db).write(key: key, data: data)
        }
        return request.redirect(to: path)
    }

    /// Starts a fresh session (a new id, so a fixed id cannot be planted before login) and sets the cookie.
    static func startSession(for actor: Actor?, on request: Request, response: Response) async throws {
        if let old = request.storage[SessionKeyKey.self] {
            try await SessionStore(database: request.db).delete(key: old)
        }
        let key = RandomToken.hex(bytes: 32)
        let csrf = RandomToken.hex(bytes: 32)
        var data = ["csrf": csrf]
        if let actor { data["account"] = actor.accountID.uuidString }
        try await SessionStore(database: request.db).write(key: key, data: data)
        request.storage[SessionDataKey.self] = data
        request.storage[SessionKeyKey.self] = key
        request.storage[CSRFTokenKey.self] = csrf
        response.cookies[cookieName] = cookie(key, maxAge: Int(SessionStore.lifetime), request: request)
    }

    static func endSession(on request: Request, response: Response) async throws {
        if let key = request.storage[SessionKeyKey.self] {
            try await SessionStore(database: request.db).delete(key: key)
        }
        response.cookies[cookieName] = cookie("", maxAge: 0, request: request)
    }

    static func cookie(_ value: String, maxAge: Int, request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/",
                          isSecure: Environment.get("DANGBO_SECURE_COOKIES") == "1",
                          isHTTPOnly: true, sameSite: .lax)
    }
}

enum RandomToken {
    static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0 ..< bytes).map { _ in String(format: "%02x", UInt8.random(in: 0 ... 255, using: &generator)) }.joined()
    }
}
