import DangBoCore
import Vapor

/// The organization form as posted (all text), turned into a draft with a problem per bad field.
struct OrganizationForm: Content {
    var code: String?
    var name: String?
    var level: String?
    var unitKind: String?
    var cluster: String?
    var parentID: String?
    var openedOn: String?
    var closedOn: String?

    func draft() throws -> OrganizationDraft {
        var problems: [FieldProblem] = []
        let level = OrganizationLevel(rawValue: level ?? "")
        if level == nil { problems.append(.init(field: "level", message: "Chọn cấp tổ chức")) }
        var unit: UnitKind?
        if let text = unitKind, !text.isEmpty {
            unit = UnitKind(rawValue: text)
            if unit == nil { problems.append(.init(field: "unitKind", message: "Loại hình đơn vị không hợp lệ")) }
        }
        var parent: UUID?
        if let text = parentID, !text.isEmpty {
            parent = UUID(uuidString: text)
            if parent == nil { problems.append(.init(field: "parentID", message: "Tổ chức cấp trên không hợp lệ")) }
        }
        let opened = FormDates.required(openedOn, field: "openedOn", label: "Ngày thành lập", problems: &problems)
        let closed = FormDates.optional(closedOn, field: "closedOn", label: "Ngày giải thể", problems: &problems)
        guard problems.isEmpty, let level, let opened else { throw DomainError.invalid(problems) }
        return OrganizationDraft(code: String((code ?? "").prefix(100)), name: String((name ?? "").prefix(300)),
                                 level: level, unitKind: unit, cluster: cluster.map { String($0.prefix(200)) },
                                 parentID: parent, openedOn: opened, closedOn: closed)
    }

    init(code: String? = nil, name: String? = nil, level: String? = nil, unitKind: String? = nil, cluster: String? = nil,
         parentID: String? = nil, openedOn: String? = nil, closedOn: String? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.unitKind = unitKind
        self.cluster = cluster
        self.parentID = parentID
        self.openedOn = openedOn
        self.closedOn = closedOn
    }

    init(_ organization: Organization, parentID: UUID?) {
        self.init(code: organization.code, name: organization.name, level: organization.level.rawValue,
                  unitKind: organization.unitKind?.rawValue, cluster: organization.cluster,
                  parentID: parentID?.uuidString, openedOn: organization.openedOn.vietnamese,
                  closedOn: organization.closedOn?.vietnamese)
    }
}

/// Dates typed in forms: "12/4/2022" (or ISO from a date picker).
enum FormDates {
    static func required(_ text: String?, field: String, label: String, problems: inout [FieldProblem]) -> Day? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            problems.append(.init(field: field, message: "\(label) không được để trống"))
            return nil
        }
        return optional(text, field: field, label: label, problems: &problems)
    }

    static func optional(_ text: String?, field: String, label: String, problems: inout [FieldProblem]) -> Day? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let day = Day(parsing: String(text.prefix(20))) else {
            let example = field == "birthDate" ? "12/4/1985" : "3/2/2010"
            problems.append(.init(field: field, message: "\(label) \"\(text.prefix(20))\" không hợp lệ; ghi theo ngày/tháng/năm, ví dụ \(example)"))
            return nil
        }
        return day
    }
}

/// Select options for the enumerations.
struct Choice: Encodable {
    var value: String
    var label: String
    var isSelected: Bool

    static func list<T: LabeledValue>(_ type: T.Type, selected: String?) -> [Choice] {
        T.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == selected) }
    }
}
