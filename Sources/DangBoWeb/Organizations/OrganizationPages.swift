import DangBoCore
import DangBoStorage
import Vapor

struct OrganizationDetailPage: Encodable {
    struct HistoryRow: Encodable {
        var parentName: String
        var parentID: String
        var from: String
        var to: String
    }

    var page: PageChrome
    var id: String
    var name: String
    var code: String
    var levelLabel: String
    var unitKindLabel: String
    var cluster: String
    var openedOn: String
    var closedOn: String
    var parentName: String?
    var parentID: String?
    /// Members placed in this organization directly.
    var memberCount: String
    /// Members on the registry in its subtree, counted up to a limit ("hơn 10.000").
    var subtreeMemberCount: String
    var childCount: String
    /// The first children (in Vietnamese order); the tree page lists them all.
    var children: [TreeRow]
    var hasMoreChildren: Bool
    var treeHref: String
    var history: [HistoryRow]
    var canManage: Bool
    var canAddChild: Bool
    var holdsMembers: Bool
    /// "Ghi quyết định kỷ luật tổ chức" for the roles that record discipline.
    var canRecordDiscipline = false
}

struct OrganizationFormPage: Encodable {
    var page: PageChrome
    var action: String
    var form: OrganizationForm
    var levels: [Choice]
    var unitKinds: [Choice]
    /// The parent picker: a code (typed or chosen from the suggestions) and the name it stands for.
    var parent: PickedOrganization
    var problems: [FieldProblem]
    var isEdit: Bool
}

struct TransferPage: Encodable {
    var page: PageChrome
    /// The organizations to move, by code, one per line.
    var organizationCodes: String
    var parent: PickedOrganization
    var day: String
    var decision: String
    var problems: [FieldProblem]
    var result: String?
}
