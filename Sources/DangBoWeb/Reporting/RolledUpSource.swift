import DangBoCore
import DangBoStorage
import Foundation

/// A `ReportValueSource` over the database: every period the table needs is rolled up once, up front.
struct RolledUpSource: ReportValueSource {
    let values: [Period: RolledUpValues]

    static func load(form: FormDefinition, root: UUID, span: Period, terms: TermCalendar, statuses: Set<EntryStatus>,
                     rollUp: ReportRollUp) async throws -> RolledUpSource {
        let stockRows = Set(form.rows.filter { $0.aggregate == .last }.map(\.key))
        let periods = TableRenderer(form: form, terms: terms).requiredPeriods(span: span)
        let values = try await rollUp.values(layout: form, root: root, periods: periods, statuses: statuses,
                                             stockRows: stockRows, reporters: form.reporters)
        return RolledUpSource(values: values)
    }

    func number(row: String, column: String, period: Period) -> Double? {
        values[period]?.numbers["\(row):\(column)"]
    }

    func text(row: String, column: String, period: Period) -> String? {
        values[period]?.texts["\(row):\(column)"]
    }

    var entryCount: Int { values.values.reduce(0) { $0 + $1.entryCount } }
}
