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

    public init(key: String, title: String, number: String, type: CellType, expr: String? = nil,
                period: RelativePeriod? = nil, formula: String? = nil, decimals: Int? = nil) {
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

    /// Digits after the comma when printed.
    public var effectiveDecimals: Int { decimals ?? type.defaultDecimals }
}
