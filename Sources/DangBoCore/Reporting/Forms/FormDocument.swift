import Foundation

/// The JSON of a form file exactly as written, before any value is checked: every field optional, enumerations as
/// strings, and the keys that are not part of the format remembered (`Checked`), so that a reader can report every
/// problem at once. Keys starting with "_" or "$" are comments and are ignored.
struct FormDocument: DocumentObject {
    var code, appendix, title, subtitle, unit, periodType, validTo: String?
    var version: Int?
    var reporters: Checked<ReportersDocument>?
    var deadline: Checked<DeadlineDocument>?
    var stub: [Checked<StubDocument>]?
    var entryColumns: [Checked<EntryColumnDocument>]?
    var columns: [Checked<ColumnDocument>]?
    var headerGroups: [Checked<HeaderGroupDocument>]?
    var rows: [Checked<RowDocument>]?
    var greyed: [String]?
    var rules: [Checked<RuleDocument>]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, appendix, title, subtitle, unit, periodType, reporters, deadline, stub, entryColumns, columns
        case headerGroups, rows, greyed, rules, version, validTo
    }

    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }

    /// Decodes and validates a file's bytes.
    static func decode(_ data: Data) -> (form: FormDefinition?, problems: [FormProblem]) {
        do {
            return try JSONDecoder().decode(Checked<FormDocument>.self, from: data).definition()
        } catch let error as DecodingError {
            var problem = FormDocument.problem(from: error)
            if problem.path.isEmpty, let location = syntaxErrorLocation(in: data) {
                problem.message = "JSON không hợp lệ (\(location))"
            }
            return (nil, [problem])
        } catch {
            return (nil, [FormProblem(path: "", message: "JSON không hợp lệ: \(error)")])
        }
    }

    /// "dòng 3, cột 2" for the first syntax error, from Foundation's JSON parser (JSONDecoder on Linux does not
    /// say where).
    static func syntaxErrorLocation(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            guard let match = detail.firstMatch(of: /character (\d+)/), let offset = Int(match.output.1),
                  offset <= data.count else { return nil }
            let prefix = data.prefix(offset)
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? prefix.startIndex
            let column = String(decoding: data[lineStart..<(prefix.startIndex + offset)], as: UTF8.self).count + 1
            return "dòng \(line), cột \(column)"
        }
    }

    static func problem(from error: DecodingError) -> FormProblem {
        switch error {
        case .typeMismatch(let type, let context):
            return FormProblem(path: path(context.codingPath), message: "sai kiểu dữ liệu, cần \(typeName(type))")
        case .valueNotFound(let type, let context):
            return FormProblem(path: path(context.codingPath), message: "thiếu giá trị, cần \(typeName(type))")
        case .keyNotFound(let key, let context):
            return FormProblem(path: path(context.codingPath + [key]), message: "thiếu trường bắt buộc")
        case .dataCorrupted(let context):
            var detail = context.debugDescription
            if let underlying = context.underlyingError {
                detail += " (\((underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(underlying)"))"
            }
            let message = context.codingPath.isEmpty ? "JSON không hợp lệ: \(detail)" : "giá trị không hợp lệ: \(detail)"
            return FormProblem(path: path(context.codingPath), message: message)
        @unknown default:
            return FormProblem(path: "", message: "JSON không hợp lệ: \(error)")
        }
    }

    /// "rows[4].formula" from a decoder's coding path.
    static func path(_ keys: [CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "chuỗi"
        case is Int.Type: return "số nguyên"
        case is Double.Type: return "số"
        case is Bool.Type: return "true/false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "mảng" }
            if name.hasPrefix("Dictionary") || name.hasPrefix("Checked") { return "đối tượng" }
            return "đối tượng"
        }
    }
}

struct ReportersDocument: DocumentObject {
    var levels: [String]?
    var unitKinds: [String]?
    enum CodingKeys: String, CodingKey, CaseIterable { case levels, unitKinds }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct DeadlineDocument: DocumentObject {
    var daysAfterPeriodEnd: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case daysAfterPeriodEnd }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct StubDocument: DocumentObject {
    var title, number: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case title, number }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct EntryColumnDocument: DocumentObject {
    var key, title, type, element: String?
    var options: [String: String]?
    enum CodingKeys: String, CodingKey, CaseIterable { case key, title, type, element, options }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct ColumnDocument: DocumentObject {
    var key, title, number, type, expr, formula, element: String?
    var period: Checked<PeriodDocument>?
    var decimals: Int?
    var options: [String: String]?
    enum CodingKeys: String, CodingKey, CaseIterable { case key, title, number, type, expr, formula, period, decimals, element, options }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct PeriodDocument: DocumentObject {
    var part, term: String?
    var index, fromPartIndex, shiftYears: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case part, term, index, fromPartIndex, shiftYears }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct HeaderGroupDocument: DocumentObject {
    var title: String?
    var columns: [String]?
    var level: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case title, columns, level }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct RowDocument: DocumentObject {
    var key, number, label, kind, formula, aggregate, unit, element: String?
    var indent: Int?
    var entryTypes, elements, options: [String: String]?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case key, number, label, kind, formula, aggregate, indent, entryTypes, unit, element, elements, options
    }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

struct RuleDocument: DocumentObject {
    var left, op, right, severity, message: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case left, op, right, severity, message }
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}
