import Crypto
import DangBoStorage
import Vapor

/// `Authorization: Bearer <token>`: the token's SHA-256 is looked up; tokens are never stored in clear.
struct ApiTokenAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization?.token, bearer.count <= 200 {
            request.actor = try await request.accounts.actor(tokenHash: Self.hash(bearer))
        }
        return try await next.respond(to: request)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
