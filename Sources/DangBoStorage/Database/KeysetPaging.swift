import DangBoCore
import Foundation

/// Turns rows read by keyset in either direction into a page with its "Trang trước" / "Trang sau" cursors, the way the
/// member list does: one row more than the page tells whether there is a next page; reading back past the start shows
/// the first page as it is when opened directly.
enum KeysetPaging {
    /// `read(direction, limit)` returns up to `limit` rows in reading order (ascending after a cursor, descending before).
    static func page<Row>(_ direction: KeysetDirection, pageSize: Int, cursor: (Row) -> KeysetCursor,
                          read: (KeysetDirection, Int) async throws -> [Row]) async throws
        -> (rows: [Row], previous: KeysetCursor?, next: KeysetCursor?) {
        var direction = direction
        var rows = try await read(direction, pageSize + 1)
        if case .before = direction, rows.count <= pageSize {
            direction = .first
            rows = try await read(direction, pageSize + 1)
        }
        let hasMore = rows.count > pageSize
        rows = Array(rows.prefix(pageSize))
        switch direction {
        case .after(let start):
            return (rows, start.map { rows.first.map(cursor) ?? $0 }, hasMore ? rows.last.map(cursor) : nil)
        case .before(let start):
            rows.reverse()
            return (rows, rows.first.map(cursor), rows.last.map(cursor) ?? start)
        }
    }
}
