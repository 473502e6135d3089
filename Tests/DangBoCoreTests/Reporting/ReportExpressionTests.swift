import DangBoCore
import XCTest

final class ReportExpressionTests: XCTestCase {
    private let values: [String: Double] = ["c1": 801, "c2": 384, "c3": 648, "c4": 1257, "c5": 89, "zero": 0]

    private func evaluate(_ text: String) throws -> Double? {
        try ReportExpression(parsing: text).evaluate { self.values[$0] }
    }

    func testPrecedenceParenthesesAndUnaryMinus() throws {
        XCTAssertEqual(try evaluate("c2+c3+c4+c5"), 2378)
        XCTAssertEqual(try evaluate("(c2+c3+c4+c5)/c1*100") ?? 0, 296.879, accuracy: 0.001)
        XCTAssertEqual(try evaluate("2 + 3 * 4"), 14)
        XCTAssertEqual(try evaluate("(2 + 3) * 4"), 20)
        XCTAssertEqual(try evaluate("10 - 4 - 3"), 3)
        XCTAssertEqual(try evaluate("-c5 + 100"), 11)
        XCTAssertEqual(try evaluate("2 * -3"), -6)
        XCTAssertEqual(try evaluate("1.5 * 2"), 3)
    }

    func testEmptyOperandsAndDivisionByZero() throws {
        XCTAssertEqual(try evaluate("c1 + missing"), 801, "an empty addend counts as 0")
        XCTAssertEqual(try evaluate("missing - c5"), -89)
        XCTAssertNil(try evaluate("missing + other"), "all addends empty")
        XCTAssertNil(try evaluate("c1 * missing"))
        XCTAssertNil(try evaluate("c1 / missing"))
        XCTAssertNil(try evaluate("-missing"))
        XCTAssertNil(try evaluate("(c2 + missing) / (other + missing) * 100"))
        XCTAssertNil(try evaluate("c1 / zero"))
        XCTAssertEqual(try evaluate("sum(c1, missing, c5)"), 890)
        XCTAssertNil(try evaluate("sum(missing, other)"))
        XCTAssertEqual(try evaluate("SUM(c1)"), 801)
    }

    func testVariablesAndCellKeys() throws {
        let expression = try ReportExpression(parsing: "sum(r1a:n, r2:n) - r1a:n * 2")
        XCTAssertEqual(expression.variables, ["r1a:n", "r2:n"])
        XCTAssertEqual(expression.orderedVariables, ["r1a:n", "r2:n"])
        XCTAssertEqual(try ReportExpression(parsing: " a.1 ").referenceName, "a.1")
        XCTAssertNil(try ReportExpression(parsing: "a/b").referenceName)
    }

    func testDescriptionAndRendering() throws {
        XCTAssertEqual(try ReportExpression(parsing: "c2 + c3+c4 +c5").description, "c2+c3+c4+c5")
        XCTAssertEqual(try ReportExpression(parsing: "(a+b)*(c-d)/ (e/f)").description, "(a+b)*(c-d)/(e/f)")
        XCTAssertEqual(try ReportExpression(parsing: "a-(b-c)").description, "a-(b-c)")
        XCTAssertEqual(try ReportExpression(parsing: "a-(b+c)").description, "a-(b+c)")
        XCTAssertEqual(try ReportExpression(parsing: "(a-b)+c").description, "a-b+c")
        let rendered = try ReportExpression(parsing: "c2+c3").rendered(spaced: true) { $0 == "c2" ? "1.257" : "-5" }
        XCTAssertEqual(rendered, "1.257 + (-5)")
    }

    func testSyntaxErrorsNameThePosition() {
        let cases: [(String, Int, String)] = [
            ("c1 + * c2", 5, "thiếu toán hạng trước \"*\""),
            ("sum(a, b", 8, "thiếu dấu \")\""),
            ("a $ b", 2, "ký tự không hợp lệ \"$\""),
            ("foo(a)", 0, "hàm \"foo\" không được hỗ trợ (chỉ có sum)"),
            ("", 0, "biểu thức trống"),
            ("2x", 1, "thiếu toán tử giữa số và \"x\""),
            ("a b", 2, "thừa \"b\" sau biểu thức"),
            ("(a + b", 6, "thiếu dấu \")\""),
            ("a +", 3, "thiếu toán hạng ở cuối biểu thức"),
            ("sum()", 4, "sum() cần ít nhất một đối số"),
            ("1,5", 1, "thừa \",\" sau biểu thức"),
        ]
        for (text, offset, message) in cases {
            XCTAssertThrowsError(try ReportExpression(parsing: text), text) { error in
                guard let error = error as? ExpressionSyntaxError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.offset, offset, text)
                XCTAssertEqual(error.message, message, text)
                XCTAssertTrue(error.description.hasPrefix("lỗi cú pháp ở ký tự \(offset + 1): "), error.description)
            }
        }
    }
}
