import Foundation

extension CellType {
    /// A value written the Vietnamese way with `decimals` digits after the comma: counts "1.257", percentages
    /// "98,86" (the % sign belongs to the header), money "1,25". Text types print numbers as they are.
    public func format(_ value: Double, decimals: Int? = nil) -> String {
        let digits = max(0, min(6, decimals ?? defaultDecimals))
        guard value.isFinite else { return "" }
        guard abs(value) < 1e15 else { return String(format: "%.\(digits)f", value) }
        return VietnameseNumberFormat.decimal(value, fractionDigits: digits)
    }
}
