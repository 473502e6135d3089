import Foundation

/// Where a rendered table takes its entered values from. Synchronous: callers prefetch what
/// `TableRenderer.requiredPeriods(span:)` lists.
public protocol ReportValueSource {
    /// The entered value of a data row's entry column over `period`, already rolled up over organizations and
    /// aggregated over time by the row's aggregate rule (sum or last); nil when nothing was entered.
    func number(row: String, column: String, period: Period) -> Double?

    /// The entered text of a data row's text (or month-year) entry column over `period`; nil when nothing was entered.
    func text(row: String, column: String, period: Period) -> String?
}
