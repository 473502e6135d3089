import DangBoCore
import XCTest

final class PagingTests: XCTestCase {
    func testBoundedCountsAreWrittenTheVietnameseWay() {
        XCTAssertEqual(BoundedCount(counted: 1_234).label("đảng viên"), "1.234 đảng viên")
        XCTAssertEqual(BoundedCount(counted: 10_000).label("đảng viên"), "10.000 đảng viên")
        XCTAssertEqual(BoundedCount(counted: 10_001).label("đảng viên"), "hơn 10.000 đảng viên")
        XCTAssertEqual(BoundedCount(counted: 10_001).value, 10_000)
        XCTAssertFalse(BoundedCount(counted: 10_001).isExact)
        XCTAssertTrue(BoundedCount(counted: 0).isExact)
        XCTAssertEqual(BoundedCount(counted: 4, limit: 3).text, "hơn 3")
    }

    func testCursorTokensRoundTripAndAreURLSafe() throws {
        let cursor = KeysetCursor(sortKey: VietnameseText.personSortKey("Nguyễn Thị Vinh"), id: UUID())
        let token = cursor.token
        XCTAssertTrue(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, token)
        XCTAssertEqual(try KeysetCursor(token: token, field: "after"), cursor)
    }

    func testEveryEditedCursorIsRefusedWithAMessageOnItsField() {
        let token = KeysetCursor(sortKey: VietnameseText.personSortKey("Lê Đức Anh"), id: UUID()).token
        var refused = 0
        // Change each character in turn: every edit is caught (the checksum, the format or the id).
        for index in token.indices {
            var edited = token
            let replacement: Character = token[index] == "x" ? "y" : "x"
            edited.replaceSubrange(index ... index, with: String(replacement))
            do {
                _ = try KeysetCursor(token: edited, field: "before")
            } catch DomainError.invalid(let problems) {
                XCTAssertEqual(problems.map(\.field), ["before"])
                XCTAssertTrue(problems[0].message.hasPrefix("Liên kết chuyển trang không hợp lệ"), problems[0].message)
                refused += 1
            } catch {
                XCTFail("\(error)")
            }
        }
        XCTAssertEqual(refused, token.count)
        // A well-formed token with a key that is not a collation key (injection attempt) is refused too.
        let forged = Data("k1|1' OR '1'='1|\(UUID().uuidString)|0".utf8).base64EncodedString()
        XCTAssertThrowsError(try KeysetCursor(token: forged, field: "after"))
        XCTAssertThrowsError(try KeysetCursor(token: "", field: "after"))
    }
}
