import Foundation

/// One entry of a .rels part.
struct PackageRelationship: Sendable {
    var id: String
    /// Full part name inside the package, without a leading slash ("xl/worksheets/sheet1.xml").
    var target: String
    var type: String

    /// Whether the relationship type ends with the given name ("officeDocument", "worksheet", "styles", ...).
    func isOfType(_ name: String) -> Bool {
        type.hasSuffix("/" + name)
    }
}

/// Part names and relationship files, as the Open Packaging Conventions define them.
enum PackagePath {
    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels".
    static func relationshipsPart(of part: String) -> String {
        let (folder, name) = split(part)
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
    }

    /// Resolves a relationship target against the folder of its source part, handling "/abs" and "../".
    static func resolve(_ target: String, from source: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring]
        if decoded.hasPrefix("/") {
            segments = []
        } else {
            segments = split(source).folder.split(separator: "/")
        }
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private static func split(_ part: String) -> (folder: String, name: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[..<slash]), String(part[part.index(after: slash)...]))
    }
}

/// Reads the relationships of one source part.
final class RelationshipsHandler: XMLEventHandler {
    private let source: String
    private(set) var relationships: [PackageRelationship] = []

    init(source: String) {
        self.source = source
    }

    func start(_ name: String, attributes: [String: String]) throws(DocumentError) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        if attributes["TargetMode"]?.lowercased() == "external" { return }
        relationships.append(PackageRelationship(id: id, target: PackagePath.resolve(target, from: source),
                                                 type: attributes["Type"] ?? ""))
    }

    static func read(_ package: ZipPackageReader, source: String) throws(DocumentError) -> [PackageRelationship] {
        let part = PackagePath.relationshipsPart(of: source)
        guard let data = try package.read(part) else { return [] }
        let handler = RelationshipsHandler(source: source)
        try XMLEventParser.parse(data, part: part, handler: handler)
        return handler.relationships
    }
}

/// Reads xl/workbook.xml: the sheets in tab order and the date system.
final class WorkbookHandler: XMLEventHandler {
    struct SheetEntry {
        var name: String
        var relationshipId: String?
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var date1904 = false

    func start(_ name: String, attributes: [String: String]) throws(DocumentError) {
        switch name {
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            date1904 = value == "1" || value == "true"
        case "sheet":
            sheets.append(SheetEntry(name: attributes["name"] ?? "", relationshipId: attributes["id"]))
        default:
            break
        }
    }
}

/// Reads xl/styles.xml far enough to know which cell styles show numbers as dates.
final class StylesHandler: XMLEventHandler {
    private var customFormats: [Int: String] = [:]
    private var cellFormatIds: [Int] = []
    private var inCellXfs = false

    func start(_ name: String, attributes: [String: String]) throws(DocumentError) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            cellFormatIds.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    func end(_ name: String) throws(DocumentError) {
        if name == "cellXfs" { inCellXfs = false }
    }

    /// For each cell style index (the `s` attribute of a cell), how its numbers are shown.
    var kinds: [NumberFormatKind] {
        cellFormatIds.map { id in
            if let code = customFormats[id] { return NumberFormatKind(formatCode: code) }
            return NumberFormatKind(builtinId: id)
        }
    }
}

/// Reads xl/sharedStrings.xml, joining rich-text runs and skipping phonetic hints.
final class SharedStringsHandler: XMLEventHandler {
    private(set) var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    func start(_ name: String, attributes: [String: String]) throws(DocumentError) {
        switch name {
        case "si":
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t":
            inText = inItem && phoneticDepth == 0
        default:
            break
        }
    }

    func end(_ name: String) throws(DocumentError) {
        switch name {
        case "si":
            strings.append(SpreadsheetValueText.decodeEscapes(current))
            inItem = false
        case "rPh":
            phoneticDepth = max(0, phoneticDepth - 1)
        case "t":
            inText = false
        default:
            break
        }
    }

    func text(_ text: String) {
        if inText { current += text }
    }
}
