import Foundation

/// A table printed from records instead of reports (docs/forms.md "Printed from records"): every cell whose typed
/// element has a bound counterpart (`DataElement.counterpart`) reads the counterpart instead, so PL 8.1 fills itself
/// from the inspection, denunciation, appeal and discipline registries for any organization and period, with the
/// same layout, the same titles and the same computed columns. Cells without a counterpart keep their element.
extension FormDefinition {
    /// Whether any cell of the form has a bound counterpart (the table page then offers the choice).
    public func hasCounterparts(catalog: DataElementCatalog) -> Bool {
        dataCells.contains { catalog.element(valueKey($0).element)?.counterpart != nil }
    }

    /// The registries the form's bound cells count in, in `BoundSource.all`'s order: what a page printed from records
    /// names as its source.
    public func boundSources(catalog: DataElementCatalog) -> [BoundSource] {
        let codes = Set(dataCells.compactMap { catalog.element(valueKey($0).element)?.binding?.source })
        return BoundSource.all.filter { codes.contains($0.code) }
    }

    /// The same layout with each counterpart in place of its typed element, the counterparts' cells marked bound;
    /// nil when the form has no counterpart. The result is validated like any form (a counterpart has the typed
    /// element's type and categories: `DataElementCatalog` checks that when it loads).
    public func printedFromRecords(catalog: DataElementCatalog) -> FormDefinition? {
        guard hasCounterparts(catalog: catalog) else { return nil }
        func swapped(_ code: String?) -> String? {
            guard let code else { return nil }
            return catalog.element(code)?.counterpart ?? code
        }
        var content = self.content
        content.rows = content.rows.map { row in
            var row = row
            row.element = swapped(row.element)
            row.elements = row.elements.mapValues { swapped($0) ?? $0 }
            return row
        }
        content.entryColumns = content.entryColumns.map { column in
            var column = column
            column.element = swapped(column.element)
            return column
        }
        content.boundCells = []
        guard let rebuilt = FormDefinition.build(content, entryColumnsGiven: true).form else { return nil }
        return rebuilt.addingCategoryRules(catalog: catalog).form
    }
}
