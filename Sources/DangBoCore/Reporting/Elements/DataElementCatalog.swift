import Foundation

/// Every data element and disaggregation of a forms directory (`Forms/elements/*.json`), validated: codes are
/// unique, every element's categories exist, every category has options with unique codes.
public struct DataElementCatalog: Sendable, Hashable {
    public let elements: [String: DataElement]
    public let categories: [String: DisaggregationCategory]

    public static let empty = DataElementCatalog(validatedElements: [:], categories: [:])

    public init(elements: [DataElement], categories: [DisaggregationCategory]) throws(FormDefinitionError) {
        let result = Self.check(files: [("", elements, categories)])
        guard result.problems.isEmpty else { throw FormDefinitionError(entries: result.problems) }
        self = result.catalog
    }

    private init(validatedElements: [String: DataElement], categories: [String: DisaggregationCategory]) {
        self.elements = validatedElements
        self.categories = categories
    }

    public func element(_ code: String) -> DataElement? { elements[code] }

    public func category(_ code: String) -> DisaggregationCategory? { categories[code] }

    /// "Cán bộ đưa vào quy hoạch cấp huyện (Bí thư, Nữ)".
    public func describe(_ key: ValueKey) -> String {
        let name = elements[key.element]?.name ?? key.element
        let options = key.options.sorted { $0.key < $1.key }.map { categories[$0.key]?.option($0.value)?.name ?? $0.value }
        return options.isEmpty ? name : "\(name) (\(options.joined(separator: ", ")))"
    }

    /// The problems of `key` as a stored value's key: an unknown element, a category the element does not have, an
    /// option its category does not have.
    public func problems(of key: ValueKey) -> [String] {
        guard let element = elements[key.element] else { return ["chỉ tiêu \"\(key.element)\" chưa được khai báo trong Forms/elements"] }
        var problems: [String] = []
        for (category, option) in key.options.sorted(by: { $0.key < $1.key }) {
            guard element.categories.contains(category), let definition = categories[category] else {
                problems.append("chỉ tiêu \(element.code) không phân tổ theo \"\(category)\"")
                continue
            }
            if definition.option(option) == nil {
                problems.append("phân tổ \(category) không có mục \"\(option)\" (có: \(definition.options.map(\.code).joined(separator: ", ")))")
            }
        }
        return problems
    }

    struct FileContent: Decodable {
        var categories: [DisaggregationCategory]?
        var elements: [DataElement]?
    }

