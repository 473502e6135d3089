import DangBoCore
import XCTest

final class VietnameseTextTests: XCTestCase {
    func testFoldingIgnoresDiacriticsCaseAndSpaces() {
        XCTAssertEqual(VietnameseText.folded("Nguyễn Thị  Vinh"), "nguyen thi vinh")
        XCTAssertEqual(VietnameseText.folded("ĐẶNG Đức Đạt"), "dang duc dat")
        XCTAssertEqual(VietnameseText.folded("  Trương   Ưng "), "truong ung")
        XCTAssertNotEqual(VietnameseText.folded("Nguyễn Thị Vinh"), VietnameseText.folded("Nguyễn Thị Vĩnh Long"))
    }

    func testFoldingOfDecomposedInput() {
        // The same name typed with combining marks (as some keyboards produce) folds the same way.
        let decomposed = "Nguyễn".decomposedStringWithCanonicalMapping
        XCTAssertEqual(VietnameseText.folded(decomposed), "nguyen")
    }

    func testCollationFollowsTheVietnameseAlphabet() {
        let words = ["Đức", "Dũng", "Bình", "Ánh", "An", "Ăn", "Âu", "Cường", "Ơn", "Ôn", "Oanh", "Ưng", "Uyên"]
        let sorted = words.sorted { VietnameseText.collationKey($0) < VietnameseText.collationKey($1) }
        XCTAssertEqual(sorted, ["An", "Ánh", "Ăn", "Âu", "Bình", "Cường", "Dũng", "Đức", "Oanh", "Ôn", "Ơn", "Uyên", "Ưng"])
    }

    func testTonesBreakTiesInDictionaryOrder() {
        // ngang < huyền < hỏi < ngã < sắc < nặng
        let words = ["má", "mạ", "mà", "ma", "mã", "mả"]
        let sorted = words.sorted { VietnameseText.collationKey($0) < VietnameseText.collationKey($1) }
        XCTAssertEqual(sorted, ["ma", "mà", "mả", "mã", "má", "mạ"])
    }

    func testPeopleSortByGivenNameFirst() {
        let names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Đức", "Phạm Thị Dung"]
        let sorted = names.sorted { VietnameseText.personSortKey($0) < VietnameseText.personSortKey($1) }
        XCTAssertEqual(sorted, ["Nguyễn Thị An", "Trần Văn Bình", "Phạm Thị Dung", "Lê Đức"])
    }

    func testNumberFormats() {
        XCTAssertEqual(VietnameseNumberFormat.integer(7342), "7.342")
        XCTAssertEqual(VietnameseNumberFormat.integer(1_234_567), "1.234.567")
        XCTAssertEqual(VietnameseNumberFormat.integer(82), "82")
        XCTAssertEqual(VietnameseNumberFormat.integer(-2419), "-2.419")
        XCTAssertEqual(VietnameseNumberFormat.percent(7257, of: 7342), "98,84%")
        XCTAssertEqual(VietnameseNumberFormat.percent(1109, of: 7525, fractionDigits: 1), "14,7%")
        XCTAssertNil(VietnameseNumberFormat.percent(1, of: 0))
        XCTAssertEqual(VietnameseNumberFormat.decimal(1234.5, fractionDigits: 1), "1.234,5")
    }
}
