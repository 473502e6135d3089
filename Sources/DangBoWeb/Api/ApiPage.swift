import DangBoCore
import DangBoStorage
import Vapor

/// A page of a list read by keyset, as the API returns it (the shape of `/api/v1/members`): the items, a count that
/// stops at `countLimit`, and the cursors to go on with.
struct KeysetApiPage<Item: Codable & Sendable>: Content {
    var items: [Item]
    /// How many items the query finds, counted up to `countLimit`.
    var count: Int
    /// False when there are more than `countLimit`.
    var countIsExact: Bool
    var countLimit: Int
    var pageSize: Int
    /// Pass as `after` for the next page; absent on the last page.
    var nextCursor: String?
    /// Pass as `before` for the previous page; absent on the first page.
    var previousCursor: String?

    init(items: [Item], count: BoundedCount, pageSize: Int, next: KeysetCursor?, previous: KeysetCursor?) {
        self.items = items
        self.count = count.value
        countIsExact = count.isExact
        countLimit = count.limit
        self.pageSize = pageSize
        nextCursor = next?.token
        previousCursor = previous?.token
    }

    /// The `page` parameter of offset paging is refused with a message saying what to send instead.
    static func refuseOffset(_ req: Request) throws {
        if let page = req.query[String.self, at: "page"], page != "1" {
            throw DomainError.invalid([.init(field: "page", message: "Danh sách không còn phân trang theo số trang; dùng after=nextCursor (hoặc before=previousCursor) của trang trước")])
        }
    }
}
