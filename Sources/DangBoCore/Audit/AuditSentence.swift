import Foundation

/// An audit entry told as a Vietnamese sentence, "Nguyễn Văn A (Đảng bộ Sở Y tế) gửi báo cáo PL 8.1 Quý IV/2026",
/// with what changed listed underneath (a report's cells by row and column, a record's fields), values in the app's
/// formats. Built from what the entry stores and the names its page resolved (`AuditContext`); an entry written before
/// some of that was stored says less rather than nothing (its summary stands in).
public struct AuditSentence: Sendable, Hashable {
    public struct Detail: Sendable, Hashable, Encodable {
        public var label: String
        public var before: String
        public var after: String

        public init(label: String, before: String, after: String) {
            self.label = label
            self.before = before
            self.after = after
        }
    }

    /// "Nguyễn Văn A (Đảng bộ Sở Y tế)": who acted, as the sentence starts.
    public var actor: String
    public var text: String
    public var details: [Detail]
    /// Changed cells not listed in `details` (a save that changed more than `AuditContext.maxCells`).
    public var unlisted: Int

    public init(actor: String, text: String, details: [Detail] = [], unlisted: Int = 0) {
        self.actor = actor
        self.text = text
        self.details = details
        self.unlisted = unlisted
    }

    public init(_ entry: AuditEntry, context: AuditContext) {
        let actor = Self.actor(of: entry, context: context)
        let predicate = Self.predicate(of: entry, actorOrganization: entry.actorID.flatMap { context.people[$0]?.organizationID },
                                       context: context)
        self.actor = actor
        self.text = Self.capitalized(predicate.subject.map { "\($0) \(predicate.text)" } ?? "\(actor) \(predicate.text)")
        self.details = predicate.details
        self.unlisted = predicate.unlisted
    }

    /// What follows the actor; `subject` replaces the actor when the entry is not about an act of theirs.
    struct Predicate {
        var text: String
        var details: [Detail] = []
        var unlisted = 0
        var subject: String? = nil
    }

    /// The account's name and organization when the page resolved them; else the username it stored.
    static func actor(of entry: AuditEntry, context: AuditContext) -> String {
        if entry.actorID == nil, entry.actorName == "system" { return "Hệ thống" }
        guard let id = entry.actorID, let person = context.people[id] else { return entry.actorName }
        let organization = person.organizationID.flatMap { context.organizations[$0] }
        return organization.map { "\(person.name) (\($0))" } ?? person.name
    }

    static func predicate(of entry: AuditEntry, actorOrganization: UUID?, context: AuditContext) -> Predicate {
        switch entry.entityType {
        case "reportEntry": return report(entry, actorOrganization: actorOrganization, context: context)
        case "deadlineException": return deadlineException(entry, context: context)
        case "dataValues": return historicalImport(entry)
        case "member": return member(entry, context: context)
        case "memberImport": return memberImport(entry, context: context)
        case "organization": return organization(entry)
        case AuditEntry.accountEntityType: return login(entry)
        default: return Predicate(text: lowercasedFirst(entry.summary))
        }
    }

    // MARK: Members and organizations

    static func member(_ entry: AuditEntry, context: AuditContext) -> Predicate {
        let old = AuditDiff.object(entry.before)
        let new = AuditDiff.object(entry.after)
        let name = (new["fullName"] ?? old["fullName"]) as? String
        let place = entry.organizationID.flatMap { context.organizations[$0] }
        let details = AuditDiff.changes(before: entry.before, after: entry.after).map { Detail(label: $0.field, before: $0.before, after: $0.after) }
        let fromFile = entry.summary.range(of: " từ tệp ").map { " từ tệp " + entry.summary[$0.upperBound...] } ?? ""
        guard let name else { return Predicate(text: lowercasedFirst(entry.summary)) }
        switch entry.action {
        case .create:
            return Predicate(text: "thêm đảng viên \(name)" + (place.map { " vào \($0)" } ?? "") + fromFile)
        case .update:
            return Predicate(text: "sửa hồ sơ đảng viên \(name)" + (place.map { " (\($0))" } ?? "") + fromFile,
                             details: details)
        case .delete:
            return Predicate(text: "xóa hồ sơ đảng viên \(name)" + (place.map { " (\($0))" } ?? ""))
        default:
            return Predicate(text: lowercasedFirst(entry.summary))
        }
    }

