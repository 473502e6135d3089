import Foundation

extension AuditSentence {
    /// Saves, submissions, approvals and returns of a report entry: "gửi báo cáo PL 8.1 Quý IV/2026 của Chi bộ A
    /// (3 ô thay đổi)", its cells listed by row place and column title, old → new.
    static func report(_ entry: AuditEntry, actorOrganization: UUID?, context: AuditContext) -> Predicate {
        guard let id = UUID(uuidString: entry.entityID), let report = context.reports[id] else {
            return Predicate(text: lowercasedFirst(entry.summary))
        }
        let form = context.forms.form(code: report.form)
        let owner = report.organizationID == actorOrganization ? "" : context.organizations[report.organizationID].map { " của \($0)" } ?? ""
        let what = "báo cáo \(formName(report.form, catalog: context.forms)) \(periodLabel(report.period))\(owner)"
        let stored = AuditDiff.object(entry.after)
        let changed = (stored["changedCells"] as? String).flatMap(Int.init) ?? (stored["changedCells"] as? NSNumber)?.intValue
        let cells = context.cells[entry.id] ?? []
        let details = cells.sorted { order($0, form: form) < order($1, form: form) || (order($0, form: form) == order($1, form: form) && $0.row < $1.row) }.map {
            Detail(label: cellLabel(row: $0.row, column: $0.column, form: form), before: value($0.before), after: value($0.after))
        }
        let count = changed.map { $0 == 0 ? " (không thay đổi số liệu)" : " (\(VietnameseNumberFormat.integer($0)) ô thay đổi)" } ?? ""
        let unlisted = max(0, (changed ?? cells.count) - cells.count)
        switch entry.action {
        case .submit: return Predicate(text: "gửi \(what)\(count)", details: details, unlisted: unlisted)
        case .update: return Predicate(text: "lưu nháp \(what)\(count)", details: details, unlisted: unlisted)
        case .approve: return Predicate(text: "duyệt \(what)")
        case .giveBack:
            let comment = entry.summary.range(of: " kỳ \(report.period): ").map { String(entry.summary[$0.upperBound...]) }
            return Predicate(text: "trả lại \(what)" + (comment.map { " với ý kiến “\($0)”" } ?? ""))
        default: return Predicate(text: lowercasedFirst(entry.summary))
        }
    }

    /// "gia hạn nộp báo cáo PL 8.1 Quý IV/2026 cho Chi bộ A đến 31/12/2026: lý do".
    static func deadlineException(_ entry: AuditEntry, context: AuditContext) -> Predicate {
        let parts = entry.entityID.split(separator: "/", maxSplits: 2).map(String.init)
        let stored = AuditDiff.object(entry.after)
        guard parts.count == 3, let until = (stored["until"] as? String).flatMap(Day.init(parsing:)) else {
            return Predicate(text: lowercasedFirst(entry.summary))
        }
        let organization = UUID(uuidString: parts[2]).flatMap { context.organizations[$0] }.map { " cho \($0)" } ?? ""
        let reason = (stored["reason"] as? String).map { ": \($0)" } ?? ""
        return Predicate(text: "gia hạn nộp báo cáo \(formName(parts[0], catalog: context.forms)) \(periodLabel(parts[1]))"
                         + "\(organization) đến \(until.vietnamese)\(reason)")
    }

    /// "nhập số liệu các kỳ trước: 3 mới, 2 sửa, 1 không đổi".
    static func historicalImport(_ entry: AuditEntry) -> Predicate {
        let stored = AuditDiff.object(entry.after)
        func number(_ key: String) -> String? {
            ((stored[key] as? String).flatMap(Int.init) ?? (stored[key] as? NSNumber)?.intValue).map(VietnameseNumberFormat.integer)
        }
        guard let created = number("created"), let updated = number("updated"), let unchanged = number("unchanged") else {
            return Predicate(text: lowercasedFirst(entry.summary))
        }
        return Predicate(text: "nhập số liệu các kỳ trước: \(created) mới, \(updated) sửa, \(unchanged) không đổi")
    }

    /// "PL 8.1" for the appendices ("PHỤ LỤC 8.1"); other forms by what they print ("BIỂU ĐV"); the code when the form is
    /// no longer in the catalog.
    public static func formName(_ code: String, catalog: FormCatalog) -> String {
        guard let form = catalog.form(code: code) else { return code }
        let appendix = form.appendix.trimmingCharacters(in: .whitespaces)
        for prefix in ["PHỤ LỤC ", "Phụ lục "] where appendix.hasPrefix(prefix) {
            return "PL " + appendix.dropFirst(prefix.count)
        }
        return appendix.isEmpty ? code : appendix
    }

    /// "Quý IV/2026" for "2026-Q4"; the code when it is not one.
    public static func periodLabel(_ code: String) -> String {
        guard let period = Period(code: code) else { return code }
        // A period names its kind ("Quý", "Tháng", "Năm"); ranges read "Từ ..." and stay capitalized mid-sentence no better.
        return period.kind == .dayRange || period.kind == .monthRange ? lowercasedFirst(period.label) : period.label
    }

    /// "I- › 1 Kiểm tra đảng viên › a Tổng số — Số lượng": the row as the entry page places it, and the column's title.
    public static func cellLabel(row: String, column: String, form: FormDefinition?) -> String {
        guard let form else { return "\(row) — \(column)" }
        let title = form.entryColumns.first { $0.key == column }?.title ?? column
        return "\(form.rowPlace(row)) — \(title)"
    }

    /// A stored cell value in the app's formats: "1257" → "1.257", "98.5" → "98,5", empty → "(trống)"; text stays.
    public static func value(_ stored: String?) -> String {
        guard let stored, !stored.isEmpty else { return "(trống)" }
        let isNumber = stored.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
            && stored.filter { $0 == "." }.count <= 1 && stored.contains(where: \.isNumber)
        guard isNumber, let number = Double(stored) else { return stored }
        if let whole = Int(stored) { return VietnameseNumberFormat.integer(whole) }
        let digits = min(6, stored.split(separator: ".").last.map(\.count) ?? 0)
        return VietnameseNumberFormat.decimal(number, fractionDigits: digits)
    }

    /// Cells in the order the form prints them: row, then entry column.
    static func order(_ cell: AuditContext.CellChange, form: FormDefinition?) -> Int {
        guard let form else { return 0 }
        let row = form.rows.firstIndex { $0.key == cell.row } ?? form.rows.count
        return row * 1_000 + (form.entryColumns.firstIndex { $0.key == cell.column } ?? 999)
    }
}
