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
            var chrome = PageChrome(title: "Lỗi \(status.code)", req: request)
            chrome.notice = nil
            let view = try? await request.view.render("errors/error", ErrorPage(page: chrome, status: Int(status.code),
                                                                               message: message, problems: problems))
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

    /// Vapor's own English reasons, in Vietnamese.
    static func translate(_ reason: String, status: HTTPStatus) -> String {
        switch status {
        case .payloadTooLarge: return "Dữ liệu gửi lên quá lớn"
        case .unsupportedMediaType: return "Kiểu dữ liệu gửi lên không được hỗ trợ"
        default:
            if reason.hasPrefix("Value of type") || reason.contains("JSON") || reason.contains("Unexpected") {
                return "Dữ liệu gửi lên không đọc được: \(reason)"
            }
            return reason
        }
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
