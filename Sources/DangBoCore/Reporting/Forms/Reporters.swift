import Foundation

/// Who must report a form: organizations of these levels and, when `unitKinds` is not empty, of these unit kinds.
public struct Reporters: Codable, Sendable, Hashable {
    public var levels: [OrganizationLevel]
    /// Empty means every kind (and organizations without a kind).
    public var unitKinds: [UnitKind]

    public init(levels: [OrganizationLevel], unitKinds: [UnitKind] = []) {
        self.levels = levels
        self.unitKinds = unitKinds
    }

    public func includes(level: OrganizationLevel, unitKind: UnitKind?) -> Bool {
        guard levels.contains(level) else { return false }
        guard !unitKinds.isEmpty else { return true }
        return unitKind.map { unitKinds.contains($0) } ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case levels, unitKinds
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        levels = try container.decode([OrganizationLevel].self, forKey: .levels)
        unitKinds = try container.decodeIfPresent([UnitKind].self, forKey: .unitKinds) ?? []
    }
}
