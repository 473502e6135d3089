import DangBoCore
import DangBoStorage
import Vapor

/// What an organization picker posts: the organization's code (typed, or filled in by the suggestion list), or its
/// id (forms of earlier versions, scripts). Resolved against the actor's scope; an unknown or out-of-scope code is a
/// problem on the field, so the form comes back with what was typed.
enum OrganizationReference {
    /// The organization the text names, nil when the text is blank.
    static func resolve(_ text: String?, field: String, store: OrganizationStore, actor: Actor) async throws -> Organization? {
        guard let text = text?.nilIfBlank else { return nil }
        let reference = String(text.prefix(100))
        // An id comes from a script or an older form: unknown or out of scope, it is not found (404), as before.
        if let id = UUID(uuidString: reference) { return try await store.visible(id, to: actor) }
        do {
            return try await store.visible(code: reference, to: actor)
        } catch DomainError.notFound {
            throw DomainError.invalid([.init(field: field, message: "Không có tổ chức mã \"\(reference)\" trong phạm vi được phân quyền; gõ mã tổ chức hoặc một phần tên để chọn")])
        }
    }

    /// The organization a required field names. A blank field (`missing` says what to write) or an unknown code is a
    /// problem on the field, added to `problems`, so the form reports it with the others.
    static func resolve(_ text: String?, field: String, missing: String, store: OrganizationStore, actor: Actor,
                        problems: inout [FieldProblem]) async throws -> Organization? {
        do {
            let found = try await resolve(text, field: field, store: store, actor: actor)
            if found == nil { problems.append(.init(field: field, message: missing)) }
            return found
        } catch DomainError.invalid(let list) {
            problems += list
            return nil
        }
    }

    /// References typed in one field, separated by line breaks, commas, semicolons or spaces; at most `limit` + 1, so a
    /// caller can tell that there were too many.
    static func split(_ text: String?, limit: Int) -> [String] {
        Array((text ?? "").prefix(20_000).split(whereSeparator: { $0.isNewline || $0 == "," || $0 == ";" || $0 == " " || $0 == "\t" })
            .map(String.init).prefix(limit + 1))
    }

    /// Several references in one field (codes separated by line breaks, commas, semicolons or spaces), each resolved;
    /// every unknown one is reported.
    static func resolveList(_ text: String?, field: String, store: OrganizationStore, actor: Actor) async throws -> [Organization] {
        let references = split(text, limit: 500)
        guard references.count <= 500 else {
            throw DomainError.invalid([.init(field: field, message: "Mỗi lần chuyển tối đa 500 tổ chức")])
        }
        var found: [Organization] = []
        var problems: [FieldProblem] = []
        for reference in references {
            do {
                if let organization = try await resolve(reference, field: field, store: store, actor: actor) { found.append(organization) }
            } catch DomainError.invalid(let list) {
                problems += list
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return found
    }

    /// What a picker shows again for a posted value: the code (an id is turned into its code) and the name beside it.
    static func picked(_ text: String?, store: OrganizationStore, actor: Actor) async -> PickedOrganization {
        guard let text = text?.nilIfBlank else { return PickedOrganization(value: "", name: "") }
        guard let organization = try? await resolve(text, field: "", store: store, actor: actor) else {
            return PickedOrganization(value: String(text.prefix(100)), name: "")
        }
        return PickedOrganization(value: organization.code, name: organization.name)
    }
}

/// The value of an organization picker and the name it stands for.
struct PickedOrganization: Encodable {
    var value: String
    var name: String
}

/// One suggestion of `GET /organizations/search`.
struct OrganizationSuggestion: Content {
    var id: UUID
    var code: String
    var name: String
    /// "Chi bộ Văn phòng Sở — Đảng bộ Sở Y tế" for a subordinate cell, else the name.
    var placement: String
    var level: OrganizationLevel
    var levelLabel: String

    init(_ match: OrganizationMatch) {
        id = match.organization.id
        code = match.organization.code
        name = match.organization.name
        placement = match.placement
        level = match.organization.level
        levelLabel = match.organization.level.label
    }
}

/// The `level` parameter of the search: levels by name, separated by commas; empty = any.
enum OrganizationLevelFilter {
    static let cells: Set<OrganizationLevel> = [.grassrootsCell, .subordinateCell]
    static let parents: Set<OrganizationLevel> = Set(OrganizationLevel.allCases.filter { !$0.allowedChildren.isEmpty })

    static func parse(_ text: String?) throws -> Set<OrganizationLevel> {
        var levels: Set<OrganizationLevel> = []
        for part in (text ?? "").prefix(200).split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            switch name {
            case "": continue
            case "cell": levels.formUnion(cells)
            case "parent": levels.formUnion(parents)
            default:
                guard let level = OrganizationLevel(rawValue: name) else {
                    throw DomainError.invalid([.init(field: "level", message: "Cấp tổ chức \"\(name.prefix(40))\" không hợp lệ; dùng: cell, parent, "
                                                     + OrganizationLevel.allCases.map(\.rawValue).joined(separator: ", "))])
                }
                levels.insert(level)
            }
        }
        return levels
    }
}
