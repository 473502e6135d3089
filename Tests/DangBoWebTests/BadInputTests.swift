import DangBoCore
import DangBoDocuments
@testable import DangBoWeb
import Vapor
import XCTVapor

/// Malformed JSON, wrong types, over-long strings, unknown ids, bad dates, a fake XLSX: a clear 4xx in Vietnamese,
/// never a 500, and nothing written.
final class BadInputTests: XCTestCase {
    func testAPIRefusesBadBodiesWithVietnameseMessagesAndWritesNothing() async throws {
        try await TestApp.with { test in
            let auth = try await test.token("admin")
            let cell = test.fixture.cellA1.id.uuidString
            let good = #""gender":"female","birthDate":"12/4/1985","ethnicity":"Kinh","religion":"Không","educationLevel":"university","politicalTheoryLevel":"elementary","positions":[],"status":"active""#
            let cases: [(String, String, HTTPStatus, String)] = [
                ("malformed JSON", #"{"organizationID": "#, .badRequest, "JSON"),
                ("wrong type", #"{"organizationID":"\#(cell)","fields":{"fullName":42,\#(good)}}"#, .badRequest, "fields.fullName"),
                ("missing field", #"{"organizationID":"\#(cell)"}"#, .badRequest, "fields"),
                ("bad date", #"{"organizationID":"\#(cell)","fields":{"fullName":"A B","gender":"female","birthDate":"31/2/1985","ethnicity":"Kinh","religion":"Không","educationLevel":"university","politicalTheoryLevel":"elementary","positions":[],"status":"active"}}"#, .badRequest, "birthDate"),
                ("bad enum", #"{"organizationID":"\#(cell)","fields":{"fullName":"A B","gender":"x","birthDate":"12/4/1985","ethnicity":"Kinh","religion":"Không","educationLevel":"university","politicalTheoryLevel":"elementary","positions":[],"status":"active"}}"#, .badRequest, "gender"),
                ("over-long name", #"{"organizationID":"\#(cell)","fields":{"fullName":"\#(String(repeating: "A", count: 500))",\#(good)}}"#, .unprocessableEntity, "120"),
                ("unknown organization", #"{"organizationID":"\#(UUID().uuidString)","fields":{"fullName":"A B",\#(good)}}"#, .notFound, "Không tìm thấy"),
            ]
            let before = try await test.writeCounts()
            for (name, body, status, fragment) in cases {
                let response = try await test.api(.POST, "/api/v1/members", json: body, headers: auth)
                XCTAssertEqual(response.status, status, "\(name): \(response.body.string)")
                XCTAssertTrue(response.body.string.contains(fragment), "\(name): \(response.body.string)")
                XCTAssertTrue(response.body.string.contains("\"error\""), name)
            }
            let after = try await test.writeCounts()
            XCTAssertEqual(before, after)
        }
    }

    func testUnknownAndMalformedIDsAre404() async throws {
        try await TestApp.with { test in
            let auth = try await test.token("admin")
            for path in ["/api/v1/members/\(UUID().uuidString)", "/api/v1/members/not-a-uuid", "/api/v1/organizations/123"] {
                let response = try await test.api(.GET, path, headers: auth)
                XCTAssertEqual(response.status, .notFound, path)
            }
            let session = try await test.session("admin")
            let page = try await test.app.sendRequest(.GET, "/members/abc", headers: session.headers)
            XCTAssertEqual(page.status, .notFound)
            XCTAssertTrue(page.body.string.contains("Không tìm thấy"))
            let bad = try await test.app.sendRequest(.GET, "/organizations?on=32/13/2021", headers: session.headers)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("32/13/2021"))
        }
    }

    func testAFakeXLSXIsAClearErrorNotA500() async throws {
        try await TestApp.with { test in
            let auth = try await test.token("admin")
            var headers = auth
            headers.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
            let before = try await test.writeCounts()
            let notZip = try await test.app.sendRequest(.POST, "/api/v1/members/import?org=CB-A1&fileName=ds.xlsx&dryRun=false",
                                                        headers: headers, body: ByteBuffer(string: "đây không phải là tệp excel"))
            XCTAssertEqual(notZip.status, .unprocessableEntity, notZip.body.string)
            XCTAssertTrue(notZip.body.string.contains("xlsx"), notZip.body.string)
            var zipped = ByteBuffer(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0, 0])
            zipped.writeString("rác")
            let brokenZip = try await test.app.sendRequest(.POST, "/api/v1/members/import?org=CB-A1&dryRun=false", headers: headers, body: zipped)
            XCTAssertEqual(brokenZip.status, .unprocessableEntity, brokenZip.body.string)
            let badUTF8 = try await test.app.sendRequest(.POST, "/api/v1/members/import?org=CB-A1&fileName=a.csv", headers: headers,
                                                         body: ByteBuffer(bytes: [0xFF, 0xFE, 0xC3, 0x28]))
            XCTAssertEqual(badUTF8.status, .unprocessableEntity, badUTF8.body.string)
            let after = try await test.writeCounts()
            XCTAssertEqual(before, after)
        }
    }

    func testPageFormShowsEachProblemAndKeepsTheInput() async throws {
        try await TestApp.with { test in
            let session = try await test.session("admin")
            let member = test.members[0]
            let response = try await test.post("/members/\(member.id.uuidString)/edit", form: [
                "fullName": "Nguyễn Thị Vinh Sửa", "gender": "female", "birthDate": "31/2/1980", "educationLevel": "university",
                "politicalTheoryLevel": "intermediate", "status": "active", "version": "1", "admissionDate": "hôm qua",
            ], session: session)
            XCTAssertEqual(response.status, .unprocessableEntity)
            let html = response.body.string
            XCTAssertTrue(html.contains(#"data-field="birthDate""#), html)
            XCTAssertTrue(html.contains(#"data-field="admissionDate""#))
            XCTAssertTrue(html.contains("31/2/1980"))
            XCTAssertTrue(html.contains("Nguyễn Thị Vinh Sửa"), "the typed input is kept")
        }
    }

    func testStaleEditShowsAConflictNotASilentOverwrite() async throws {
        try await TestApp.with { test in
            let session = try await test.session("admin")
            let member = test.members[0]
            var form = ["fullName": member.fields.fullName, "gender": "female", "birthDate": "12/4/1985", "educationLevel": "university",
                        "politicalTheoryLevel": "intermediate", "status": "active", "version": "1", "ethnicity": "Tày"]
            let first = try await test.post("/members/\(member.id.uuidString)/edit", form: form, session: session)
            XCTAssertEqual(first.status, .seeOther)
            form["ethnicity"] = "Nùng"
            let second = try await test.post("/members/\(member.id.uuidString)/edit", form: form, session: session)
            XCTAssertEqual(second.status, .conflict)
            XCTAssertTrue(second.body.string.contains("người khác sửa"))
            let auth = try await test.token("admin")
            let stored = try await test.api(.GET, "/api/v1/members/\(member.id.uuidString)", headers: auth)
            XCTAssertTrue(stored.body.string.contains("Tày"))
        }
    }

    func testDeletingAMemberWithAnAccountIsAConflict() async throws {
        try await TestApp.with { test in
            let auth = try await test.token("admin")
            let response = try await test.api(.DELETE, "/api/v1/members/\(test.members[0].id.uuidString)", headers: auth)
            XCTAssertEqual(response.status, .conflict)
            XCTAssertTrue(response.body.string.contains("tài khoản"))
        }
    }
}

final class ImportCommandTests: XCTestCase {
    func testCommandDryRunThenImportThenReimportChangesNothing() async throws {
        try await TestApp.with { test in
            let csv = MemberImportColumn.allCases.map(\.header).joined(separator: ",") + "\n"
                + "Lê Văn Mới,Nam,1/1/1990,Kinh,Không,Đại học,Sơ cấp,,,555001,,,,\n"
                + "Lê Văn Hỏng,Nam,31/2/1990,Kinh,Không,Đại học,Sơ cấp,,,555002,,,,\n"
            let path = NSTemporaryDirectory() + "import-\(UUID().uuidString).csv"
            try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let dry = try await MemberImportRunner.run(database: test.app.db, path: path, organizationCode: "CB-A1", dryRun: true,
                                                       onlyClean: false, username: "admin")
            XCTAssertFalse(dry.succeeded)
            XCTAssertTrue(dry.lines.contains { $0.hasPrefix("Dòng 3, cột C (Ngày sinh)") }, dry.lines.joined(separator: "\n"))
            let refused = try await MemberImportRunner.run(database: test.app.db, path: path, organizationCode: "CB-A1", dryRun: false,
                                                           onlyClean: false, username: "admin")
            XCTAssertFalse(refused.succeeded)
            let count0 = try await test.writeCounts()
            let clean = try await MemberImportRunner.run(database: test.app.db, path: path, organizationCode: "CB-A1", dryRun: false,
                                                         onlyClean: true, username: "admin")
            XCTAssertTrue(clean.succeeded)
            XCTAssertTrue(clean.lines.last?.contains("thêm 1") ?? false, clean.lines.joined(separator: "\n"))
            let count1 = try await test.writeCounts()
            XCTAssertEqual(count1[1], count0[1] + 1, "one member added")
            let again = try await MemberImportRunner.run(database: test.app.db, path: path, organizationCode: "CB-A1", dryRun: false,
                                                         onlyClean: true, username: "admin")
            XCTAssertTrue(again.lines.last?.contains("không đổi 1") ?? false, again.lines.joined(separator: "\n"))
            let count2 = try await test.writeCounts()
            XCTAssertEqual(count2[1], count1[1])
        }
    }

    func testTemplateXLSXRoundTripsThroughTheAPIImport() async throws {
        try await TestApp.with { test in
            let session = try await test.session("admin")
            let template = try await test.app.sendRequest(.GET, "/members/import/template.xlsx", headers: session.headers)
            XCTAssertEqual(template.status, .ok)
            let headers = try XLSXReader.readRows(from: Data(buffer: template.body)).first
            XCTAssertEqual(headers, MemberImportColumn.allCases.map(\.header))
            var sheet = XLSXSheet(name: "DS")
            sheet.appendRow(MemberImportColumn.allCases.map { XLSXCell.text($0.header) })
            sheet.appendRow([.text("Trương Thị Ưng"), .text("Nữ"), .date(Day(parsing: "2/9/1988")!), .text("Tày"), .text("Không"),
                             .text("Trên đại học"), .text("Cao cấp, cử nhân"), .date(Day(parsing: "19/5/2012")!), .date(Day(parsing: "19/5/2013")!),
                             .text("555777"), .text("Bí thư; Cấp ủy viên"), .text("CB-A2"), .empty, .empty])
            let file = try XLSXWriter.make(sheets: [sheet])
            var auth = try await test.token("admin")
            auth.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
            let response = try await test.app.sendRequest(.POST, "/api/v1/members/import?dryRun=false&fileName=ds.xlsx", headers: auth,
                                                          body: ByteBuffer(data: file))
            XCTAssertEqual(response.status, .ok, response.body.string)
            let search = try await test.api(.GET, "/api/v1/members?q=truong%20thi%20ung", headers: try await test.token("admin"))
            XCTAssertTrue(search.body.string.contains("Trương Thị Ưng"), search.body.string)
            XCTAssertTrue(search.body.string.contains("1988-09-02"))
            XCTAssertTrue(search.body.string.contains("secretary"))
        }
    }
}
