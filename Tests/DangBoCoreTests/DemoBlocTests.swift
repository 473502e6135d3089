import Foundation
import XCTest
@testable import DangBoCore

final class DemoBlocTests: XCTestCase {
    static let today = Day(year: 2023, month: 3, day: 31)!
    /// Generated once: every test reads the same seed-1 bloc.
    static let bloc = DemoBloc.make(seed: 1, today: today)

    var bloc: DemoBloc { Self.bloc }
    var today: Day { Self.today }

    static let organizationsByID = Dictionary(uniqueKeysWithValues: bloc.organizations.map { ($0.id, $0) })
    static let parentByID = Dictionary(uniqueKeysWithValues: bloc.links.map { ($0.organizationID, $0.parentID) })

    private var organizationsByID: [UUID: Organization] { Self.organizationsByID }
    private var parentByID: [UUID: UUID] { Self.parentByID }

    private var activeMembers: [Member] { bloc.members.filter { $0.fields.status == .active } }

    /// The grassroots organization a cell belongs to (itself for a grassroots cell).
    private func grassrootsID(of organizationID: UUID) -> UUID {
        organizationsByID[organizationID]?.level == .subordinateCell ? parentByID[organizationID]! : organizationID
    }

    // MARK: Determinism

    func testSameSeedGivesIdenticalBloc() {
        let again = DemoBloc.make(seed: 1, today: today)
        XCTAssertEqual(again, bloc)
        XCTAssertEqual(again.members.map(\.id), bloc.members.map(\.id))
        XCTAssertEqual(again.organizations.map(\.id), bloc.organizations.map(\.id))
    }

    func testDifferentSeedGivesDifferentMembers() {
        let other = DemoBloc.make(seed: 2, today: today)
        XCTAssertNotEqual(other.members.map(\.fields.fullName), bloc.members.map(\.fields.fullName))
        XCTAssertTrue(Set(other.members.map(\.id)).isDisjoint(with: bloc.members.map(\.id)))
        XCTAssertNotEqual(other.members.map(\.fields.cardNumber), bloc.members.map(\.fields.cardNumber))
        // The shape stays the same: same grassroots names and totals.
        XCTAssertEqual(other.grassrootsOrganizations.map(\.name), bloc.grassrootsOrganizations.map(\.name))
        XCTAssertEqual(other.members.filter { $0.fields.status == .active }.count, activeMembers.count)
    }

    func testGeneratorIsReproducible() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        var c = SeededGenerator(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        XCTAssertEqual(first, (0..<8).map { _ in b.next() })
        XCTAssertNotEqual(first, (0..<8).map { _ in c.next() })
        for _ in 0..<1_000 {
            XCTAssertTrue((3...7).contains(a.int(in: 3...7)))
            let u = a.unit()
            XCTAssertTrue(u >= 0 && u < 1)
        }
        let uuid = a.uuid().uuidString
        XCTAssertEqual(Array(uuid)[14], "4") // version 4
    }

    // MARK: Organizations

    func testRootComesFirst() {
        let root = bloc.organizations[0]
        XCTAssertEqual(root.code, "DUK")
        XCTAssertEqual(root.name, "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh")
        XCTAssertEqual(root.level, .bloc)
        XCTAssertNil(root.unitKind)
        XCTAssertEqual(bloc.organizations.filter { $0.level == .bloc }.count, 1)
        // Root, then grassroots, then subordinate cells.
        let levels = bloc.organizations.map(\.level)
        let firstSubordinate = levels.firstIndex(of: .subordinateCell)!
        XCTAssertTrue(levels[1..<firstSubordinate].allSatisfy(\.isGrassroots))
        XCTAssertTrue(levels[firstSubordinate...].allSatisfy { $0 == .subordinateCell })
    }

