import Foundation

/// Vietnamese text folding (for diacritic-insensitive search) and collation (for sorting).
public enum VietnameseText {
    /// Lower-cases, removes tone marks and vowel marks, maps đ to d, and collapses spaces:
    /// "Nguyễn Thị  Vinh" → "nguyen thi vinh". The same function folds stored names and queries.
    public static func folded(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            switch scalar {
            case "đ", "Đ": result.append("d")
            default: result.unicodeScalars.append(scalar)
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    // Vietnamese alphabet order; each base letter gets a two-character code so that binary comparison of
    // keys follows the Vietnamese order (a < ă < â < b < c < d < đ < e < ê < ... < o < ô < ơ < ... < u < ư < ...).
    private static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    private static let letterRank: [String: Int] = {
        var ranks: [String: Int] = [:]
        for (index, letter) in alphabet.enumerated() { ranks[letter] = index }
        return ranks
    }()

    /// Tone marks in the order Vietnamese dictionaries use: ngang, huyền, hỏi, ngã, sắc, nặng.
    private static let toneRank: [Unicode.Scalar: Int] = [
        "\u{0300}": 1, // huyền
        "\u{0309}": 2, // hỏi
        "\u{0303}": 3, // ngã
        "\u{0301}": 4, // sắc
        "\u{0323}": 5, // nặng
    ]

    /// A key whose plain byte order is the Vietnamese collation order: letters first (with their vowel marks),
    /// then tones as a tie-breaker. Separators ("!" and "#") sort below the digit codes, so a prefix sorts first. Works as an ORDER BY column on any database.
    public static func collationKey(_ text: String) -> String {
        var primary = ""
        var tones = ""
        for character in text.lowercased() {
            let scalars = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            var base = ""
            var tone = 0
            for scalar in scalars {
                if let rank = toneRank[scalar] {
                    tone = rank
                } else {
                    base.unicodeScalars.append(scalar)
                }
            }
            let letter = base.precomposedStringWithCanonicalMapping
            if let rank = letterRank[letter] {
                primary += String(format: "%02d", rank + 10)
                tones += String(tone)
            } else if letter == " " {
                primary += "00"
                tones += "0"
            } else if let ascii = letter.unicodeScalars.first, letter.unicodeScalars.count == 1, ascii.isASCII,
                      ascii.properties.numericType != nil {
                primary += "0" + String(Character(ascii))
                tones += "0"
            } else {
                continue
            }
        }
        return primary + "!" + tones
    }

    /// Person names sort by given name (the last word), then by the whole name, as Vietnamese lists do.
    public static func personSortKey(_ fullName: String) -> String {
        let given = fullName.split(separator: " ").last.map(String.init) ?? fullName
        return collationKey(given) + "#" + collationKey(fullName)
    }
}
