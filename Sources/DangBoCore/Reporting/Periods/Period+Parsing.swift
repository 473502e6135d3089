import Foundation

extension Period {
    /// Reads a period as people type it, ignoring case and diacritics:
    /// "3/2023", "Tháng 03/2023" (month); "Q1/2023", "Quý I/2023", "quy 1 2023" (quarter);
    /// "H1/2023", "6 tháng cuối năm 2020" (half-year); "2021", "Năm 2021" (year);
    /// "2020-2025", "Nhiệm kỳ 2020 - 2025" (term: the second year must be five after the first);
    /// "01/2021-03/2023", "01/2021–03/2023", "Từ tháng 01/2021 đến tháng 03/2023" (month range);
    /// "1/7/2020-31/3/2023", "Từ 1/7/2020 đến 31/3/2023" (day range); and every canonical `code`.
    /// Two years that are not five apart ("2021-2023") make a month range over whole years.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let period = Period(code: trimmed) {
            self = period
            return
        }
        guard let period = Period.parseFolded(Period.normalizedForParsing(trimmed)) else { return nil }
        self = period
    }

    private static func normalizedForParsing(_ text: String) -> String {
        var folded = VietnameseText.folded(text)
        for dash in ["\u{2010}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"] {
            folded = folded.replacingOccurrences(of: dash, with: "-")
        }
        folded = folded.replacing(#/ {0,}([\/\-]) {0,}/#) { match in String(match.output.1) }
        return folded.replacingOccurrences(of: ":", with: "")
    }

    private static func parseFolded(_ text: String) -> Period? {
        if let match = text.wholeMatch(of: /tu (.+) den (.+)/) {
            return parseRange(String(match.output.1), String(match.output.2))
        }
        if let match = text.wholeMatch(of: /(?:nhiem ky|nk) ?(\d{4})-(\d{4})/) {
            guard let first = Int(match.output.1), Int(match.output.2) == first + 5 else { return nil }
            return term(startingIn: first)
        }
        if let single = parseSingle(text) { return single }
        for index in text.indices where text[index] == "-" {
            let left = String(text[..<index])
            let right = String(text[text.index(after: index)...])
            if let range = parseRange(left, right) { return range }
        }
        return nil
    }

    private static func parseSingle(_ text: String) -> Period? {
        if let match = text.wholeMatch(of: /(?:nam )?(\d{4})/) {
            return Int(match.output.1).flatMap { year($0) }
        }
        if let match = text.wholeMatch(of: /(?:thang )?(\d{1,2})(?:\/|-| nam )(\d{4})/) {
            guard let month = Int(match.output.1), let year = Int(match.output.2) else { return nil }
            return Period.month(month, of: year)
        }
        if let match = text.wholeMatch(of: /(\d{4})-(\d{1,2})/) {
            guard let year = Int(match.output.1), let month = Int(match.output.2) else { return nil }
            return Period.month(month, of: year)
        }
        if let match = text.wholeMatch(of: /(?:quy ?|q)(\d|iv|i{1,3})(?:\/|-| nam | )(\d{4})/) {
            guard let index = number(String(match.output.1)), let year = Int(match.output.2) else { return nil }
            return quarter(index, of: year)
        }
        if let match = text.wholeMatch(of: /(\d{4})-q(\d)/) {
            guard let year = Int(match.output.1), let index = Int(match.output.2) else { return nil }
            return quarter(index, of: year)
        }
        if let match = text.wholeMatch(of: /h ?([12])(?:\/|-| nam | )(\d{4})/) {
            guard let index = Int(match.output.1), let year = Int(match.output.2) else { return nil }
            return halfYear(index, of: year)
        }
        if let match = text.wholeMatch(of: /(\d{4})-h([12])/) {
            guard let year = Int(match.output.1), let index = Int(match.output.2) else { return nil }
            return halfYear(index, of: year)
        }
        if let match = text.wholeMatch(of: /(?:6 thang|nua) (dau|cuoi)(?: nam)? (\d{4})/) {
            guard let year = Int(match.output.2) else { return nil }
            return halfYear(match.output.1 == "dau" ? 1 : 2, of: year)
        }
        return nil
    }

    /// "01/2021" + "03/2023" → month range; "1/7/2020" + "31/3/2023" → day range; "2020" + "2025" → term.
    private static func parseRange(_ left: String, _ right: String) -> Period? {
        let from = stripPrefixes(left)
        let through = stripPrefixes(right)
        let monthPattern = /(\d{1,2})\/(\d{4})/
        if let a = from.wholeMatch(of: monthPattern), let b = through.wholeMatch(of: monthPattern) {
            guard let m1 = Int(a.output.1), let y1 = Int(a.output.2),
                  let m2 = Int(b.output.1), let y2 = Int(b.output.2) else { return nil }
            return monthRange(fromMonth: m1, year: y1, throughMonth: m2, year: y2)
        }
        let dayPattern = /\d{1,2}\/\d{1,2}\/\d{4}/
        if from.wholeMatch(of: dayPattern) != nil, through.wholeMatch(of: dayPattern) != nil {
            guard let start = Day(parsing: from), let end = Day(parsing: through) else { return nil }
            return dayRange(from: start, through: end)
        }
        let yearPattern = /\d{4}/
        if from.wholeMatch(of: yearPattern) != nil, through.wholeMatch(of: yearPattern) != nil,
           let first = Int(from), let last = Int(through) {
            if last == first + 5 { return term(startingIn: first) }
            return monthRange(fromMonth: 1, year: first, throughMonth: 12, year: last)
        }
        return nil
    }

    private static func stripPrefixes(_ text: String) -> String {
        var result = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["thang ", "ngay ", "nam "] where result.hasPrefix(prefix) {
            result.removeFirst(prefix.count)
        }
        return result
    }

    private static func number(_ text: String) -> Int? {
        switch text {
        case "i": return 1
        case "ii": return 2
        case "iii": return 3
        case "iv": return 4
        default: return Int(text)
        }
    }
}
