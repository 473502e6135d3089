import DangBoCore
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