    /// Reads `directory/elements/*.json` (each `{"categories": [...], "elements": [...]}`); `.empty` when the
    /// folder does not exist. Problems name the file and the place.
    public static func load(formsDirectory directory: URL) throws(FormDefinitionError) -> DataElementCatalog {
        let folder = directory.appendingPathComponent("elements")
        guard FileManager.default.fileExists(atPath: folder.path) else { return .empty }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.lowercased().hasSuffix(".json") }.sorted()
        let base = directory.standardizedFileURL.lastPathComponent
        var files: [(String, [DataElement], [DisaggregationCategory])] = []
        var problems: [FormDefinitionError.Entry] = []
        for name in names {
            let label = "\(base)/elements/\(name)"
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else {
                problems.append(.init(file: label, path: "", message: "không đọc được tệp"))
                continue
            }
            do {
                let content = try JSONDecoder().decode(FileContent.self, from: data)
                files.append((label, content.elements ?? [], content.categories ?? []))
            } catch {
                problems.append(.init(file: label, path: "", message: "không đọc được: \(Self.describe(error))"))
            }
        }
        let result = check(files: files)
        problems += result.problems
        guard problems.isEmpty else { throw FormDefinitionError(entries: problems) }
        return result.catalog
    }

    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "JSON không hợp lệ" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "thiếu \"\(key.stringValue)\" tại \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return "giá trị sai tại \(path.isEmpty ? "gốc" : path) (loại chỉ tiêu: count, number, money, percent, text, monthYear; cộng dồn: sum, last, none; phân tổ: partition, subset)"
        @unknown default:
            return "JSON không hợp lệ"
        }
    }

    /// A counterpart is a bound element of the same type whose categories include the typed element's, so that
    /// every typed value has one bound value to be compared with.
    static func counterpartProblems(_ code: String, of element: DataElement, elements: [String: DataElement]) -> [String] {
        guard let other = elements[code] else { return ["chỉ tiêu đối chiếu \"\(code)\" chưa được khai báo"] }
        guard other.isBound else { return ["chỉ tiêu đối chiếu \"\(code)\" không lấy từ sổ sách (không có binding)"] }
        guard !element.isBound else { return ["chỉ tiêu lấy từ sổ sách không cần chỉ tiêu đối chiếu"] }
        var problems: [String] = []
        if other.type != element.type {
            problems.append("chỉ tiêu đối chiếu \"\(code)\" có kiểu \(other.type.rawValue), khác kiểu \(element.type.rawValue)")
        }
        let missing = element.categories.filter { !other.categories.contains($0) }
        if !missing.isEmpty {
            problems.append("chỉ tiêu đối chiếu \"\(code)\" không có phân tổ \(missing.joined(separator: ", "))")
        }
        return problems
    }

    /// A binding names a known registry and measure, counts (`count`), matches its aggregation to the measure
    /// (a stock takes the last value, events add up), answers every category with an attribute whose values are
    /// the category's options, and filters on known attributes and values.
    static func bindingProblems(_ binding: ElementBinding, of element: DataElement,
                                categories: [String: DisaggregationCategory]) -> [String] {
        guard let source = BoundSource.named(binding.source) else {
            return ["nguồn \"\(binding.source)\" không có (có: \(BoundSource.all.map(\.code).joined(separator: ", ")))"]
        }
        guard let measure = source.measure(binding.measure) else {
            return ["\(source.label) không có phép đếm \"\(binding.measure)\" (có: \(source.measures.map(\.code).joined(separator: ", ")))"]
        }
        var problems: [String] = []
        if element.type != .count { problems.append("chỉ tiêu gắn với hồ sơ là số đếm: \"type\": \"count\"") }
        let expected: ElementAggregation = measure.isStock ? .last : .sum
        if element.aggregation != expected {
            problems.append("\(measure.label) \(measure.isStock ? "là số cuối kỳ" : "là số phát sinh trong kỳ"): \"aggregation\": \"\(expected.rawValue)\"")
        }
        for category in element.categories {
            guard let attributeCode = binding.disaggregations[category] else {
                problems.append("phân tổ \"\(category)\" chưa gắn với thuộc tính nào của \(source.label) (disaggregations)")
                continue
            }
            guard let attribute = source.attribute(attributeCode) else {
                problems.append("\(source.label) không có thuộc tính \"\(attributeCode)\" (có: \(source.attributes.map(\.code).joined(separator: ", ")))")
                continue
            }
            for option in categories[category]?.options ?? [] {
                let valid = attribute.values.isEmpty ? AgeBand(code: option.code) != nil : attribute.values.contains(option.code)
                if !valid {
                    problems.append("mục \"\(option.code)\" của phân tổ \(category) không phải giá trị của \(attribute.label)"
                        + (attribute.values.isEmpty ? " (viết le30, 31to40, over60)" : " (có: \(attribute.values.joined(separator: ", ")))"))
                }
            }
        }
        for (attributeCode, value) in binding.filters.sorted(by: { $0.key < $1.key }) {
            guard let attribute = source.attribute(attributeCode) else {
                problems.append("lọc theo thuộc tính \"\(attributeCode)\" không có")
                continue
            }
            if !attribute.values.isEmpty, !attribute.values.contains(value) {
                problems.append("lọc \(attributeCode) = \"\(value)\": giá trị không có")
            }
        }
        return problems
    }

    static func check(files: [(String, [DataElement], [DisaggregationCategory])])
        -> (catalog: DataElementCatalog, problems: [FormDefinitionError.Entry]) {
        var problems: [FormDefinitionError.Entry] = []
        var categories: [String: DisaggregationCategory] = [:]
        var elements: [String: DataElement] = [:]
        for (file, _, list) in files {
            for (index, category) in list.enumerated() {
                let path = "categories[\(index)]"
                if !FormValidator.isValidCode(category.code) {
                    problems.append(.init(file: file, path: "\(path).code", message: "mã phân tổ \"\(category.code)\" không hợp lệ"))
                }
                if categories[category.code] != nil {
                    problems.append(.init(file: file, path: "\(path).code", message: "mã phân tổ \"\(category.code)\" bị trùng"))
                }
                if category.options.isEmpty { problems.append(.init(file: file, path: "\(path).options", message: "phân tổ không có mục nào")) }
                var seen: Set<String> = []
                for (position, option) in category.options.enumerated() where !seen.insert(option.code).inserted || !FormValidator.isValidCode(option.code) {
                    problems.append(.init(file: file, path: "\(path).options[\(position)].code", message: "mã mục \"\(option.code)\" không hợp lệ hoặc bị trùng"))
                }
                categories[category.code] = category
            }
        }
        for (file, list, _) in files {
            for (index, element) in list.enumerated() {
                let path = "elements[\(index)]"
                if !FormValidator.isValidCode(element.code) || element.code.contains("/") {
                    problems.append(.init(file: file, path: "\(path).code", message: "mã chỉ tiêu \"\(element.code)\" không hợp lệ (chữ Latin, chữ số, \".\", \"_\", \"-\")"))
                }
                if elements[element.code] != nil {
                    problems.append(.init(file: file, path: "\(path).code", message: "mã chỉ tiêu \"\(element.code)\" bị trùng"))
                }
                if element.name.trimmingCharacters(in: .whitespaces).isEmpty {
                    problems.append(.init(file: file, path: "\(path).name", message: "chỉ tiêu chưa có tên"))
                }
                for category in element.categories where categories[category] == nil {
                    problems.append(.init(file: file, path: "\(path).categories", message: "phân tổ \"\(category)\" chưa được khai báo"))
                }
                if let binding = element.binding {
                    problems += bindingProblems(binding, of: element, categories: categories).map {
                        .init(file: file, path: "\(path).binding", message: $0)
                    }
                }
                if element.aggregation != .none, element.type == .percent {
                    problems.append(.init(file: file, path: "\(path).aggregation", message: "tỷ lệ không cộng được theo thời gian: dùng \"none\""))
                }
                elements[element.code] = element
            }
        }
        for (file, list, _) in files {
            for (index, element) in list.enumerated() {
                guard let code = element.counterpart else { continue }
                problems += counterpartProblems(code, of: element, elements: elements).map {
                    .init(file: file, path: "elements[\(index)].counterpart", message: $0)
                }
            }
        }
        return (DataElementCatalog(validatedElements: elements, categories: categories), problems)
    }
}
