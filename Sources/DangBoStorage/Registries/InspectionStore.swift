import DangBoCore
import FluentKit
import Foundation
import SQLKit

/// A conclusion as the form gives it: the date, the notice's number and text, a finding per subject (in the
/// subjects' order) and the requirements it sets.
public struct InspectionConclusion: Sendable {
    public struct Finding: Sendable {
        public var violation: Bool
        public var disciplineRequired: Bool
        public var referred: Bool

        public init(violation: Bool, disciplineRequired: Bool = false, referred: Bool = false) {
            self.violation = violation
            self.disciplineRequired = disciplineRequired
            self.referred = referred
        }
    }

    public struct Requirement: Sendable {
        public var organizationID: UUID
        public var text: String
        public var dueDate: Day

        public init(organizationID: UUID, text: String, dueDate: Day) {
            self.organizationID = organizationID
            self.text = text
            self.dueDate = dueDate
        }
    }

    public var day: Day
    public var number: String
    public var text: String
    public var findings: [Finding]
    public var requirements: [Requirement]

    public init(day: Day, number: String, text: String, findings: [Finding], requirements: [Requirement] = []) {
        self.day = day
        self.number = number
        self.text = text
        self.findings = findings
        self.requirements = requirements
    }
}

/// The inspection and supervision registry (docs/design.md "Registries"). Programs and cases belong to the
/// organization whose committee or commission acts; they are read by the roles holding `viewInspections` whose
/// subtree holds the acting organization or one of the subjects (the committee of the organization concerned), and
/// written by those holding `recordInspections` over the acting organization. Every write is audited, and so is
/// every view of a concluded case (its conclusion is as sensitive as a discipline decision).
public struct InspectionStore: Sendable {
    public let database: any Database
    public let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    var today: Day { Day(clock()) }
    var sql: any SQLDatabase { database as! any SQLDatabase }

    static let notFound = DomainError.notFound("Không tìm thấy cuộc kiểm tra, giám sát trong phạm vi được phân quyền")

    // MARK: Programs

    public func createProgram(_ program: InspectionProgram, by actor: Actor) async throws -> InspectionProgram {
        try actor.require(.recordInspections)
        let problems = program.problems()
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await requireInScope(program.organizationID, actor: actor)
        let now = clock()
        try await database.transaction { tx in
            try await InspectionProgramRecord(program, at: now).create(on: tx)
            try await audit(.create, entity: "inspectionProgram", id: program.id, organization: program.organizationID,
                            summary: "Lập \(program.title.lowercased()) (\(program.scope.label.lowercased()), \(program.start.vietnamese)–\(program.end.vietnamese))",
                            before: nil, after: AuditEntry.snapshot(program), actor: actor, at: now, on: tx)
        }
        return program
    }

    /// A program and its cases, planned order, if the actor may read it.
    public func program(_ id: UUID, for actor: Actor) async throws -> (program: InspectionProgram, cases: [InspectionCase]) {
        try actor.require(.viewInspections)
        let notFound = DomainError.notFound("Không tìm thấy chương trình kiểm tra, giám sát trong phạm vi được phân quyền")
        guard let program = try await InspectionProgramRecord.find(id, on: database)?.domain() else { throw notFound }
        guard try await SubtreeQuery.contains(program.organizationID, root: actor.scopeOrganizationID, on: today, database: sql) else { throw notFound }
        let cases = try await loadCases(InspectionCaseRecord.query(on: database).filter(\.$programID == id)
            .sort(\.$plannedStart).sort(\.$createdAt).limit(500).all())
        return (program, cases)
    }

    // MARK: Cases

