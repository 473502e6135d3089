import DangBoCore
import DangBoDocuments
import Foundation

/// The XLSX an organization downloads to fill in offline, and reading it back. Cell A2 names the form, period and
/// organization so a file cannot be uploaded to the wrong report; problems are reported with Excel cell names.
enum OfflineEntryFile {
    static let headerRow = 4          // 1-based
    static let firstDataRow = 5
    static let firstValueColumn = 3   // 0-based: A = row key, B = TT, C = label, D... = entry columns

    /// Cell A2: form, period, organization and the version of the entry the file was made from ("v0" before the
    /// first save), so an upload based on an older version is refused instead of overwriting later saves.
    static func marker(form: FormDefinition, period: Period, organizationID: UUID, version: Int) -> String {
        "DangBo|\(form.code)|\(period.code)|\(organizationID.uuidString)|v\(version)"
    }

    static func make(form: FormDefinition, period: Period, organization: Organization, inputs: [CellKey: String],
                     version: Int) throws -> Data {
        let width = firstValueColumn + form.entryColumns.count
        var sheet = XLSXSheet(name: form.code, pageSetup: .init(orientation: .landscape, fitToWidth: true))
        sheet.columnWidths = [10, 6, 50] + form.entryColumns.map { _ in 16 }
        sheet.appendRow([.text("\(form.appendix): \(form.title)", style: .title)] + Array(repeating: .empty, count: width - 1))
        sheet.merge(fromRow: 0, fromColumn: 0, toRow: 0, toColumn: width - 1)
        sheet.appendRow([.text(marker(form: form, period: period, organizationID: organization.id, version: version), style: XLSXStyle(fontSize: 8, fontColor: "808080"))])
        sheet.appendRow([.text("Đơn vị: \(organization.name) — Kỳ: \(period.label) — Hạn nộp: \(form.dueDate(for: period).vietnamese). "
                               + "Chỉ nhập vào các ô trắng; không sửa cột A và dòng 2.", style: XLSXStyle(italic: true))])
        sheet.appendRow([.text("Mã dòng", style: .tableHeader), .text("TT", style: .tableHeader), .text("Nội dung", style: .tableHeader)]
                        + form.entryColumns.map { .text($0.title, style: .tableHeader) }, height: 32)
        for row in form.rows {
            let heading = row.kind != .data
            var cells: [XLSXCell] = [.text(row.key, style: XLSXStyle(fontSize: 8, border: .thin)),
                                     .text(row.number, style: XLSXStyle(horizontal: .center, border: .thin)),
                                     .text(String(repeating: "  ", count: row.indent) + row.label, style: XLSXStyle(bold: heading, wrapText: true, border: .thin))]
            for column in form.entryColumns {
                let key = CellKey(row: row.key, column: column.key)
                let greyed = heading || form.isEntryCellGreyed(row: row.key, entryColumn: column.key)
                let style = XLSXStyle(horizontal: column.type.isNumeric ? .right : .left, border: .thin, fill: greyed ? .gray : .none)
                let text = greyed ? "" : (inputs[key] ?? "")
                if let number = CellValue.parse(loose: text, type: form.entryType(row: row.key, column: column.key) ?? column.type)?.number {
                    cells.append(.number(number, style: style))
                } else {
                    cells.append(text.isEmpty ? .empty(style: style) : .text(text, style: style))
                }
            }
            sheet.appendRow(cells)
        }
        sheet.headerRows = headerRow ... headerRow
        sheet.freezePane = .init(rows: headerRow, columns: firstValueColumn)
        return try XLSXWriter.make(sheets: [sheet], title: form.title)
    }

    /// What an uploaded file holds: the version of the entry it was made from and the typed text of each entry cell.
    struct Contents {
        var version: Int
        var inputs: [CellKey: String]
    }

    /// The version and cells of an uploaded file, or the problems that stop reading it (Excel cell names).
    static func read(_ data: Data, form: FormDefinition, period: Period, organizationID: UUID) throws -> Contents {
        let rows: [[String]]
        do {
            rows = try XLSXReader.readRows(from: data)
        } catch {
            throw DomainError.invalid([.init(field: "file", message: error.message)])
        }
        let found = rows.count > 1 ? (rows[1].first ?? "") : ""
        let expected = marker(form: form, period: period, organizationID: organizationID, version: 0).dropLast(2)
        guard found.hasPrefix("DangBo|") else {
            throw DomainError.invalid([.init(field: "A2", message: "Ô A2: không phải tệp mẫu DangBo; hãy tải mẫu Excel từ trang nhập số liệu")])
        }
        guard found.hasPrefix(expected) else {
            throw DomainError.invalid([.init(field: "A2", message: "Ô A2: tệp mẫu này của biểu/kỳ/đơn vị khác (\(found.prefix(120))); hãy tải đúng mẫu của \(form.code) kỳ \(period.label)")])
        }
        let versionText = found.dropFirst(expected.count)
        guard versionText.hasPrefix("v"), let version = Int(versionText.dropFirst()), version >= 0 else {
            throw DomainError.invalid([.init(field: "A2", message: "Ô A2: tệp mẫu cũ không ghi phiên bản số liệu; hãy tải lại mẫu Excel từ trang nhập số liệu rồi điền lại")])
        }
        let rowKeys = Set(form.rows.map(\.key))
        var inputs: [CellKey: String] = [:]
        var problems: [FieldProblem] = []
        for (index, cells) in rows.enumerated() where index + 1 >= firstDataRow {
            guard let key = cells.first?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { continue }
            guard rowKeys.contains(key) else {
                problems.append(.init(field: "A\(index + 1)", message: "Ô A\(index + 1): mã dòng \"\(key.prefix(20))\" không có trong biểu \(form.code)"))
                continue
            }
            for (offset, column) in form.entryColumns.enumerated() {
                let position = firstValueColumn + offset
                let text = position < cells.count ? cells[position].trimmingCharacters(in: .whitespaces) : ""
                let cell = CellKey(row: key, column: column.key)
                if form.entryCells.contains(cell) {
                    inputs[cell] = text
                } else if !text.isEmpty {
                    problems.append(.init(field: address(row: index + 1, column: position),
                                          message: "Ô \(address(row: index + 1, column: position)): ô này không nhập số liệu"))
                }
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return Contents(version: version, inputs: inputs)
    }

    /// Excel's name of a cell: D14.
    static func address(row: Int, column: Int) -> String {
        MemberImportColumn.letter(forIndex: column) + String(row)
    }

    /// Rewrites problems about cells ("r1a:n") to the Excel cells the user sees ("D14").
    static func locate(_ problems: [FieldProblem], form: FormDefinition) -> [FieldProblem] {
        problems.map { problem in
            guard let cell = CellKey(parsing: problem.field), let rowIndex = form.rows.firstIndex(where: { $0.key == cell.row }),
                  let columnIndex = form.entryColumns.firstIndex(where: { $0.key == cell.column }) else { return problem }
            let name = address(row: firstDataRow + rowIndex, column: firstValueColumn + columnIndex)
            return FieldProblem(field: name, message: "Ô \(name) (\(form.rows[rowIndex].label)): \(problem.message)")
        }
    }
}

extension CellValue {
    /// Parses without throwing (for pre-filling a template with stored values).
    static func parse(loose text: String, type: CellType) -> CellValue? {
        (try? parse(text, type: type)) ?? nil
    }
}
