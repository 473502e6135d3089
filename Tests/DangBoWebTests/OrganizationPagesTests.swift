import DangBoCore
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// The tree page opened level by level, its children fragment, the organization search of the pickers, and the
/// forms that take an organization by code.
final class OrganizationPagesTests: XCTestCase {
    func get(_ test: TestApp, _ path: String, as username: String) async throws -> XCTHTTPResponse {
        let session = try await test.session(username)
        return try await test.app.sendRequest(.GET, path, headers: session.headers)
    }

    func testTheTreeOpensLevelByLevelKeepingThePath() async throws {
        try await TestApp.with { test in
            let f = test.fixture
            let top = try await get(test, "/organizations", as: "admin")
            XCTAssertEqual(top.status, .ok)
            let html = top.body.string
            for name in [f.root.name, f.committeeA.name, f.cellB.name, f.committeeC.name] {
                XCTAssertTrue(html.contains(name), name)
            }
            XCTAssertFalse(html.contains(f.cellA1.name), "cells wait until their committee is opened")
            XCTAssertTrue(html.contains(#"id="root-child-count">3<"#))
            XCTAssertTrue(html.contains("/organizations?open=\(f.committeeA.id.uuidString)"), "a plain link opens a child")
            XCTAssertTrue(html.contains("/organizations/\(f.committeeA.id.uuidString)/children?depth=2"), "the script's fragment")
            XCTAssertTrue(html.contains("/js/tree.js"))

            let opened = try await get(test, "/organizations?open=\(f.cellA1.id.uuidString)", as: "admin")
            XCTAssertEqual(opened.status, .ok)
            let path = opened.body.string
            for name in [f.committeeA.name, f.cellA1.name, f.cellA2.name, f.committeeC.name] { XCTAssertTrue(path.contains(name), name) }
            XCTAssertFalse(path.contains(f.cellC1.name), "committee C stays closed")
            XCTAssertTrue(path.contains(#"class="crumbs""#), "the path from the root")
            XCTAssertTrue(path.contains(#"aria-expanded="true""#))
            // The row of cell A1 shows its members placed directly (3).
            let row = try XCTUnwrap(path.range(of: #"data-code="CB-A1""#).map { String(path[$0.upperBound...].prefix(1200)) })
            XCTAssertTrue(row.contains(#"<td class="num members">3</td>"#), row)
        }
    }

    func testTheTreeAsItWasOnADay() async throws {
        try await TestApp.with { test in
            let f = test.fixture
            let office = f.actor(.blocOffice, scope: f.root)
            _ = try await OrganizationStore(database: test.app.db).transfer([f.cellA1.id], to: f.committeeC.id,
                                                                            on: Day(parsing: "12/4/2022")!, decision: "", by: office)
            let before = try await get(test, "/organizations?on=11/4/2022&open=\(f.committeeA.id.uuidString)", as: "admin")
            XCTAssertEqual(before.status, .ok)
            XCTAssertTrue(before.body.string.contains(f.cellA1.name))
            XCTAssertTrue(before.body.string.contains("on=11/4/2022"), "links keep the day")
            let after = try await get(test, "/organizations?on=12/4/2022&open=\(f.committeeA.id.uuidString)", as: "admin")
            XCTAssertFalse(after.body.string.contains(f.cellA1.name))
            let underC = try await get(test, "/organizations?on=12/4/2022&open=\(f.cellA1.id.uuidString)", as: "admin")
            XCTAssertEqual(underC.status, .ok, "A1 is opened under its parent of that day")
            XCTAssertTrue(underC.body.string.contains(f.cellC1.name))
            let early = try await get(test, "/organizations?on=31/12/2009", as: "admin")
            XCTAssertTrue(early.body.string.contains(#"id="root-child-count">0<"#))
            let notYet = try await get(test, "/organizations?on=31/12/2009&open=\(f.committeeA.id.uuidString)", as: "admin")
            XCTAssertEqual(notYet.status, .notFound)
            XCTAssertTrue(notYet.body.string.contains("31/12/2009"))
        }
    }

    func testScopeOfTheTreeAndItsFragment() async throws {
        try await TestApp.with { test in
            let f = test.fixture
            let own = try await get(test, "/organizations", as: "coso-a")
            XCTAssertEqual(own.status, .ok)
            XCTAssertTrue(own.body.string.contains(f.cellA1.name), "the scope's root opens on its children")
            XCTAssertFalse(own.body.string.contains(f.committeeC.name))
            for path in ["/organizations?open=\(f.cellC1.id.uuidString)", "/organizations?open=\(f.root.id.uuidString)",
                         "/organizations/\(f.committeeC.id.uuidString)/children", "/organizations/\(f.root.id.uuidString)/children",
                         "/organizations?open=not-an-id"] {
                let refused = try await get(test, path, as: "coso-a")
                XCTAssertEqual(refused.status, .notFound, path)
                XCTAssertFalse(refused.body.string.contains(f.cellC1.name), path)
            }
            let fragment = try await get(test, "/organizations/\(f.committeeA.id.uuidString)/children?depth=2", as: "coso-a")
            XCTAssertEqual(fragment.status, .ok)
            let rows = fragment.body.string
            XCTAssertFalse(rows.contains("<html"), "a fragment, not a page")
            XCTAssertEqual(rows.components(separatedBy: "<tr ").count - 1, 2)
            XCTAssertTrue(rows.contains(#"data-depth="2""#))
            XCTAssertTrue(rows.contains(f.cellA1.name) && rows.contains(f.cellA2.name))
            let tampered = try await get(test, "/organizations?after=abc", as: "admin")
            XCTAssertEqual(tampered.status, .unprocessableEntity)
            XCTAssertTrue(tampered.body.string.contains("Liên kết chuyển trang không hợp lệ"))
        }
    }

    func testLongListsOfChildrenAreReadOnByKeyset() async throws {
        try await TestApp.with { test in
            let f = test.fixture
            let office = f.actor(.blocOffice, scope: f.root)
            let store = OrganizationStore(database: test.app.db)
            for index in 0 ..< (OrganizationsController.childrenShown + 5) {
                _ = try await store.create(OrganizationDraft(code: String(format: "CB-A%03d", index), name: String(format: "Chi bộ Tổ %03d", index),
                                                             level: .subordinateCell, unitKind: nil, cluster: nil, parentID: f.committeeA.id,
                                                             openedOn: Day(parsing: "1/1/2015")!), by: office)
            }
            let page = try await get(test, "/organizations?open=\(f.committeeA.id.uuidString)", as: "admin")
            let html = page.body.string
            // In Vietnamese order: "Chi bộ Phòng Kế hoạch", "Chi bộ Tổ 000" … "Chi bộ Tổ 198" make the first 200.
            XCTAssertTrue(html.contains(f.cellA2.name) && html.contains("Chi bộ Tổ 198"))
            XCTAssertFalse(html.contains("Chi bộ Tổ 199"))
            let more = try XCTUnwrap(html.range(of: #"<a href="/organizations?open=\#(f.committeeA.id.uuidString)&amp;after="#))
            let href = String(html[more.lowerBound...].dropFirst(9).prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let next = try await get(test, href, as: "admin")
            XCTAssertEqual(next.status, .ok, href)
            for name in ["Chi bộ Tổ 199", "Chi bộ Tổ 204", f.cellA1.name] { XCTAssertTrue(next.body.string.contains(name), name) }
            XCTAssertFalse(next.body.string.contains("Chi bộ Tổ 198"))
            XCTAssertFalse(next.body.string.contains(f.cellA2.name))
            XCTAssertTrue(next.body.string.contains(#"id="first-children""#))
        }
    }

    func testSearchForThePickers() async throws {
        try await TestApp.with { test in
            let f = test.fixture
            let cells = try await get(test, "/organizations/search?q=van%20phong&level=cell", as: "admin")
            XCTAssertEqual(cells.status, .ok)
            let found = try cells.content.decode([OrganizationSuggestion].self)
            XCTAssertEqual(found.map(\.code), ["CB-A1"])
            XCTAssertEqual(found.first?.placement, "\(f.cellA1.name) — \(f.committeeA.name)")
            XCTAssertEqual(found.first?.id, f.cellA1.id)
            let outside = try await get(test, "/organizations/search?q=van%20phong", as: "admin-c")
            XCTAssertEqual(try outside.content.decode([OrganizationSuggestion].self).count, 0)
            let parents = try await get(test, "/organizations/search?q=dang%20bo&level=parent", as: "admin")
            XCTAssertEqual(Set(try parents.content.decode([OrganizationSuggestion].self).map(\.code)), ["DUK", "DB-A", "DB-C"])
            let code = try await get(test, "/organizations/search?q=db-c", as: "admin")
            XCTAssertEqual(try code.content.decode([OrganizationSuggestion].self).first?.code, "DB-C")
            let bad = try await get(test, "/organizations/search?q=a&level=tinh", as: "admin")
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("không hợp lệ"))
            let empty = try await get(test, "/organizations/search", as: "admin")
            XCTAssertEqual(try empty.content.decode([OrganizationSuggestion].self).count, 0)
            // At most 20.
            let office = f.actor(.blocOffice, scope: f.root)
            for index in 0 ..< 25 {
                _ = try await OrganizationStore(database: test.app.db).create(OrganizationDraft(
                    code: "CB-T\(index)", name: "Chi bộ Thử \(index)", level: .subordinateCell, unitKind: nil, cluster: nil,
                    parentID: f.committeeC.id, openedOn: Day(parsing: "1/1/2015")!), by: office)
            }
            let many = try await get(test, "/organizations/search?q=chi%20bo%20thu", as: "admin")
            XCTAssertEqual(try many.content.decode([OrganizationSuggestion].self).count, 20)
        }
    }

    func testFormsTakeAnOrganizationByCodeAndKeepWhatWasTyped() async throws {
        try await TestApp.with { test in
            let f = test.fixture
            let office = try await test.session("office")
            // No list of the whole tree on any form: a picker instead.
            for path in ["/organizations/new", "/organizations/transfer", "/members/new", "/members/\(test.members[0].id.uuidString)", "/members/import"] {
                let page = try await test.app.sendRequest(.GET, path, headers: office.headers)
                XCTAssertEqual(page.status, .ok, path)
                XCTAssertTrue(page.body.string.contains("data-org-picker"), path)
                XCTAssertFalse(page.body.string.contains(#"<option value="\#(f.cellA1.id.uuidString)""#), path)
                XCTAssertFalse(page.body.string.contains(#"<option value="CB-A1""#), path)
                XCTAssertTrue(page.body.string.contains("/js/org-picker.js"), path)
            }
            let created = try await test.post("/organizations", form: ["code": "CB-A9", "name": "Chi bộ Mới", "level": "subordinateCell",
                                                                       "parentID": "db-a", "openedOn": "1/1/2023"], session: office)
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            let refused = try await test.post("/organizations", form: ["code": "CB-A8", "name": "Chi bộ Khác", "level": "subordinateCell",
                                                                       "parentID": "KHONG-CO", "openedOn": "1/1/2023"], session: office)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains(#"data-field="parentID""#))
            XCTAssertTrue(refused.body.string.contains(#"value="KHONG-CO""#), "the code typed is kept")
            XCTAssertTrue(refused.body.string.contains(#"value="Chi bộ Khác""#))

            let coso = try await test.session("coso-a")
            let member = ["fullName": "Lê Văn Mới", "gender": "male", "birthDate": "1/1/1990", "educationLevel": "university",
                          "politicalTheoryLevel": "elementary", "cardNumber": "555555", "status": "active"]
            let outside = try await test.post("/members", form: member.merging(["organizationID": "CB-B"]) { $1 }, session: coso)
            XCTAssertEqual(outside.status, .unprocessableEntity)
            XCTAssertTrue(outside.body.string.contains("Không có tổ chức mã"))
            XCTAssertTrue(outside.body.string.contains(#"value="CB-B""#) && outside.body.string.contains(#"value="Lê Văn Mới""#))
            let inside = try await test.post("/members", form: member.merging(["organizationID": "cb-a1"]) { $1 }, session: coso)
            XCTAssertEqual(inside.status, .seeOther, inside.body.string)
            let listed = try await MemberStore(database: test.app.db).list(MemberListQuery(text: "le van moi"), for: f.actor(.blocOffice, scope: f.root))
            XCTAssertEqual(listed.items.first?.member.organizationID, f.cellA1.id)

            let badMove = try await test.post("/members/\(test.members[0].id.uuidString)/transfer",
                                              form: ["organizationID": "CB-C1", "day": "1/3/2023"], session: coso)
            XCTAssertEqual(badMove.status, .unprocessableEntity)
            XCTAssertTrue(badMove.body.string.contains(#"value="CB-C1""#) && badMove.body.string.contains(#"value="1/3/2023""#))
            XCTAssertTrue(badMove.body.string.contains(#"<details class="card" id="transfer" open>"#))
            let move = try await test.post("/members/\(test.members[0].id.uuidString)/transfer",
                                           form: ["organizationID": "CB-A2", "day": "1/3/2023"], session: coso)
            XCTAssertEqual(move.status, .seeOther, move.body.string)

            let transfer = try await test.post("/organizations/transfer", form: ["organizationCodes": "CB-A2\nKHONG-CO", "parentID": "DB-C",
                                                                                 "day": "1/1/2024"], session: office)
            XCTAssertEqual(transfer.status, .unprocessableEntity)
            XCTAssertTrue(transfer.body.string.contains("KHONG-CO"))
            XCTAssertTrue(transfer.body.string.contains("CB-A2\nKHONG-CO"), "the codes typed are kept")
            let done = try await test.post("/organizations/transfer", form: ["organizationCodes": "CB-A2, CB-A1", "parentID": "DB-C",
                                                                             "day": "1/1/2024"], session: office)
            XCTAssertEqual(done.status, .ok, done.body.string)
            XCTAssertTrue(done.body.string.contains("Đã chuyển 2 tổ chức"))
        }
    }

    func testTheDetailPageShowsChildrenAndABoundedCount() async throws {
        try await TestApp.with { test in
            let f = test.fixture
            let page = try await get(test, "/organizations/\(f.committeeA.id.uuidString)", as: "admin")
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains(#"<strong id="subtree-members">5</strong>"#), "5 members in A's cells")
            XCTAssertTrue(html.contains(#"<span id="direct-members">0</span>"#))
            XCTAssertTrue(html.contains(f.cellA1.name) && html.contains(f.cellA2.name))
            XCTAssertTrue(html.contains("Tổ chức trực thuộc (2)"))
        }
    }
}
