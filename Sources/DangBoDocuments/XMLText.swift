import Foundation

/// Escaping of text for the XML parts the writer produces.
enum XMLText {
    /// Whether XML 1.0 allows the scalar in a document at all.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Drops the characters XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF).
    static func legal(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isAllowed) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(scalars)
    }

    /// Escapes text for element content or a double-quoted attribute, dropping illegal characters.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\r": result += "&#13;"
            case "\n" where attribute: result += "&#10;"
            case "\t" where attribute: result += "&#9;"
            default:
                if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Protects text that looks like Excel's "_xHHHH_" escapes, so that it reads back unchanged.
    static func protectExcelEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               scalars[(index + 2)...(index + 5)].allSatisfy(\.properties.isASCIIHexDigit) {
                output.append(contentsOf: "_x005F".unicodeScalars)
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// A number as XML Schema accepts it: "42", "-3.5", "1e-07".
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
