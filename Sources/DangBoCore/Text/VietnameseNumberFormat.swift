import Foundation

/// Number formats Vietnamese readers expect: 7.342 and 98,86%.
public enum VietnameseNumberFormat {
    public static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A decimal with `fractionDigits` digits after a comma, grouped thousands: 1.234,5
    public static func decimal(_ value: Double, fractionDigits: Int = 2) -> String {
        let scale = pow(10.0, Double(fractionDigits))
        let rounded = (value * scale).rounded() / scale
        let whole = Int(rounded.magnitude.rounded(.towardZero))
        var text = integer(whole)
        if fractionDigits > 0 {
            let fraction = Int(((rounded.magnitude - Double(whole)) * scale).rounded())
            text += "," + String(format: "%0\(fractionDigits)d", fraction)
        }
        return rounded < 0 ? "-" + text : text
    }

    /// numerator / denominator as a percentage, "98,86%"; nil when the denominator is zero.
    public static func percent(_ numerator: Int, of denominator: Int, fractionDigits: Int = 2) -> String? {
        guard denominator != 0 else { return nil }
        return decimal(Double(numerator) * 100 / Double(denominator), fractionDigits: fractionDigits) + "%"
    }
}
