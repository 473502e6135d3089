import DangBoCore
import Vapor

/// Turns every error into a clear Vietnamese message: JSON for the API, a page for browsers. Domain errors map
/// to 4xx; decoding errors name the field; anything unexpected is logged and shown as a generic 500.
struct DangBoErrorMiddleware: AsyncMiddleware {
    struct ErrorBody: Content {
        var error: String
        var problems: [FieldProblem]?
    }

    struct ErrorPage: Encodable {
        var page: PageChrome
        var status: Int
        var message: String
        var problems: [FieldProblem]
        /// The page the user came from, on this site (from the Referer header), for "Quay lại".
        var backHref: String?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, message, problems) = Self.describe(error)
            if status == .internalServerError {
                request.logger.report(error: error)
            }
            if request.isAPI {
                let response = Response(status: status)
                try response.content.encode(ErrorBody(error: message, problems: problems.isEmpty ? nil : problems))
                return response
            }
            // An address no route serves never met the session middleware: read the session so the page keeps the
            // user's menu (a failure to read it just leaves the page without one).
            if request.actor == nil, request.storage[SessionKeyKey.self] == nil {
                do { try await SessionAuthenticator.authenticate(request, showingNotice: false) } catch {
                    request.logger.warning("error page without the session: \(String(reflecting: error))")
                }
            }
            var chrome = PageChrome(title: "Lỗi \(status.code)", req: request)
            chrome.notice = nil
            let view = try? await request.view.render("errors/error", ErrorPage(page: chrome, status: Int(status.code),
                                                                               message: message, problems: problems,
                                                                               backHref: Self.backHref(request)))
            let response = Response(status: status)
            response.headers.contentType = .html
            response.body = view.map { .init(buffer: $0.data) } ?? .init(string: message)
            return response
        }
    }

    static func describe(_ error: any Error) -> (HTTPStatus, String, [FieldProblem]) {
        switch error {
        case let domain as DomainError:
            switch domain {
            case .invalid(let problems): return (.unprocessableEntity, "Dữ liệu không hợp lệ", problems)
            case .notFound(let message): return (.notFound, message, [])
            case .forbidden(let message): return (.forbidden, message, [])
            case .conflict(let message): return (.conflict, message, [])
            }
        case let problem as FieldProblem:
            return (.unprocessableEntity, "Dữ liệu không hợp lệ", [problem])
        case let decoding as DecodingError:
            return (.badRequest, DecodingMessage.vietnamese(decoding), [])
        case let abort as any AbortError:
            return (abort.status, abort.status == .notFound && abort.reason == "Not Found"
                        ? "Không tìm thấy trang" : Self.translate(abort.reason, status: abort.status), [])
        default:
            return (.internalServerError, "Lỗi hệ thống. Thao tác chưa được thực hiện; hãy thử lại hoặc báo quản trị.", [])
        }
    }

    /// The referring page when it is a page of this site (not the failing address itself), as a path.
    static func backHref(_ request: Request) -> String? {
        guard let referer = request.headers.first(name: .referer), let url = URLComponents(string: referer),
              let host = request.headers.first(name: .host), url.host.map({ host == $0 || host.hasPrefix($0 + ":") }) ?? false,
              url.path.hasPrefix("/") else { return nil }
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        return path == request.url.string || path.hasPrefix("//") ? nil : path
    }

    /// Vapor's own English reasons, in Vietnamese.
    static func translate(_ reason: String, status: HTTPStatus) -> String {
        switch status {
        case .payloadTooLarge: return "Dữ liệu gửi lên quá lớn"
        case .unsupportedMediaType: return "Kiểu dữ liệu gửi lên không được hỗ trợ"
        case _ where reason == status.reasonPhrase:
            // Vapor's default reason is the English status phrase ("Forbidden", "Method Not Allowed").
            switch status.code {
            case 401: return "Cần đăng nhập"
            case 403: return "Bạn không có quyền thực hiện thao tác này"
            case 404: return "Không tìm thấy trang"
            case 405: return "Thao tác này không dùng được ở địa chỉ này"
            case 408: return "Hết thời gian chờ; hãy thử lại"
            case 429: return "Quá nhiều yêu cầu; hãy đợi một lát rồi thử lại"
            case 500...: return "Lỗi hệ thống. Thao tác chưa được thực hiện; hãy thử lại hoặc báo quản trị."
            default: return "Yêu cầu không hợp lệ"
            }
        default:
            if reason.hasPrefix("Value of type") || reason.contains("JSON") || reason.contains("Unexpected") {
                return "Dữ liệu gửi lên không đọc được: \(reason)"
            }
            return reason
        }
    }
}

extension DecodingError {
    /// The first key of the path the error is about ("decision" in `decision`, "rows" in `rows[3].value`).
    var firstField: String? {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        return path.first?.stringValue
    }
}

enum DecodingMessage {
    static func vietnamese(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "nội dung" : "trường \"\(text)\""
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "Thiếu \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context):
            return "Sai kiểu dữ liệu ở \(path(context.codingPath))"
        case .valueNotFound(_, let context):
            return "Thiếu giá trị ở \(path(context.codingPath))"
        case .dataCorrupted(let context):
            let detail = context.debugDescription.hasPrefix("Ngày") ? ": \(context.debugDescription)" : ""
            return context.codingPath.isEmpty
                ? "Dữ liệu gửi lên không phải JSON hợp lệ"
                : "Giá trị không hợp lệ ở \(path(context.codingPath))\(detail)"
        @unknown default:
            return "Dữ liệu gửi lên không hợp lệ"
        }
    }
}
