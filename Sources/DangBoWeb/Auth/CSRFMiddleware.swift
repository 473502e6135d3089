import Vapor

/// Every form post must carry the session's CSRF token in a `_csrf` field (or the X-CSRF-Token header).
/// Combined with SameSite cookies this stops another site from posting on a user's behalf.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET && request.method != .HEAD {
            // Route-level body collection happens after middleware; the token can only be read from the whole body.
            let isUpload = request.url.path.hasSuffix("/import") || request.url.path.hasSuffix("/upload")
            let limit = isUpload ? 26 * 1024 * 1024 : 1024 * 1024
            _ = try await request.body.collect(max: limit).get()
            let expected = request.storage[CSRFTokenKey.self]
            let sent = request.headers.first(name: "X-CSRF-Token") ?? Self.formToken(request)
            guard let expected, let sent, Self.constantTimeEqual(expected, sent) else {
                throw Abort(.forbidden, reason: "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang và thử lại.")
            }
        }
        return try await next.respond(to: request)
    }

    static func formToken(_ request: Request) -> String? {
        struct Token: Decodable { var _csrf: String? }
        return (try? request.content.decode(Token.self))?._csrf
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
