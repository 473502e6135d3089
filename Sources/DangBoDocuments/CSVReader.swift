import Foundation

/// The field separators CSV files use: comma, semicolon (Excel in locales with a decimal comma) and tab.
public enum CSVDelimiter: UInt8, CaseIterable, Sendable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09
}

/// Reads RFC 4180 CSV text: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF
/// (or CR) line ends, UTF-8 with or without a byte order mark. The delimiter is the most frequent of
/// comma, semicolon and tab on the first line (outside quotes); an Excel "sep=;" first line also sets it.
public enum CSVReader: Sendable {
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The records as rows of fields. Fields keep their text as written (quotes removed); trailing
    /// rows whose fields are all empty are dropped.
    public static func readRows(from data: Data) throws(DocumentError) -> [[String]] {
        guard data.count <= DocumentLimits.maxFileBytes else { throw .tooLarge(limitBytes: DocumentLimits.maxFileBytes) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard !bytes.isEmpty else { throw .empty }
        guard XMLScreen.isValidUTF8(bytes) else { throw .notUTF8 }

        var start = 0
        let delimiter: UInt8
        if let declared = declaredDelimiter(bytes) {
            delimiter = declared.delimiter
            start = declared.bodyStart
        } else {
            delimiter = detectDelimiter(bytes)
        }
        var rows = try split(bytes, from: start, delimiter: delimiter)
        while let last = rows.last, last.allSatisfy(\.isEmpty) { rows.removeLast() }
        return rows
    }

    /// Excel's "sep=;" first line.
    private static func declaredDelimiter(_ bytes: [UInt8]) -> (delimiter: UInt8, bodyStart: Int)? {
        let prefix = Array("sep=".utf8)
        guard bytes.count >= 5, bytes[0..<4].map({ $0 | 0x20 }) == prefix else { return nil }
        let candidate = bytes[4]
        guard CSVDelimiter(rawValue: candidate) != nil else { return nil }
        var index = 5
        guard index == bytes.count || bytes[index] == carriageReturn || bytes[index] == lineFeed else { return nil }
        if index < bytes.count, bytes[index] == carriageReturn { index += 1 }
        if index < bytes.count, bytes[index] == lineFeed { index += 1 }
        return (candidate, index)
    }

    /// The most frequent delimiter on the first record, outside quotes; comma when there is none.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in bytes {
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == lineFeed || byte == carriageReturn { break }
                if CSVDelimiter(rawValue: byte) != nil { counts[byte, default: 0] += 1 }
            }
        }
        var best = CSVDelimiter.comma.rawValue
        var bestCount = 0
        for candidate in CSVDelimiter.allCases {
            let count = counts[candidate.rawValue] ?? 0
            if count > bestCount {
                best = candidate.rawValue
                bestCount = count
            }
        }
        return best
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static func split(_ bytes: [UInt8], from start: Int, delimiter: UInt8) throws(DocumentError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var rowNumber = 1
        var quoteRow = 1
        var cellCount = 0

        func endField() throws(DocumentError) {
            cellCount += 1
            guard cellCount <= DocumentLimits.maxCells else { throw .tooManyCells(limit: DocumentLimits.maxCells) }
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() throws(DocumentError) {
            try endField()
            rows.append(row)
            row = []
            rowNumber += 1
            guard rows.count <= DocumentLimits.maxRows else { throw .tooManyRows(limit: DocumentLimits.maxRows) }
        }

        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            let isLineEnd = byte == lineFeed || byte == carriageReturn
            if isLineEnd, byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed, state != .quoted {
                index += 1
            }
            switch state {
            case .quoted:
                if byte == quote { state = .quoteInQuoted } else { field.append(byte) }
            case .fieldStart where byte == quote:
                state = .quoted
                quoteRow = rowNumber
            case .quoteInQuoted where byte == quote:
                field.append(quote)
                state = .quoted
            case .fieldStart, .unquoted, .quoteInQuoted:
                if byte == delimiter {
                    try endField()
                    state = .fieldStart
                } else if isLineEnd {
                    try endRow()
                    state = .fieldStart
                } else {
                    // Lenient: a stray quote inside a field, or text after a closing quote, is kept as written.
                    field.append(byte)
                    state = .unquoted
                }
            }
        }
        switch state {
        case .quoted:
            throw .malformedCSV(row: quoteRow, detail: "dấu ngoặc kép (\") mở ở dòng này nhưng không được đóng")
        case .fieldStart where row.isEmpty && field.isEmpty:
            break
        default:
            try endRow()
        }
        return rows
    }
}
