import Foundation

/// Writes Excel .xlsx workbooks (Office Open XML) that open in Excel and LibreOffice:
/// import templates, exported lists and official report layouts with merged headings,
/// borders, repeated header rows and A4 page setup. Text goes into a shared string table;
/// the font is Times New Roman throughout.
public enum XLSXWriter: Sendable {
    public static func make(sheets: [XLSXSheet], title: String? = nil, creator: String = "DangBo",
                            created: Date = Date()) throws(DocumentError) -> Data {
        guard !sheets.isEmpty else { throw .invalidWorkbook("cần ít nhất một trang tính") }
        let names = uniqueSheetNames(sheets.map(\.name))
        var styles = XLSXStyleTable()
        var strings = SharedStringTable()
        var package = ZipPackageWriter()
        var printTitles: [String] = []
        var hasFormulas = false

        var worksheets: [String] = []
        for (index, original) in sheets.enumerated() {
            var sheet = original
            sheet.name = names[index]
            let writer = XLSXWorksheetWriter(sheet: sheet, isFirst: index == 0)
            worksheets.append(try writer.xml(styles: &styles, strings: &strings))
            if let rows = sheet.headerRows {
                guard rows.lowerBound >= 1, rows.upperBound <= CellReference.maxRows else {
                    throw .invalidWorkbook("trang tính \"\(sheet.name)\": dòng tiêu đề lặp lại \(rows) không hợp lệ")
                }
                let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
                printTitles.append(#"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">"#
                                   + XMLText.escape("\(quoted)!$\(rows.lowerBound):$\(rows.upperBound)") + "</definedName>")
            }
            hasFormulas = hasFormulas || sheet.rows.contains { row in
                row.contains { if case .formula = $0.value { return true } else { return false } }
            }
        }

        package.add("[Content_Types].xml", xml: contentTypes(sheetCount: sheets.count))
        package.add("_rels/.rels", xml: rootRelationships)
        package.add("docProps/app.xml", xml: appProperties(names))
        package.add("docProps/core.xml", xml: coreProperties(title: title, creator: creator, created: created))
        package.add("xl/workbook.xml", xml: workbook(names, printTitles: printTitles, hasFormulas: hasFormulas))
        package.add("xl/_rels/workbook.xml.rels", xml: workbookRelationships(sheetCount: sheets.count))
        package.add("xl/styles.xml", xml: styles.xml)
        package.add("xl/sharedStrings.xml", xml: strings.xml)
        for (index, xml) in worksheets.enumerated() {
            package.add("xl/worksheets/sheet\(index + 1).xml", xml: xml)
        }
        return try package.make(modified: created)
    }

    /// Names Excel accepts: no `[ ] : * ? / \`, no apostrophe at either end, 1–31 characters,
    /// unique without regard to case.
    static func uniqueSheetNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (index, raw) in names.enumerated() {
            var name = String(XMLText.legal(raw).map { "[]:*?/\\".contains($0) ? "-" : $0 })
                .trimmingCharacters(in: .whitespacesAndNewlines)
            while name.hasPrefix("'") { name.removeFirst() }
            while name.hasSuffix("'") { name.removeLast() }
            if name.isEmpty || name.lowercased() == "history" { name = "Sheet\(index + 1)" }
            name = String(name.prefix(31))
            var candidate = name
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(name.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    private static func contentTypes(sheetCount: Int) -> String {
        let office = "application/vnd.openxmlformats-officedocument"
        var xml = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="\#(office).spreadsheetml.sheet.main+xml"/>"#
        for index in 1...sheetCount {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="\#(office).spreadsheetml.worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(office).spreadsheetml.styles+xml"/>"#
        xml += #"<Override PartName="/xl/sharedStrings.xml" ContentType="\#(office).spreadsheetml.sharedStrings+xml"/>"#
        xml += #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        xml += #"<Override PartName="/docProps/app.xml" ContentType="\#(office).extended-properties+xml"/>"#
        return xml + "</Types>"
    }

    private static var rootRelationships: String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
            + #"<Relationship Id="rId3" Type="\#(officeRelationships)/extended-properties" Target="docProps/app.xml"/>"#
            + "</Relationships>"
    }

    private static func workbookRelationships(sheetCount: Int) -> String {
        var xml = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 1...sheetCount {
            xml += #"<Relationship Id="rId\#(index)" Type="\#(officeRelationships)/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(officeRelationships)/styles" Target="styles.xml"/>"#
        xml += #"<Relationship Id="rId\#(sheetCount + 2)" Type="\#(officeRelationships)/sharedStrings" Target="sharedStrings.xml"/>"#
        return xml + "</Relationships>"
    }

    private static func workbook(_ names: [String], printTitles: [String], hasFormulas: Bool) -> String {
        var xml = header + #"<workbook xmlns="\#(spreadsheetML)" xmlns:r="\#(officeRelationships)">"#
        xml += #"<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(XMLText.escape(name, attribute: true))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets>"
        if !printTitles.isEmpty { xml += "<definedNames>" + printTitles.joined() + "</definedNames>" }
        xml += hasFormulas ? #"<calcPr calcId="191029" fullCalcOnLoad="1"/>"# : #"<calcPr calcId="191029"/>"#
        return xml + "</workbook>"
    }

    private static func appProperties(_ names: [String]) -> String {
        var xml = header + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
        xml += #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
        xml += "<Application>DangBo</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        xml += #"<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"#
        xml += "<vt:variant><vt:i4>\(names.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        xml += #"<TitlesOfParts><vt:vector size="\#(names.count)" baseType="lpstr">"#
        xml += names.map { "<vt:lpstr>\(XMLText.escape($0))</vt:lpstr>" }.joined()
        xml += "</vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion>"
        return xml + "</Properties>"
    }

    private static func coreProperties(title: String?, creator: String, created: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let stamp = formatter.string(from: created)
        var xml = header + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
        xml += #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
        xml += #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
        if let title, !title.isEmpty { xml += "<dc:title>\(XMLText.escape(title))</dc:title>" }
        xml += "<dc:creator>\(XMLText.escape(creator))</dc:creator>"
        xml += #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created>"#
        xml += #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:modified>"#
        return xml + "</cp:coreProperties>"
    }
}
