import Foundation

/// Entered values of one form kept in memory, rolled up the way reports roll them up: over organizations by
/// summing, over time by each row's aggregate rule (`sum` adds the entry periods inside the asked period; `last`
/// takes, per organization, the latest entry period inside it). The reference implementation of
/// `ReportValueSource` for tests and small callers; storage does the same in SQL.
public struct EnteredValues: ReportValueSource, Sendable, Hashable {
    public let form: FormDefinition
    /// organization → entry period → values.
    private var sheets: [String: [Period: [CellKey: CellValue]]] = [:]

    public init(form: FormDefinition) {
        self.form = form
    }

    /// Records (replacing) what `organization` entered for `period`.
    public mutating func record(organization: String, period: Period, values: [CellKey: CellValue]) {
        sheets[organization, default: [:]][period] = values
    }

    public mutating func record(_ sheet: EntrySheet, organization: String) {
        record(organization: organization, period: sheet.period, values: sheet.values)
    }

    public func number(row: String, column: String, period: Period) -> Double? {
        let cell = CellKey(row: row, column: column)
        let aggregate = form.row(row)?.aggregate ?? .sum
        var total: Double?
        for organization in sheets.keys.sorted() {
            let entries = entries(of: organization, inside: period).compactMap { entry -> (Period, Double)? in
                entry.values[cell]?.number.map { (entry.period, $0) }
            }
            guard !entries.isEmpty else { continue }
            let value = aggregate == .sum ? entries.map(\.1).reduce(0, +) : entries.max { $0.0 < $1.0 }!.1
            total = (total ?? 0) + value
        }
        return total
    }

    /// The latest text of each organization inside `period`; distinct texts joined with "; ".
    public func text(row: String, column: String, period: Period) -> String? {
        let cell = CellKey(row: row, column: column)
        var texts: [String] = []
        for organization in sheets.keys.sorted() {
            let latest = entries(of: organization, inside: period)
                .compactMap { entry in entry.values[cell]?.text.map { (entry.period, $0) } }
                .max { $0.0 < $1.0 }
            if let text = latest?.1, !text.isEmpty, !texts.contains(text) { texts.append(text) }
        }
        return texts.isEmpty ? nil : texts.joined(separator: "; ")
    }

    private func entries(of organization: String, inside period: Period) -> [(period: Period, values: [CellKey: CellValue])] {
        (sheets[organization] ?? [:]).filter { period.contains($0.key) }.map { ($0.key, $0.value) }
    }
}
