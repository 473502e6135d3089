import DangBoCore
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// Lists that must hold at national size, over HTTP: the audit log and the organization list read by keyset with
/// bounded counts; and two reporting pages' small fixes (the historical import linked from the reports section, the
/// member table saying where its figures come from).
final class ScaleListPagesTests: XCTestCase {
    func testTheAuditLogPagesByCursorWithABoundedCount() async throws {
        try await TestApp.with { test in
            // Some edits to list: each rename is one audit entry about cell A1.
            let admin = test.fixture.actor(.administrator, scope: test.fixture.root)
            let organizations = OrganizationStore(database: test.app.db)
            for index in 0 ..< 5 {
                let a1 = test.fixture.cellA1
                let draft = OrganizationDraft(code: a1.code, name: "Chi bộ Văn phòng Sở \(index)", level: a1.level, unitKind: a1.unitKind,
                                              cluster: a1.cluster, parentID: nil, openedOn: a1.openedOn)
                _ = try await organizations.update(test.fixture.cellA1.id, with: draft, by: admin)
            }
            let session = try await test.session("admin")
            let page = try await test.app.sendRequest(.GET, "/audit?pageSize=2", headers: session.headers)
            XCTAssertEqual(page.status, .ok, page.body.string)
            XCTAssertFalse(page.body.string.contains("Trang 1/"), "no page count: the log is not counted whole")
            XCTAssertTrue(page.body.string.contains(#"rel="next""#))
            XCTAssertTrue(page.body.string.contains(#"<strong id="audit-count">"#))

            let auth = try await test.token("admin")
            var ids: [UUID] = []
            var path = "/api/v1/audit?action=update&pageSize=2"
            while ids.count < 50 {
                let response = try await test.api(.GET, path, headers: auth)
                XCTAssertEqual(response.status, .ok, response.body.string)
                let body = try response.content.decode(KeysetApiPage<AuditEntry>.self)
                XCTAssertEqual(body.count, 5)
                XCTAssertTrue(body.countIsExact)
                ids += body.items.map(\.id)
                guard let next = body.nextCursor else { break }
                path = "/api/v1/audit?action=update&pageSize=2&after=\(next)"
            }
            XCTAssertEqual(ids.count, 5)
            XCTAssertEqual(Set(ids).count, 5, "every entry once")
            let offset = try await test.api(.GET, "/api/v1/audit?page=2", headers: auth)
            XCTAssertEqual(offset.status, .unprocessableEntity)
            let edited = try await test.app.sendRequest(.GET, "/audit?after=bm90LWEtY3Vyc29y", headers: session.headers)
            XCTAssertEqual(edited.status, .unprocessableEntity)
        }
    }

    func testTheOrganizationListPagesTheSubtreeOrTheChildrenOfANode() async throws {
        try await TestApp.with { test in
            let auth = try await test.token("office")
            var codes: [String] = []
            var path = "/api/v1/organizations?pageSize=3"
            while codes.count < 50 {
                let response = try await test.api(.GET, path, headers: auth)
                XCTAssertEqual(response.status, .ok, response.body.string)
                let body = try response.content.decode(KeysetApiPage<OrganizationChild>.self)
                XCTAssertEqual(body.count, 7)
                codes += body.items.map(\.organization.code)
                guard let next = body.nextCursor else { break }
                path = "/api/v1/organizations?pageSize=3&after=\(next)"
            }
            XCTAssertEqual(codes, ["CB-B", "CB-C1", "CB-A2", "CB-A1", "DB-C", "DUK", "DB-A"])
            let children = try await test.api(.GET, "/api/v1/organizations?parent=\(test.fixture.committeeA.id.uuidString)", headers: auth)
            let body = try children.content.decode(KeysetApiPage<OrganizationChild>.self)
            XCTAssertEqual(body.items.map(\.organization.code), ["CB-A2", "CB-A1"])
            XCTAssertEqual(body.items.first { $0.organization.code == "CB-A1" }?.memberCount, 3)
            // Scoped: committee C's administrator neither lists nor opens committee A.
            let outside = try await test.token("admin-c")
            let refused = try await test.api(.GET, "/api/v1/organizations?parent=\(test.fixture.committeeA.id.uuidString)", headers: outside)
            XCTAssertEqual(refused.status, .notFound)
            let detail = try await test.api(.GET, "/api/v1/organizations/\(test.fixture.committeeA.id.uuidString)", headers: auth)
            let organization = try detail.content.decode(OrganizationDetail.self)
            XCTAssertEqual(organization.childCount, 2)
            XCTAssertEqual(organization.subtreeMemberCount, 5)
            XCTAssertTrue(organization.subtreeMemberCountIsExact)
        }
    }

    func testTheReportsSectionLinksTheHistoricalImportForThoseWhoMayUseIt() async throws {
        try await TestApp.with { test in
            let office = try await test.session("office")
            let page = try await test.app.sendRequest(.GET, "/reports", headers: office.headers)
            XCTAssertTrue(page.body.string.contains(#"href="/reports/values/import""#))
            let clerk = try await test.session("coso-a")
            let theirs = try await test.app.sendRequest(.GET, "/reports", headers: clerk.headers)
            XCTAssertEqual(theirs.status, .ok)
            XCTAssertFalse(theirs.body.string.contains("/reports/values/import"))
        }
    }

    func testTheMemberTableSaysItsFiguresComeFromTheRegistry() async throws {
        let test = try await TestApp.make(forms: HistoricalValuesTests.repositoryForms)
        do {
            let office = try await test.session("office")
            let year = Day(Date()).year - 1
            let dv = try await test.app.sendRequest(.GET, "/reports/DV/table?span=\(year)", headers: office.headers)
            XCTAssertEqual(dv.status, .ok, dv.body.string)
            XCTAssertTrue(dv.body.string.contains("Số liệu tính từ sổ đảng viên"))
            XCTAssertFalse(dv.body.string.contains("báo cáo đã duyệt"))
            let typed = try await test.app.sendRequest(.GET, "/reports/PL8.1/table?span=\(year)", headers: office.headers)
            XCTAssertTrue(typed.body.string.contains(#"id="entry-count""#))
        } catch {
            try? await test.app.asyncShutdown()
            throw error
        }
        try await test.app.asyncShutdown()
    }
}
