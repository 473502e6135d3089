import Foundation

/// A position in a list ordered by (sort key, id): the key of the last row of a page (to go forward) or of the
/// first row (to go back). Travels in links as an opaque token; a token that was cut, edited or made up is refused
/// with a Vietnamese message, never turned into a query.
public struct KeysetCursor: Hashable, Sendable {
    /// A collation key (`VietnameseText.collationKey` / `personSortKey`): digits and the separators ! and #.
    public var sortKey: String
    public var id: UUID

    static let version = "k1"
    static let maxKeyLength = 4_000

    public init(sortKey: String, id: UUID) {
        self.sortKey = sortKey
        self.id = id
    }

    /// URL-safe base64 of "k1|key|id|checksum".
    public var token: String {
        let body = "\(Self.version)|\(sortKey)|\(id.uuidString.lowercased())"
        let text = body + "|" + Self.checksum(body)
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token made by `token`; `field` names the query parameter in the problem reported.
    public init(token: String, field: String) throws {
        let invalid = DomainError.invalid([FieldProblem(
            field: field, message: "Liên kết chuyển trang không hợp lệ (có thể đã bị sửa hoặc cắt mất). Hãy mở lại danh sách từ trang đầu.")])
        guard token.count <= Self.maxKeyLength * 2, !token.isEmpty,
              token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { throw invalid }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == Self.version, Self.checksum(parts[0 ..< 3].joined(separator: "|")) == parts[3],
              !parts[1].isEmpty, parts[1].count <= Self.maxKeyLength,
              parts[1].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "!" || $0 == "#") }),
              let id = UUID(uuidString: parts[2]) else { throw invalid }
        self.init(sortKey: parts[1], id: id)
        // Only the one spelling `token` makes is accepted (base64 has others for the same bytes).
        guard self.token == token else { throw invalid }
    }

    /// FNV-1a (64-bit) in hex: catches a token edited by hand or cut short; it is not a signature (a cursor only
    /// positions a list the user may read anyway).
    static func checksum(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Which way a keyset page is read from its cursor.
public enum KeysetDirection: Sendable, Equatable {
    /// Rows after the cursor (the next page), or the first page when there is no cursor.
    case after(KeysetCursor?)
    /// Rows before the cursor (the previous page).
    case before(KeysetCursor)

    public static let first = KeysetDirection.after(nil)
}
