@testable import DangBoWeb
import Vapor
import XCTVapor

/// A help page per area at /help/<topic>, readable by any signed-in user (how to sign in by anyone), and each area's
/// pages link their title to it.
final class HelpPagesTests: XCTestCase {
    func testEveryTopicIsReadableByAnySignedInUserWithItsPicture() async throws {
        try await TestApp.with { test in
            let member = try await test.session("member")
            for topic in HelpTopic.allCases {
                let response = try await test.app.sendRequest(.GET, topic.href, headers: member.headers)
                XCTAssertEqual(response.status, .ok, topic.href)
                let html = response.body.string
                XCTAssertTrue(html.contains("<ol>"), "\(topic.href): numbered steps")
                XCTAssertTrue(html.contains("<dl>"), "\(topic.href): what the messages mean")
                if topic != .login {
                    XCTAssertTrue(html.contains(#"<img src="/help/\#(topic.slug).png" alt=""#), "\(topic.href): a screenshot with alt text")
                    let png = URL(fileURLWithPath: test.app.directory.publicDirectory).appendingPathComponent("help/\(topic.slug).png")
                    XCTAssertTrue(FileManager.default.fileExists(atPath: png.path), "\(png.path) is missing")
                }
            }
            let unknown = try await test.app.sendRequest(.GET, "/help/khong-co", headers: member.headers)
            XCTAssertEqual(unknown.status, .notFound)
        }
    }

    func testOnlyTheLoginHelpIsReadableBeforeSigningIn() async throws {
        try await TestApp.with { test in
            let login = try await test.app.sendRequest(.GET, "/help/login")
            XCTAssertEqual(login.status, .ok)
            XCTAssertTrue(login.body.string.contains("Đăng nhập sai quá 5 lần"))
            XCTAssertFalse(login.body.string.contains("/help/members"), "the other topics are not offered before signing in")
            let members = try await test.app.sendRequest(.GET, "/help/members")
            XCTAssertEqual(members.status, .seeOther)
            XCTAssertTrue(members.headers.first(name: .location)?.hasPrefix("/login") ?? false)
        }
    }

    func testEachAreasTitleLinksToItsHelp() async throws {
        XCTAssertEqual(HelpTopic.of(path: "/members"), .members)
        XCTAssertEqual(HelpTopic.of(path: "/members/\(UUID().uuidString)/edit"), .members)
        XCTAssertEqual(HelpTopic.of(path: "/members/import"), .import)
        XCTAssertEqual(HelpTopic.of(path: "/reports/values/import"), .import)
        XCTAssertEqual(HelpTopic.of(path: "/reports"), .reports)
        XCTAssertEqual(HelpTopic.of(path: "/reports/PL8.1/entry"), .reports)
        XCTAssertEqual(HelpTopic.of(path: "/reports/PL8.1/rate"), .reviewing)
        XCTAssertEqual(HelpTopic.of(path: "/reports/PL8.1/table"), .exports)
        XCTAssertEqual(HelpTopic.of(path: "/outbox"), .reviewing)
        XCTAssertNil(HelpTopic.of(path: "/help/members"))
        XCTAssertNil(HelpTopic.of(path: "/organizations"))
        try await TestApp.with { test in
            let secretary = try await test.session("coso-a")
            for (path, topic) in [("/members", HelpTopic.members), ("/members/import", .import), ("/reports", .reports)] {
                let response = try await test.app.sendRequest(.GET, path, headers: secretary.headers)
                XCTAssertEqual(response.status, .ok, path)
                XCTAssertTrue(response.body.string.contains(#"<a href="\#(topic.href)">"#), "\(path) links to \(topic.href)")
            }
            let login = try await test.app.sendRequest(.GET, "/login")
            XCTAssertTrue(login.body.string.contains(#"<a href="/help/login">"#))
        }
    }
}