    static func memberImport(_ entry: AuditEntry, context: AuditContext) -> Predicate {
        let counts = AuditDiff.object(entry.after)
        func number(_ key: String) -> String { VietnameseNumberFormat.integer((counts[key] as? NSNumber)?.intValue ?? 0) }
        guard counts["created"] != nil else { return Predicate(text: lowercasedFirst(entry.summary)) }
        let place = entry.organizationID.flatMap { context.organizations[$0] }.map { " vào \($0)" } ?? ""
        return Predicate(text: "nhập danh sách đảng viên từ tệp \(entry.entityID)\(place): thêm \(number("created")), cập nhật "
                         + "\(number("updated")), không đổi \(number("unchanged")), bỏ qua \(number("skippedBadRows")) dòng lỗi")
    }

    static func organization(_ entry: AuditEntry) -> Predicate {
        let old = AuditDiff.object(entry.before)
        let new = AuditDiff.object(entry.after)
        guard let name = (new["name"] ?? old["name"]) as? String else {
            return Predicate(text: groupingCounts(in: lowercasedFirst(entry.summary)))
        }
        let code = ((new["code"] ?? old["code"]) as? String).map { " (\($0))" } ?? ""
        switch entry.action {
        case .create: return Predicate(text: "tạo tổ chức \(name)\(code)")
        case .update:
            return Predicate(text: "sửa thông tin tổ chức \(name)\(code)",
                             details: AuditDiff.changes(before: entry.before, after: entry.after).map {
                                 Detail(label: $0.field, before: $0.before, after: $0.after)
                             })
        default: return Predicate(text: groupingCounts(in: lowercasedFirst(entry.summary)))
        }
    }

    // MARK: Logins

    /// Why a login failed, as `after` stores it; the audit log says it, the login page never does.
    public enum LoginFailure: String, Sendable {
        case unknownUser, wrongPassword
    }

    static func login(_ entry: AuditEntry) -> Predicate {
        let stored = AuditDiff.object(entry.after)
        let api = (stored["via"] as? String) == "api" ? " qua API" : ""
        switch entry.action {
        case .login:
            return Predicate(text: "đăng nhập" + api)
        case .loginFailed:
            if (stored["reason"] as? String) == LoginFailure.unknownUser.rawValue {
                return Predicate(text: "đăng nhập\(api) không thành công với tên đăng nhập “\(entry.entityID)”: không có tài khoản này",
                                 subject: "Có người")
            }
            return Predicate(text: "đăng nhập\(api) không thành công: sai mật khẩu")
        case .lockout:
            let failures = (stored["failures"] as? NSNumber)?.intValue
            let minutes = (stored["minutes"] as? NSNumber)?.intValue
            return Predicate(text: "bị tạm khóa đăng nhập" + (minutes.map { " \($0) phút" } ?? "")
                             + (failures.map { " sau \($0) lần nhập sai mật khẩu" } ?? ""),
                             subject: "Tài khoản \(entry.entityID)")
        default:
            return Predicate(text: lowercasedFirst(entry.summary))
        }
    }

    // MARK: Text

    static func capitalized(_ text: String) -> String { text.capitalizedFirst }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        // An organization or a person's name starts the summary in capitals too: lower only a plain verb.
        let verbs = ["Thêm", "Sửa", "Xóa", "Chuyển", "Tạo", "Nhập", "Gửi", "Lưu", "Duyệt", "Trả", "Gia", "Nhắc", "Đăng", "Nạp"]
        guard verbs.contains(where: { text.hasPrefix($0 + " ") }) else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// "2419 đảng viên" → "2.419 đảng viên" in summaries written before the number formatter was used everywhere; only
    /// numbers that count something, never a year or a date.
    static func groupingCounts(in text: String) -> String {
        var words = text.components(separatedBy: " ")
        for index in words.indices.dropLast() where ["đảng", "tổ", "mục", "dòng", "ô", "thư"].contains(words[index + 1]) {
            if let value = Int(words[index]), words[index].count >= 4 { words[index] = VietnameseNumberFormat.integer(value) }
        }
        return words.joined(separator: " ")
    }
}
