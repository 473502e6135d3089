import Foundation
import ZIPFoundation

/// Builds an in-memory zip package from named parts.
struct ZipPackageWriter {
    private var parts: [(path: String, data: Data)] = []

    mutating func add(_ path: String, _ data: Data) {
        parts.append((path, data))
    }

    mutating func add(_ path: String, xml: String) {
        add(path, Data(xml.utf8))
    }

    func make(modified: Date = Date()) throws(DocumentError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = part.data
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: modified, compressionMethod: .deflate) { position, size in
                    let start = data.startIndex + Int(position)
                    let end = min(start + size, data.endIndex)
                    return data.subdata(in: start..<end)
                }
            }
            guard let data = archive.data else { throw DocumentError.invalidWorkbook("không ghi được gói zip") }
            return data
        } catch let error as DocumentError {
            throw error
        } catch {
            throw .invalidWorkbook("không ghi được gói zip (\(error))")
        }
    }
}
