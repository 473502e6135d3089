@testable import DangBoWeb
import Vapor
import XCTVapor

final class OpenAPITests: XCTestCase {
    func testEveryAPIRouteIsDocumentedAndEveryDocumentedOperationExists() async throws {
        try await TestApp.with { test in
            let response = try await test.app.sendRequest(.GET, "/api/v1/openapi.json")
            XCTAssertEqual(response.status, .ok)
            let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            XCTAssertEqual(document["openapi"] as? String, "3.0.3")
            let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            var registered = Set<String>()
            for route in test.app.routes.all {
                let components = route.path.map(\.description)
                guard components.starts(with: ["api", "v1"]) else { continue }
                let path = "/" + components.dropFirst(2).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
                registered.insert("\(route.method.rawValue) \(path)")
            }
            XCTAssertEqual(registered.subtracting(documented), [], "routes missing from the OpenAPI document")
            XCTAssertEqual(documented.subtracting(registered), [], "documented operations with no route")
            // Every schema reference resolves.
            let schemas = try XCTUnwrap((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let text = response.body.string
            var scanner = text[...]
            while let range = scanner.range(of: "#/components/schemas/") {
                let name = String(scanner[range.upperBound...].prefix { $0 != "\"" })
                XCTAssertNotNil(schemas[name], "unresolved $ref \(name)")
                scanner = scanner[range.upperBound...]
            }
        }
    }
}
