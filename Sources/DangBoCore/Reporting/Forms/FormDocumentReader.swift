import Foundation

extension Checked where Value == FormDocument {
    /// Converts the document to a validated definition, or every problem found: missing fields, unknown keys,
    /// values outside the enumerations, then everything `FormValidator` checks.
    func definition() -> (form: FormDefinition?, problems: [FormProblem]) {
        var reader = FormDocumentReader()
        let content = reader.read(self)
        return FormDefinition.build(content, entryColumnsGiven: value.entryColumns != nil, earlierProblems: reader.problems)
    }
}

/// Turns a `FormDocument` into `FormContent`, reporting missing fields, unknown keys and bad enumeration values.
/// Bad values get a harmless placeholder so that validation can go on and report the rest.
struct FormDocumentReader {
    private(set) var problems: [FormProblem] = []

    mutating func read(_ checked: Checked<FormDocument>) -> FormContent {
        unknown(checked, path: "")
        let document = checked.value
        return FormContent(
            code: document.code ?? "",
            appendix: required(document.appendix, "appendix") ?? "",
            title: required(document.title, "title") ?? "",
            subtitle: document.subtitle,
            unit: document.unit,
            periodType: enumValue(document.periodType, "periodType", placeholder: PeriodKind.month,
                                  allowed: PeriodKind.entryKinds),
            reporters: readReporters(document.reporters),
            deadline: readDeadline(document.deadline),
            stub: document.stub.map { readList($0, "stub") { $0.readStub($1, $2) } } ?? FormDefinition.standardStub,
            entryColumns: readList(document.entryColumns ?? [], "entryColumns") { $0.readEntryColumn($1, $2) },
            columns: readList(document.columns ?? [], "columns") { $0.readColumn($1, $2) },
            headerGroups: readList(document.headerGroups ?? [], "headerGroups") { $0.readHeaderGroup($1, $2) },
            rows: readList(document.rows ?? [], "rows") { $0.readRow($1, $2) },
            greyed: document.greyed ?? [],
            rules: readList(document.rules ?? [], "rules") { $0.readRule($1, $2) },
            version: readVersion(document.version), validTo: readValidTo(document.validTo))
    }

    private mutating func readVersion(_ version: Int?) -> Int {
        guard let version else { return 1 }
        if version < 1 { report("version", "phiên bản là số nguyên từ 1") }
        return max(1, version)
    }

    private mutating func readValidTo(_ text: String?) -> Day? {
        guard let text else { return nil }
        guard let day = Day(parsing: text) else {
            report("validTo", "ngày \"\(text.prefix(20))\" không hợp lệ (viết 2023-12-31)")
            return nil
        }
        return day
    }

    private mutating func report(_ path: String, _ message: String) {
        problems.append(FormProblem(path: path, message: message))
    }

    private mutating func unknown<T>(_ checked: Checked<T>, path: String) {
        for key in checked.unknownKeys {
            report(path.isEmpty ? key : "\(path).\(key)", "trường không có trong định dạng biểu mẫu")
        }
    }

    private mutating func required<T>(_ value: T?, _ path: String) -> T? {
        if value == nil { report(path, "thiếu trường bắt buộc") }
        return value
    }

    private mutating func enumValue<E: RawRepresentable & CaseIterable>(
        _ raw: String?, _ path: String, placeholder: E, allowed: [E]? = nil
    ) -> E where E.RawValue == String {
        guard let raw else {
            report(path, "thiếu trường bắt buộc")
            return placeholder
        }
        let choices = allowed ?? Array(E.allCases)
        guard let value = E(rawValue: raw), choices.contains(where: { $0.rawValue == raw }) else {
            report(path, "giá trị \"\(raw)\" không hợp lệ, chỉ dùng: \(choices.map(\.rawValue).joined(separator: ", "))")
            return placeholder
        }
        return value
    }

    private mutating func readList<D, T>(_ items: [Checked<D>], _ path: String,
                                         _ read: (inout FormDocumentReader, D, String) -> T) -> [T] {
        items.enumerated().map { index, item in
            let itemPath = "\(path)[\(index)]"
            self.unknown(item, path: itemPath)
            return read(&self, item.value, itemPath)
        }
    }

