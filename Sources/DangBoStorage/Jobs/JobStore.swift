import DangBoCore
import FluentKit
import Foundation

final class JobRecord: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "status") var status: String
    @Field(key: "done") var done: Int
    @Field(key: "total") var total: Int
    @Field(key: "phase") var phase: String
    @OptionalField(key: "summary") var summary: String?
    @OptionalField(key: "result") var result: Data?
    @OptionalField(key: "input") var input: Data?
    @OptionalField(key: "input_name") var inputName: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    func domain() throws -> Job {
        guard let id, let kind = Job.Kind(rawValue: kind), let status = Job.Status(rawValue: status) else {
            throw StorageError.corruptRow(table: "jobs", id: id?.uuidString ?? "?")
        }
        return Job(id: id, kind: kind, accountID: accountID, status: status,
                   progress: JobProgress(done: done, total: total, phase: phase), summary: summary,
                   createdAt: createdAt, updatedAt: updatedAt, finishedAt: finishedAt)
    }
}

/// The jobs table: one row per long operation, owned by the account that started it; only that account reads it.
public struct JobStore: Sendable {
    public let database: any Database
    public let clock: @Sendable () -> Date

    /// A finished job's uploaded file is dropped after this long, the job itself after `keptFor`.
    public static let inputKeptFor: TimeInterval = 24 * 3600
    public static let keptFor: TimeInterval = 7 * 24 * 3600

    public init(database: any Database, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    /// Starts a job's row (status running) with the file it works on, and clears the account's old jobs: their files
    /// after a day, the rows after a week — bounded by the account, not the table.
    public func create(id: UUID = UUID(), kind: Job.Kind, accountID: UUID, input: Data?, inputName: String?) async throws -> Job {
        let now = clock()
        try await JobRecord.query(on: database).filter(\.$accountID == accountID)
            .filter(\.$createdAt < now.addingTimeInterval(-Self.keptFor)).delete()
        try await JobRecord.query(on: database).filter(\.$accountID == accountID).filter(\.$finishedAt != nil)
            .filter(\.$finishedAt < now.addingTimeInterval(-Self.inputKeptFor)).set(\.$input, to: nil).update()
        let record = JobRecord()
        let job = Job(id: id, kind: kind, accountID: accountID, createdAt: now)
        record.id = job.id
        record.kind = kind.rawValue
        record.accountID = accountID
        record.status = Job.Status.running.rawValue
        record.done = 0
        record.total = 0
        record.phase = job.progress.phase
        record.input = input
        record.inputName = inputName
        record.createdAt = now
        record.updatedAt = now
        try await record.create(on: database)
        return job
    }

    /// Records how far a running job has got.
    public func report(_ id: UUID, progress: JobProgress) async throws {
        try await JobRecord.query(on: database).filter(\.$id == id).filter(\.$status == Job.Status.running.rawValue)
            .set(\.$done, to: progress.done).set(\.$total, to: progress.total).set(\.$phase, to: String(progress.phase.prefix(200)))
            .set(\.$updatedAt, to: clock()).update()
    }

    /// Ends a job with its outcome: a summary for the user and, for a job whose page shows more, the result data.
    public func finish(_ id: UUID, status: Job.Status, summary: String, result: Data?, progress: JobProgress?) async throws {
        let now = clock()
        var query = JobRecord.query(on: database).filter(\.$id == id)
            .set(\.$status, to: status.rawValue).set(\.$summary, to: String(summary.prefix(4000))).set(\.$result, to: result)
            .set(\.$updatedAt, to: now).set(\.$finishedAt, to: now)
        if let progress {
            query = query.set(\.$done, to: progress.done).set(\.$total, to: progress.total).set(\.$phase, to: progress.phase)
        }
        try await query.update()
    }

    /// The job, if it belongs to the account, as seen now (a silent running job has failed).
    public func find(_ id: UUID, accountID: UUID) async throws -> Job? {
        try await Self.withoutFiles(JobRecord.query(on: database).filter(\.$id == id).filter(\.$accountID == accountID))
            .first()?.domain().seen(at: clock())
    }

    /// A job's columns without its file and result (which may be megabytes).
    static func withoutFiles(_ query: QueryBuilder<JobRecord>) -> QueryBuilder<JobRecord> {
        query.field(\.$id).field(\.$kind).field(\.$accountID).field(\.$status).field(\.$done).field(\.$total).field(\.$phase)
            .field(\.$summary).field(\.$createdAt).field(\.$updatedAt).field(\.$finishedAt)
    }

    /// The account's newest job of these kinds (one index step on (account_id, created_at)).
    public func latest(of kinds: [Job.Kind], accountID: UUID) async throws -> Job? {
        try await Self.withoutFiles(JobRecord.query(on: database).filter(\.$accountID == accountID).filter(\.$kind ~~ kinds.map(\.rawValue)))
            .sort(\.$createdAt, .descending).first()?.domain().seen(at: clock())
    }

    /// The result data a finished job left for its page.
    public func result(_ id: UUID, accountID: UUID) async throws -> Data? {
        try await JobRecord.query(on: database).filter(\.$id == id).filter(\.$accountID == accountID).field(\.$id).field(\.$result)
            .first()?.result
    }

    /// Forgets the file a job held (members' personal data): done as soon as the file has been written.
    public func dropInput(_ id: UUID, accountID: UUID) async throws {
        try await JobRecord.query(on: database).filter(\.$id == id).filter(\.$accountID == accountID).set(\.$input, to: nil).update()
    }

    /// The file a finished job made (its result, under the job's file name), in one statement.
    public func madeFile(_ id: UUID, kind: Job.Kind, accountID: UUID) async throws -> (data: Data, name: String)? {
        guard let record = try await JobRecord.query(on: database).filter(\.$id == id).filter(\.$accountID == accountID)
            .filter(\.$kind == kind.rawValue).filter(\.$status == Job.Status.succeeded.rawValue)
            .field(\.$id).field(\.$result).field(\.$inputName).first(),
              let data = record.result, let name = record.inputName else { return nil }
        return (data, name)
    }

    /// The file a job worked on (kept a day after it finished), with its name.
    public func input(_ id: UUID, accountID: UUID) async throws -> (data: Data, name: String)? {
        guard let record = try await JobRecord.query(on: database).filter(\.$id == id).filter(\.$accountID == accountID)
            .field(\.$id).field(\.$input).field(\.$inputName).first(), let data = record.input else { return nil }
        return (data, record.inputName ?? "")
    }
}
