import Foundation

/// Turns an audit entry's before/after JSON into the fields that changed, in Vietnamese words and formats.
public enum AuditDiff {
    public struct Change: Encodable, Sendable, Hashable {
        public var field: String
        public var before: String
        public var after: String

        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    static let labels: [String: String] = [
        "fullName": "Họ và tên", "gender": "Giới tính", "birthDate": "Ngày sinh", "ethnicity": "Dân tộc", "religion": "Tôn giáo",
        "educationLevel": "Trình độ chuyên môn", "politicalTheoryLevel": "Lý luận chính trị", "admissionDate": "Ngày vào Đảng",
        "fullMembershipDate": "Ngày chính thức", "cardNumber": "Số thẻ", "positions": "Chức vụ", "status": "Trạng thái",
        "statusDate": "Ngày trạng thái", "organizationID": "Tổ chức", "code": "Mã", "name": "Tên", "level": "Cấp",
        "unitKind": "Loại hình", "cluster": "Cụm", "openedOn": "Ngày thành lập", "closedOn": "Ngày giải thể",
        "parentID": "Cấp trên", "validFrom": "Từ ngày", "validTo": "Đến ngày", "created": "Thêm", "updated": "Cập nhật",
        "unchanged": "Không đổi", "skippedBadRows": "Dòng lỗi bỏ qua",
    ]

    public static func changes(before: String?, after: String?) -> [Change] {
        let old = object(before)
        let new = object(after)
        let keys = Set(old.keys).union(new.keys).filter { $0 != "id" }
        return keys.sorted { (labels[$0] ?? $0) < (labels[$1] ?? $1) }.compactMap { key in
            let was = display(key: key, value: old[key])
            let now = display(key: key, value: new[key])
            return was == now ? nil : Change(field: labels[key] ?? key, before: was, after: now)
        }
    }

    public static func object(_ json: String?) -> [String: Any] {
        guard let json, let data = json.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) else { return [:] }
        if let dictionary = value as? [String: Any] { return dictionary }
        if let array = value as? [[String: Any]] { return ["items": "\(VietnameseNumberFormat.integer(array.count)) mục"] }
        return [:]
    }

    static func display(key: String, value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "—"
        case let list as [Any]: return list.map { display(key: key, value: $0) }.joined(separator: ", ")
        case let number as NSNumber: return VietnameseNumberFormat.integer(number.intValue)
        case let text as String:
            if let day = Day(parsing: text), text.count == 10, text.contains("-") { return day.vietnamese }
            return label(key: key, raw: text) ?? text
        default: return "\(value!)"
        }
    }

    static func label(key: String, raw: String) -> String? {
        switch key {
        case "gender": return Gender(rawValue: raw)?.label
        case "educationLevel": return EducationLevel(rawValue: raw)?.label
        case "politicalTheoryLevel": return PoliticalTheoryLevel(rawValue: raw)?.label
        case "status": return MemberStatus(rawValue: raw)?.label
        case "positions": return Position(rawValue: raw)?.label
        case "level": return OrganizationLevel(rawValue: raw)?.label
        case "unitKind": return UnitKind(rawValue: raw)?.label
        default: return nil
        }
    }
}
