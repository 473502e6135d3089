import DangBoCore
import XCTest

/// The tree of a country: Central Committee → provinces → districts and blocs → grassroots committees and cells →
/// partial committees → subordinate cells.
final class OrganizationLevelTests: XCTestCase {
    func draft(_ level: OrganizationLevel) -> OrganizationDraft {
        OrganizationDraft(code: "X", name: "X", level: level, unitKind: nil, cluster: nil, parentID: nil, openedOn: Day(parsing: "1/1/2020")!)
    }

    func testTheLevelsOfACountryNestAsTheStatuteSays() {
        let chain: [OrganizationLevel] = [.central, .province, .district, .grassrootsCommittee, .partialCommittee, .subordinateCell]
        for (parent, child) in zip(chain, chain.dropFirst()) {
            XCTAssertTrue(draft(child).problems(parentLevel: parent).isEmpty, "\(child) under \(parent)")
        }
        XCTAssertTrue(draft(.bloc).problems(parentLevel: .province).isEmpty, "a bloc sits under its province")
        XCTAssertTrue(draft(.grassrootsCell).problems(parentLevel: .bloc).isEmpty)
        XCTAssertTrue(draft(.subordinateCell).problems(parentLevel: .grassrootsCommittee).isEmpty)
        for (child, parent) in [(OrganizationLevel.province, OrganizationLevel.district), (.partialCommittee, .grassrootsCell),
                                (.grassrootsCommittee, .province), (.central, .province), (.district, .bloc)] {
            XCTAssertEqual(draft(child).problems(parentLevel: parent).map(\.field), ["level"], "\(child) under \(parent)")
        }
        // A tree may start at the country, a province or a bloc run on its own; nothing else is a root.
        for root in [OrganizationLevel.central, .province, .bloc] { XCTAssertTrue(draft(root).problems(parentLevel: nil).isEmpty) }
        XCTAssertEqual(draft(.district).problems(parentLevel: nil).map(\.field), ["parentID"])
        XCTAssertTrue(OrganizationLevel.bloc.isUpperLevel && OrganizationLevel.district.isUpperLevel)
    }
}
