import Foundation

/// Who reviews whose reports, as data (`Forms/levels/review.json`, docs/forms.md "Who reviews whom"): for each
/// reporting level, the levels of the committee that approves or returns its reports. The reviewing committee of an
/// organization is its nearest ancestor of one of those levels; when `higherLevelsMayReview`, the levels above that
/// committee may step in as well. Without the file every ancestor may review (`everyAncestor`).
public struct ReviewLevels: Sendable, Equatable {
    public private(set) var reviewers: [OrganizationLevel: [OrganizationLevel]]
    public private(set) var higherLevelsMayReview: Bool

    /// Any organization above the reporter reviews it (the rule before levels were configured).
    public static let everyAncestor = ReviewLevels(validated: [:], higherLevelsMayReview: true)

    private init(validated reviewers: [OrganizationLevel: [OrganizationLevel]], higherLevelsMayReview: Bool) {
        self.reviewers = reviewers
        self.higherLevelsMayReview = higherLevelsMayReview
    }

    /// Checks every level name, and that each reviewer level can stand above its reporter level in a tree.
    public init(reviewers: [String: [String]], higherLevelsMayReview: Bool) throws(ReviewLevelsError) {
        var problems: [String] = []
        var result: [OrganizationLevel: [OrganizationLevel]] = [:]
        func level(_ name: String, at path: String) -> OrganizationLevel? {
            guard let level = OrganizationLevel(rawValue: name) else {
                problems.append("\(path): cấp \"\(name.prefix(40))\" không có (có: \(OrganizationLevel.allCases.map(\.rawValue).joined(separator: ", ")))")
                return nil
            }
            return level
        }
        for (reporterName, reviewerNames) in reviewers.sorted(by: { $0.key < $1.key }) {
            guard let reporter = level(reporterName, at: "reviewers") else { continue }
            if reviewerNames.isEmpty { problems.append("reviewers.\(reporterName): chưa có cấp duyệt nào") }
            var levels: [OrganizationLevel] = []
            for (index, name) in reviewerNames.enumerated() {
                guard let reviewer = level(name, at: "reviewers.\(reporterName)[\(index)]") else { continue }
                if !reviewer.mayBeAbove(reporter) {
                    problems.append("reviewers.\(reporterName)[\(index)]: \(reviewer.label) không thể là cấp trên của \(reporter.label.lowercased())")
                }
                levels.append(reviewer)
            }
            result[reporter] = levels
        }
        guard problems.isEmpty else { throw ReviewLevelsError(problems: problems) }
        self.init(validated: result, higherLevelsMayReview: higherLevelsMayReview)
    }

    /// Whether the account whose scope is `actorScope` reviews the reports of the last organization of `path` —
    /// the organizations from the actor's scope down to it, each with its level, the scope first. An actor never
    /// reviews their own organization; one below the reviewing committee never reviews.
    public func mayReview(actorScope: UUID, path: [(id: UUID, level: OrganizationLevel)]) -> Bool {
        guard let reporter = path.last, path.count >= 2, path.first?.id == actorScope, reporter.id != actorScope else { return false }
        guard let levels = reviewers[reporter.level] else { return true }
        // The nearest ancestor of a reviewing level, searched from the reporter upwards within the actor's path.
        guard let committee = path.dropLast().lastIndex(where: { levels.contains($0.level) }) else { return false }
        return committee == 0 || higherLevelsMayReview
    }

    /// The reviewing levels of a reporting level, for messages ("do đảng bộ cơ sở duyệt").
    public func reviewerLevels(of level: OrganizationLevel) -> [OrganizationLevel]? { reviewers[level] }
}

extension ReviewLevels {
    struct File: Decodable {
        var reviewers: [String: [String]]
        var higherLevelsMayReview: Bool?
    }

    /// The rules of a forms directory: `levels/review.json` inside it; `.everyAncestor` when the file does not exist.
    public static func load(formsDirectory: URL) throws(ReviewLevelsError) -> ReviewLevels {
        let url = formsDirectory.appendingPathComponent("levels").appendingPathComponent("review.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return .everyAncestor }
        guard let data = try? Data(contentsOf: url) else { throw ReviewLevelsError(problems: ["levels/review.json: không đọc được tệp"]) }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ReviewLevelsError(problems: ["levels/review.json: không đúng dạng JSON {\"reviewers\": {\"cấp báo cáo\": [\"cấp duyệt\", ...]}, \"higherLevelsMayReview\": true|false}"])
        }
        do {
            return try ReviewLevels(reviewers: file.reviewers, higherLevelsMayReview: file.higherLevelsMayReview ?? false)
        } catch {
            throw ReviewLevelsError(problems: error.problems.map { "levels/review.json: \($0)" })
        }
    }
}

extension OrganizationLevel {
    /// Whether an organization of this level can be an ancestor of one of `level` (through allowed children).
    func mayBeAbove(_ level: OrganizationLevel) -> Bool {
        var frontier = allowedChildren
        var seen: Set<OrganizationLevel> = []
        while !frontier.isEmpty {
            if frontier.contains(level) { return true }
            seen.formUnion(frontier)
            frontier = Set(frontier.flatMap(\.allowedChildren)).subtracting(seen)
        }
        return false
    }
}

public struct ReviewLevelsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public var description: String { "Quy định cấp duyệt báo cáo không hợp lệ:\n" + problems.map { "- \($0)" }.joined(separator: "\n") }
}
