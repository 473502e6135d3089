import DangBoCore
import XCTest

/// The repository's own definitions (Forms/*.json) against the engine, and the seed's printed tables
/// (Tests/fixtures/seed-tables/) against what the engine renders from the same entered figures.
final class RepositoryFormsTests: XCTestCase {
    private struct SeedValues: Decodable {
        struct Cell: Decodable {
            var row: String
            var column: String
            var printed: String
        }

        var span: String
        var cells: [Cell]
    }

    /// The repository root, found from this file (through the symlink of a scratch package, if any).
    private func repositoryRoot() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Forms").path) else {
            throw XCTSkip("no Forms directory next to the tests")
        }
        return root
    }

    private func catalog() throws -> FormCatalog {
        try FormCatalog.load(directory: repositoryRoot().appendingPathComponent("Forms"))
    }

    /// The configured terms (Forms/terms/terms.json): titles name terms and "the previous term" from them.
    private func terms() throws -> TermCalendar {
        try TermCalendar.load(formsDirectory: repositoryRoot().appendingPathComponent("Forms"))
    }

    /// Seed titles that contradict their own column (Tests/fixtures/seed-tables/PL8.1.values.json "notes"): the
    /// form prints the title that matches the figures, rendered from the span.
    private let titleSlips: [String: String] = [
        "Cộng kết quả thực hiện từ 01/2021 đến tháng 3/2023": "Cộng kết quả thực hiện từ 07/2020 đến tháng 3/2023",
    ]

    /// A figure as the seed prints it: "1,257" (thousands), "98,86%" and "1,5" (decimal comma).
    private func seedNumber(_ text: String) -> Double? {
        var body = text.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
        if body.range(of: #"^\d{1,3}(,\d{3})+$"#, options: .regularExpression) != nil {
            body = body.replacingOccurrences(of: ",", with: "")
        } else {
            body = body.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        }
        return Double(body)
    }

    func testEveryRepositoryFormLoads() throws {
        let root = try repositoryRoot()
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Forms").path)
            .filter { $0.hasSuffix(".json") }
        let catalog = try catalog()
        XCTAssertEqual(catalog.forms.count, files.count)
        XCTAssertNotNil(catalog.form(code: "PL8.1"))
    }

    func testSeedTablesAreReproducedFromTheirEnteredFigures() throws {
        let root = try repositoryRoot()
        // Documented slips of the seed (Tests/fixtures/seed-tables/PL8.1.values.json "notes"): the parts add up to 20.
        let slips: Set<String> = ["PL8.1 d2a:c6", "PL8.1 d2b:c6"]
        var compared = 0
        for form in try catalog().forms {
            let url = root.appendingPathComponent("Tests/fixtures/seed-tables/\(form.code).values.json")
            guard let data = try? Data(contentsOf: url) else { continue }
            let seed = try JSONDecoder().decode(SeedValues.self, from: data)
            let span = try XCTUnwrap(Period(code: seed.span), form.code)
            let renderer = TableRenderer(form: form, terms: try terms())
            let periods = renderer.columnPeriods(span: span)
            var source = FakeValues()
            var entered: Set<String> = []
            for cell in seed.cells {
                guard form.row(cell.row)?.kind == .data, let period = periods[cell.column],
                      let entry = form.expression(ofColumn: cell.column)?.referenceName else { continue }
                entered.insert("\(cell.row):\(cell.column)")
                if form.entryType(row: cell.row, column: entry)?.isNumeric == false {
                    source.texts["\(cell.row)|\(entry)|\(period.code)"] = cell.printed
                } else if let number = seedNumber(cell.printed) {
                    source.set(cell.row, entry, period, number)
                }
            }
            let table = renderer.render(span: span, values: source)
            for cell in seed.cells {
                let place = "\(form.code) \(cell.row):\(cell.column)"
                let rendered = try XCTUnwrap(table.cell(row: cell.row, column: cell.column), place)
                let derivable = entered.contains("\(cell.row):\(cell.column)") || form.row(cell.row)?.kind == .computed
                    || form.formula(ofColumn: cell.column) != nil
                // A ratio of a data row needs its numerator and denominator, which the seed does not print.
                guard derivable, !slips.contains(place) else { continue }
                compared += 1
                guard let expected = seedNumber(cell.printed) else {
                    XCTAssertEqual(rendered.text, cell.printed, place)
                    continue
                }
                // The seed prints zero in column 6 where columns 2-5 are blank; an all-empty sum stays empty here.
                if expected == 0, rendered.value == nil { continue }
                let decimals = form.column(cell.column)?.effectiveDecimals ?? 0
                XCTAssertEqual(rendered.value ?? .nan, expected, accuracy: max(0.006, pow(10, -Double(decimals)) / 2),
                               "\(place): \(rendered.explanation)")
            }
        }
        XCTAssertGreaterThan(compared, 300)
    }

    func testRenderedHeadersAreTheSeedsHeaders() throws {
        let root = try repositoryRoot()
        // Columns the forms add to the seed's tables (documented in the fixtures' notes).
        let added: Set<String> = ["Cùng kỳ nhiệm kỳ trước", "Số đạt", "Tổng số", "Tỷ lệ (%)"]
        for form in try catalog().forms {
            let labelsURL = root.appendingPathComponent("Tests/fixtures/seed-tables/\(form.code).txt")
            let valuesURL = root.appendingPathComponent("Tests/fixtures/seed-tables/\(form.code).values.json")
            guard let text = try? String(contentsOf: labelsURL, encoding: .utf8), let data = try? Data(contentsOf: valuesURL)
            else { continue }
            let labels = Set(text.split(separator: "\n").map(String.init))
            let span = try XCTUnwrap(Period(code: try JSONDecoder().decode(SeedValues.self, from: data).span))
            let table = TableRenderer(form: form, terms: try terms()).render(span: span, values: FakeValues())
            XCTAssertTrue(labels.contains(table.title), "\(form.code): \(table.title)")
            let printed = labels.union(labels.compactMap { titleSlips[$0] })
            for header in table.headerRows.joined() where !added.contains(header.text) {
                XCTAssertTrue(printed.contains(header.text), "\(form.code): header \"\(header.text)\"")
            }
            XCTAssertEqual(table.numberingRow.count, form.stub.count + form.columns.count)
        }
    }

    /// Every label of every seed table (Tests/fixtures/seed-tables/CODE.txt, copied from the seed report) appears,
    /// exactly, in the table the form renders for the seed's span: title, headers, stub, row labels and units.
    func testEverySeedLabelIsRenderedExactly() throws {
        let root = try repositoryRoot()
        let seedTables: Set<String> = ["PL2.2", "PL7.1", "PL7.2", "PL7.3", "PL7.4", "PL7.5", "PL7.6", "PL7.7", "PL7.8", "PL7.9",
                                       "PL8.1", "PL9", "targets"]
        let forms = try catalog().forms
        XCTAssertEqual(Set(forms.map(\.code)).intersection(seedTables), seedTables)
        for form in forms where seedTables.contains(form.code) {
            let labelsURL = root.appendingPathComponent("Tests/fixtures/seed-tables/\(form.code).txt")
            let valuesURL = root.appendingPathComponent("Tests/fixtures/seed-tables/\(form.code).values.json")
            let text = try XCTUnwrap(try? String(contentsOf: labelsURL, encoding: .utf8), "\(form.code): no seed label fixture")
            let data = try XCTUnwrap(try? Data(contentsOf: valuesURL), "\(form.code): no seed values fixture")
            let span = try XCTUnwrap(Period(code: try JSONDecoder().decode(SeedValues.self, from: data).span))
            let table = TableRenderer(form: form, terms: try terms()).render(span: span, values: FakeValues())
            var rendered: Set<String> = [table.appendix, table.title]
            rendered.formUnion([table.subtitle, table.unit].compactMap { $0 })
            rendered.formUnion(table.headerRows.joined().map(\.text))
            rendered.formUnion(table.rows.map(\.label))
            rendered.formUnion(table.rows.compactMap(\.unit))
            let labels = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            XCTAssertGreaterThan(labels.count, 5, form.code)
            for label in labels {
                let expected = titleSlips[label] ?? label
                XCTAssertTrue(rendered.contains(expected), "\(form.code): the seed's \"\(label)\" is not rendered as \"\(expected)\"")
            }
        }
    }
}
