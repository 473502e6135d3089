@testable import DangBoWeb
import Foundation
import XCTest

/// `dangbo forms check`: the server's own loader judges form definitions, file by file.
final class FormsCheckCommandTests: XCTestCase {
    func run(_ arguments: [String], in directory: URL) -> (status: Int32, lines: [String]) {
        var lines: [String] = []
        let status = FormsCheckCommand.run(arguments: ["dangbo", "forms", "check"] + arguments, environment: [:],
                                           workingDirectory: directory.path, print: { lines.append($0) })
        return (status, lines)
    }

    func testGoodFormsPassAndABrokenFileIsNamedWithItsPlace() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("forms-check-\(UUID().uuidString)")
        let forms = root.appendingPathComponent("Forms")
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let good = try Data(contentsOf: TestApp.formsDirectory.appendingPathComponent("test-quarterly.json"))
        try good.write(to: forms.appendingPathComponent("kt1.json"))

        let passed = run([], in: root)
        XCTAssertEqual(passed.status, 0, passed.lines.joined(separator: "\n"))
        XCTAssertTrue(passed.lines.contains { $0.hasPrefix("Forms/kt1.json: đạt — KT1") }, passed.lines.joined(separator: "\n"))

        let broken = String(decoding: good, as: UTF8.self)
            .replacingOccurrences(of: "violations+disciplined", with: "violations+khongco")
            .replacingOccurrences(of: "\"KT1\"", with: "\"KT9\"")
        try Data(broken.utf8).write(to: root.appendingPathComponent("hong.json"))
        let failed = run(["hong.json", "Forms/kt1.json"], in: root)
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.lines.contains { $0.contains("hong.json") && $0.contains("rows") && $0.contains("khongco") },
                      failed.lines.joined(separator: "\n"))
        XCTAssertTrue(failed.lines.contains { $0.hasPrefix("Forms/kt1.json: đạt") })

        let duplicate = run(["Forms/kt1.json", "Forms/kt1.json"], in: root)
        XCTAssertEqual(duplicate.status, 1)
        XCTAssertTrue(duplicate.lines.contains { $0.contains("đã dùng trong") })

        let missing = run(["khong-co.json"], in: root)
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(FormsCheckCommand.run(arguments: ["dangbo", "forms"], environment: [:], workingDirectory: root.path, print: { _ in }), 2)
    }

    func testTheRepositoryFormsPass() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = run([], in: repository)
        XCTAssertEqual(result.status, 0, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.lines.filter { $0.contains(": đạt — ") }.count, 15, "the 13 seed tables, DV and the monthly report BCTHANG")
    }
}
