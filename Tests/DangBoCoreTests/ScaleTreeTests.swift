import DangBoCore
import XCTest

/// The benchmark tree: deterministic for a seed, with the country's levels and the demo's distributions.
final class ScaleTreeTests: XCTestCase {
    let today = Day(parsing: "1/12/2026")!

    func testAProvinceHasTheRealLevelsAndIsTheSameForTheSameSeed() {
        let tree = ScaleTree(scale: .province, seed: 7, today: today)
        let top = tree.top()
        XCTAssertEqual(top.root.level, .province)
        XCTAssertEqual(tree.unitCount, 15)
        let first = tree.chunk(0, provinces: top.provinces, root: top.root)
        let again = ScaleTree(scale: .province, seed: 7, today: today).chunk(0, provinces: top.provinces, root: top.root)
        XCTAssertEqual(first.organizations.map(\.id), again.organizations.map(\.id))
        XCTAssertEqual(first.members.map(\.fields.fullName), again.members.map(\.fields.fullName))
        let other = ScaleTree(scale: .province, seed: 8, today: today).chunk(0, provinces: top.provinces, root: top.root)
        XCTAssertNotEqual(first.members.map(\.fields.fullName), other.members.map(\.fields.fullName))
        // Every link joins levels the statute allows; every member sits in a cell.
        let byID = Dictionary(uniqueKeysWithValues: (top.organizations + first.organizations).map { ($0.id, $0) })
        for link in first.links {
            guard let child = byID[link.organizationID], let parent = byID[link.parentID] else { return XCTFail("dangling link") }
            XCTAssertTrue(parent.level.allowedChildren.contains(child.level), "\(child.level) under \(parent.level)")
        }
        for member in first.members {
            XCTAssertTrue([.subordinateCell, .grassrootsCell].contains(byID[member.organizationID]?.level), "member outside a cell")
        }
        let women = Double(first.members.filter { $0.fields.gender == .female }.count) / Double(first.members.count)
        XCTAssertEqual(women, 0.46, accuracy: 0.05)
        XCTAssertEqual(first.grassroots.count, 125)
        // Extrapolated to the province: about 6,000 organizations and 100,000 members.
        let organizations = top.organizations.count + first.organizations.count * tree.unitCount
        let members = first.members.count * tree.unitCount
        XCTAssertTrue((4_500 ... 7_500).contains(organizations), "\(organizations)")
        XCTAssertTrue((70_000 ... 130_000).contains(members), "\(members)")
    }

    func testTheCountryStartsAtTheCentralCommittee() {
        let tree = ScaleTree(scale: .national, seed: 1, today: today)
        let top = tree.top()
        XCTAssertEqual(top.root.level, .central)
        XCTAssertEqual(top.provinces.count, 63)
        XCTAssertEqual(tree.unitCount, 693)
        let chunk = tree.chunk(692, provinces: top.provinces, root: top.root)
        XCTAssertEqual(chunk.organizations.first?.level, .bloc, "the last unit of each province is its bloc")
        let estimate = top.organizations.count + chunk.organizations.count * tree.unitCount
        XCTAssertTrue((220_000 ... 380_000).contains(estimate), "\(estimate)")
    }
}
