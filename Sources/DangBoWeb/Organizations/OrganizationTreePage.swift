import DangBoCore
import DangBoStorage
import Vapor

/// The children of one organization as fetched for the tree browser: a page of them (after `after`), whether more
/// follow, and the child on the opened path when that child is not among those shown.
struct TreeLevel {
    var parent: OrganizationChild
    var children: [OrganizationChild]
    var after: KeysetCursor?
    var hasMore: Bool
    var pathChild: OrganizationChild?
}

/// Links of the tree browser; every link keeps the day being looked at.
struct TreeLinks {
    var day: Day
    var isToday: Bool

    var dayItem: (String, String?) { ("on", isToday ? nil : day.vietnamese) }

    /// The page with `id` opened (its path from the scope's root kept), its children from `after`.
    func page(open id: UUID?, after: KeysetCursor? = nil) -> String {
        "/organizations" + queryString([("open", id?.uuidString), dayItem, ("after", after?.token)])
    }

    /// The rows of `id`'s children as an HTML fragment, for the script that opens a node in place.
    func fragment(of id: UUID, depth: Int, after: KeysetCursor? = nil) -> String {
        "/organizations/\(id.uuidString)/children" + queryString([dayItem, ("depth", String(depth)), ("after", after?.token)])
    }
}

/// One row of the tree browser: an organization, a "more children" link, or a gap before the opened child.
struct TreeRow: Encodable {
    var isNode = true
    var isMore = false
    var isGap = false
    var id = ""
    var parentID = ""
    var name = ""
    var code = ""
    var levelLabel = ""
    var unitKindLabel = ""
    var depth = 0
    var indent = 0
    var childCount = ""
    var hasChildren = false
    var memberCount = ""
    var isClosed = false
    var isExpanded = false
    /// Without JavaScript: the page with this node opened (or, when open, closed back to its parent).
    var toggleHref = ""
    /// With JavaScript: the fragment of this node's children.
    var childrenHref = ""
    var moreHref = ""
    var moreFragmentHref = ""

    init(_ child: OrganizationChild, depth: Int, isExpanded: Bool, links: TreeLinks, day: Day) {
        let o = child.organization
        id = o.id.uuidString
        parentID = child.parentID?.uuidString ?? ""
        name = o.name
        code = o.code
        levelLabel = o.level.label
        unitKindLabel = o.unitKind?.label ?? ""
        self.depth = depth
        indent = min(depth, 6)
        childCount = VietnameseNumberFormat.integer(child.childCount)
        hasChildren = child.childCount > 0
        memberCount = VietnameseNumberFormat.integer(child.memberCount)
        isClosed = !o.isOpen(on: day)
        self.isExpanded = isExpanded
        toggleHref = isExpanded ? links.page(open: depth == 0 ? nil : child.parentID) : links.page(open: o.id)
        childrenHref = links.fragment(of: o.id, depth: depth + 1)
    }

    /// "Xem tiếp": the children of `parent` after `last`.
    static func more(parent: OrganizationChild, after last: KeysetCursor, depth: Int, links: TreeLinks) -> TreeRow {
        var row = TreeRow()
        row.isNode = false
        row.isMore = true
        row.depth = depth
        row.indent = min(depth, 6)
        row.parentID = parent.organization.id.uuidString
        row.name = parent.organization.name
        row.moreHref = links.page(open: parent.organization.id, after: last)
        row.moreFragmentHref = links.fragment(of: parent.organization.id, depth: depth, after: last)
        return row
    }

    static func gap(depth: Int) -> TreeRow {
        var row = TreeRow()
        row.isNode = false
        row.isGap = true
        row.depth = depth
        row.indent = min(depth, 6)
        return row
    }

    private init() {}

    /// The rows of one level in tree order: each child, and under the child on the opened path its own level.
    static func rows(of levels: ArraySlice<TreeLevel>, depth: Int, links: TreeLinks, day: Day) -> [TreeRow] {
        guard let level = levels.first else { return [] }
        let pathID = levels.dropFirst().first?.parent.organization.id
        var rows: [TreeRow] = []
        func add(_ child: OrganizationChild) {
            let isOnPath = child.organization.id == pathID
            rows.append(TreeRow(child, depth: depth, isExpanded: isOnPath, links: links, day: day))
            if isOnPath { rows += Self.rows(of: levels.dropFirst(), depth: depth + 1, links: links, day: day) }
        }
        level.children.forEach(add)
        if level.hasMore, let last = level.children.last {
            rows.append(.more(parent: level.parent, after: last.cursor, depth: depth, links: links))
        }
        if let pathChild = level.pathChild {
            rows.append(.gap(depth: depth))
            add(pathChild)
        }
        return rows
    }
}

struct TreeCrumb: Encodable {
    var name: String
    var href: String
}

struct OrganizationTreePage: Encodable {
    var page: PageChrome
    var day: String
    var isToday: Bool
    var rows: [TreeRow]
    var crumbs: [TreeCrumb]
    var rootName: String
    var rootChildCount: String
    var rootMemberCount: String
    var isPaged: Bool
    var firstPageHref: String
    var canManage: Bool
    var canTransfer: Bool
    /// Filters that could not be read (shown beside them; the tree is today's meanwhile).
    var problems: [FieldProblem] = []

    /// `levels[0]` holds the children of the scope's root, each next level those of the child on the opened path.
    init(page: PageChrome, root: OrganizationChild, levels: [TreeLevel], day: Day, today: Day, actor: Actor) {
        self.page = page
        self.day = day.vietnamese
        isToday = day == today
        let links = TreeLinks(day: day, isToday: isToday)
        rows = [TreeRow(root, depth: 0, isExpanded: true, links: links, day: day)]
            + TreeRow.rows(of: levels[...], depth: 1, links: links, day: day)
        crumbs = levels.map { TreeCrumb(name: $0.parent.organization.name, href: links.page(open: $0.parent.organization.id)) }
        rootName = root.organization.name
        rootChildCount = VietnameseNumberFormat.integer(root.childCount)
        rootMemberCount = VietnameseNumberFormat.integer(root.memberCount)
        isPaged = levels.last?.after != nil
        firstPageHref = links.page(open: levels.count > 1 ? levels.last?.parent.organization.id : nil)
        canManage = actor.role.can(.manageOrganizations)
        canTransfer = actor.role.can(.transferOrganizations)
    }
}

/// The rows of one node's children, as the script inserts them under the node.
struct TreeFragment: Encodable {
    var rows: [TreeRow]
}
