import DangBoCore
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// The member list read by keyset: "Trang sau" / "Trang trước" links carrying a cursor, a bounded count, a Vietnamese
/// 422 for an edited cursor (the search kept), and the same paging in the API.
final class MemberListPagesTests: XCTestCase {
    /// 55 more members in cell A2 (63 in all), so that the list has two pages of 50.
    func addMembers(_ test: TestApp) async throws {
        let store = MemberStore(database: test.app.db)
        let office = test.fixture.actor(.blocOffice, scope: test.fixture.root)
        for index in 0 ..< 55 {
            _ = try await store.create(Fixture.fields("Trương Văn Tâm", card: "3000\(index)", gender: .male), in: test.fixture.cellA2.id, by: office)
        }
    }

    func links(_ html: String, rel: String) -> String? {
        guard let range = html.range(of: #"rel="\#(rel)""#) else { return nil }
        let start = html[..<range.lowerBound].range(of: #"<a href=""#, options: .backwards)!.upperBound
        return String(html[start...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    func ids(_ html: String) -> [String] {
        html.components(separatedBy: #"<td><a href="/members/"#).dropFirst().map { String($0.prefix(36)) }
    }

    func testNextAndPreviousPagesCarryACursor() async throws {
        try await TestApp.with { test in
            try await addMembers(test)
            let session = try await test.session("admin")
            let first = try await test.app.sendRequest(.GET, "/members", headers: session.headers)
            XCTAssertEqual(first.status, .ok)
            XCTAssertTrue(first.body.string.contains(#"<strong id="result-count">63</strong>"#))
            XCTAssertNil(links(first.body.string, rel: "prev"))
            XCTAssertFalse(first.body.string.contains("page="), "no page numbers")
            let firstIDs = ids(first.body.string)
            XCTAssertEqual(firstIDs.count, 50)
            let nextHref = try XCTUnwrap(links(first.body.string, rel: "next"))
            XCTAssertTrue(nextHref.hasPrefix("/members?after="), nextHref)
            let second = try await test.app.sendRequest(.GET, nextHref, headers: session.headers)
            XCTAssertEqual(second.status, .ok)
            let secondIDs = ids(second.body.string)
            XCTAssertEqual(secondIDs.count, 13)
            XCTAssertTrue(Set(firstIDs).isDisjoint(with: secondIDs))
            XCTAssertNil(links(second.body.string, rel: "next"))
            let previousHref = try XCTUnwrap(links(second.body.string, rel: "prev"))
            XCTAssertTrue(previousHref.hasPrefix("/members?before="), previousHref)
            let back = try await test.app.sendRequest(.GET, previousHref, headers: session.headers)
            XCTAssertEqual(ids(back.body.string), firstIDs)
            XCTAssertNil(links(back.body.string, rel: "prev"), "back on the first page")
            // The filters travel with the cursor.
            let searched = try await test.app.sendRequest(.GET, "/members?q=tam&status=active", headers: session.headers)
            let searchedNext = try XCTUnwrap(links(searched.body.string, rel: "next"))
            XCTAssertTrue(searchedNext.contains("q=tam") && searchedNext.contains("status=active"), searchedNext)
            let searchedSecond = try await test.app.sendRequest(.GET, searchedNext, headers: session.headers)
            XCTAssertEqual(ids(searchedSecond.body.string).count, 5)
        }
    }

    func testAnEditedCursorIsAVietnameseMessageWithTheSearchKept() async throws {
        try await TestApp.with { test in
            let session = try await test.session("admin")
            let good = KeysetCursor(sortKey: VietnameseText.personSortKey("An"), id: UUID()).token
            for token in ["abc", String(good.dropLast()), good + "x", "%27%20OR%201%3D1"] {
                let response = try await test.app.sendRequest(.GET, "/members?q=nguyen&after=\(token)", headers: session.headers)
                XCTAssertEqual(response.status, .unprocessableEntity, token)
                let html = response.body.string
                XCTAssertTrue(html.contains("Liên kết chuyển trang không hợp lệ"), token)
                XCTAssertTrue(html.contains(#"value="nguyen""#), "the search is kept")
                XCTAssertTrue(html.contains(#"<a href="/members?q=nguyen" id="first-page">"#), "the first page of the same search")
            }
            let before = try await test.app.sendRequest(.GET, "/members?before=zzz", headers: session.headers)
            XCTAssertEqual(before.status, .unprocessableEntity)
            XCTAssertTrue(before.body.string.contains(#"data-field="before""#))
        }
    }

    func testTheCountStopsAtTenThousand() {
        XCTAssertEqual(BoundedCount(counted: 10_001).label("đảng viên"), "hơn 10.000 đảng viên")
        XCTAssertEqual(BoundedCount(counted: 1_234).label("đảng viên"), "1.234 đảng viên")
    }

    func testTheAPIPagesByCursorToo() async throws {
        try await TestApp.with { test in
            let auth = try await test.token("admin")
            let first = try await test.api(.GET, "/api/v1/members?pageSize=3", headers: auth)
            XCTAssertEqual(first.status, .ok)
            let page = try first.content.decode(MemberApiPage.self)
            XCTAssertEqual(page.items.count, 3)
            XCTAssertEqual(page.count, 8)
            XCTAssertTrue(page.countIsExact)
            XCTAssertNil(page.previousCursor)
            let cursor = try XCTUnwrap(page.nextCursor)
            let second = try await test.api(.GET, "/api/v1/members?pageSize=3&after=\(cursor)", headers: auth)
            let next = try second.content.decode(MemberApiPage.self)
            XCTAssertEqual(next.items.count, 3)
            XCTAssertTrue(Set(next.items.map(\.member.id)).isDisjoint(with: page.items.map(\.member.id)))
            let back = try await test.api(.GET, "/api/v1/members?pageSize=3&before=\(try XCTUnwrap(next.previousCursor))", headers: auth)
            XCTAssertEqual(try back.content.decode(MemberApiPage.self).items.map(\.member.id), page.items.map(\.member.id))
            let bad = try await test.api(.GET, "/api/v1/members?after=abc", headers: auth)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains(#""field":"after""#), bad.body.string)
            let old = try await test.api(.GET, "/api/v1/members?page=2", headers: auth)
            XCTAssertEqual(old.status, .unprocessableEntity)
            XCTAssertTrue(old.body.string.contains("nextCursor"))
            let pageOne = try await test.api(.GET, "/api/v1/members?page=1&q=nguyen%20thi%20vinh", headers: auth)
            XCTAssertEqual(try pageOne.content.decode(MemberApiPage.self).items.map(\.member.fields.fullName), ["Nguyễn Thị Vinh"])
        }
    }
}
