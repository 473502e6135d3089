import DangBoCore
import DangBoStorage
import Vapor

/// One row of the tree browser.
struct TreeRow: Encodable {
    var id: String
    var name: String
    var code: String
    var levelLabel: String
    var unitKindLabel: String
    var cluster: String
    var depth: Int
    var indent: Int
    var memberCount: String
    var subtreeMemberCount: String
    var childCount: Int
    var isClosed: Bool

    init(_ node: OrganizationNode, rootDepth: Int = 0, on day: Day) {
        let o = node.organization
        id = o.id.uuidString
        name = o.name
        code = o.code
        levelLabel = o.level.label
        unitKindLabel = o.unitKind?.label ?? ""
        cluster = o.cluster ?? ""
        depth = node.depth - rootDepth
        indent = min(depth, 6)
        memberCount = VietnameseNumberFormat.integer(node.memberCount)
        subtreeMemberCount = VietnameseNumberFormat.integer(node.subtreeMemberCount)
        childCount = node.childCount
        isClosed = !o.isOpen(on: day)
    }
}

struct OrganizationTreePage: Encodable {
    var page: PageChrome
    var day: String
    var isToday: Bool
    var rows: [TreeRow]
    var grassrootsCount: String
    var cellCount: String
    var memberTotal: String
    var canManage: Bool
    var canTransfer: Bool

    init(page: PageChrome, nodes: [OrganizationNode], day: Day, today: Day, actor: Actor) {
        self.page = page
        self.day = day.vietnamese
        isToday = day == today
        rows = nodes.map { TreeRow($0, on: day) }
        grassrootsCount = VietnameseNumberFormat.integer(nodes.filter { $0.organization.level.isGrassroots }.count)
        cellCount = VietnameseNumberFormat.integer(nodes.filter { $0.organization.level == .subordinateCell }.count)
        memberTotal = VietnameseNumberFormat.integer(nodes.first?.subtreeMemberCount ?? 0)
        canManage = actor.role.can(.manageOrganizations)
        canTransfer = actor.role.can(.transferOrganizations)
    }
}

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
    var memberCount: String
    var subtreeMemberCount: String
    var children: [TreeRow]
    var history: [HistoryRow]
    var canManage: Bool
    var canAddChild: Bool
    var holdsMembers: Bool
}

struct OrganizationFormPage: Encodable {
    var page: PageChrome
    var action: String
    var form: OrganizationForm
    var levels: [Choice]
    var unitKinds: [Choice]
    var parents: [Choice]
    var problems: [FieldProblem]
    var isEdit: Bool
}

struct TransferPage: Encodable {
    struct Candidate: Encodable {
        var id: String
        var label: String
        var isChecked: Bool
    }

    var page: PageChrome
    var candidates: [Candidate]
    var parents: [Choice]
    var day: String
    var decision: String
    var problems: [FieldProblem]
    var result: String?
}
