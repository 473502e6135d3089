import Foundation

/// Writes RFC 4180 CSV: CRLF after every row, fields quoted when they hold the delimiter,
/// a quote, CR or LF (quotes doubled). With `bom`, Excel opens the UTF-8 text with its diacritics intact.
public enum CSVWriter: Sendable {
    public static func make(rows: [[String]], bom: Bool = true, delimiter: CSVDelimiter = .comma) -> Data {
        var bytes: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        let separator = delimiter.rawValue
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { bytes.append(separator) }
                append(field, to: &bytes, delimiter: separator)
            }
            bytes.append(contentsOf: [0x0D, 0x0A])
        }
        return Data(bytes)
    }

    private static func append(_ field: String, to bytes: inout [UInt8], delimiter: UInt8) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }
}
