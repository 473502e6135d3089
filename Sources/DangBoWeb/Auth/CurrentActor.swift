import DangBoCore
import Vapor

struct ActorKey: StorageKey {
    typealias Value = Actor
}

struct CSRFTokenKey: StorageKey {
    typealias Value = String
}

struct SessionKeyKey: StorageKey {
    typealias Value = String
}

struct SessionDataKey: StorageKey {
    typealias Value = [String: String]
}

struct FlashKey: StorageKey {
    typealias Value = String
}

extension Request {
    /// The signed-in user, set by the session or token authenticator.
    var actor: Actor? {
        get { storage[ActorKey.self] }
        set { storage[ActorKey.self] = newValue }
    }

    func requireActor() throws -> Actor {
        guard let actor else { throw Abort(.unauthorized, reason: "Cần đăng nhập") }
        return actor
    }

    /// True for /api/ requests: errors are JSON and authentication is by token.
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

/// Pages redirect to the login page; the API answers 401.
struct RequireLoginMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.actor != nil else {
            if request.isAPI {
                throw Abort(.unauthorized, reason: "Cần mã truy cập hợp lệ (Authorization: Bearer ...)")
            }
            let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"
            return request.redirect(to: "/login?next=\(encoded)")
        }
        return try await next.respond(to: request)
    }
}

struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
        return response
    }
}
