import Foundation

/// A row-label column as printed, left of the value columns: `{"title": "STT", "number": "A"}`.
/// Stub columns print, left to right, the row numbers, the row labels and the row units (`FormRow.unit`, PL 9's
/// "ĐVT"): one stub column prints the labels; two, the numbers and labels; three, numbers, labels and units.
public struct StubColumn: Codable, Sendable, Hashable {
    public var title: String
    public var number: String

    public init(title: String, number: String) {
        self.title = title
        self.number = number
    }
}
