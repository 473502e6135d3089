import DangBoCore
import DangBoStorage

/// The `status` query parameter of member lists: empty = on the registry (active and suspended, as the tree counts),
/// "all", or one status.
enum MemberStatusFilter {
    static func parse(_ text: String) throws -> MemberListQuery.StatusFilter {
        switch text {
        case "": return .onRegistry
        case "all": return .all
        default:
            guard let status = MemberStatus(rawValue: text) else {
                throw DomainError.invalid([.init(field: "status", message: "Trạng thái \"\(text.prefix(30))\" không hợp lệ; chọn: all, "
                                                 + MemberStatus.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            return .only(status)
        }
    }

    static func choices(selected: String) -> [Choice] {
        [Choice(value: "all", label: "Tất cả trạng thái", isSelected: selected == "all")]
            + Choice.list(MemberStatus.self, selected: selected)
    }
}
