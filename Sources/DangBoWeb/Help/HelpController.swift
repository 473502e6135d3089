import DangBoCore
import Vapor

struct HelpPage: Encodable {
    struct Link: Encodable {
        var href: String
        var title: String
        var isCurrent: Bool
    }

    var page: PageChrome
    var topic: String
    /// Every help page, for the list at the foot of each.
    var topics: [Link]
    var isSignedIn: Bool
}

/// `/help/<topic>`: a short page per area in plain Vietnamese (what the page is for, the steps, what its messages
/// mean), linked from the title of every page of that area. Any signed-in user reads them all; how to sign in
/// (`/help/login`) is readable before signing in.
struct HelpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("help", use: index)
        routes.get("help", ":topic", use: show)
    }

    func index(req: Request) async throws -> Response {
        req.redirect(to: req.actor == nil ? HelpTopic.login.href : HelpTopic.members.href)
    }

    func show(req: Request) async throws -> Response {
        guard let topic = req.parameters.get("topic").flatMap(HelpTopic.init(rawValue:)) else {
            throw DomainError.notFound("Không có trang hướng dẫn này")
        }
        if !topic.isPublic, req.actor == nil {
            return req.redirect(to: "/login?next=" + (topic.href.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        let page = HelpPage(page: PageChrome(title: "Hướng dẫn: " + topic.title.lowercasedFirstLetter, req: req), topic: topic.rawValue,
                            topics: HelpTopic.allCases.filter { req.actor != nil || $0.isPublic }.map {
                                .init(href: $0.href, title: $0.title, isCurrent: $0 == topic)
                            }, isSignedIn: req.actor != nil)
        return try await req.view.render("help/\(topic.rawValue)", page).encodeResponse(for: req)
    }
}

extension String {
    /// "Quản lý đảng viên" → "quản lý đảng viên", after "Hướng dẫn: ".
    fileprivate var lowercasedFirstLetter: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
