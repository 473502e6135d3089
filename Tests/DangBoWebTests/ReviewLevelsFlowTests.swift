import DangBoCore
import DangBoStorage
@testable import DangBoWeb
import Foundation
import XCTVapor

/// Who reviews whom follows `levels/review.json`: with the grassroots committee as the only reviewer of its cells,
/// the bloc office cannot approve a cell's report and the committee can; without the file every level above may.
final class ReviewLevelsFlowTests: XCTestCase {
    var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    func formsDirectory(review: String?) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestApp.formsDirectory, to: directory)
        if let review {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("levels"), withIntermediateDirectories: true)
            try Data(review.utf8).write(to: directory.appendingPathComponent("levels/review.json"))
        }
        return directory
    }

    func path(_ test: TestApp, _ what: String) -> String {
        "/api/v1/reports/KT1/\(what)?org=\(test.fixture.cellA1.id.uuidString)&period=\(period.code)"
    }

    /// Cell A1 (a subordinate cell of committee A) submits; returns the approvals of the bloc office and of
    /// committee A's administrator, in that order.
    func approvals(review: String?) async throws -> (office: HTTPStatus, committee: HTTPStatus) {
        let test = try await TestApp.make(forms: try formsDirectory(review: review))
        do {
            let clerk = try await test.token("coso-a")
            let saved = try await test.api(.PUT, path(test, "entry"), json: #"{"version":0,"submit":true,"cells":{"total:n":5}}"#, headers: clerk)
            XCTAssertEqual(saved.status, .created, saved.body.string)
            let office = try await test.api(.POST, path(test, "review"), json: #"{"version":1,"decision":"approve"}"#,
                                            headers: try await test.token("office"))
            let committee = try await test.api(.POST, path(test, "review"), json: #"{"version":1,"decision":"approve"}"#,
                                               headers: try await test.token("admin-a"))
            try await test.app.asyncShutdown()
            return (office.status, committee.status)
        } catch {
            try? await test.app.asyncShutdown()
            throw error
        }
    }

    func testTheConfiguredCommitteeReviewsItsCellsAndTheLevelsAboveOnlyWhenAllowed() async throws {
        let strict = try await approvals(review: #"{"reviewers": {"subordinateCell": ["grassrootsCommittee"]}, "higherLevelsMayReview": false}"#)
        XCTAssertEqual(strict.office, .forbidden, "the bloc is above the reviewing committee, and higher levels may not step in")
        XCTAssertEqual(strict.committee, .ok, "committee A reviews its own cells")
        let lenient = try await approvals(review: #"{"reviewers": {"subordinateCell": ["grassrootsCommittee"]}, "higherLevelsMayReview": true}"#)
        XCTAssertEqual(lenient.office, .ok, "higher levels may step in")
        XCTAssertEqual(lenient.committee, .conflict, "already approved")
        let unset = try await approvals(review: nil)
        XCTAssertEqual(unset.office, .ok, "without the file every level above reviews")
    }

    func testABrokenRulesFileStopsStartUpWithItsPlace() async throws {
        let app = try await Application.make(.testing)
        defer { Task { try? await app.asyncShutdown() } }
        XCTAssertThrowsError(try app.loadForms(from: try formsDirectory(review: #"{"reviewers": {"grassrootsCell": ["chibo"]}}"#))) { error in
            XCTAssertTrue(String(describing: error).contains("levels/review.json: reviewers.grassrootsCell[0]: cấp \"chibo\" không có"),
                          String(describing: error))
        }
    }
}
