import DangBoCore
import DangBoStorage
import Fluent
import SQLKit
import Vapor

/// What a job's work leaves behind: the sentence the user reads, and data its page shows (a preview, problems).
struct JobOutcome: Sendable {
    var status: Job.Status = .succeeded
    var summary: String
    var result: Data?
}

/// Runs long operations in the background of this instance while their page shows a progress bar. The job's row
/// (JobStore) is the truth every instance reads; this instance also keeps the latest progress in memory, because a
/// write that runs inside one transaction (an import) cannot commit its progress to the database until it ends —
/// on SQLite, the embedded single-instance case, the page reads it from here. One job of a family (checking or
/// writing one kind of file) per account at a time: a second start finds the running one.
final class JobRunner: Sendable {
    private let board = JobBoard()

    /// Progress is written to the jobs table at most this often.
    static let persistEvery: TimeInterval = 1

    /// Starts `work` in the background and returns its job at once, or the account's job of the same family that is
    /// still running (a double click, a second tab) without starting anything.
    func start(_ req: Request, kind: Job.Kind, actor: Actor, input: Data?, inputName: String?,
               work: @escaping @Sendable (any Database, any ProgressSink) async throws -> JobOutcome) async throws -> Job {
        let store = JobStore(database: req.db)
        if let running = try await store.latest(of: kind.family, accountID: actor.accountID), running.status == .running {
            return running
        }
        let job = try await store.create(kind: kind, accountID: actor.accountID, input: input, inputName: inputName)
        let database = req.application.db
        let logger = req.logger
        // SQLite is one instance with one writer: a progress row written while the job's transaction is open would
        // wait for it (holding a connection of the pool meanwhile), and no other instance reads it. Only the memory
        // keeps SQLite jobs' progress; PostgreSQL also gets the row, for the other instances.
        let persists = (database as? any SQLDatabase)?.dialect.name != "sqlite"
        let reporter = JobReporter(id: job.id, store: JobStore(database: database), board: board, logger: logger, persists: persists)
        let task = Task.detached { [board] in
            let outcome: JobOutcome
            do {
                outcome = try await work(database, reporter)
            } catch let error as DomainError {
                outcome = JobOutcome(status: .failed, summary: Self.sentence(error), result: try? JSONEncoder().encode(Self.problems(error)))
            } catch {
                logger.report(error: error)
                outcome = JobOutcome(status: .failed, summary: "Lỗi hệ thống; chưa có gì được ghi. Hãy thử lại hoặc báo quản trị.", result: nil)
            }
            do {
                try await JobStore(database: database).finish(job.id, status: outcome.status, summary: outcome.summary,
                                                             result: outcome.result, progress: await board.progress(of: job.id))
            } catch {
                logger.error("job \(job.id) could not record its end: \(String(reflecting: error))")
            }
            await board.end(job.id)
        }
        await board.begin(job.id, task: task)
        return job
    }

    /// The job as its owner sees it now: the stored row, with this instance's newer progress while it runs.
    func find(_ id: UUID, req: Request, actor: Actor) async throws -> Job? {
        guard var job = try await JobStore(database: req.db).find(id, accountID: actor.accountID) else { return nil }
        if job.status == .running, let progress = await board.progress(of: id) {
            job.progress = progress
            job.updatedAt = Date()
        }
        return job
    }

    /// The account's newest job of the family, as `find` sees it.
    func latest(of kind: Job.Kind, req: Request, actor: Actor) async throws -> Job? {
        guard let job = try await JobStore(database: req.db).latest(of: kind.family, accountID: actor.accountID) else { return nil }
        return try await find(job.id, req: req, actor: actor)
    }

    /// The job a page of the family shows: the one its address names (`?job=ID`, `.unknown` when it is not the
    /// account's), else the account's job of the family that still runs (a reload, another tab), else none.
    enum Shown {
        case none, unknown
        case job(Job)
    }

    func shown(on req: Request, kind: Job.Kind, actor: Actor) async throws -> Shown {
        if let text = req.query[String.self, at: "job"]?.nilIfBlank {
            guard let id = UUID(uuidString: text), let job = try await find(id, req: req, actor: actor), kind.family.contains(job.kind) else {
                return .unknown
            }
            return .job(job)
        }
        if let latest = try await latest(of: kind, req: req, actor: actor), latest.status == .running { return .job(latest) }
        return .none
    }

