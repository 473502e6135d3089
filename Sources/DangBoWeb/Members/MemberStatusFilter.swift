import DangBoCore
import DangBoStorage

/// The `status` query parameter of member lists: empty = on the registry (active and suspended, as the tree counts),
/// "all", or one status.
enum MemberStatusFilter {
    /// `listingCodes`: the API names the accepted codes; the page (a list to choose from) does not.
    static func parse(_ text: String, listingCodes: Bool = false) throws -> MemberListQuery.StatusFilter {
        switch text {
        case "": return .onRegistry
        case "all": return .all
        default:
            guard let status = MemberStatus(rawValue: text) else {
                throw DomainError.invalid([.init(field: "status", message: "Trạng thái \"\(text.prefix(30))\" không hợp lệ; "
                    + (listingCodes ? "chọn: all, " + MemberStatus.allCases.map(\.rawValue).joined(separator: ", ") : "hãy chọn một trạng thái trong danh sách"))])
            }
            return .only(status)
        }
    }

    static func choices(selected: String) -> [Choice] {
        [Choice(value: "all", label: "Tất cả trạng thái", isSelected: selected == "all")]
            + Choice.list(MemberStatus.self, selected: selected)
    }
}
