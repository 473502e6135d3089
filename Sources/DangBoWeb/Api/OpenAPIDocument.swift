import DangBoCore
import Vapor

/// Builds the OpenAPI 3.0 document from `ApiOperations.all` and a few component schemas.
enum OpenAPIDocument {
    static let prefix = "/api/v1"

    static func make(routes: Routes) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .prettyPrinted])
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    static func document() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for operation in ApiOperations.all {
            var op: [String: Any] = ["summary": operation.summary, "tags": [operation.tag],
                                     "operationId": operationID(operation)]
            var parameters: [[String: Any]] = operation.query.map {
                ["name": $0.name, "in": "query", "required": false, "description": $0.description, "schema": ["type": "string"]]
            }
            if operation.path.contains("{id}") {
                parameters.append(["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]])
            }
            if operation.path.contains("{form}") {
                parameters.append(["name": "form", "in": "path", "required": true, "description": "Mã biểu, ví dụ PL8.1", "schema": ["type": "string"]])
            }
            if !parameters.isEmpty { op["parameters"] = parameters }
            if let schema = operation.requestSchema {
                let body: [String: Any] = schema == "File" ? ["type": "string", "format": "binary"] : ["$ref": "#/components/schemas/\(schema)"]
                op["requestBody"] = ["required": true, "content": [operation.requestMediaType: ["schema": body]]]
            }
            var success: [String: Any] = ["description": "Thành công"]
            if let schema = operation.responseSchema {
                success["content"] = ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]
            }
            var responses: [String: Any] = ["\(operation.successStatus)": success,
                                            "400": errorResponse("Yêu cầu sai định dạng"),
                                            "422": errorResponse("Dữ liệu không hợp lệ (từng trường)")]
            if !operation.isPublic {
                op["security"] = [["bearer": [String]()]]
                responses["401"] = errorResponse("Chưa có mã truy cập hợp lệ")
                responses["403"] = errorResponse("Vai trò không được phép")
                responses["404"] = errorResponse("Không có, hoặc ngoài phạm vi phân quyền")
            }
            op["responses"] = responses
            paths[operation.path, default: [:]][operation.method.lowercased()] = op
        }
        return [
            "openapi": "3.0.3",
            "info": ["title": "DangBo API", "version": "1.0.0",
                     "description": "API quản lý tổ chức đảng và đảng viên. Mọi thao tác chỉ trong cây tổ chức mà tài khoản được phân quyền."],
            "servers": [["url": prefix]],
            "paths": paths,
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]], "schemas": OpenAPISchemas.all],
        ]
    }

    static func operationID(_ operation: ApiOperation) -> String {
        let words = operation.path.split(separator: "/").map { $0.replacingOccurrences(of: "{id}", with: "byId").replacingOccurrences(of: ".", with: "") }
        return operation.method.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
    }
}