    /// What a failed job left for its page: the problems its work was refused with, or its summary.
    static func problems(of job: Job, result: Data?) -> [FieldProblem] {
        result.flatMap { try? JSONDecoder().decode([FieldProblem].self, from: $0) }
            ?? [FieldProblem(field: "file", message: job.summary ?? "Công việc không hoàn thành")]
    }

    /// The file a check job of the account still holds, for the write step that names it (`job=ID`).
    static func checkedFile(_ text: String?, req: Request, actor: Actor) async throws -> (data: Data, name: String)? {
        guard let id = text.flatMap(UUID.init(uuidString:)) else { return nil }
        return try await JobStore(database: req.db).input(id, accountID: actor.accountID)
    }

    /// The message when the write step's checked file is gone (another account's, or kept longer than a day).
    static let checkedFileGone = FieldProblem(field: "file", message: "Không còn tệp đã kiểm tra (tệp được giữ một ngày); hãy tải tệp lên và kiểm tra lại")

    /// The message for an address naming a job the account does not have.
    static let unknownJob = FieldProblem(field: "job", message: "Không tìm thấy lần kiểm tra hoặc nhập tệp này; hãy tải tệp lên lại")

    /// Waits for a job started by this instance to end (tests; a graceful shutdown).
    func wait(_ id: UUID) async {
        await board.task(of: id)?.value
    }

    static func problems(_ error: DomainError) -> [FieldProblem] {
        switch error {
        case .invalid(let problems): problems
        case .notFound(let message), .forbidden(let message), .conflict(let message): [FieldProblem(field: "file", message: message)]
        }
    }

    static func sentence(_ error: DomainError) -> String {
        let problems = problems(error)
        let shown = problems.prefix(3).map(\.message).joined(separator: "; ")
        return "Chưa ghi gì: " + shown + (problems.count > 3 ? "; và \(VietnameseNumberFormat.integer(problems.count - 3)) lỗi khác" : "")
    }
}

/// The running jobs of this instance: their tasks and latest progress. A job is on the board from its start to its
/// end; `wait` on a job that is no longer here returns at once.
actor JobBoard {
    private var tasks: [UUID: Task<Void, Never>] = [:]
    private var latest: [UUID: JobProgress] = [:]
    /// Jobs whose task ended before `begin` recorded it (a tiny file).
    private var endedEarly: Set<UUID> = []

    func begin(_ id: UUID, task: Task<Void, Never>) {
        if endedEarly.remove(id) == nil { tasks[id] = task }
    }

    func report(_ id: UUID, _ progress: JobProgress) { latest[id] = progress }
    func progress(of id: UUID) -> JobProgress? { latest[id] }
    func task(of id: UUID) -> Task<Void, Never>? { tasks[id] }

    func end(_ id: UUID) {
        latest[id] = nil
        if tasks.removeValue(forKey: id) == nil { endedEarly.insert(id) }
    }
}

/// A job's progress: into memory at once, into the database at most once a second, never blocking the work.
actor JobReporter: ProgressSink {
    private let id: UUID
    private let store: JobStore
    private let board: JobBoard
    private let logger: Logger
    private let persists: Bool
    private var lastWrite = Date.distantPast
    private var writing = false

    init(id: UUID, store: JobStore, board: JobBoard, logger: Logger, persists: Bool) {
        self.id = id
        self.store = store
        self.board = board
        self.logger = logger
        self.persists = persists
    }

    func report(_ progress: JobProgress) async {
        await board.report(id, progress)
        guard persists, !writing, Date().timeIntervalSince(lastWrite) >= JobRunner.persistEvery else { return }
        writing = true
        lastWrite = Date()
        // Not awaited: inside an open transaction on SQLite this write waits for the lock; the work must not.
        Task.detached { [store, id, logger] in
            do { try await store.report(id, progress: progress) } catch {
                logger.debug("job \(id) progress not recorded: \(String(reflecting: error))")
            }
            await self.written()
        }
    }

    private func written() { writing = false }
}

extension Application {
    private struct JobRunnerKey: StorageKey { typealias Value = JobRunner }

    /// The background jobs of this instance, set up once by `configure`.
    var jobs: JobRunner {
        get {
            guard let runner = storage[JobRunnerKey.self] else { fatalError("configure() sets up the job runner") }
            return runner
        }
        set { storage[JobRunnerKey.self] = newValue }
    }
}
