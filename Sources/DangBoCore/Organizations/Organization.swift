import Foundation

/// The level of a node in the party organization tree, from the Central Committee down to subordinate cells. The
/// bloc (Đảng bộ Khối) is a district-level committee whose grassroots organizations are agencies and enterprises;
/// a bloc, a province or the whole country is the same tree with more levels above.
public enum OrganizationLevel: String, LabeledValue {
    case central
    case province
    case district
    case bloc
    case grassrootsCommittee
    case partialCommittee
    case grassrootsCell
    case subordinateCell

    public var label: String {
        switch self {
        case .central: return "Trung ương"
        case .province: return "Đảng bộ tỉnh, thành phố"
        case .district: return "Đảng bộ cấp huyện"
        case .bloc: return "Đảng bộ Khối"
        case .grassrootsCommittee: return "Đảng bộ cơ sở"
        case .partialCommittee: return "Đảng bộ bộ phận"
        case .grassrootsCell: return "Chi bộ cơ sở"
        case .subordinateCell: return "Chi bộ trực thuộc"
        }
    }

    /// Levels a child of this level may have.
    public var allowedChildren: Set<OrganizationLevel> {
        switch self {
        case .central: return [.province]
        case .province: return [.district, .bloc]
        case .district, .bloc: return [.grassrootsCommittee, .grassrootsCell]
        case .grassrootsCommittee: return [.partialCommittee, .subordinateCell]
        case .partialCommittee: return [.subordinateCell]
        case .grassrootsCell, .subordinateCell: return []
        }
    }

    /// Levels that may be the root of a tree (no parent): the country, a province, or a bloc run on its own.
    public var mayBeRoot: Bool { self == .central || self == .province || self == .bloc }

    public var isGrassroots: Bool { self == .grassrootsCommittee || self == .grassrootsCell }

    /// District-level committees (cấp trên trực tiếp của tổ chức cơ sở): districts and blocs.
    public var isUpperLevel: Bool { self == .district || self == .bloc }

    /// The tier PL 8.1 prints disciplined organizations by ("BTV huyện ủy", "Đảng ủy cơ sở", "Chi ủy, chi bộ").
    public var tier: OrganizationTier {
        switch self {
        case .central: .central
        case .province: .province
        case .district, .bloc: .district
        case .grassrootsCommittee, .partialCommittee: .grassroots
        case .grassrootsCell, .subordinateCell: .cell
        }
    }
}

/// Levels grouped as the rating appendices (PL 7.5, PL 7.6) print them: "ở cấp tỉnh", "ở cấp huyện" (a bloc is
/// district level), "ở cấp cơ sở" (grassroots committees and grassroots cells); partial committees and
/// subordinate cells sit below the grassroots.
public enum Echelon: String, Sendable, CaseIterable {
    case central, province, district, grassroots, belowGrassroots

    public var levels: [OrganizationLevel] { OrganizationLevel.allCases.filter { $0.echelon == self } }
}

extension OrganizationLevel {
    public var echelon: Echelon {
        switch self {
        case .central: .central
        case .province: .province
        case .district, .bloc: .district
        case .grassrootsCommittee, .grassrootsCell: .grassroots
        case .partialCommittee, .subordinateCell: .belowGrassroots
        }
    }
}

/// Levels grouped as the appendices print them: a bloc is district level, a partial committee counts with the
/// grassroots committees, every cell with the cells.
public enum OrganizationTier: String, Sendable, CaseIterable {
    case central, province, district, grassroots, cell

    /// The levels of the tier, for SQL conditions.
    public var levels: [OrganizationLevel] { OrganizationLevel.allCases.filter { $0.tier == self } }
}

/// The kind of unit an organization sits in (their duties differ: Quy định 97, 98, 47, 48).
public enum UnitKind: String, LabeledValue {
    case agency
    case publicServiceUnit
    case stateEnterprise
    case privateEnterprise

    public var label: String {
        switch self {
        case .agency: return "Cơ quan"
        case .publicServiceUnit: return "Đơn vị sự nghiệp"
        case .stateEnterprise: return "Doanh nghiệp nhà nước"
        case .privateEnterprise: return "Doanh nghiệp ngoài nhà nước"
        }
    }
}

/// A node of the organization tree. Its parent is effective-dated (see `OrganizationLink`).
public struct Organization: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var code: String
    public var name: String
    public var level: OrganizationLevel
    public var unitKind: UnitKind?
    public var cluster: String?
    public var openedOn: Day
    public var closedOn: Day?

    public init(id: UUID = UUID(), code: String, name: String, level: OrganizationLevel, unitKind: UnitKind?,
                cluster: String?, openedOn: Day, closedOn: Day? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level
        self.unitKind = unitKind
        self.cluster = cluster
        self.openedOn = openedOn
        self.closedOn = closedOn
    }

    public func isOpen(on day: Day) -> Bool {
        openedOn <= day && (closedOn.map { day < $0 } ?? true)
    }

    /// What organization search matches against: the name and the code, folded ("dang bo so y te db-syt").
    public static func searchText(name: String, code: String) -> String {
        VietnameseText.folded(name) + " " + VietnameseText.folded(code)
    }
}

/// "Organization X sits under parent P from `validFrom` (inclusive) until `validTo` (exclusive)".
public struct OrganizationLink: Codable, Sendable, Hashable {
    public var organizationID: UUID
    public var parentID: UUID
    public var validFrom: Day
    public var validTo: Day?

    public init(organizationID: UUID, parentID: UUID, validFrom: Day, validTo: Day? = nil) {
        self.organizationID = organizationID
        self.parentID = parentID
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func isValid(on day: Day) -> Bool {
        validFrom <= day && (validTo.map { day < $0 } ?? true)
    }
}

/// An organization with its place in the tree on a given day and its counts, for the tree browser.
public struct OrganizationNode: Codable, Sendable, Hashable {
    public var organization: Organization
    public var parentID: UUID?
    public var depth: Int
    public var memberCount: Int
    public var subtreeMemberCount: Int
    public var childCount: Int

    public init(organization: Organization, parentID: UUID?, depth: Int, memberCount: Int,
                subtreeMemberCount: Int, childCount: Int) {
        self.organization = organization
        self.parentID = parentID
        self.depth = depth
        self.memberCount = memberCount
        self.subtreeMemberCount = subtreeMemberCount
        self.childCount = childCount
    }
}
