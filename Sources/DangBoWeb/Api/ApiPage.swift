import DangBoCore
import DangBoStorage
import Vapor

/// A page of a list as the API returns it.
struct ApiPage<Item: Codable & Sendable>: Content {
    var items: [Item]
    var total: Int
    var page: Int
    var pageSize: Int
    var pageCount: Int

    init(_ page: Page<Item>) {
        items = page.items
        total = page.total
        self.page = page.page
        pageSize = page.pageSize
        pageCount = page.pageCount
    }
}
