import Foundation
import ZIPFoundation

/// Read access to the parts of an uploaded zip package (an .xlsx file).
///
/// The zip structure is parsed here with every offset and length checked against the data,
/// because the file comes from a user: ZIPFoundation's in-memory archive traps on offsets past
/// the end of the data. Only ZIPFoundation's inflater is used, fed in fixed-size chunks, and
/// the output is capped so that a small upload cannot expand into gigabytes.
struct ZipPackageReader {
    private struct Entry {
        var name: String
        var flags: Int
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    static let maxEntries = 10_000
    private static let chunkSize = 64 * 1024

    private let bytes: [UInt8]
    /// Entries keyed by their lower-cased name without a leading slash.
    private let entries: [String: Entry]

    init(data: Data) throws(DocumentError) {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= DocumentLimits.maxFileBytes else { throw .tooLarge(limitBytes: DocumentLimits.maxFileBytes) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .legacyExcel }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw .notXLSX
        }
        bytes = [UInt8](data)
        var entries: [String: Entry] = [:]
        for entry in try Self.centralDirectory(bytes) where !entry.name.hasSuffix("/") {
            let key = Self.key(entry.name)
            if entries[key] == nil { entries[key] = entry }
        }
        self.entries = entries
    }

    private static func key(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        return trimmed.lowercased()
    }

    func contains(_ path: String) -> Bool {
        entries[Self.key(path)] != nil
    }

    /// Like `read`, but a missing part is an error.
    func require(_ path: String) throws(DocumentError) -> Data {
        guard let data = try read(path) else { throw .missingPart(path) }
        return data
    }

    /// The bytes of a part, or nil when the package has no such part. Part names compare without case.
    func read(_ path: String) throws(DocumentError) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let limit = DocumentLimits.maxPartBytes
        guard entry.uncompressedSize <= limit else { throw .tooLarge(limitBytes: limit) }
        let offset = entry.localHeaderOffset
        guard entry.flags & 1 == 0, Self.u32(bytes, offset) == 0x0403_4B50,
              let nameLength = Self.u16(bytes, offset + 26), let extraLength = Self.u16(bytes, offset + 28) else {
            throw .corruptPart(path)
        }
        let start = offset + 30 + nameLength + extraLength
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else { throw .corruptPart(path) }
        let compressed = bytes[start..<(start + entry.compressedSize)]

