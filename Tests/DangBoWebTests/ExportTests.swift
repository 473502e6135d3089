import DangBoCore
import DangBoDocuments
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Vapor
import XCTVapor

/// The official-layout exports, read back by independent tools: LibreOffice converts our XLSX to CSV and the values
/// must match; Python's zipfile shows the layout parts (merged headers, repeated header rows, landscape A4, font).
final class ExportTests: XCTestCase {
    func loadTable(_ test: TestApp) async throws -> (Data, RenderedTable) {
        let period = Period.quarter(1, of: 2023)!
        let office = test.fixture.actor(.blocOffice, scope: test.fixture.root)
        let clerk = test.fixture.actor(.grassrootsSecretary, scope: test.fixture.root)
        let store = ReportStore(database: test.app.db, forms: test.app.forms)
        for (org, total, violations) in [(test.fixture.cellA1, 1200.0, 3.0), (test.fixture.cellB, 57.0, 1.0)] {
            let entry = try await store.save(form: "KT1", organization: org.id, period: period.slot,
                                             cells: [StoredCell(row: "total", column: "n", number: total), StoredCell(row: "violations", column: "n", number: violations)],
                                             version: 0, submit: true, comment: nil, by: clerk)
            try await store.review(entry.id, version: entry.version, to: .approved, comment: nil, by: office)
        }
        let data = try await ReportExport.run(app: test.app, formCode: "KT1", orgCode: "DUK", spanText: "2023-Q1", format: "xlsx", includeSubmitted: false)
        let form = try XCTUnwrap(test.app.forms.form(code: "KT1"))
        let source = try await RolledUpSource.load(form: form, root: test.fixture.root.id, span: period, terms: test.app.terms, statuses: [.approved], rollUp: ReportRollUp(database: test.app.db, forms: test.app.forms))
        return (data, test.app.renderer(form).render(span: period, values: source))
    }

    func testLibreOfficeReadsTheXLSXBackWithTheSameValues() async throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            if ProcessInfo.processInfo.environment["DANGBO_REQUIRE_SOFFICE"] == "1" {
                XCTFail("LibreOffice (soffice) is required here; ./scripts/test installs libreoffice-calc-nogui")
                return
            }
            throw XCTSkip("LibreOffice is not installed; ./scripts/test installs it and runs this test")
        }
        try await TestApp.with { test in
            let (data, table) = try await loadTable(test)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("KT1.xlsx")
            try data.write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = ["-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--convert-to",
                                 "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", directory.path, file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let csvFile = directory.appendingPathComponent("KT1.csv")
            // soffice exits 0 even when it fails: the output file is the proof.
            let csv = try XCTUnwrap(FileManager.default.contents(atPath: csvFile.path), "LibreOffice produced no CSV")
            let rows = try CSVReader.readRows(from: csv)
            XCTAssertTrue(rows.contains { $0.first?.contains("KẾT QUẢ KIỂM TRA (BIỂU THỬ)") ?? false }, "\(rows.prefix(3))")
            XCTAssertTrue(rows.contains { $0.prefix(2) == ["A", "B"] && $0.contains("3=2/1*100") }, "numbering row")
            for row in table.rows where row.kind != .heading {
                let line = try XCTUnwrap(rows.first { $0.count > 1 && $0[1].trimmingCharacters(in: .whitespaces) == row.label }, "row \(row.label)")
                for (offset, cell) in row.cells.enumerated() {
                    let printed = line.count > 2 + offset ? line[2 + offset] : ""
                    if let value = cell.value {
                        let read = Double(printed.replacingOccurrences(of: ",", with: ""))
                        XCTAssertEqual(try XCTUnwrap(read, "\(row.key):\(cell.column) printed \"\(printed)\""), value, accuracy: 0.05,
                                       "\(row.key):\(cell.column)")
                    } else {
                        XCTAssertEqual(printed, "", "\(row.key):\(cell.column)")
                    }
                }
            }
            XCTAssertEqual(table.cell(row: "total", column: "c2")?.value, 1257)
        }
    }

    func testXLSXLayoutHasMergedHeadersRepeatedRowsLandscapeAndTimesNewRoman() async throws {
        try await TestApp.with { test in
            let (data, _) = try await loadTable(test)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString).xlsx")
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let process = Process()
            let pipe = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml')))", file.path]
            process.standardOutput = pipe
            try process.run()
            let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            XCTAssertTrue(xml.contains("<mergeCell ref="), "merged title and headers")
            XCTAssertTrue(xml.contains("_xlnm.Print_Titles"), "header rows repeated on each page")
            XCTAssertTrue(xml.contains(#"orientation="landscape""#))
            XCTAssertTrue(xml.contains(#"paperSize="9""#), "A4")
            XCTAssertTrue(xml.contains("Times New Roman"))
            XCTAssertTrue(xml.contains("3=2/1*100"))
        }
    }

    func testCSVAndPrintPageCarryTheSameTable() async throws {
        try await TestApp.with { test in
            _ = try await loadTable(test)
            let session = try await test.session("office")
            let query = "?org=\(test.fixture.root.id.uuidString)&span=2023-Q1"
            let csv = try await test.app.sendRequest(.GET, "/reports/KT1/table.csv" + query, headers: session.headers)
            XCTAssertEqual(csv.status, .ok)
            let rows = try CSVReader.readRows(from: Data(buffer: csv.body))
            XCTAssertTrue(rows.contains { $0.count > 3 && $0[1] == "Tổng số đảng viên được kiểm tra" && $0[3] == "1.257" }, "\(rows)")
            let print = try await test.app.sendRequest(.GET, "/reports/KT1/table" + query + "&print=1", headers: session.headers)
            XCTAssertEqual(print.status, .ok)
            XCTAssertTrue(print.body.string.contains("print.css"))
            XCTAssertTrue(print.body.string.contains("1.257"))
            XCTAssertTrue(print.body.string.contains(#"colspan="1" rowspan="1""#))
        }
    }
}
