import Foundation

/// What an account may do; every account is also scoped to one organization subtree.
public enum Role: String, LabeledValue {
    case administrator
    case blocOffice
    case inspectionCommission
    case grassrootsSecretary
    case member

    public var label: String {
        switch self {
        case .administrator: return "Quản trị hệ thống"
        case .blocOffice: return "Văn phòng / Ban Tổ chức Đảng ủy Khối"
        case .inspectionCommission: return "Ủy ban Kiểm tra"
        case .grassrootsSecretary: return "Bí thư / văn thư cơ sở"
        case .member: return "Đảng viên"
        }
    }

    public func can(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.administrator, _): return true
        case (.blocOffice, .viewAudit), (.blocOffice, .manageAccounts): return false
        case (.blocOffice, _): return true
        case (.inspectionCommission, .viewOrganizations), (.inspectionCommission, .viewMembers),
             (.inspectionCommission, .viewDiscipline), (.inspectionCommission, .recordDiscipline),
             (.inspectionCommission, .viewInspections), (.inspectionCommission, .recordInspections): return true
        case (.inspectionCommission, _): return false
        case (.grassrootsSecretary, .viewOrganizations), (.grassrootsSecretary, .viewMembers),
             (.grassrootsSecretary, .manageMembers), (.grassrootsSecretary, .importMembers),
             (.grassrootsSecretary, .viewReports), (.grassrootsSecretary, .enterReports),
             (.grassrootsSecretary, .reviewReports), (.grassrootsSecretary, .viewDiscipline),
             (.grassrootsSecretary, .recordDiscipline), (.grassrootsSecretary, .viewInspections),
             (.grassrootsSecretary, .recordInspections), (.grassrootsSecretary, .viewRatings),
             (.grassrootsSecretary, .recordRatings): return true
        case (.grassrootsSecretary, _): return false
        case (.member, .viewOwnProfile): return true
        case (.member, _): return false
        }
    }
}

public enum Permission: String, Sendable, CaseIterable {
    case viewOrganizations
    case manageOrganizations
    case transferOrganizations
    case viewMembers
    case manageMembers
    case importMembers
    case viewAudit
    case manageAccounts
    case viewOwnProfile
    /// Read report entries, their history and comments, printed tables and reporting rates: the roles that enter or
    /// review reports (not members, not the inspection commission's read-only accounts).
    case viewReports
    case enterReports
    /// Approve or return the reports of the organizations below one's own.
    case reviewReports
    /// Read discipline decisions (sensitive: the inspection commission, the bloc office and the committee of the
    /// organization concerned, each within its subtree; every view is audited). Members read only their own.
    case viewDiscipline
    /// Record discipline decisions, denunciations and discipline appeals.
    case recordDiscipline
    /// Read inspection and supervision programs, their cases, conclusions and requirements (as sensitive as
    /// discipline: the same roles, within their subtree, every view of a conclusion audited).
    case viewInspections
    /// Plan, start and conclude inspection and supervision cases and follow up their requirements.
    case recordInspections
    /// Read the yearly quality ratings of members, organizations, collectives and cadres in one's subtree (members
    /// read only their own, on their profile).
    case viewRatings
    /// Enter and import quality ratings and their commendations.
    case recordRatings
}

/// The signed-in user as the domain sees it: who, which role, which subtree.
public struct Actor: Sendable, Hashable, Codable {
    public var accountID: UUID
    public var username: String
    public var displayName: String
    public var role: Role
    /// Root of the subtree this account covers.
    public var scopeOrganizationID: UUID
    /// For the member role: the member this account belongs to.
    public var memberID: UUID?

    public init(accountID: UUID, username: String, displayName: String, role: Role, scopeOrganizationID: UUID,
                memberID: UUID? = nil) {
        self.accountID = accountID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.scopeOrganizationID = scopeOrganizationID
        self.memberID = memberID
    }

    public func require(_ permission: Permission) throws {
        guard role.can(permission) else {
            throw DomainError.forbidden("Vai trò \"\(role.label)\" không được phép thực hiện thao tác này")
        }
    }
}
