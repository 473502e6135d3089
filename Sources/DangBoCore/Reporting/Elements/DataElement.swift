import Foundation

/// How an element's values combine over time (DESIGN.md §2): flows add up, stocks take the value at the end of
/// the period, ratios are never summed (they are computed from summed numerators and denominators).
public enum ElementAggregation: String, Codable, Sendable, CaseIterable, Hashable, LabeledValue {
    case sum
    case last
    case none

    public var label: String {
        switch self {
        case .sum: return "cộng dồn theo thời gian"
        case .last: return "lấy số cuối kỳ"
        case .none: return "không cộng (tỷ lệ)"
        }
    }
}

/// How the options of a disaggregation relate to the total: a `partition` splits it (age bands: the options add
/// up to the total), a `subset` picks parts of it ("trong đó: nữ": each option is at most the total).
public enum CategoryKind: String, Codable, Sendable, CaseIterable, Hashable, LabeledValue {
    case partition
    case subset

    public var label: String { self == .partition ? "chia hết tổng số" : "trong đó" }
}

public struct CategoryOption: Codable, Sendable, Hashable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A disaggregation (DHIS2's category): sex, ethnic minority, age band, political-theory level, position ...
public struct DisaggregationCategory: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: CategoryKind
    public var options: [CategoryOption]

    public init(code: String, name: String, kind: CategoryKind, options: [CategoryOption]) {
        self.code = code
        self.name = name
        self.kind = kind
        self.options = options
    }

    public func option(_ code: String) -> CategoryOption? { options.first { $0.code == code } }

    private enum CodingKeys: String, CodingKey { case code, name, kind, options }

    /// `kind` defaults to `subset` ("trong đó").
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decodeIfPresent(CategoryKind.self, forKey: .kind) ?? .subset
        options = try container.decode([CategoryOption].self, forKey: .options)
    }
}

/// What is counted, defined once (docs/forms.md "Data elements"): "đảng viên được kiểm tra", "cán bộ đưa vào quy
/// hoạch cấp huyện". Entry forms and printed tables refer to elements; a stored value is keyed by
/// (element, disaggregation options, organization, period), so two tables that print an element print one number.
public struct DataElement: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var type: CellType
    public var aggregation: ElementAggregation
    /// The disaggregations a value of this element may carry (codes of categories).
    public var categories: [String]
    /// Set for an element computed from records; nil for one an organization types.
    public var binding: ElementBinding?
    /// For a typed element: the bound element whose number it should equal (typed "members who must study" against
    /// the registry's members at period end). Tables show where the two disagree; neither overrides the other.
    public var counterpart: String?

    public init(code: String, name: String, type: CellType, aggregation: ElementAggregation, categories: [String] = [],
                binding: ElementBinding? = nil, counterpart: String? = nil) {
        self.code = code
        self.name = name
        self.type = type
        self.aggregation = aggregation
        self.categories = categories
        self.binding = binding
        self.counterpart = counterpart
    }

    public var isBound: Bool { binding != nil }

    private enum CodingKeys: String, CodingKey { case code, name, type, aggregation, categories, binding, counterpart }

    /// `aggregation` defaults to `sum` (`none` for percentages), `categories` to none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(CellType.self, forKey: .type)
        aggregation = try container.decodeIfPresent(ElementAggregation.self, forKey: .aggregation) ?? (type == .percent ? .none : .sum)
        categories = try container.decodeIfPresent([String].self, forKey: .categories) ?? []
        binding = try container.decodeIfPresent(ElementBinding.self, forKey: .binding)
        counterpart = try container.decodeIfPresent(String.self, forKey: .counterpart)
    }
}

/// The key of a stored value, without organization and period: an element and one option of some of its
/// categories (none: the element's total).
public struct ValueKey: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var element: String
    public var options: [String: String]

    public init(element: String, options: [String: String] = [:]) {
        self.element = element
        self.options = options
    }

    /// "age=a40;position=bithu": categories in code order; "" for the total. Stored as is.
    public var optionsKey: String {
        options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// Reads `optionsKey` back; nil for a malformed key.
    public init?(element: String, optionsKey: String) {
        var options: [String: String] = [:]
        for part in optionsKey.split(separator: ";") {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else { return nil }
            options[String(pair[0])] = String(pair[1])
        }
        self.init(element: element, options: options)
    }

    /// The same key without `category` (the total a disaggregated value belongs to).
    public func removing(_ category: String) -> ValueKey {
        var options = self.options
        options[category] = nil
        return ValueKey(element: element, options: options)
    }

    public var description: String { optionsKey.isEmpty ? element : "\(element)[\(optionsKey)]" }

    public static func < (lhs: ValueKey, rhs: ValueKey) -> Bool {
        (lhs.element, lhs.optionsKey) < (rhs.element, rhs.optionsKey)
    }
}
