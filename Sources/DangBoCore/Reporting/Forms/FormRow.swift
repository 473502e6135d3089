import Foundation

/// What a row holds.
public enum RowKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// A reporter types its entry cells.
    case data
    /// A title line without values.
    case heading
    /// Computed column by column from other rows (`formula`).
    case computed
}

/// How a row's entered values combine over time.
public enum RowAggregate: String, Codable, Sendable, CaseIterable, Hashable {
    /// Flows ("inspected in the period"): the values of the entry periods add up.
    case sum
    /// Stocks ("members at the end of the period"): the value of the latest entry period counts.
    case last
}

/// A row of a form, top to bottom as printed.
public struct FormRow: Codable, Sendable, Hashable {
    public var key: String
    /// The printed numbering exactly: "I-", "1", "a", "a.1", "-", "".
    public var number: String
    public var label: String
    public var kind: RowKind
    /// For computed rows: an expression over row keys, applied column by column ("r2+r3", "sum(r2, r3)").
    public var formula: String?
    public var aggregate: RowAggregate
    public var indent: Int
    /// Per-row overrides of entry column types, e.g. `["n": .text]`.
    public var entryTypes: [String: CellType]
    /// The row's unit when the table prints one per row (PL 9's "ĐVT" column: "Văn bản", "Vụ/bị can").
    public var unit: String?
    /// The data element the row's cells report (docs/forms.md "Data elements"); `elements` names one per entry
    /// column instead; `options` are the disaggregation options the row adds to its entry column's.
    public var element: String?
    public var elements: [String: String]
    public var options: [String: String]

    public init(key: String, number: String, label: String, kind: RowKind = .data, formula: String? = nil,
                aggregate: RowAggregate = .sum, indent: Int = 0, entryTypes: [String: CellType] = [:],
                unit: String? = nil, element: String? = nil, elements: [String: String] = [:],
                options: [String: String] = [:]) {
        self.element = element
        self.elements = elements
        self.options = options
        self.key = key
        self.number = number
        self.label = label
        self.kind = kind
        self.formula = formula
        self.aggregate = aggregate
        self.indent = indent
        self.entryTypes = entryTypes
        self.unit = unit
    }

    private enum CodingKeys: String, CodingKey {
        case key, number, label, kind, formula, aggregate, indent, entryTypes, unit, element, elements, options
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        number = try container.decodeIfPresent(String.self, forKey: .number) ?? ""
        label = try container.decode(String.self, forKey: .label)
        kind = try container.decodeIfPresent(RowKind.self, forKey: .kind) ?? .data
        formula = try container.decodeIfPresent(String.self, forKey: .formula)
        aggregate = try container.decodeIfPresent(RowAggregate.self, forKey: .aggregate) ?? .sum
        indent = try container.decodeIfPresent(Int.self, forKey: .indent) ?? 0
        entryTypes = try container.decodeIfPresent([String: CellType].self, forKey: .entryTypes) ?? [:]
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
        element = try container.decodeIfPresent(String.self, forKey: .element)
        elements = try container.decodeIfPresent([String: String].self, forKey: .elements) ?? [:]
        options = try container.decodeIfPresent([String: String].self, forKey: .options) ?? [:]
    }

    /// True for rows that carry values (data and computed rows).
    public var hasValues: Bool { kind != .heading }
}
