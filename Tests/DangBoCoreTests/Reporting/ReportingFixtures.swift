import DangBoCore
import Foundation
import XCTest

/// A small PL 8.1-like form (the seed's "Kết quả công tác kiểm tra, giám sát") and helpers shared by the tests.
enum ReportingFixtures {
    static let pl81JSON = #"""
    {
      "code": "PL8.1", "appendix": "PHỤ LỤC 8.1",
      "title": "KẾT QUẢ CÔNG TÁC KIỂM TRA, GIÁM SÁT CỦA ĐẢNG BỘ TỈNH", "subtitle": "ĐẾN GIỮA NHIỆM KỲ 2020 - 2025",
      "unit": "Đvt: Lượt",
      "periodType": "quarter", "reporters": {"levels": ["grassrootsCommittee", "grassrootsCell"]},
      "deadline": {"daysAfterPeriodEnd": 10},
      "stub": [{"title": "STT", "number": "A"}, {"title": "Nội dung", "number": "B"}],
      "entryColumns": [{"key": "n", "title": "Số lượng", "type": "count"}],
      "columns": [
        {"key": "c1", "title": "Giữa nhiệm kỳ 2015 - 2020", "number": "1", "type": "count", "expr": "n", "period": {"shiftYears": -5}},
        {"key": "c2", "title": "Năm {year} (6 tháng cuối năm)", "number": "2", "type": "count", "expr": "n", "period": {"part": "year", "index": 0}},
        {"key": "c3", "title": "Năm {year}", "number": "3", "type": "count", "expr": "n", "period": {"part": "year", "index": 1}},
        {"key": "c4", "title": "Năm {year}", "number": "4", "type": "count", "expr": "n", "period": {"part": "year", "index": 2}},
        {"key": "c5", "title": "Đến tháng {endMonth}/{endYear}", "number": "5", "type": "count", "expr": "n", "period": {"part": "year", "index": -1}},
        {"key": "c6", "title": "Cộng kết quả thực hiện từ 01/2021 đến tháng 3/2023", "number": "6=2+3+4+5", "type": "count", "formula": "c2+c3+c4+c5"},
        {"key": "c7", "title": "So sánh giữa NK 2015-2020 với giữa NK 2020-2025 (%)", "number": "7=6/1*100", "type": "percent", "formula": "c6/c1*100", "decimals": 0}
      ],
      "headerGroups": [{"title": "Nhiệm kỳ 2020 - 2025", "columns": ["c2", "c3", "c4", "c5"]}],
      "rows": [
        {"key": "I", "number": "I-", "label": "Kiểm tra, giám sát của cấp ủy các cấp theo Điều 30 Điều lệ Đảng", "kind": "heading"},
        {"key": "r1", "number": "1", "label": "Kiểm tra đảng viên", "kind": "heading"},
        {"key": "r1a", "number": "a", "label": "Tổng số đảng viên được kiểm tra", "indent": 1},
        {"key": "r1b1", "number": "b", "label": "Kết quả kiểm tra: - Có vi phạm", "indent": 1},
        {"key": "r1b2", "number": "", "label": "- Phải thi hành kỷ luật", "indent": 2},
        {"key": "r2a", "number": "2", "label": "Tổng số tổ chức đảng được kiểm tra"},
        {"key": "total", "number": "", "label": "Tổng số lượt kiểm tra", "kind": "computed", "formula": "r1a+r2a"}
      ],
      "greyed": ["r1b1:c7", "r1b2:c7"],
      "rules": [
        {"left": "r1b1:n", "op": "<=", "right": "r1a:n", "severity": "error", "message": "Số đảng viên có vi phạm không vượt quá số đảng viên được kiểm tra"},
        {"left": "r1b2:n", "op": "<=", "right": "r1b1:n", "severity": "warning", "message": "Số phải thi hành kỷ luật thường không vượt quá số có vi phạm"}
      ]
    }
    """#

    static func pl81() throws -> FormDefinition {
        try FormDefinition.decode(Data(pl81JSON.utf8), file: "Forms/pl-8-1.json")
    }

    /// The PL 8.1 JSON as a mutable object, for writing broken variants.
    static func pl81Object() throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(pl81JSON.utf8)) as? [String: Any])
    }

    static func data(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The seed report's span: 1/7/2020 to 31/3/2023.
    static func seedSpan() throws -> Period {
        try XCTUnwrap(Period(parsing: "1/7/2020-31/3/2023"))
    }

    static func period(_ text: String) throws -> Period {
        try XCTUnwrap(Period(parsing: text), "không đọc được kỳ \(text)")
    }
}

/// A value source that answers from a table keyed by row, column and period code.
struct FakeValues: ReportValueSource {
    var numbers: [String: Double] = [:]
    var texts: [String: String] = [:]
    private(set) var asked: [String] = []

    mutating func set(_ row: String, _ column: String, _ period: Period, _ value: Double) {
        numbers["\(row)|\(column)|\(period.code)"] = value
    }

    func number(row: String, column: String, period: Period) -> Double? {
        numbers["\(row)|\(column)|\(period.code)"]
    }

    func text(row: String, column: String, period: Period) -> String? {
        texts["\(row)|\(column)|\(period.code)"]
    }
}
