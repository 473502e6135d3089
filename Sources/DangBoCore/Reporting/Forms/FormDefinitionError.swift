import Foundation

/// Every problem found in one or more form definitions, each naming the file and the place:
/// `Forms/pl-8-1.json: rows[4].formula: không có dòng "r9"`.
public struct FormDefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        /// The file, relative to the forms directory's parent ("Forms/pl-8-1.json"); nil for a definition that
        /// was not read from a file.
        public var file: String?
        /// A JSON-ish path inside the definition ("rows[4].formula"); empty for the file as a whole.
        public var path: String
        public var message: String

        public init(file: String?, path: String, message: String) {
            self.file = file
            self.path = path
            self.message = message
        }

        public var description: String {
            [file, path.isEmpty ? nil : path, message].compactMap { $0 }.joined(separator: ": ")
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    init(problems: [FormProblem], file: String?) {
        entries = problems.map { Entry(file: file, path: $0.path, message: $0.message) }
    }

    /// One entry per line.
    public var description: String {
        entries.map(\.description).joined(separator: "\n")
    }

    /// The entries as field problems, for `DomainError.invalid`.
    public var fieldProblems: [FieldProblem] {
        entries.map {
            FieldProblem(field: [$0.file, $0.path.isEmpty ? nil : $0.path].compactMap { $0 }.joined(separator: ": "),
                         message: $0.message)
        }
    }
}
