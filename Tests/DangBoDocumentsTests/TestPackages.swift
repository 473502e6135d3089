import Foundation
@testable import DangBoDocuments

/// Hand-made .xlsx packages for reader tests: only the parts a test names.
enum TestPackages {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func zip(_ parts: [(String, String)]) throws -> Data {
        var writer = ZipPackageWriter()
        for (path, xml) in parts { writer.add(path, xml: xml) }
        return try writer.make()
    }

    /// A one-sheet workbook whose sheet body (the inside of <sheetData>) is given, with optional
    /// shared strings (<si> elements) and styles (the inside of <styleSheet>).
    static func workbook(sheetData: String, sharedStrings: String? = nil, styles: String? = nil,
                         workbookPr: String = "") throws -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)">\#(workbookPr)<sheets><sheet name="Dữ liệu" sheetId="1" r:id="rId7"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="\#(relationships)/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="\#(relationships)/sharedStrings" Target="strings.xml"/><Relationship Id="rId9" Type="\#(relationships)/styles" Target="styles.xml"/></Relationships>"#),
            ("xl/worksheets/data.xml", #"<worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#),
        ]
        if let sharedStrings {
            parts.append(("xl/strings.xml", #"<sst xmlns="\#(main)">\#(sharedStrings)</sst>"#))
        }
        if let styles {
            parts.append(("xl/styles.xml", #"<styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"#))
        }
        return try zip(parts)
    }

    /// The text of one part of a package.
    static func part(_ path: String, of data: Data) throws -> String {
        let package = try ZipPackageReader(data: data)
        return String(decoding: try package.require(path), as: UTF8.self)
    }
}