    /// Plans a case. Members' subjects count in the cell they are placed in on the planned start (or today for a
    /// case planned ahead); every subject must lie in the subtree of the acting organization, which must lie in the
    /// actor's; a case of a program follows the program's organization and actor.
    public func plan(_ item: InspectionCase, by actor: Actor) async throws -> InspectionCase {
        try actor.require(.recordInspections)
        var item = item
        item.startedOn = nil
        item.concludedOn = nil
        var problems = item.problems()
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await requireInScope(item.actorOrganizationID, actor: actor)
        if let programID = item.programID {
            guard let program = try await InspectionProgramRecord.find(programID, on: database)?.domain(),
                  program.organizationID == item.actorOrganizationID else {
                throw DomainError.invalid([.init(field: "programID", message: "Chương trình không thuộc tổ chức thực hiện cuộc kiểm tra, giám sát")])
            }
            if program.actor != item.actor {
                problems.append(.init(field: "actor", message: "Chương trình này của \(program.actor.label); cuộc kiểm tra, giám sát phải cùng chủ thể"))
            }
            if item.plannedStart < program.start || item.plannedEnd > program.end {
                problems.append(.init(field: "plannedStart", message: "Thời gian dự kiến phải nằm trong chương trình (\(program.start.vietnamese)–\(program.end.vietnamese))"))
            }
        }
        let placedOn = min(item.plannedStart, today)
        let memberIDs = item.subjects.compactMap(\.memberID)
        let cells = try await Self.cells(of: memberIDs, on: placedOn, database: sql)
        for (index, subject) in item.subjects.enumerated() {
            guard let memberID = subject.memberID else { continue }
            if let cell = cells[memberID] {
                item.subjects[index].organizationID = cell
            } else {
                problems.append(.init(field: "subjects[\(index)]", message: "Đối tượng thứ \(index + 1): ngày \(placedOn.vietnamese) đảng viên chưa sinh hoạt ở chi bộ nào"))
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let places = Array(Set(item.subjects.map(\.organizationID)))
        let inside = try await SubtreeQuery.inside(places, root: item.actorOrganizationID, on: placedOn, database: sql)
        for (index, subject) in item.subjects.enumerated() where !inside.contains(subject.organizationID) {
            problems.append(.init(field: "subjects[\(index)]", message: "Đối tượng thứ \(index + 1) không thuộc tổ chức thực hiện hoặc cấp dưới của nó"))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let now = clock()
        let planned = item
        try await database.transaction { tx in
            try await InspectionCaseRecord(planned, at: now).create(on: tx)
            try await planned.subjects.enumerated().map { InspectionSubjectRecord($1, caseID: planned.id, position: $0) }.create(on: tx)
            try await audit(.create, entity: "inspectionCase", id: planned.id, organization: planned.actorOrganizationID,
                            summary: "Lên kế hoạch \(planned.kind.label.lowercased()): \(planned.title) (\(planned.plannedStart.vietnamese)–\(planned.plannedEnd.vietnamese))",
                            before: nil, after: AuditEntry.snapshot(planned), actor: actor, at: now, on: tx)
        }
        return planned
    }

    /// One case and its requirements, if the actor may read it; reading a concluded case is audited.
    public func find(_ id: UUID, for actor: Actor) async throws -> (item: InspectionCase, requirements: [InspectionRequirement]) {
        try actor.require(.viewInspections)
        guard let record = try await InspectionCaseRecord.find(id, on: database), let item = try await loadCases([record]).first else { throw Self.notFound }
        guard try await may(actor, read: item) else { throw Self.notFound }
        let requirements = try await InspectionRequirementRecord.query(on: database).filter(\.$caseID == id)
            .sort(\.$dueDate).limit(500).all().map { try $0.domain() }
        if item.status == .concluded {
            try await AuditRecord(AuditEntry(at: clock(), actorID: actor.accountID, actorName: actor.username, action: .view,
                                             entityType: "inspectionCase", entityID: id.uuidString, organizationID: item.actorOrganizationID,
                                             summary: "Xem kết luận \(item.kind.isSupervision ? "giám sát" : "kiểm tra") số \(item.conclusionNumber)",
                                             before: nil, after: nil)).create(on: database)
        }
        return (item, requirements)
    }

    /// Marks a planned case started on `day`.
    public func start(_ id: UUID, on day: Day, by actor: Actor) async throws -> InspectionCase {
        try await update(id, by: actor) { item in
            guard item.status == .planned else { return [.init(field: "startedOn", message: "Cuộc kiểm tra, giám sát này đã bắt đầu")] }
            if day > today { return [.init(field: "startedOn", message: "Ngày bắt đầu ở tương lai")] }
            item.startedOn = day
            return []
        } summary: { "Bắt đầu \($0.kind.label.lowercased()): \($0.title) ngày \(day.vietnamese)" }
    }

    /// Concludes a case (starting it that day if it was not): a finding per subject and the requirements set, in one
    /// transaction. Requirements go to the subjects' organizations or the acting one.
    public func conclude(_ id: UUID, with conclusion: InspectionConclusion, by actor: Actor) async throws -> InspectionCase {
        let now = clock()
        let requirements = conclusion.requirements.map {
            InspectionRequirement(caseID: id, organizationID: $0.organizationID, text: $0.text, dueDate: $0.dueDate)
        }
        return try await update(id, by: actor, extra: { tx in
            try await requirements.map { InspectionRequirementRecord($0, at: now) }.create(on: tx)
        }) { item in
            guard conclusion.findings.count == item.subjects.count else {
                return [.init(field: "subjects", message: "Ghi kết quả cho đủ \(item.subjects.count) đối tượng")]
            }
            let before = item.status
            item.conclusionNumber = conclusion.number.trimmingCharacters(in: .whitespaces)
            item.conclusion = conclusion.text.trimmingCharacters(in: .whitespacesAndNewlines)
            for (index, finding) in conclusion.findings.enumerated() {
                item.subjects[index].violation = finding.violation
                item.subjects[index].disciplineRequired = finding.disciplineRequired
                item.subjects[index].referred = finding.referred
            }
            var problems = item.conclusionProblems(on: conclusion.day, today: today)
            if before == .concluded { return problems }
            if item.startedOn == nil { item.startedOn = min(conclusion.day, today) }
            item.concludedOn = conclusion.day
            let allowed = Set(item.subjects.map(\.organizationID) + [item.actorOrganizationID])
            for (index, requirement) in requirements.enumerated() {
                problems += requirement.problems(today: today).map { .init(field: "requirements[\(index)].\($0.field)", message: "Yêu cầu thứ \(index + 1): \($0.message)") }
                if requirement.dueDate < conclusion.day {
                    problems.append(.init(field: "requirements[\(index)].dueDate", message: "Yêu cầu thứ \(index + 1): hạn thực hiện trước ngày kết luận"))
                }
                if !allowed.contains(requirement.organizationID) {
                    problems.append(.init(field: "requirements[\(index)].organizationID", message: "Yêu cầu thứ \(index + 1): giao cho tổ chức là đối tượng hoặc tổ chức thực hiện"))
                }
            }
            return problems
        } summary: { "Kết luận \($0.kind.isSupervision ? "giám sát" : "kiểm tra") số \($0.conclusionNumber) ngày \(conclusion.day.vietnamese): \($0.title)" }
    }

    /// Records the follow-up of a requirement: done on a day, or a note on its progress.
    public func followUp(_ requirementID: UUID, doneOn: Day?, note: String, by actor: Actor) async throws -> InspectionRequirement {
        try actor.require(.recordInspections)
        let notFound = DomainError.notFound("Không tìm thấy yêu cầu trong phạm vi được phân quyền")
        guard let record = try await InspectionRequirementRecord.find(requirementID, on: database) else { throw notFound }
        let before = try record.domain()
        guard let caseRecord = try await InspectionCaseRecord.find(before.caseID, on: database) else { throw notFound }
        // The acting organization's staff, or the committee that must act on it, follows it up.
        let mayWrite = try await SubtreeQuery.inside([caseRecord.actorOrganizationID, before.organizationID],
                                                     root: actor.scopeOrganizationID, on: today, database: sql)
        guard !mayWrite.isEmpty else { throw notFound }
        var after = before
        after.doneOn = doneOn
        after.followUp = note.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = after.problems(today: today)
        if let doneOn, let concluded = caseRecord.concludedOn.flatMap(Day.init(parsing:)), doneOn < concluded {
            problems.append(.init(field: "doneOn", message: "Ngày hoàn thành trước ngày kết luận (\(concluded.vietnamese))"))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let now = clock()
        let followed = after
        try await database.transaction { tx in
            let after = followed
            record.doneOn = after.doneOn?.iso
            record.followUp = after.followUp
            try await record.update(on: tx)
            try await audit(.update, entity: "inspectionRequirement", id: requirementID, organization: after.organizationID,
                            summary: after.doneOn.map { "Ghi hoàn thành yêu cầu sau kiểm tra ngày \($0.vietnamese): \(after.text)" }
                                ?? "Ghi theo dõi yêu cầu sau kiểm tra: \(after.text)",
                            before: AuditEntry.snapshot(before), after: AuditEntry.snapshot(after), actor: actor, at: now, on: tx)
        }
        return followed
    }

    // MARK: Helpers

    /// Applies `change` to the locked case (problems refuse it, nothing written), saves it with its subjects and
    /// audits before and after.
    func update(_ id: UUID, by actor: Actor, extra: @escaping @Sendable (any Database) async throws -> Void = { _ in },
                _ change: (inout InspectionCase) -> [FieldProblem],
                summary: (InspectionCase) -> String) async throws -> InspectionCase {
        try actor.require(.recordInspections)
        guard let record = try await InspectionCaseRecord.find(id, on: database), let before = try await loadCases([record]).first else { throw Self.notFound }
        guard try await SubtreeQuery.contains(before.actorOrganizationID, root: actor.scopeOrganizationID, on: today, database: sql) else { throw Self.notFound }
        var after = before
        let problems = change(&after)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let now = clock()
        let text = summary(after)
        let changed = after
        try await database.transaction { tx in
            // The row is re-read inside the transaction; a case concluded meanwhile is not concluded twice.
            guard let locked = try await InspectionCaseRecord.find(id, on: tx),
                  locked.concludedOn == before.concludedOn?.iso, locked.startedOn == before.startedOn?.iso else {
                throw DomainError.conflict("Cuộc kiểm tra, giám sát vừa được người khác cập nhật; mở lại trang để xem")
            }
            locked.update(from: changed)
            try await locked.update(on: tx)
            let subjects = try await InspectionSubjectRecord.query(on: tx).filter(\.$caseID == id).sort(\.$position).all()
            for (subject, value) in zip(subjects, changed.subjects) {
                subject.violation = value.violation
                subject.disciplineRequired = value.disciplineRequired
                subject.referred = value.referred
                try await subject.update(on: tx)
            }
            try await extra(tx)
            try await audit(.update, entity: "inspectionCase", id: id, organization: changed.actorOrganizationID, summary: text,
                            before: AuditEntry.snapshot(before), after: AuditEntry.snapshot(changed), actor: actor, at: now, on: tx)
        }
        return changed
    }

    /// Cases with their subjects, in the records' order (one statement for all subjects).
    func loadCases(_ records: [InspectionCaseRecord]) async throws -> [InspectionCase] {
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        var subjects: [UUID: [InspectionCase.Subject]] = [:]
        for record in try await InspectionSubjectRecord.query(on: database).filter(\.$caseID ~~ ids).sort(\.$position).all() {
            subjects[record.caseID, default: []].append(record.domain)
        }
        return try records.map { try $0.domain(subjects: subjects[$0.id ?? UUID()] ?? []) }
    }

    /// The acting organization or a subject's organization lies in the actor's subtree today.
    func may(_ actor: Actor, read item: InspectionCase) async throws -> Bool {
        guard actor.role.can(.viewInspections) else { return false }
        let places = Array(Set([item.actorOrganizationID] + item.subjects.map(\.organizationID)))
        return try await !SubtreeQuery.inside(places, root: actor.scopeOrganizationID, on: today, database: sql).isEmpty
    }

    func requireInScope(_ organizationID: UUID, actor: Actor) async throws {
        guard try await SubtreeQuery.contains(organizationID, root: actor.scopeOrganizationID, on: today, database: sql) else {
            throw DomainError.notFound("Không tìm thấy tổ chức đảng trong phạm vi được phân quyền")
        }
    }

    func audit(_ action: AuditAction, entity: String, id: UUID, organization: UUID, summary: String, before: String?, after: String?,
               actor: Actor, at now: Date, on database: any Database) async throws {
        try await AuditStore.append(AuditEntry(at: now, actorID: actor.accountID, actorName: actor.username, action: action,
                                               entityType: entity, entityID: id.uuidString, organizationID: organization,
                                               summary: summary, before: before, after: after), on: database)
    }

    /// The cell each member (a bounded list: one case's subjects) was placed in on a day: one statement.
    static func cells(of memberIDs: [UUID], on day: Day, database: any SQLDatabase) async throws -> [UUID: UUID] {
        guard !memberIDs.isEmpty else { return [:] }
        let rows = try await database.raw("""
            SELECT member_id, organization_id FROM member_assignments
            WHERE member_id IN (\(binds: memberIDs)) AND valid_from <= \(bind: day.iso) AND (valid_to IS NULL OR valid_to > \(bind: day.iso))
            """).all()
        var cells: [UUID: UUID] = [:]
        for row in rows { cells[try row.decode(column: "member_id", as: UUID.self)] = try row.decode(column: "organization_id", as: UUID.self) }
        return cells
    }
}

extension InspectionStore {
    /// The names a case's page prints: its subjects' members and organizations, and the organizations of its
    /// requirements (two statements).
    public func names(for item: InspectionCase, requirements: [InspectionRequirement] = []) async throws -> (members: [UUID: String], organizations: [UUID: String]) {
        try await RegistryNames(database: database).names(
            members: item.subjects.compactMap(\.memberID),
            organizations: item.subjects.map(\.organizationID) + requirements.map(\.organizationID) + [item.actorOrganizationID])
    }
}
