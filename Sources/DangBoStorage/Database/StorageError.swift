import Foundation

/// Failures of the storage layer that are not the user's fault.
public enum StorageError: Error, CustomStringConvertible {
    case corruptRow(table: String, id: String)
    case badDatabaseURL(String)
    case badPoolSize(String)

    public var description: String {
        switch self {
        case .corruptRow(let table, let id): return "Dữ liệu hỏng trong bảng \(table), bản ghi \(id)"
        case .badDatabaseURL(let url): return "DATABASE_URL không hợp lệ: \(url)"
        case .badPoolSize(let text): return "DANGBO_DB_POOL không hợp lệ: \"\(text)\" (số kết nối PostgreSQL cho mỗi luồng sự kiện, từ 1 đến 64)"
        }
    }
}