    func testGrassrootsCountAndNames() {
        let grassroots = bloc.grassrootsOrganizations
        XCTAssertTrue((75...90).contains(grassroots.count), "\(grassroots.count) grassroots organizations")
        let names = Set(grassroots.map(\.name))
        XCTAssertEqual(names.count, grassroots.count, "grassroots names are unique")
        for name in ["Đảng bộ Sở Y tế", "Chi bộ Ban Xúc tiến và Hỗ trợ đầu tư tỉnh", "Đảng bộ Công ty Xăng dầu B12",
                     "Đảng bộ Cục Thi hành án dân sự tỉnh", "Đảng bộ Sở Tài nguyên và Môi trường",
                     "Chi bộ Hội Văn học Nghệ thuật tỉnh", "Đảng bộ Sở Khoa học và Công nghệ"] {
            XCTAssertTrue(names.contains(name), name)
        }
        XCTAssertTrue(names.contains { $0.contains("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp") })
        for organization in grassroots {
            switch organization.level {
            case .grassrootsCommittee: XCTAssertTrue(organization.name.hasPrefix("Đảng bộ "), organization.name)
            case .grassrootsCell: XCTAssertTrue(organization.name.hasPrefix("Chi bộ "), organization.name)
            default: XCTFail()
            }
            XCTAssertNotNil(organization.unitKind)
            XCTAssertNotNil(organization.cluster)
        }
        XCTAssertEqual(bloc.grassrootsOrganizations.first { $0.name == "Chi bộ Ban Xúc tiến và Hỗ trợ đầu tư tỉnh" }?.code,
                       "CB-XTDT")
        XCTAssertEqual(bloc.grassrootsOrganizations.first { $0.name == "Đảng bộ Sở Y tế" }?.code, "DB-SYT")
    }

    func testUnitKindMix() {
        var counts: [UnitKind: Int] = [:]
        for organization in bloc.grassrootsOrganizations { counts[organization.unitKind!, default: 0] += 1 }
        let total = bloc.grassrootsOrganizations.count
        XCTAssertGreaterThan((counts[.agency] ?? 0) + (counts[.publicServiceUnit] ?? 0), total / 2)
        XCTAssertGreaterThanOrEqual(counts[.stateEnterprise] ?? 0, 5)
        XCTAssertTrue((2...15).contains(counts[.privateEnterprise] ?? 0))
        XCTAssertGreaterThanOrEqual(Set(bloc.grassrootsOrganizations.compactMap(\.cluster)).count, 6)
    }

