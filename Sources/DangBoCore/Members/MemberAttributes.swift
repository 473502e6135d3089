import Foundation

/// The attribute vocabularies the appendices count members by. Each has an English identifier (stored)
/// and a Vietnamese label (shown, and accepted on import).
public protocol LabeledValue: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {
    var label: String { get }
}

extension LabeledValue {
    /// Accepts the identifier or the Vietnamese label, ignoring case and diacritics ("Trung cap" → intermediate).
    public init?(lenient text: String) {
        let folded = VietnameseText.folded(text)
        guard let match = Self.allCases.first(where: {
            $0.rawValue.lowercased() == folded || VietnameseText.folded($0.label) == folded
        }) else { return nil }
        self = match
    }

    public static var labelList: String { allCases.map { "“\($0.label)”" }.joined(separator: "; ") }
}

public enum Gender: String, LabeledValue {
    case male, female
    public var label: String { self == .male ? "Nam" : "Nữ" }
}

public enum EducationLevel: String, LabeledValue {
    case secondary, vocational, college, university, postgraduate
    public var label: String {
        switch self {
        case .secondary: return "Trung học phổ thông"
        case .vocational: return "Trung cấp"
        case .college: return "Cao đẳng"
        case .university: return "Đại học"
        case .postgraduate: return "Trên đại học"
        }
    }
}

public enum PoliticalTheoryLevel: String, LabeledValue {
    case none, elementary, intermediate, advanced
    public var label: String {
        switch self {
        case .none: return "Chưa qua đào tạo"
        case .elementary: return "Sơ cấp"
        case .intermediate: return "Trung cấp"
        case .advanced: return "Cao cấp, cử nhân"
        }
    }
    /// The indicator of the seed: share of members at intermediate or above.
    public var isIntermediateOrAbove: Bool { self == .intermediate || self == .advanced }
}

public enum MemberStatus: String, LabeledValue {
    case active, suspended, transferredOut, expelled, deceased
    public var label: String {
        switch self {
        case .active: return "Đang sinh hoạt"
        case .suspended: return "Đình chỉ sinh hoạt"
        case .transferredOut: return "Đã chuyển đi"
        case .expelled: return "Khai trừ"
        case .deceased: return "Từ trần"
        }
    }
    /// Counted on the registry (the denominator of most of the seed's percentages).
    public var isOnRegistry: Bool { self == .active || self == .suspended }
}

public enum Position: String, LabeledValue {
    case secretary, deputySecretary, standingCommitteeMember, committeeMember, inspectionCommissionMember
    public var label: String {
        switch self {
        case .secretary: return "Bí thư"
        case .deputySecretary: return "Phó bí thư"
        case .standingCommitteeMember: return "Ủy viên Ban Thường vụ"
        case .committeeMember: return "Cấp ủy viên"
        case .inspectionCommissionMember: return "Ủy viên Ủy ban Kiểm tra"
        }
    }
}