    private mutating func readReporters(_ checked: Checked<ReportersDocument>?) -> Reporters {
        guard let checked else {
            report("reporters", "thiếu trường bắt buộc")
            return Reporters(levels: [.grassrootsCommittee, .grassrootsCell])
        }
        unknown(checked, path: "reporters")
        let levels = (required(checked.value.levels, "reporters.levels") ?? ["grassrootsCommittee"])
            .enumerated().map { index, raw in
                enumValue(raw, "reporters.levels[\(index)]", placeholder: OrganizationLevel.grassrootsCommittee)
            }
        let unitKinds = (checked.value.unitKinds ?? []).enumerated().map { index, raw in
            enumValue(raw, "reporters.unitKinds[\(index)]", placeholder: UnitKind.agency)
        }
        return Reporters(levels: levels, unitKinds: unitKinds)
    }

    private mutating func readDeadline(_ checked: Checked<DeadlineDocument>?) -> Deadline {
        guard let checked else {
            report("deadline", "thiếu trường bắt buộc")
            return Deadline(daysAfterPeriodEnd: 0)
        }
        unknown(checked, path: "deadline")
        return Deadline(daysAfterPeriodEnd: required(checked.value.daysAfterPeriodEnd, "deadline.daysAfterPeriodEnd") ?? 0)
    }

    private mutating func readStub(_ document: StubDocument, _ path: String) -> StubColumn {
        StubColumn(title: required(document.title, "\(path).title") ?? "",
                   number: required(document.number, "\(path).number") ?? "")
    }

    private mutating func readEntryColumn(_ document: EntryColumnDocument, _ path: String) -> EntryColumn {
        EntryColumn(key: document.key ?? "", title: required(document.title, "\(path).title") ?? "",
                    type: enumValue(document.type, "\(path).type", placeholder: CellType.number),
                    element: document.element, options: document.options ?? [:])
    }

    private mutating func readColumn(_ document: ColumnDocument, _ path: String) -> PrintedColumn {
        var period: RelativePeriod?
        if let checked = document.period {
            unknown(checked, path: "\(path).period")
            let part = checked.value.part.map {
                enumValue($0, "\(path).period.part", placeholder: PeriodKind.year, allowed: PeriodKind.partKinds)
            }
            let term = checked.value.term.map {
                enumValue($0, "\(path).period.term", placeholder: RelativePeriod.TermShift.previous)
            }
            period = RelativePeriod(part: part, index: checked.value.index, fromPartIndex: checked.value.fromPartIndex,
                                    shiftYears: checked.value.shiftYears, term: term)
        }
        return PrintedColumn(
            key: document.key ?? "", title: required(document.title, "\(path).title") ?? "",
            number: required(document.number, "\(path).number") ?? "",
            type: enumValue(document.type, "\(path).type", placeholder: CellType.number),
            expr: document.expr, period: period, formula: document.formula, decimals: document.decimals,
            element: document.element, options: document.options ?? [:])
    }

    private mutating func readHeaderGroup(_ document: HeaderGroupDocument, _ path: String) -> HeaderGroup {
        HeaderGroup(title: required(document.title, "\(path).title") ?? "",
                    columns: required(document.columns, "\(path).columns") ?? [], level: document.level ?? 0)
    }

    private mutating func readRow(_ document: RowDocument, _ path: String) -> FormRow {
        var entryTypes: [String: CellType] = [:]
        for (key, raw) in (document.entryTypes ?? [:]).sorted(by: { $0.key < $1.key }) {
            entryTypes[key] = enumValue(raw, "\(path).entryTypes.\(key)", placeholder: CellType.text)
        }
        return FormRow(
            key: document.key ?? "", number: required(document.number, "\(path).number") ?? "",
            label: required(document.label, "\(path).label") ?? "",
            kind: document.kind.map { enumValue($0, "\(path).kind", placeholder: RowKind.data) } ?? .data,
            formula: document.formula,
            aggregate: document.aggregate.map { enumValue($0, "\(path).aggregate", placeholder: RowAggregate.sum) } ?? .sum,
            indent: document.indent ?? 0, entryTypes: entryTypes, unit: document.unit, element: document.element,
            elements: document.elements ?? [:], options: document.options ?? [:])
    }

    private mutating func readRule(_ document: RuleDocument, _ path: String) -> ValidationRule {
        ValidationRule(
            left: required(document.left, "\(path).left") ?? "0",
            op: enumValue(document.op, "\(path).op", placeholder: ComparisonOperator.equal),
            right: required(document.right, "\(path).right") ?? "0",
            severity: enumValue(document.severity, "\(path).severity", placeholder: RuleSeverity.error),
            message: required(document.message, "\(path).message") ?? "-")
    }
}
