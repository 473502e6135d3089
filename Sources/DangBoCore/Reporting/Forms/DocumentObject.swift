import Foundation

/// A JSON object of the form format that knows its own keys.
protocol DocumentObject: Decodable {
    static var knownKeys: Set<String> { get }
}

/// A decoded object together with the keys it had that the format does not know.
struct Checked<Value: DocumentObject>: Decodable {
    var value: Value
    var unknownKeys: [String]

    init(from decoder: Decoder) throws {
        value = try Value(from: decoder)
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        unknownKeys = container.allKeys.map(\.stringValue)
            .filter { !Value.knownKeys.contains($0) && !$0.hasPrefix("_") && !$0.hasPrefix("$") }
            .sorted()
    }
}

struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
