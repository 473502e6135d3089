import Foundation

/// How big a generated benchmark database is (`dangbo bench generate --scale ...`).
public enum BenchScale: String, CaseIterable, Sendable, LabeledValue {
    /// One bloc like the seed's: ~82 grassroots organizations, ~7,300 members.
    case bloc
    /// A province: ~6,000 organizations, ~100,000 members.
    case province
    /// The country: ~300,000 organizations, ~5,000,000 members.
    case national

    public var label: String {
        switch self {
        case .bloc: return "một Đảng bộ Khối"
        case .province: return "một tỉnh"
        case .national: return "cả nước"
        }
    }

    /// Provinces, upper-level units (districts and blocs) per province, grassroots organizations per unit.
    var shape: (provinces: Int, units: Int, grassroots: Int) {
        switch self {
        case .bloc: return (0, 1, 82)
        case .province: return (1, 15, 125)
        case .national: return (63, 11, 140)
        }
    }

    /// Subordinate cells per grassroots committee and members per cell (a grassroots cell holds its members).
    static let cellsPerCommittee = 3.5
    static let membersPerCell = 21.0
    /// Share of grassroots organizations that are committees with cells (the rest are grassroots cells).
    static let committeeShare = 0.62
}

/// One upper-level unit's part of a generated tree: its organizations with their parent links and its members with
/// their placements, produced one unit at a time so a national database is written in bounded memory.
public struct ScaleChunk: Sendable {
    public var organizations: [Organization]
    public var links: [OrganizationLink]
    public var members: [Member]
    public var assignments: [MemberAssignment]
    /// The grassroots organizations of the chunk (the reporters of the benchmark's forms).
    public var grassroots: [Organization]
}

/// A deterministic tree of any size with the demo's distributions: for a seed, the same organizations, members and
/// attributes every time. Levels follow the country: central → provinces → districts and blocs → grassroots
/// committees (with subordinate cells) and grassroots cells; at bloc scale the root is the bloc itself.
public struct ScaleTree: Sendable {
    public let scale: BenchScale
    public let seed: UInt64
    public let today: Day
    public let opened = Day(year: 2000, month: 1, day: 1)!

    public init(scale: BenchScale, seed: UInt64, today: Day) {
        self.scale = scale
        self.seed = seed
        self.today = today
    }

    /// The organizations above the upper-level units (the country and its provinces), with their links.
    public func top() -> (root: Organization, organizations: [Organization], links: [OrganizationLink], provinces: [Organization]) {
        var rng = SeededGenerator(seed: seed &+ 0xB0_7EE)
        if scale == .bloc {
            let bloc = Organization(id: rng.uuid(), code: "DUK", name: "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh", level: .bloc,
                                    unitKind: nil, cluster: nil, openedOn: opened)
            return (bloc, [bloc], [], [])
        }
        let (count, _, _) = scale.shape
        var organizations: [Organization] = []
        var links: [OrganizationLink] = []
        let root: Organization
        if scale == .national {
            root = Organization(id: rng.uuid(), code: "TW", name: "Đảng Cộng sản Việt Nam", level: .central, unitKind: nil, cluster: nil, openedOn: opened)
            organizations.append(root)
        } else {
            root = Organization(id: rng.uuid(), code: "T01", name: "Đảng bộ tỉnh số 1", level: .province, unitKind: nil, cluster: nil, openedOn: opened)
        }
        var provinces: [Organization] = []
        for index in 1 ... count {
            let province = scale == .province ? root
                : Organization(id: rng.uuid(), code: String(format: "T%02d", index), name: "Đảng bộ tỉnh số \(index)", level: .province,
                               unitKind: nil, cluster: nil, openedOn: opened)
            provinces.append(province)
            organizations.append(province)
            if scale == .national { links.append(OrganizationLink(organizationID: province.id, parentID: root.id, validFrom: opened)) }
        }
        return (root, organizations, links, provinces)
    }

    /// The number of upper-level units (chunks).
    public var unitCount: Int { scale == .bloc ? 1 : scale.shape.provinces * scale.shape.units }

