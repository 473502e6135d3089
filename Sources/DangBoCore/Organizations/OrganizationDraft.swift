import Foundation

/// What a user submits to create or edit an organization; validated before it reaches storage.
public struct OrganizationDraft: Codable, Sendable {
    public var code: String
    public var name: String
    public var level: OrganizationLevel
    public var unitKind: UnitKind?
    public var cluster: String?
    public var parentID: UUID?
    public var openedOn: Day
    public var closedOn: Day?

    public init(code: String, name: String, level: OrganizationLevel, unitKind: UnitKind?, cluster: String?,
                parentID: UUID?, openedOn: Day, closedOn: Day? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.unitKind = unitKind
        self.cluster = cluster
        self.parentID = parentID
        self.openedOn = openedOn
        self.closedOn = closedOn
    }

    /// Field-level checks that need no database.
    public func problems(parentLevel: OrganizationLevel?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let code = self.code.trimmingCharacters(in: .whitespaces)
        if code.isEmpty { problems.append(.init(field: "code", message: "Mã tổ chức không được để trống")) }
        if code.count > 32 { problems.append(.init(field: "code", message: "Mã tổ chức dài quá 32 ký tự")) }
        if !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            problems.append(.init(field: "code", message: "Mã tổ chức chỉ gồm chữ không dấu, số, dấu - _ ."))
        }
        let name = self.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { problems.append(.init(field: "name", message: "Tên tổ chức không được để trống")) }
        if name.count > 200 { problems.append(.init(field: "name", message: "Tên tổ chức dài quá 200 ký tự")) }
        if (cluster ?? "").count > 100 { problems.append(.init(field: "cluster", message: "Tên cụm dài quá 100 ký tự")) }
        if let closedOn, closedOn <= openedOn {
            problems.append(.init(field: "closedOn", message: "Ngày giải thể phải sau ngày thành lập"))
        }
        switch (level, parentLevel) {
        case (let level, nil) where level.mayBeRoot: break
        case (_, nil):
            problems.append(.init(field: "parentID", message: "Phải chọn tổ chức cấp trên"))
        case (.central, .some):
            problems.append(.init(field: "level", message: "Trung ương là gốc của cây, không có cấp trên"))
        case (let level, .some(let parent)):
            if !parent.allowedChildren.contains(level) {
                problems.append(.init(field: "level",
                                      message: "\(parent.label) không thể có \(level.label.lowercased()) trực thuộc"))
            }
        }
        return problems
    }
}
