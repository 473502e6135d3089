import DangBoCore
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// The reporting-rate page and API at any size: counts of the subtree and per direct child (a link re-roots the page),
/// the reporters a page at a time with an outcome filter, the account's scope kept.
final class ReportingRatePagesTests: XCTestCase {
    var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    /// Cell A1 submits this quarter's KT1 (on time: the quarter is not over).
    func submitA1(_ test: TestApp) async throws {
        let clerk = test.fixture.actor(.grassrootsSecretary, scope: test.fixture.committeeA)
        try await ReportStore(database: test.app.db, forms: test.app.forms).save(
            form: "KT1", organization: test.fixture.cellA1.id, period: PeriodSlot(code: period.code, start: period.start, end: period.end),
            cells: [StoredCell(row: "total", column: "n", number: 5)], version: 0, submit: true, by: clerk)
    }

    func testThePageShowsEachChildsRateAndReRootsOnIt() async throws {
        try await TestApp.with { test in
            try await submitA1(test)
            let office = try await test.session("office")
            let page = try await test.app.sendRequest(.GET, "/reports/KT1/rate?period=\(period.code)", headers: office.headers)
            XCTAssertEqual(page.status, .ok, page.body.string)
            let html = page.body.string
            // Reporters of KT1: committees A and C, cell B, cells A1, A2, C1; committee A has three of them.
            XCTAssertTrue(html.contains(#"<strong id="rate-expected">6</strong>"#), html)
            XCTAssertTrue(html.contains(#"<strong id="rate-list-count">6 đơn vị</strong>"#))
            XCTAssertTrue(html.contains(#"data-branch="DB-A""#), "committee A has more than one reporter: the children are shown")
            let branchHref = "/reports/KT1/rate?period=\(period.code)&amp;org=\(test.fixture.committeeA.id.uuidString)"
            XCTAssertTrue(html.contains(branchHref), "a child links to the page re-rooted on it")
            XCTAssertTrue(html.contains(#"data-outcome="onTime" data-code="CB-A1""#))

            let a = try await test.app.sendRequest(.GET, "/reports/KT1/rate?period=\(period.code)&org=\(test.fixture.committeeA.id.uuidString)",
                                                   headers: office.headers)
            XCTAssertEqual(a.status, .ok)
            XCTAssertTrue(a.body.string.contains(#"<strong id="rate-expected">3</strong>"#))
            XCTAssertTrue(a.body.string.contains(#"id="rate-up""#), "a link back up to the bloc")
            XCTAssertFalse(a.body.string.contains(#"data-code="DB-C""#))
            XCTAssertTrue(a.body.string.contains("Bản thân \(test.fixture.committeeA.name)"))

            // Only those not yet reported, as a bloc officer reminding them wants.
            let missing = try await test.app.sendRequest(.GET, "/reports/KT1/rate?period=\(period.code)&outcome=late,returned,draft,missing",
                                                         headers: office.headers)
            XCTAssertTrue(missing.body.string.contains(#"<strong id="rate-list-count">5 đơn vị</strong>"#))
            XCTAssertFalse(missing.body.string.contains(#"data-code="CB-A1""#))
            XCTAssertTrue(missing.body.string.contains(#"<option value="late,returned,draft,missing" selected>"#))

            let bad = try await test.app.sendRequest(.GET, "/reports/KT1/rate?period=\(period.code)&outcome=soon", headers: office.headers)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            // An organization outside the account's scope is not found.
            let clerk = try await test.session("coso-a")
            let outside = try await test.app.sendRequest(.GET, "/reports/KT1/rate?period=\(period.code)&org=\(test.fixture.committeeC.id.uuidString)",
                                                         headers: clerk.headers)
            XCTAssertEqual(outside.status, .notFound)
            let own = try await test.app.sendRequest(.GET, "/reports/KT1/rate?period=\(period.code)", headers: clerk.headers)
            XCTAssertTrue(own.body.string.contains(#"<strong id="rate-expected">3</strong>"#))
            XCTAssertFalse(own.body.string.contains(#"id="rate-up""#), "no link above the account's scope")
        }
    }

    func testTheAPIPagesEveryReporterOnceAndItsChildrenAddUp() async throws {
        try await TestApp.with { test in
            try await submitA1(test)
            let auth = try await test.token("office")
            var codes: [String] = []
            var path = "/api/v1/reports/KT1/rate?period=\(period.code)&pageSize=2"
            var first: RateResponse?
            while codes.count < 20 {
                let response = try await test.api(.GET, path, headers: auth)
                XCTAssertEqual(response.status, .ok, response.body.string)
                let page = try response.content.decode(RateResponse.self)
                if first == nil { first = page }
                XCTAssertLessThanOrEqual(page.organizations.count, 2)
                codes += page.organizations.map(\.code)
                guard let next = page.nextCursor else { break }
                path = "/api/v1/reports/KT1/rate?period=\(period.code)&pageSize=2&after=\(next)"
            }
            XCTAssertEqual(codes.count, 6)
            XCTAssertEqual(Set(codes), ["DB-A", "CB-A1", "CB-A2", "CB-B", "DB-C", "CB-C1"])
            let rate = try XCTUnwrap(first).rate
            XCTAssertEqual(rate.expected, 6)
            XCTAssertEqual(rate.onTime, 1)
            let children = try XCTUnwrap(first).children
            XCTAssertEqual(children.map(\.code), ["CB-B", "DB-C", "DB-A"])
            XCTAssertEqual(children.reduce(0) { $0 + $1.rate.expected }, rate.expected)
            XCTAssertEqual(children.reduce(0) { $0 + $1.rate.onTime }, rate.onTime)

            let missing = try await test.api(.GET, "/api/v1/reports/KT1/rate?period=\(period.code)&outcome=missing&org=\(test.fixture.committeeA.id.uuidString)",
                                             headers: auth)
            let body = try missing.content.decode(RateResponse.self)
            XCTAssertEqual(body.count, 2)
            XCTAssertEqual(Set(body.organizations.map(\.code)), ["DB-A", "CB-A2"])
            XCTAssertEqual(body.own, .missing)
        }
    }
}