    /// Chunk `index` (0 ..< unitCount): one district or bloc with everything below it. At bloc scale, the bloc's
    /// grassroots organizations under `parent` (the root).
    public func chunk(_ index: Int, provinces: [Organization], root: Organization) -> ScaleChunk {
        var rng = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 17)
        let (_, unitsPerProvince, grassrootsCount) = scale.shape
        var organizations: [Organization] = []
        var links: [OrganizationLink] = []
        var members: [Member] = []
        var assignments: [MemberAssignment] = []
        var grassroots: [Organization] = []
        let unit: Organization
        if scale == .bloc {
            unit = root
        } else {
            let province = provinces[index / unitsPerProvince]
            let isBloc = index % unitsPerProvince == unitsPerProvince - 1
            unit = Organization(id: rng.uuid(), code: "\(province.code)-H\(index % unitsPerProvince + 1)",
                                name: isBloc ? "Đảng bộ Khối các cơ quan \(province.name.replacingOccurrences(of: "Đảng bộ ", with: ""))"
                                    : "Đảng bộ huyện số \(index % unitsPerProvince + 1) \(province.name.replacingOccurrences(of: "Đảng bộ ", with: ""))",
                                level: isBloc ? .bloc : .district, unitKind: nil, cluster: nil, openedOn: opened)
            organizations.append(unit)
            links.append(OrganizationLink(organizationID: unit.id, parentID: province.id, validFrom: opened))
        }
        var serial = 0
        func addMembers(_ count: Int, to organization: Organization) {
            for _ in 0 ..< count {
                serial += 1
                let fields = memberFields(card: "\(index)-\(serial)", &rng)
                let member = Member(id: rng.uuid(), organizationID: organization.id, fields: fields)
                members.append(member)
                assignments.append(MemberAssignment(memberID: member.id, organizationID: organization.id,
                                                    validFrom: max(fields.admissionDate ?? opened, opened)))
            }
        }
        for position in 1 ... grassrootsCount {
            let isCommittee = rng.chance(BenchScale.committeeShare)
            let kind = rng.pick(UnitKind.allCases)
            let organization = Organization(id: rng.uuid(), code: "\(unit.code)-C\(position)",
                                            name: (isCommittee ? "Đảng bộ " : "Chi bộ ") + "\(kind.label) số \(position) — \(unit.code)",
                                            level: isCommittee ? .grassrootsCommittee : .grassrootsCell, unitKind: kind, cluster: nil, openedOn: opened)
            organizations.append(organization)
            grassroots.append(organization)
            links.append(OrganizationLink(organizationID: organization.id, parentID: unit.id, validFrom: opened))
            if isCommittee {
                let cells = max(2, Int((BenchScale.cellsPerCommittee + rng.double(in: -1.5 ... 1.5)).rounded()))
                for cell in 1 ... cells {
                    let child = Organization(id: rng.uuid(), code: "\(organization.code)-\(cell)", name: "Chi bộ số \(cell) — \(organization.code)",
                                             level: .subordinateCell, unitKind: kind, cluster: nil, openedOn: opened)
                    organizations.append(child)
                    links.append(OrganizationLink(organizationID: child.id, parentID: organization.id, validFrom: opened))
                    addMembers(memberCount(&rng), to: child)
                }
            } else {
                addMembers(memberCount(&rng), to: organization)
            }
        }
        return ScaleChunk(organizations: organizations, links: links, members: members, assignments: assignments, grassroots: grassroots)
    }

    func memberCount(_ rng: inout SeededGenerator) -> Int {
        max(3, Int((BenchScale.membersPerCell * (0.4 + 1.2 * rng.unit())).rounded()))
    }

    /// A member with the demo's distributions (ages 23–60, 46 % women, ~6 % ethnic minorities, levels as in the bloc).
    func memberFields(card: String, _ rng: inout SeededGenerator) -> MemberFields {
        let gender: Gender = rng.chance(0.46) ? .female : .male
        let age = 23 + 38 * (rng.unit() + rng.unit()) / 2
        let birth = Day(ordinal: today.ordinal - Int(age * 365.2425))
        let (ethnicity, pool) = DemoNames.ethnicity(&rng)
        let name = DemoNames.fullName(gender: gender, birthYear: birth.year, familyPool: pool, &rng)
        let education = [EducationLevel.secondary, .vocational, .college, .university, .postgraduate][rng.weightedIndex([3, 7, 9, 65, 16])]
        let theory = [PoliticalTheoryLevel.none, .elementary, .intermediate, .advanced][rng.weightedIndex([5, 45, 42, 8])]
        let earliest = Day(ordinal: birth.ordinal + 18 * 365 + 5)
        let admission = Day(ordinal: rng.int(in: min(earliest.ordinal, today.ordinal - 30) ... today.ordinal - 30))
        let full = admission.adding(days: 365)
        return MemberFields(fullName: name, gender: gender, birthDate: birth, ethnicity: ethnicity, religion: "Không",
                            educationLevel: education, politicalTheoryLevel: theory, admissionDate: admission,
                            fullMembershipDate: full <= today ? full : nil, cardNumber: "B" + card, positions: [],
                            status: .active, statusDate: nil)
    }
}
