import DangBoCore
import Foundation

/// How a number format shows a cell's number: plainly, or as a date and/or a time of day.
enum NumberFormatKind: Equatable, Sendable {
    case plain
    case date
    case dateTime(seconds: Bool)
    case time(seconds: Bool, elapsed: Bool)

    /// Excel's built-in format ids that show dates or times.
    init(builtinId: Int) {
        switch builtinId {
        case 14...17, 27...31, 34...36, 50...58: self = .date
        case 22: self = .dateTime(seconds: false)
        case 18, 20, 32, 33: self = .time(seconds: false, elapsed: false)
        case 19, 21, 45, 47: self = .time(seconds: true, elapsed: false)
        case 46: self = .time(seconds: true, elapsed: true)
        default: self = .plain
        }
    }

    /// Classifies a custom format code such as "dd/mm/yyyy" or "#,##0 \"đ\"".
    /// Quoted text, escaped characters, colours and locale tags are ignored; only the first
    /// section (the one for positive numbers) counts.
    init(formatCode code: String) {
        var letters = Set<Character>()
        var elapsed = false
        var iterator = code.makeIterator()
        scan: while let character = iterator.next() {
            switch character {
            case ";":
                break scan
            case "\"":
                while let next = iterator.next(), next != "\"" {}
            case "\\", "_", "*":
                _ = iterator.next()
            case "[":
                var inside = ""
                while let next = iterator.next(), next != "]" { inside.append(next) }
                let lowered = inside.lowercased()
                if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) {
                    elapsed = true
                    letters.formUnion(lowered)
                }
            default:
                letters.insert(Character(character.lowercased()))
            }
        }
        let hasTime = letters.contains("h") || letters.contains("s")
        let hasDate = letters.contains("d") || letters.contains("y") || (letters.contains("m") && !hasTime)
        let seconds = letters.contains("s")
        switch (hasDate, hasTime) {
        case (true, true): self = .dateTime(seconds: seconds)
        case (true, false): self = .date
        case (false, true): self = .time(seconds: seconds, elapsed: elapsed)
        case (false, false): self = .plain
        }
    }
}

/// Turns stored cell values into the text a person would type: numbers without a trailing ".0",
/// dates as Vietnamese write them (12/4/2022).
enum SpreadsheetValueText {
    /// The largest date serial Excel accepts (31/12/9999).
    static let maxSerial = 2_958_465.0

    /// A stored number as plain text: "42", "-3.5", "0.1" (15 significant digits, as Excel shows them).
    static func number(_ raw: String) -> String {
        let trimmed = trimmedASCII(raw)
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        return number(value)
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        // Swift's shortest round-trip text is right whenever it needs no more than 15 digits.
        let shortest = value.description
        if !shortest.utf8.contains(UInt8(ascii: "e")), shortest.utf8.count(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) <= 15 {
            return shortest
        }
        let text = String(format: "%.15g", value)
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return text }
        if let decimal = Decimal(string: text) { return decimal.description }
        return text
    }

    /// Drops leading and trailing ASCII spaces, tabs and line breaks: cheaper than Foundation's
    /// trimming for the millions of short values a sheet holds.
    static func trimmedASCII(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(decoding: utf8[start...end], as: UTF8.self)
    }

    /// A date serial shown through a date/time format; nil when the serial is not a valid date.
    static func dateTime(serial: Double, kind: NumberFormatKind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial <= maxSerial else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        switch kind {
        case .plain:
            return nil
        case .time(let withSeconds, let elapsed):
            let hours = elapsed ? days * 24 + seconds / 3600 : seconds / 3600
            return time(hours: hours, seconds: seconds, withSeconds: withSeconds)
        case .date:
            return day(serialDays: days, date1904: date1904)
        case .dateTime(let withSeconds):
            guard let dayText = day(serialDays: days, date1904: date1904) else { return nil }
            guard seconds > 0 else { return dayText }
            return dayText + " " + time(hours: seconds / 3600, seconds: seconds, withSeconds: withSeconds)
        }
    }

    private static func time(hours: Int, seconds: Int, withSeconds: Bool) -> String {
        let minutes = (seconds % 3600) / 60
        var text = "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
        if withSeconds {
            let rest = seconds % 60
            text += ":" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return text
    }

    /// "d/m/yyyy" for a whole-day serial. Keeps Excel's fictional 29/2/1900 (serial 60).
    static func day(serialDays days: Int, date1904: Bool) -> String? {
        if date1904 {
            return Day(ordinal: days - 24_107).vietnamese
        }
        switch days {
        case ..<1: return nil
        case 60: return "29/2/1900"
        case ..<60: return Day(ordinal: days - 25_568).vietnamese
        default: return Day(ordinal: days - 25_569).vietnamese
        }
    }

    /// The serial Excel stores for a day (1900 date system).
    static func serial(of day: Day) -> Int {
        let serial = day.ordinal + 25_569
        return serial < 61 ? serial - 1 : serial
    }

    /// "2022-04-12" or "2022-04-12T08:30:00" (cells of type "d") as "12/4/2022".
    static func isoDate(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        let datePart = String(trimmed.prefix(10))
        guard let day = Day(parsing: datePart), datePart.count == 10 else { return trimmed }
        return day.vietnamese
    }

    /// Excel's escapes for characters XML cannot carry: "_x000D_" is a carriage return,
    /// and "_x005F_" an underscore that protects the escape-like text after it.
    static func decodeEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" {
                let hex = String(String.UnicodeScalarView(scalars[(index + 2)...(index + 5)]))
                if hex.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit), let code = UInt32(hex, radix: 16),
                   let scalar = Unicode.Scalar(code) {
                    output.append(scalar)
                    index += 7
                    continue
                }
            }
            output.append(scalars[index])
            index += 1
        }
        return String(output)
    }
}
