import DangBoCore
import DangBoStorage
import DangBoTestSupport
@testable import DangBoWeb
import Fluent
import SQLKit
import Vapor
import XCTVapor

/// A migrated app with the small fixture bloc and accounts, for one test.
struct TestApp {
    let app: Application
    let fixture: Fixture
    let members: [Member]
    static let password = "matkhau-thu-nghiem"

    /// Accounts: "admin-a"/"admin-c" (administrators scoped to committee A / C), "office" (bloc office, whole bloc),
    /// "inspector" (inspection commission, whole bloc), "coso-a" (secretary of committee A), "member" (a member in A1).
    /// The small test forms next to this file (the real Forms/ are tested in DangBoCoreTests and by the browser).
    static let formsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Forms")

    static func make(forms: URL? = TestApp.formsDirectory) async throws -> TestApp {
        let app = try await Application.make(.testing)
        let location = try TestDatabase.location
        try configure(app, database: location, formsDirectory: forms)
        app.passwords.use(.bcrypt(cost: 4))
        if location.isPostgres { try await app.autoRevert() }
        try await app.autoMigrate()
        let fixture = Fixture()
        let members = try await fixture.load(into: app.db)
        let accounts = AccountStore(database: app.db)
        let hash = try app.password.hash(password)
        let specs: [(String, Role, Organization, UUID?)] = [
            ("admin-a", .administrator, fixture.committeeA, nil), ("admin-c", .administrator, fixture.committeeC, nil),
            ("admin", .administrator, fixture.root, nil), ("office", .blocOffice, fixture.root, nil),
            ("inspector", .inspectionCommission, fixture.root, nil), ("coso-a", .grassrootsSecretary, fixture.committeeA, nil),
            ("member", .member, fixture.cellA1, members[0].id),
        ]
        for (username, role, scope, memberID) in specs {
            _ = try await accounts.create(AccountDraft(username: username, displayName: username, passwordHash: hash, role: role,
                                                       scopeOrganizationID: scope.id, memberID: memberID))
        }
        return TestApp(app: app, fixture: fixture, members: members)
    }

    static func with(_ body: (TestApp) async throws -> Void) async throws {
        let test = try await make()
        do {
            try await body(test)
        } catch {
            try? await test.app.asyncShutdown()
            throw error
        }
        try await test.app.asyncShutdown()
    }

    /// A signed-in browser session: its cookie and CSRF token.
    struct Session {
        var cookie: String
        var csrf: String

        var headers: HTTPHeaders { ["Cookie": "\(SessionAuthenticator.cookieName)=\(cookie)"] }
    }

    func session(_ username: String, password: String = TestApp.password) async throws -> Session {
        let page = try await app.sendRequest(.GET, "/login")
        let cookie = try XCTUnwrap(page.headers.setCookie?[SessionAuthenticator.cookieName]?.string)
        let csrf = try XCTUnwrap(Self.csrf(in: page.body.string))
        let anonymous = Session(cookie: cookie, csrf: csrf)
        let response = try await post("/login", form: ["username": username, "password": password], session: anonymous)
        XCTAssertEqual(response.status, .seeOther, "login \(username): \(response.body.string.prefix(300))")
        let signed = try XCTUnwrap(response.headers.setCookie?[SessionAuthenticator.cookieName]?.string)
        let home = try await app.sendRequest(.GET, "/members/import", headers: Session(cookie: signed, csrf: "").headers)
        return Session(cookie: signed, csrf: Self.csrf(in: home.body.string) ?? csrf)
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func post(_ path: String, form: [String: String], session: Session, csrf: Bool = true) async throws -> XCTHTTPResponse {
        var fields = form
        if csrf { fields["_csrf"] = session.csrf }
        var headers = session.headers
        headers.contentType = .urlEncodedForm
        return try await app.sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    /// A form whose fields repeat (`member[]`), in the order given.
    func post(_ path: String, pairs: [(String, String)], session: Session) async throws -> XCTHTTPResponse {
        var headers = session.headers
        headers.contentType = .urlEncodedForm
        let body = ([("_csrf", session.csrf)] + pairs).map { Self.encode([$0.0: $0.1]) }.joined(separator: "&")
        return try await app.sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            let k = key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key
            let v = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            return "\(k)=\(v)"
        }.joined(separator: "&")
    }

    func token(_ username: String) async throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let response = try await app.sendRequest(.POST, "/api/v1/auth/token", headers: headers,
                                                 body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(Self.password)"}"#))
        XCTAssertEqual(response.status, .ok, response.body.string)
        let token = try response.content.decode(TokenResponse.self).token
        var auth = HTTPHeaders()
        auth.bearerAuthorization = BearerAuthorization(token: token)
        return auth
    }

    func api(_ method: HTTPMethod, _ path: String, json: String? = nil, headers: HTTPHeaders) async throws -> XCTHTTPResponse {
        var headers = headers
        if json != nil { headers.contentType = .json }
        return try await app.sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Counts that any write changes: used to prove a refused request wrote nothing.
    func writeCounts() async throws -> [Int] {
        let sql = app.db as! any SQLDatabase
        var counts: [Int] = []
        for table in ["audit_entries", "members", "member_assignments", "organizations", "organization_links"] {
            // Logins are audited too (entity type "account"); signing in to make a request is not a write of the request.
            let rows = table == "audit_entries" ? "audit_entries WHERE entity_type <> 'account'" : table
            counts.append(try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: rows)").first()?.decode(column: "n", as: Int.self) ?? -1)
        }
        let versions = try await sql.raw("SELECT CAST(SUM(version) AS BIGINT) AS n FROM members").first()?.decode(column: "n", as: Int.self) ?? -1
        return counts + [versions]
    }
}

extension TestApp {
    /// A response that sends the browser to a job's page (`…?job=ID`): waits for that job to end, then returns the
    /// page, which shows its outcome. Any other response is returned as it is.
    func followingJob(_ response: XCTHTTPResponse, session: Session) async throws -> XCTHTTPResponse {
        guard response.status == .seeOther, let location = response.headers.first(name: .location),
              let id = URLComponents(string: location)?.queryItems?.first(where: { $0.name == "job" })?.value.flatMap(UUID.init(uuidString:))
        else { return response }
        await app.jobs.wait(id)
        return try await app.sendRequest(.GET, location, headers: session.headers)
    }
}
