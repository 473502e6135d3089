import Foundation

/// The shared string table of a workbook being written (xl/sharedStrings.xml).
struct SharedStringTable {
    private var index: [String: Int] = [:]
    private(set) var strings: [String] = []
    private(set) var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let known = index[text] { return known }
        strings.append(text)
        index[text] = strings.count - 1
        return strings.count - 1
    }

    var xml: String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(strings.count)">"#
        for text in strings {
            let escaped = XMLText.escape(XMLText.protectExcelEscapes(text))
            let edges = text.first.map { $0.isWhitespace } == true || text.last.map { $0.isWhitespace } == true
            xml += edges ? #"<si><t xml:space="preserve">"# : "<si><t>"
            xml += escaped + "</t></si>"
        }
        return xml + "</sst>"
    }
}
