import DangBoCore
import Foundation
import SQLKit

/// A typed cell whose number differs from its bound counterpart (`DataElement.counterpart`): what the organizations
/// reported against what DangBo's own records count, for one period.
public struct BoundDisagreement: Sendable, Equatable {
    public var cell: CellKey
    public var period: Period
    public var typed: Double
    public var bound: Double
    /// The counterpart element's name (what the records count).
    public var boundName: String
}

extension ReportRollUp {
    /// For every entry cell of `form` whose element has a bound counterpart, in each entry period of the form
    /// within `span` (the periods organizations report; a sum of several periods against a stock would compare unlike
    /// things): the rolled-up typed number against the counterpart evaluated for the same subtree and period. Forms
    /// without counterparts cost nothing; the others one roll-up and one statement per source and measure. Cells
    /// nobody typed are not compared.
    public func disagreements(form: FormDefinition, root: UUID, span: Period,
                              statuses: Set<EntryStatus>) async throws -> [BoundDisagreement] {
        var counterparts: [(cell: CellKey, key: ValueKey)] = []
        for cell in form.entryCells {
            let key = form.valueKey(cell)
            guard let code = forms.elements.element(key.element)?.counterpart else { continue }
            counterparts.append((cell, ValueKey(element: code, options: key.options)))
        }
        let compared = form.entryPeriods(in: span)
        guard !counterparts.isEmpty, !compared.isEmpty else { return [] }
        let values = try await self.values(layout: form, root: root, periods: compared, statuses: statuses, reporters: form.reporters)
        let bound = try await BoundValues(sql: sql).values(of: counterparts, catalog: forms.elements, root: root, periods: compared)
        var result: [BoundDisagreement] = []
        for period in compared {
            for (cell, key) in counterparts {
                guard let typed = values[period]?.numbers[cell.description], let counted = bound[period]?[cell],
                      let element = forms.elements.element(key.element) else { continue }
                if abs(typed - counted) > 0.000001 {
                    result.append(BoundDisagreement(cell: cell, period: period, typed: typed, bound: counted, boundName: element.name))
                }
            }
        }
        return result.sorted { ($0.period.start, $0.cell.description) < ($1.period.start, $1.cell.description) }
    }
}