    func testCodesAreUniqueAndValid() {
        let codes = bloc.organizations.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count)
        for code in codes {
            XCTAssertLessThanOrEqual(code.count, 32, code)
            XCTAssertTrue(code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }, code)
        }
        // Subordinate codes derive from their committee's.
        let byID = organizationsByID
        for link in bloc.links where byID[link.organizationID]?.level == .subordinateCell {
            XCTAssertTrue(byID[link.organizationID]!.code.hasPrefix(byID[link.parentID]!.code + "-"))
        }
    }

    func testEveryOrganizationPassesDraftValidation() {
        let byID = organizationsByID
        let parents = parentByID
        for organization in bloc.organizations {
            let parentLevel = parents[organization.id].flatMap { byID[$0]?.level }
            let draft = OrganizationDraft(code: organization.code, name: organization.name, level: organization.level,
                                          unitKind: organization.unitKind, cluster: organization.cluster,
                                          parentID: parents[organization.id], openedOn: organization.openedOn,
                                          closedOn: organization.closedOn)
            XCTAssertEqual(draft.problems(parentLevel: parentLevel), [], organization.name)
        }
    }

    func testOneCurrentLinkPerNonRootOrganization() {
        let byID = organizationsByID
        var linksPerChild: [UUID: Int] = [:]
        for link in bloc.links {
            linksPerChild[link.organizationID, default: 0] += 1
            XCTAssertNil(link.validTo)
            XCTAssertTrue(link.isValid(on: today))
            let child = byID[link.organizationID]!
            let parent = byID[link.parentID]!
            XCTAssertTrue(parent.level.allowedChildren.contains(child.level))
            XCTAssertGreaterThanOrEqual(link.validFrom, child.openedOn)
        }
        XCTAssertNil(linksPerChild[bloc.root.id])
        for organization in bloc.organizations where organization.level != .bloc {
            XCTAssertEqual(linksPerChild[organization.id], 1, organization.name)
        }
    }

    func testCommitteesHaveTwoToTwelveSubordinateCells() {
        var children: [UUID: [Organization]] = [:]
        let byID = organizationsByID
        for link in bloc.links { children[link.parentID, default: []].append(byID[link.organizationID]!) }
        for organization in bloc.organizations where organization.level == .grassrootsCommittee {
            let cells = children[organization.id] ?? []
            XCTAssertTrue((2...12).contains(cells.count), "\(organization.name): \(cells.count)")
            XCTAssertTrue(cells.allSatisfy { $0.level == .subordinateCell && $0.name.hasPrefix("Chi bộ ") })
            XCTAssertEqual(Set(cells.map(\.name)).count, cells.count)
        }
        for organization in bloc.organizations where organization.level == .grassrootsCell {
            XCTAssertNil(children[organization.id])
        }
    }

    // MARK: Transferred group

    func testTransferredGroup() {
        let transferDate = Day(year: 2022, month: 4, day: 12)!
        XCTAssertEqual(bloc.transferredGroup.count, 17)
        XCTAssertEqual(Set(bloc.transferredGroup).count, 17)
        let byID = organizationsByID
        let group = Set(bloc.transferredGroup)
        for link in bloc.links where group.contains(link.organizationID) {
            XCTAssertEqual(link.validFrom, transferDate)
            XCTAssertEqual(link.parentID, bloc.root.id)
            XCTAssertLessThan(byID[link.organizationID]!.openedOn, transferDate)
            XCTAssertTrue(byID[link.organizationID]!.level.isGrassroots)
        }
        for link in bloc.links where link.parentID == bloc.root.id && !group.contains(link.organizationID) {
            XCTAssertLessThan(link.validFrom, transferDate)
        }
        let inGroup = bloc.members.filter { group.contains(grassrootsID(of: $0.organizationID)) }
        XCTAssertTrue((2_200...2_600).contains(inGroup.count), "\(inGroup.count) members in the transferred group")
        let activeInGroup = inGroup.filter { $0.fields.status == .active }
        XCTAssertTrue((2_200...2_600).contains(activeInGroup.count))
        // The seed: ≈22% at intermediate or above in the transferred organizations, ≈62% in the others.
        let share = Double(activeInGroup.filter { $0.fields.politicalTheoryLevel.isIntermediateOrAbove }.count)
            / Double(activeInGroup.count)
        XCTAssertTrue((0.15...0.35).contains(share), "\(share)")
    }

    // MARK: Members

    func testActiveMemberCount() {
        XCTAssertTrue((6_800...7_800).contains(activeMembers.count), "\(activeMembers.count) active members")
        let others = bloc.members.count - activeMembers.count
        XCTAssertTrue((20...100).contains(others), "\(others) non-active members")
        for status in [MemberStatus.suspended, .transferredOut, .deceased, .expelled] {
            XCTAssertTrue(bloc.members.contains { $0.fields.status == status }, status.rawValue)
        }
    }

    func testPoliticalTheoryShare() {
        let share = Double(activeMembers.filter { $0.fields.politicalTheoryLevel.isIntermediateOrAbove }.count)
            / Double(activeMembers.count)
        XCTAssertTrue((0.40...0.60).contains(share), "\(share)")
        for level in PoliticalTheoryLevel.allCases {
            XCTAssertTrue(activeMembers.contains { $0.fields.politicalTheoryLevel == level }, level.rawValue)
        }
    }

    func testEveryMemberPassesValidation() throws {
        let floor1980 = Day(year: 1980, month: 1, day: 1)!
        for member in bloc.members {
            let fields = member.fields
            XCTAssertEqual(fields.problems(today: today), [], fields.fullName)
            XCTAssertEqual(fields.normalized, fields)
            let age = fields.birthDate.years(until: today)
            XCTAssertTrue((23...60).contains(age), "\(fields.fullName) \(age)")
            let admission = try XCTUnwrap(fields.admissionDate)
            XCTAssertGreaterThanOrEqual(admission, floor1980)
            XCTAssertLessThanOrEqual(admission, today)
            if let full = fields.fullMembershipDate {
                XCTAssertEqual(admission.years(until: full), 1)
                XCTAssertLessThan(full.ordinal - admission.ordinal, 368)
            } else {
                XCTAssertEqual(admission.years(until: today), 0, "admitted \(admission) but not yet full")
            }
            if fields.status == .active { XCTAssertNil(fields.statusDate) } else { XCTAssertNotNil(fields.statusDate) }
            if fields.status != .active { XCTAssertEqual(fields.positions, []) }
        }
        let probationary = activeMembers.filter { $0.isProbationary(on: today) }.count
        XCTAssertTrue((50...400).contains(probationary), "\(probationary) probationary")
    }

    func testCardNumbersAreUniqueDigits() {
        let cards = bloc.members.compactMap(\.fields.cardNumber)
        XCTAssertEqual(cards.count, bloc.members.count)
        XCTAssertEqual(Set(cards).count, cards.count)
        XCTAssertTrue(cards.allSatisfy { $0.count == 8 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    }

    func testMemberIDsAreUnique() {
        XCTAssertEqual(Set(bloc.members.map(\.id)).count, bloc.members.count)
        XCTAssertEqual(Set(bloc.organizations.map(\.id)).count, bloc.organizations.count)
    }

    func testMembersSitInCells() throws {
        let byID = organizationsByID
        for member in bloc.members {
            let organization = try XCTUnwrap(byID[member.organizationID])
            XCTAssertTrue(organization.level == .grassrootsCell || organization.level == .subordinateCell,
                          organization.name)
        }
        // Every cell has members (at least three active).
        var counts: [UUID: Int] = [:]
        for member in activeMembers { counts[member.organizationID, default: 0] += 1 }
        for organization in bloc.organizations
        where organization.level == .grassrootsCell || organization.level == .subordinateCell {
            XCTAssertGreaterThanOrEqual(counts[organization.id] ?? 0, 3, organization.name)
        }
    }

    func testAssignments() throws {
        let byID = organizationsByID
        var perMember: [UUID: [MemberAssignment]] = [:]
        for assignment in bloc.assignments { perMember[assignment.memberID, default: []].append(assignment) }
        var withHistory = 0
        for member in bloc.members {
            let list = try XCTUnwrap(perMember[member.id]).sorted { $0.validFrom < $1.validFrom }
            XCTAssertFalse(list.isEmpty)
            if list.count > 1 { withHistory += 1 }
            for (earlier, later) in zip(list, list.dropFirst()) {
                XCTAssertEqual(earlier.validTo, later.validFrom)
                XCTAssertNotEqual(earlier.organizationID, later.organizationID)
            }
            for assignment in list {
                let organization = try XCTUnwrap(byID[assignment.organizationID])
                XCTAssertTrue(organization.level == .grassrootsCell || organization.level == .subordinateCell)
                XCTAssertGreaterThanOrEqual(assignment.validFrom, organization.openedOn)
                XCTAssertGreaterThanOrEqual(assignment.validFrom, member.fields.admissionDate!)
                if let validTo = assignment.validTo { XCTAssertLessThan(assignment.validFrom, validTo) }
            }
            let last = list.last!
            XCTAssertEqual(last.organizationID, member.organizationID)
            switch member.fields.status {
            case .active, .suspended:
                XCTAssertNil(last.validTo)
                XCTAssertEqual(list.filter { $0.validTo == nil }.count, 1)
            case .transferredOut, .deceased, .expelled:
                XCTAssertEqual(last.validTo, member.fields.statusDate)
            }
        }
        XCTAssertGreaterThan(withHistory, 100, "members who moved between cells")
    }

    // MARK: Officers

    func testOneSecretaryPerOrganization() throws {
        let byID = organizationsByID
        var membersByCell: [UUID: [Member]] = [:]
        for member in bloc.members { membersByCell[member.organizationID, default: []].append(member) }
        let membersByID = Dictionary(uniqueKeysWithValues: bloc.members.map { ($0.id, $0) })
        for organization in bloc.organizations where organization.level != .bloc {
            let officers = try XCTUnwrap(bloc.officers[organization.id], organization.name)
            let secretary = try XCTUnwrap(membersByID[officers.secretary])
            XCTAssertTrue(secretary.fields.positions.contains(.secretary))
            XCTAssertEqual(secretary.fields.status, .active)
            XCTAssertTrue(secretary.fields.politicalTheoryLevel.isIntermediateOrAbove)
            XCTAssertTrue((1...2).contains(officers.deputySecretaries.count), organization.name)
            for deputy in officers.deputySecretaries {
                XCTAssertTrue(membersByID[deputy]!.fields.positions.contains(.deputySecretary))
            }
            for id in officers.committeeMembers {
                XCTAssertTrue(membersByID[id]!.fields.positions.contains(.committeeMember))
            }
            let holders = [officers.secretary] + officers.deputySecretaries + officers.committeeMembers
            XCTAssertEqual(Set(holders).count, holders.count, "one post per person in \(organization.name)")
            switch organization.level {
            case .grassrootsCell, .subordinateCell:
                let direct = membersByCell[organization.id] ?? []
                XCTAssertEqual(direct.filter { $0.fields.positions.contains(.secretary) }.count, 1, organization.name)
                XCTAssertEqual(secretary.organizationID, organization.id)
            case .grassrootsCommittee:
                XCTAssertEqual(grassrootsID(of: secretary.organizationID), organization.id)
                XCTAssertGreaterThanOrEqual(officers.committeeMembers.count, 3)
                XCTAssertEqual(byID[secretary.organizationID]?.level, .subordinateCell)
            case .bloc, .central, .province, .district, .partialCommittee:
                break
            }
        }
        XCTAssertTrue(bloc.members.contains { $0.fields.positions.contains(.inspectionCommissionMember) })
    }

    // MARK: Names and attributes

    func testNamesLookVietnamese() {
        let women = activeMembers.filter { $0.fields.gender == .female }
        let share = Double(women.count) / Double(activeMembers.count)
        XCTAssertTrue((0.40...0.55).contains(share), "\(share) women")
        XCTAssertTrue(women.contains { $0.fields.fullName.split(separator: " ").dropFirst().first == "Thị" })
        XCTAssertFalse(activeMembers.contains { $0.fields.gender == .male && $0.fields.fullName.contains(" Thị ") })
        XCTAssertTrue(activeMembers.contains { $0.fields.fullName.hasPrefix("Nguyễn Thị") })
        XCTAssertTrue(activeMembers.contains { $0.fields.fullName.hasPrefix("Trần Văn") })
        XCTAssertTrue(activeMembers.contains { VietnameseText.folded($0.fields.fullName) == "nguyen thi vinh" })
        for member in bloc.members {
            let words = member.fields.fullName.split(separator: " ")
            XCTAssertTrue((3...4).contains(words.count), member.fields.fullName)
        }
        let nguyen = Double(activeMembers.filter { $0.fields.fullName.hasPrefix("Nguyễn ") }.count)
        XCTAssertTrue((0.25...0.5).contains(nguyen / Double(activeMembers.count)))
        XCTAssertGreaterThan(Set(activeMembers.map(\.fields.fullName)).count, activeMembers.count / 2)
    }

    func testAttributesAreMostlyMajorityWithSomeMinorities() {
        let kinh = activeMembers.filter { $0.fields.ethnicity == "Kinh" }.count
        XCTAssertGreaterThan(Double(kinh) / Double(activeMembers.count), 0.9)
        XCTAssertGreaterThanOrEqual(Set(activeMembers.map(\.fields.ethnicity)).count, 4)
        XCTAssertTrue(activeMembers.contains { $0.fields.isEthnicMinority })
        let noReligion = activeMembers.filter { $0.fields.religion == "Không" }.count
        XCTAssertGreaterThan(Double(noReligion) / Double(activeMembers.count), 0.9)
        XCTAssertTrue(activeMembers.contains { $0.fields.religion == "Công giáo" })
        let university = activeMembers.filter {
            $0.fields.educationLevel == .university || $0.fields.educationLevel == .postgraduate
        }.count
        XCTAssertGreaterThan(Double(university) / Double(activeMembers.count), 0.7)
        XCTAssertTrue(activeMembers.contains { $0.fields.educationLevel == .postgraduate })
        XCTAssertTrue(activeMembers.contains { $0.fields.educationLevel == .college })
        let admissionYears = Set(activeMembers.compactMap { $0.fields.admissionDate?.year })
        XCTAssertGreaterThan(admissionYears.count, 30)
    }

    func testValidWhateverTheDay() {
        for today in [Day(year: 2024, month: 2, day: 29)!, Day(year: 2026, month: 11, day: 29)!,
                      Day(year: 2031, month: 7, day: 1)!] {
            let other = DemoBloc.make(seed: 3, today: today)
            let levels = Dictionary(uniqueKeysWithValues: other.organizations.map { ($0.id, $0.level) })
            let parents = Dictionary(uniqueKeysWithValues: other.links.map { ($0.organizationID, $0.parentID) })
            for organization in other.organizations {
                let draft = OrganizationDraft(code: organization.code, name: organization.name,
                                              level: organization.level, unitKind: organization.unitKind,
                                              cluster: organization.cluster, parentID: parents[organization.id],
                                              openedOn: organization.openedOn)
                XCTAssertEqual(draft.problems(parentLevel: parents[organization.id].flatMap { levels[$0] }), [])
                XCTAssertLessThanOrEqual(organization.openedOn, today)
            }
            for member in other.members {
                XCTAssertEqual(member.fields.problems(today: today), [], "\(today): \(member.fields.fullName)")
                XCTAssertTrue((23...60).contains(member.fields.birthDate.years(until: today)))
                XCTAssertGreaterThanOrEqual(member.fields.admissionDate!, Day(year: 1980, month: 1, day: 1)!)
            }
            for assignment in other.assignments {
                XCTAssertLessThanOrEqual(assignment.validFrom, today)
                if let validTo = assignment.validTo { XCTAssertLessThan(assignment.validFrom, validTo) }
            }
        }
    }

}
