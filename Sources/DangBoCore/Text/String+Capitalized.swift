import Foundation

extension String {
    /// The text with its first letter in capitals ("dòng 5" → "Dòng 5"), for a place named at a sentence's start.
    public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
