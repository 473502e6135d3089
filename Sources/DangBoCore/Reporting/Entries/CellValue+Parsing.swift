import Foundation

extension CellValue {
    /// Reads what a person typed into a cell of `type`, the Vietnamese way: "1.257" → 1257, "98,86" → 98.86,
    /// "1.257,5" → 1257.5, "98,86%" → 98.86, "6/2021" (month-year), "" → nil (empty cell).
    /// A lone dot that cannot be a thousands separator ("1.5", "98.86") is read as a decimal point. Only the form of
    /// the number is checked here; `problem(for:)` checks ranges (a count is whole and ≥ 0, a percentage 0–100).
    public static func parse(_ text: String, type: CellType) throws(CellInputError) -> CellValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        switch type {
        case .text:
            return .text(trimmed)
        case .monthYear:
            guard let (month, year) = monthYear(trimmed) else {
                throw CellInputError(message: "\"\(trimmed)\" không phải tháng/năm, ví dụ 6/2021")
            }
            return .text("\(month)/\(year)")
        case .count, .number, .money, .percent:
            guard let number = vietnameseNumber(trimmed, allowsPercentSign: type == .percent) else {
                throw CellInputError(message: "\"\(trimmed)\" không phải số (viết 1.257 hoặc 98,86)")
            }
            return .number(number)
        }
    }

    /// Parses "1.257", "-1.234,5", "98,86", "1 257", "98.86"; nil for anything else.
    static func vietnameseNumber(_ text: String, allowsPercentSign: Bool) -> Double? {
        var body = text.filter { !$0.isWhitespace }
        if allowsPercentSign, body.hasSuffix("%") { body.removeLast() }
        var sign = 1.0
        if body.hasPrefix("-") || body.hasPrefix("−") {
            sign = -1
            body.removeFirst()
        } else if body.hasPrefix("+") {
            body.removeFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," }) else {
            return nil
        }
        let commaParts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard commaParts.count <= 2 else { return nil }
        let wholePart = String(commaParts[0])
        let fraction = commaParts.count == 2 ? String(commaParts[1]) : nil
        if let fraction, fraction.isEmpty || fraction.contains(".") { return nil }
        var wholeDigits: String
        if isThousandsGrouped(wholePart) {
            wholeDigits = wholePart.replacingOccurrences(of: ".", with: "")
        } else if fraction == nil, wholePart.filter({ $0 == "." }).count == 1 {
            // "1.5", "98.86": a decimal point typed the English way.
            let pieces = wholePart.split(separator: ".", omittingEmptySubsequences: false)
            guard !pieces[0].isEmpty, !pieces[1].isEmpty else { return nil }
            return Double(wholePart).map { sign * $0 }
        } else if !wholePart.contains(".") {
            wholeDigits = wholePart
        } else {
            return nil
        }
        if wholeDigits.isEmpty { wholeDigits = "0" }
        let literal = fraction.map { "\(wholeDigits).\($0)" } ?? wholeDigits
        return Double(literal).map { sign * $0 }
    }

    /// "1.257", "12.345.678": one to three digits, then groups of exactly three after each dot.
    private static func isThousandsGrouped(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
