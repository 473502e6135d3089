import Foundation

/// A validated report form (docs/forms.md): what grassroots organizations type for a period and the table that
/// prints it. A value of this type always passed validation: its keys are unique, its expressions parse and name
/// existing keys, and its formulas have no cycles.
public struct FormDefinition: Sendable, Hashable, Codable {
    let content: FormContent
    let compiled: CompiledForm

    public var code: String { content.code }
    public var appendix: String { content.appendix }
    public var title: String { content.title }
    public var subtitle: String? { content.subtitle }
    public var unit: String? { content.unit }
    /// The entry period: month, quarter, halfYear or year.
    public var periodType: PeriodKind { content.periodType }
    public var reporters: Reporters { content.reporters }
    public var deadline: Deadline { content.deadline }
    public var stub: [StubColumn] { content.stub }
    /// The entry columns, derived from the printed columns when the definition gives none.
    public var entryColumns: [EntryColumn] { content.entryColumns }
    /// The printed leaf columns; every column without `formula` has an `expr`.
    public var columns: [PrintedColumn] { content.columns }
    public var headerGroups: [HeaderGroup] { content.headerGroups }
    public var rows: [FormRow] { content.rows }
    public var greyed: [String] { content.greyed }
    public var rules: [ValidationRule] { content.rules }
    /// The layout's version; older layouts stay in `Forms/versions/` for the periods they were in force.
    public var version: Int { content.version }
    /// For an older layout: the last day it was in force; nil for the current one.
    public var validTo: Day? { content.validTo }

    /// Builds and validates a definition; `entryColumns: nil` applies the defaulting rule (every printed column
    /// without `formula` is its own entry column). Throws every problem found.
    public init(code: String, appendix: String, title: String, subtitle: String? = nil, unit: String? = nil,
                periodType: PeriodKind, reporters: Reporters, deadline: Deadline,
                stub: [StubColumn] = FormDefinition.standardStub, entryColumns: [EntryColumn]? = nil,
                columns: [PrintedColumn], headerGroups: [HeaderGroup] = [], rows: [FormRow], greyed: [String] = [],
                rules: [ValidationRule] = []) throws(FormDefinitionError) {
        let content = FormContent(
            code: code, appendix: appendix, title: title, subtitle: subtitle, unit: unit, periodType: periodType,
            reporters: reporters, deadline: deadline, stub: stub, entryColumns: entryColumns ?? [], columns: columns,
            headerGroups: headerGroups, rows: rows, greyed: greyed, rules: rules)
        let result = FormDefinition.build(content, entryColumnsGiven: entryColumns != nil)
        guard let form = result.form else { throw FormDefinitionError(problems: result.problems, file: nil) }
        self = form
    }

    private init(content: FormContent, compiled: CompiledForm) {
        self.content = content
        self.compiled = compiled
    }

    /// "STT" (numbered "A") and "Nội dung" (numbered "B"), the stub most appendices print.
    public static let standardStub = [StubColumn(title: "STT", number: "A"), StubColumn(title: "Nội dung", number: "B")]

    /// Normalizes and validates; the form is nil when there are problems.
    static func build(_ content: FormContent, entryColumnsGiven: Bool,
                      earlierProblems: [FormProblem] = []) -> (form: FormDefinition?, problems: [FormProblem]) {
        let normalized = FormContent.normalized(content, entryColumnsGiven: entryColumnsGiven)
        var validator = FormValidator(content: normalized, entryColumnsGiven: entryColumnsGiven)
        validator.validate()
        // A place the reader already complained about (a missing or unreadable value) is not reported again.
        let reported = Set(earlierProblems.map(\.path))
        let problems = earlierProblems + validator.problems.filter { !reported.contains($0.path) }
        guard problems.isEmpty else { return (nil, problems) }
        return (FormDefinition(content: normalized, compiled: validator.compiled), [])
    }

    /// Reads one definition from JSON; `file` names it in the error ("Forms/pl-8-1.json").
    public static func decode(_ data: Data, file: String? = nil) throws(FormDefinitionError) -> FormDefinition {
        let result = FormDocument.decode(data)
        guard let form = result.form else { throw FormDefinitionError(problems: result.problems, file: file) }
        return form
    }

    public init(from decoder: Decoder) throws {
        let document = try Checked<FormDocument>(from: decoder)
        let result = document.definition()
        guard let form = result.form else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: FormDefinitionError(problems: result.problems, file: nil).description))
        }
        self = form
    }

    public func encode(to encoder: Encoder) throws {
        try content.encode(to: encoder)
    }

    public static func == (lhs: FormDefinition, rhs: FormDefinition) -> Bool {
        lhs.content == rhs.content
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(content)
    }
}
