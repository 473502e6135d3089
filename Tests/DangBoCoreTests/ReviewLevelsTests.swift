import DangBoCore
import Foundation
import XCTest

/// Who reviews whom, as data: the nearest committee of a reviewing level, and the levels above it only when allowed.
final class ReviewLevelsTests: XCTestCase {
    let province = UUID(), district = UUID(), committee = UUID(), partial = UUID(), cell = UUID()

    func path(from top: Int) -> [(id: UUID, level: OrganizationLevel)] {
        let full: [(id: UUID, level: OrganizationLevel)] = [(province, .province), (district, .district), (committee, .grassrootsCommittee),
                                                            (partial, .partialCommittee), (cell, .subordinateCell)]
        return Array(full[top...])
    }

    func testTheNearestReviewingCommitteeReviewsAndHigherLevelsOnlyWhenAllowed() throws {
        let strict = try ReviewLevels(reviewers: ["subordinateCell": ["grassrootsCommittee"], "grassrootsCommittee": ["district", "bloc"]],
                                      higherLevelsMayReview: false)
        XCTAssertTrue(strict.mayReview(actorScope: committee, path: path(from: 2)), "the grassroots committee reviews its cell")
        XCTAssertFalse(strict.mayReview(actorScope: partial, path: path(from: 3)), "a partial committee is not a reviewing level here")
        XCTAssertFalse(strict.mayReview(actorScope: district, path: path(from: 1)), "the district does not step over the committee")
        XCTAssertFalse(strict.mayReview(actorScope: cell, path: path(from: 4)), "nobody reviews their own organization")
        let committeeReport = Array(path(from: 0).prefix(3))
        XCTAssertTrue(strict.mayReview(actorScope: district, path: Array(committeeReport[1...])))
        XCTAssertFalse(strict.mayReview(actorScope: province, path: committeeReport))

        let lenient = try ReviewLevels(reviewers: ["subordinateCell": ["partialCommittee", "grassrootsCommittee"]], higherLevelsMayReview: true)
        XCTAssertTrue(lenient.mayReview(actorScope: partial, path: path(from: 3)), "the nearest one: the partial committee")
        XCTAssertTrue(lenient.mayReview(actorScope: district, path: path(from: 1)), "higher levels may step in")
        XCTAssertTrue(lenient.mayReview(actorScope: province, path: Array(path(from: 0).prefix(3))), "a level without rules: every ancestor")
        XCTAssertFalse(lenient.mayReview(actorScope: committee, path: path(from: 1)), "the path must start at the actor's scope")
    }

    func testLevelsAreCheckedByName() {
        XCTAssertThrowsError(try ReviewLevels(reviewers: ["chibo": ["district"], "grassrootsCell": ["subordinateCell"], "district": []],
                                              higherLevelsMayReview: false)) { error in
            let problems = (error as? ReviewLevelsError)?.problems ?? []
            XCTAssertTrue(problems.contains { $0.contains("cấp \"chibo\" không có") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.contains("reviewers.grassrootsCell[0]") && $0.contains("không thể là cấp trên") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.contains("reviewers.district") && $0.contains("chưa có cấp duyệt") }, "\(problems)")
        }
    }

    /// The repository's own rules load (every level named, each reviewer above its reporter).
    func testTheRepositoryRulesLoad() throws {
        let forms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Forms")
        let levels = try ReviewLevels.load(formsDirectory: forms)
        XCTAssertEqual(levels.reviewerLevels(of: .grassrootsCell), [.district, .bloc])
        XCTAssertFalse(levels.higherLevelsMayReview)
        XCTAssertEqual(try ReviewLevels.load(formsDirectory: URL(fileURLWithPath: "/nonexistent")), .everyAncestor)
    }
}
