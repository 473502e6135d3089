import Foundation

/// A leaf column of the printed table: either an expression over entry columns taken over a period relative to the
/// report span (`expr` + `period`), or a formula over other printed columns (`formula`).
/// In a validated `FormDefinition`, every column without `formula` has an `expr` (its own key for grid forms).
public struct PrintedColumn: Codable, Sendable, Hashable {
    public var key: String
    /// Header text; may use `{year}`, `{startMonth}`, `{endMonth}`, `{startYear}`, `{endYear}`, `{label}` of the
    /// column's period (see `Period.filling(template:)`).
    public var title: String
    /// The numbering row's text exactly as printed: "1", "6=2+3+4+5", "7=6/1*100".
    public var number: String
    public var type: CellType
    public var expr: String?
    public var period: RelativePeriod?
    public var formula: String?
    public var decimals: Int?
    /// For grid forms (no `entryColumns`): the element and options of the entry column derived from this column.
    public var element: String?
    public var options: [String: String]

    public init(key: String, title: String, number: String, type: CellType, expr: String? = nil,
                period: RelativePeriod? = nil, formula: String? = nil, decimals: Int? = nil,
                element: String? = nil, options: [String: String] = [:]) {
        self.element = element
        self.options = options
        self.key = key
        self.title = title
        self.number = number
        self.type = type
        self.expr = expr
        self.period = period
        self.formula = formula
        self.decimals = decimals
    }

    public var isFormula: Bool { formula != nil }

    private enum CodingKeys: String, CodingKey { case key, title, number, type, expr, period, formula, decimals, element, options }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        number = try container.decode(String.self, forKey: .number)
        type = try container.decode(CellType.self, forKey: .type)
        expr = try container.decodeIfPresent(String.self, forKey: .expr)
        period = try container.decodeIfPresent(RelativePeriod.self, forKey: .period)
        formula = try container.decodeIfPresent(String.self, forKey: .formula)
        decimals = try container.decodeIfPresent(Int.self, forKey: .decimals)
        element = try container.decodeIfPresent(String.self, forKey: .element)
        options = try container.decodeIfPresent([String: String].self, forKey: .options) ?? [:]
    }

    /// Digits after the comma when printed.
    public var effectiveDecimals: Int { decimals ?? type.defaultDecimals }
}
