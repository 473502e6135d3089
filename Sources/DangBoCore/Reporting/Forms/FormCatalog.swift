import Foundation

/// Every form definition of a directory (`Forms/*.json`), loaded once at start-up. Loading refuses a directory with
/// any broken definition and lists every problem of every file.
public struct FormCatalog: Sendable, Hashable {
    /// The forms in file-name order.
    public let forms: [FormDefinition]
    /// The data elements and disaggregations the forms refer to (`elements/*.json`).
    public let elements: DataElementCatalog

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
    }

    private init(validated forms: [FormDefinition], elements: DataElementCatalog) {
        self.forms = forms
        self.elements = elements
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
        let entries = checked.problems
        let forms = checked.forms.map(\.form)
        guard entries.isEmpty else { throw FormDefinitionError(entries: entries) }
        return FormCatalog(validated: forms, elements: elements)
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
            guard let data = try? Data(contentsOf: file) else {
                entries.append(.init(file: name, path: "", message: "không đọc được tệp"))
                continue
            }
            let result = FormDocument.decode(data)
            guard let decoded = result.form else {
                entries += FormDefinitionError(problems: result.problems, file: name).entries
                continue
            }
            let elementProblems = decoded.elementProblems(catalog: elements)
            guard elementProblems.isEmpty else {
                entries += FormDefinitionError(problems: elementProblems, file: name).entries
                continue
            }
            let form = decoded.addingCategoryRules(catalog: elements)
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
