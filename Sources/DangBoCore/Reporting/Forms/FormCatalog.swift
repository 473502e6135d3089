import Foundation

/// Every form definition of a directory (`Forms/*.json`), loaded once at start-up. Loading refuses a directory with
/// any broken definition and lists every problem of every file.
public struct FormCatalog: Sendable, Hashable {
    /// The forms in file-name order.
    public let forms: [FormDefinition]
    /// The data elements and disaggregations the forms refer to (`elements/*.json`).
    public let elements: DataElementCatalog
    /// Older layouts of forms (`versions/*.json`), per code, oldest first, each with the last day it was in force.
    public let versions: [String: [FormDefinition]]

    /// A catalog of already validated forms; throws when two share a code.
    public init(forms: [FormDefinition]) throws(FormDefinitionError) {
        var entries: [FormDefinitionError.Entry] = []
        var seen: Set<String> = []
        for form in forms where !seen.insert(form.code).inserted {
            entries.append(.init(file: nil, path: "code", message: "mã biểu mẫu \"\(form.code)\" bị trùng"))
        }
        guard entries.isEmpty else { throw FormDefinitionError(entries: entries) }
        self.forms = forms
        self.elements = .empty
        self.versions = [:]
    }

    /// No forms at all.
    public static let empty = FormCatalog(validated: [], elements: .empty, versions: [:])

    private init(validated forms: [FormDefinition], elements: DataElementCatalog, versions: [String: [FormDefinition]]) {
        self.forms = forms
        self.elements = elements
        self.versions = versions
    }

    /// The layout in force on `day`: the oldest kept layout whose `validTo` is on or after it, else the current one.
    /// Values are keyed by data element, so any layout prints any period's values; this picks the one printed then.
    public func form(code: String, on day: Day) -> FormDefinition? {
        versions[code]?.first { ($0.validTo ?? day) >= day } ?? form(code: code)
    }

    public func form(code: String) -> FormDefinition? {
        forms.first { $0.code == code }
    }

    public var codes: [String] { forms.map(\.code) }

    /// Reads every `*.json` file of `directory`, sorted by name. Files are named in problems relative to the
    /// directory's parent ("Forms/pl-8-1.json").
    public static func load(directory: URL) throws(FormDefinitionError) -> FormCatalog {
        let folderName = directory.standardizedFileURL.lastPathComponent
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension.lowercased() == "json" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw FormDefinitionError(entries: [.init(file: folderName, path: "",
                                                      message: "không đọc được thư mục biểu mẫu")])
        }
        let elements = try DataElementCatalog.load(formsDirectory: directory)
        let checked = check(files: files.map { (url: $0, name: folderName.isEmpty ? $0.lastPathComponent : "\(folderName)/\($0.lastPathComponent)") },
                            elements: elements)
        var entries = checked.problems
        let forms = checked.forms.map(\.form)
        let versions = loadVersions(directory: directory, folderName: folderName, current: forms, elements: elements, entries: &entries)
        guard entries.isEmpty else { throw FormDefinitionError(entries: entries) }
        return FormCatalog(validated: forms, elements: elements, versions: versions)
    }

    /// `directory/versions/*.json`: each an older layout of a current form, with a lower `version` and the last
    /// day it was in force (`validTo`); the versions of one form must end on different days.
    static func loadVersions(directory: URL, folderName: String, current: [FormDefinition], elements: DataElementCatalog,
                             entries: inout [FormDefinitionError.Entry]) -> [String: [FormDefinition]] {
        let folder = directory.appendingPathComponent("versions")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.lowercased().hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { return [:] }
        var result: [String: [FormDefinition]] = [:]
        for name in names {
            let label = "\(folderName)/versions/\(name)"
            guard let form = definition(of: folder.appendingPathComponent(name), name: label, elements: elements, entries: &entries) else {
                continue
            }
            guard let now = current.first(where: { $0.code == form.code }) else {
                entries.append(.init(file: label, path: "code", message: "không có biểu hiện hành mã \"\(form.code)\" trong \(folderName)"))
                continue
            }
            guard let validTo = form.validTo else {
                entries.append(.init(file: label, path: "validTo", message: "mẫu cũ cần ngày hết hiệu lực \"validTo\""))
                continue
            }
            if form.version >= now.version {
                entries.append(.init(file: label, path: "version", message: "phiên bản \(form.version) phải nhỏ hơn phiên bản hiện hành \(now.version)"))
            }
            if now.validTo != nil {
                entries.append(.init(file: "\(folderName)", path: "validTo", message: "biểu hiện hành \(now.code) không ghi validTo"))
            }
            if result[form.code]?.contains(where: { $0.validTo == validTo || $0.version == form.version }) == true {
                entries.append(.init(file: label, path: "validTo", message: "hai mẫu cũ của \(form.code) cùng phiên bản hoặc cùng ngày hết hiệu lực"))
            }
            result[form.code, default: []].append(form)
        }
        return result.mapValues { $0.sorted { ($0.validTo ?? Day(ordinal: 0)) < ($1.validTo ?? Day(ordinal: 0)) } }
    }

    /// One definition file read, validated and checked against the element catalog, with the rules its
    /// disaggregations imply; nil (and every problem in `entries`) when it is not usable.
    static func definition(of file: URL, name: String, elements: DataElementCatalog,
                           entries: inout [FormDefinitionError.Entry]) -> FormDefinition? {
        guard let data = try? Data(contentsOf: file) else {
            entries.append(.init(file: name, path: "", message: "không đọc được tệp"))
            return nil
        }
        let result = FormDocument.decode(data)
        guard let decoded = result.form else {
            entries += FormDefinitionError(problems: result.problems, file: name).entries
            return nil
        }
        let elementProblems = decoded.elementProblems(catalog: elements)
        guard elementProblems.isEmpty else {
            entries += FormDefinitionError(problems: elementProblems, file: name).entries
            return nil
        }
        let completed = decoded.addingCategoryRules(catalog: elements)
        guard let form = completed.form else {
            entries += FormDefinitionError(problems: completed.problems, file: name).entries
            return nil
        }
        return form
    }

    /// Validates each file as the server would at start-up (the one authority on form definitions, used by
    /// `dangbo forms check`): every problem of every file, with the file's name as given, and codes used twice.
    /// Each form's element references are checked against `elements` and the rules its disaggregations imply are
    /// added to its own.
    public static func check(files: [(url: URL, name: String)], elements: DataElementCatalog)
        -> (forms: [(name: String, form: FormDefinition)], problems: [FormDefinitionError.Entry]) {
        var entries: [FormDefinitionError.Entry] = []
        var forms: [(name: String, form: FormDefinition)] = []
        var fileOfCode: [String: String] = [:]
        for (file, name) in files {
            guard let form = definition(of: file, name: name, elements: elements, entries: &entries) else { continue }
            if let first = fileOfCode[form.code] {
                entries.append(.init(file: name, path: "code",
                                     message: "mã biểu mẫu \"\(form.code)\" đã dùng trong \(first)"))
                continue
            }
            fileOfCode[form.code] = name
            forms.append((name, form))
        }
        return (forms, entries)
    }
}