        let output: Data
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard compressed.count <= limit else { throw .tooLarge(limitBytes: limit) }
            output = Data(compressed)
            checksum = output.crc32(checksum: 0)
        case 8:
            (output, checksum) = try Self.inflate(compressed, limit: limit, part: path)
        default:
            throw .corruptPart(path)
        }
        guard checksum == entry.crc else { throw .corruptPart(path) }
        return output
    }

    private static func inflate(_ compressed: ArraySlice<UInt8>, limit: Int, part: String) throws(DocumentError) -> (Data, UInt32) {
        var output = Data()
        var cursor = compressed.startIndex
        var padded = false
        var overflow = false
        do {
            let checksum = try Data.decompress(size: Int64(compressed.count), bufferSize: chunkSize, skipCRC32: false,
                                               provider: { _, requested in
                // Always hand over exactly the requested size (the Linux inflater assumes it);
                // past the end, one chunk of zeros lets a truncated stream fail, then stop.
                let end = min(cursor + max(requested, 0), compressed.endIndex)
                var chunk = Data(compressed[cursor..<end])
                cursor = end
                if chunk.count < requested {
                    guard !padded else { throw DocumentError.corruptPart(part) }
                    padded = true
                    chunk.append(Data(count: requested - chunk.count))
                }
                return chunk
            }, consumer: { piece in
                guard output.count + piece.count <= limit else {
                    overflow = true
                    throw DocumentError.tooLarge(limitBytes: limit)
                }
                output.append(piece)
            })
            return (output, checksum)
        } catch {
            if overflow { throw .tooLarge(limitBytes: limit) }
            throw .corruptPart(part)
        }
    }

    // MARK: - Central directory

    private static func centralDirectory(_ bytes: [UInt8]) throws(DocumentError) -> [Entry] {
        guard let end = endRecord(bytes) else { throw .notXLSX }
        var directoryStart = end.offset
        let directoryEnd = end.offset + end.size
        var entries: [Entry] = []
        while directoryStart < directoryEnd {
            let p = directoryStart
            guard entries.count < maxEntries else {
                throw .malformedXML(part: "zip", detail: "gói có quá nhiều phần")
            }
            guard p + 46 <= directoryEnd, u32(bytes, p) == 0x0201_4B50,
                  let flags = u16(bytes, p + 8), let method = u16(bytes, p + 10), let crc = u32(bytes, p + 16),
                  let compressed32 = u32(bytes, p + 20), let uncompressed32 = u32(bytes, p + 24),
                  let nameLength = u16(bytes, p + 28), let extraLength = u16(bytes, p + 30),
                  let commentLength = u16(bytes, p + 32), let offset32 = u32(bytes, p + 42) else { throw .notXLSX }
            let nameStart = p + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directoryEnd else { throw .notXLSX }
            var compressedSize = UInt64(compressed32)
            var uncompressedSize = UInt64(uncompressed32)
            var offset = UInt64(offset32)
            // ZIP64: sizes and offset saturated at 0xFFFFFFFF are stored in extra field 0x0001.
            var extra = extraStart
            while extra + 4 <= extraStart + extraLength, let id = u16(bytes, extra), let size = u16(bytes, extra + 2) {
                let fieldEnd = extra + 4 + size
                guard fieldEnd <= extraStart + extraLength else { break }
                if id == 0x0001 {
                    var field = extra + 4
                    func widen(_ value: inout UInt64) {
                        guard value == 0xFFFF_FFFF, field + 8 <= fieldEnd, let wide = u64(bytes, field) else { return }
                        value = wide
                        field += 8
                    }
                    widen(&uncompressedSize)
                    widen(&compressedSize)
                    widen(&offset)
                }
                extra = fieldEnd
            }
            guard compressedSize <= UInt64(bytes.count), offset <= UInt64(bytes.count) else { throw .notXLSX }
            let name = String(decoding: bytes[nameStart..<extraStart], as: UTF8.self)
            entries.append(Entry(name: name, flags: flags, method: method, crc: crc, compressedSize: Int(compressedSize),
                                 uncompressedSize: Int(min(uncompressedSize, UInt64(Int.max))), localHeaderOffset: Int(offset)))
            directoryStart = next
        }
        return entries
    }

    /// The central directory's position and size, from the end record (or its ZIP64 form).
    private static func endRecord(_ bytes: [UInt8]) -> (offset: Int, size: Int)? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 65_535)
        var position = bytes.count - 22
        while position >= lowest {
            if u32(bytes, position) == 0x0605_4B50, let disk = u16(bytes, position + 4), disk == 0,
               let count = u16(bytes, position + 10), let size32 = u32(bytes, position + 12),
               let offset32 = u32(bytes, position + 16) {
                var size = UInt64(size32)
                var offset = UInt64(offset32)
                if count == 0xFFFF || size32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF,
                   position >= 20, u32(bytes, position - 20) == 0x0706_4B50,
                   let recordOffset = u64(bytes, position - 20 + 8), recordOffset < UInt64(bytes.count),
                   u32(bytes, Int(recordOffset)) == 0x0606_4B50,
                   let wideSize = u64(bytes, Int(recordOffset) + 40), let wideOffset = u64(bytes, Int(recordOffset) + 48) {
                    size = wideSize
                    offset = wideOffset
                }
                if offset <= UInt64(position), size <= UInt64(position) - offset {
                    return (Int(offset), Int(size))
                }
            }
            position -= 1
        }
        return nil
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
    }

    private static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64? {
        guard at >= 0, at + 8 <= bytes.count else { return nil }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
    }
}
