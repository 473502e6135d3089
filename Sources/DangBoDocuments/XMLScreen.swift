import Foundation

/// Checks an uploaded XML part before Foundation's XMLParser sees it.
///
/// OOXML parts are plain UTF-8 XML without DTDs or processing instructions (other than the XML
/// declaration). Refusing anything else closes two doors: entity expansion tricks, and crashes in
/// Foundation on Linux, whose parser dereferences a null pointer for a processing instruction
/// without data (`<?x?>`) and force-unwraps strings it expects to be UTF-8.
enum XMLScreen {
    static func check(_ data: Data, part: String) throws(DocumentError) {
        let problem: String? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            guard isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start...])) else { return "không phải mã UTF-8" }
            return markupProblem(bytes, from: start)
        }
        if let problem { throw .malformedXML(part: part, detail: problem) }
    }

    /// Strict UTF-8 (RFC 3629): no overlong forms, surrogates or values past U+10FFFF.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count, (low...high).contains(bytes[index + 1]) else { return false }
            for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) { return false }
            index += length
        }
        return true
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func markupProblem(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        let count = bytes.count
        var index = start
        while index + 1 < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!"), matches(bytes, at: index + 2, "DOCTYPE") || matches(bytes, at: index + 2, "ENTITY") {
                return "có khai báo DTD, không được phép trong tệp .xlsx"
            }
            if next == UInt8(ascii: "?") {
                var end = index + 2
                while end < count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: ">") {
                    end += 1
                }
                guard end < count, isSpace(bytes[end]) else { return "chỉ thị xử lý XML không hợp lệ" }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 2)..<end]), as: UTF8.self)
                if name.lowercased() == "xml", let problem = declarationProblem(bytes, from: end) { return problem }
                index = end
                continue
            }
            index += 1
        }
        return nil
    }

    /// Only UTF-8 may be declared: the bytes were checked as UTF-8.
    private static func declarationProblem(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        var end = start
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) { end += 1 }
        let declaration = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return nil }
        let value = declaration[range.upperBound...]
            .drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" || $0.isWhitespace }
            .prefix { $0 != "\"" && $0 != "'" && !$0.isWhitespace }
        return value == "utf-8" || value == "utf8" ? nil : "mã ký tự \(value) không được hỗ trợ (chỉ nhận UTF-8)"
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let pointer = word.utf8Start
        for offset in 0..<length where bytes[index + offset] != pointer[offset] { return false }
        return true
    }
}
