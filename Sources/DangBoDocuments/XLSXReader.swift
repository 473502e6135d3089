import Foundation

/// Reads the cells of an Excel .xlsx workbook as text, the way a person sees them:
/// numbers without a trailing ".0", dates as "12/4/2022", formulas as their last computed value.
public enum XLSXReader: Sendable {
    /// The rows of one worksheet (0 is the first tab). Row N of the sheet is at index N-1 and
    /// cell C of a row at the column's index, with "" for empty cells; trailing empty cells and
    /// rows are dropped. Every bad input ends in a `DocumentError`.
    public static func readRows(from data: Data, sheet: Int = 0) throws(DocumentError) -> [[String]] {
        let workbook = try OpenWorkbook(data: data)
        return try workbook.rows(sheet: sheet)
    }

    /// The names of the worksheets in tab order (empty when the package has no workbook part but a lone sheet).
    public static func sheetNames(from data: Data) throws(DocumentError) -> [String] {
        try OpenWorkbook(data: data).sheets.map(\.name)
    }
}

/// A workbook package with its main parts located.
private struct OpenWorkbook {
    struct Sheet {
        var name: String
        var part: String?
    }

    static let defaultWorkbook = "xl/workbook.xml"

    let package: ZipPackageReader
    let workbookPart: String
    let workbookRelationships: [PackageRelationship]
    let sheets: [Sheet]
    let date1904: Bool
    let hasWorkbook: Bool

    init(data: Data) throws(DocumentError) {
        package = try ZipPackageReader(data: data)
        let root = try RelationshipsHandler.read(package, source: "")
        var main = root.first(where: { $0.isOfType("officeDocument") })?.target ?? Self.defaultWorkbook
        if !package.contains(main) { main = Self.defaultWorkbook }
        workbookPart = main
        guard let workbookData = try package.read(main) else {
            // No workbook part: accept a package that still holds the usual first sheet.
            guard package.contains("xl/worksheets/sheet1.xml") else { throw .missingPart(main) }
            hasWorkbook = false
            workbookRelationships = []
            sheets = []
            date1904 = false
            return
        }
        hasWorkbook = true
        let handler = WorkbookHandler()
        try XMLEventParser.parse(workbookData, part: main, handler: handler)
        date1904 = handler.date1904
        let relationships = try RelationshipsHandler.read(package, source: main)
        workbookRelationships = relationships
        sheets = handler.sheets.map { entry in
            let target = entry.relationshipId.flatMap { id in relationships.first(where: { $0.id == id })?.target }
            return Sheet(name: entry.name, part: target)
        }
    }

    func rows(sheet index: Int) throws(DocumentError) -> [[String]] {
        let sheetPart = try worksheetPart(index)
        let sheetData = try package.require(sheetPart)

        var styleKinds: [NumberFormatKind] = []
        let stylesPart = relatedPart("styles", fallback: "xl/styles.xml")
        if let stylesData = try package.read(stylesPart) {
            let handler = StylesHandler()
            try XMLEventParser.parse(stylesData, part: stylesPart, handler: handler)
            styleKinds = handler.kinds
        }

        var sharedStrings: [String] = []
        let stringsPart = relatedPart("sharedStrings", fallback: "xl/sharedStrings.xml")
        if let stringsData = try package.read(stringsPart) {
            let handler = SharedStringsHandler()
            try XMLEventParser.parse(stringsData, part: stringsPart, handler: handler)
            sharedStrings = handler.strings
        }

        let handler = WorksheetHandler(part: sheetPart, sharedStrings: sharedStrings,
                                       styleKinds: styleKinds, date1904: date1904)
        try XMLEventParser.parse(sheetData, part: sheetPart, handler: handler)
        return try handler.rows()
    }

    private func worksheetPart(_ index: Int) throws(DocumentError) -> String {
        guard index >= 0 else { throw .sheetNotFound(index: index) }
        let fallback = "xl/worksheets/sheet\(index + 1).xml"
        guard hasWorkbook else {
            guard package.contains(fallback) else { throw .sheetNotFound(index: index) }
            return fallback
        }
        guard sheets.indices.contains(index) else { throw .sheetNotFound(index: index) }
        return sheets[index].part ?? fallback
    }

    private func relatedPart(_ type: String, fallback: String) -> String {
        workbookRelationships.first(where: { $0.isOfType(type) })?.target ?? fallback
    }
}
