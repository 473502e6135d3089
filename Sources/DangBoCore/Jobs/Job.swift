import Foundation

/// A long operation that runs in the background of one app instance while its page shows a progress bar: an
/// import checked or written, a large export. Its state lives in the database so that a reload, or a request that
/// reaches another instance, finds it again.
public struct Job: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case memberImportCheck, memberImport, valuesImportCheck, valuesImport, tableExport

        /// "Kiểm tra tệp đảng viên": what the progress bar is about.
        public var label: String {
            switch self {
            case .memberImportCheck: "Kiểm tra tệp đảng viên"
            case .memberImport: "Nhập đảng viên từ tệp"
            case .valuesImportCheck: "Kiểm tra tệp số liệu"
            case .valuesImport: "Nhập số liệu các kỳ trước"
            case .tableExport: "Tạo tệp bảng tổng hợp"
            }
        }

        /// The unit counted by the progress bar.
        public var unit: String { self == .tableExport ? "bước" : "dòng" }

        /// Kinds that share one page and one "only one at a time" rule: checking and writing a file of the same sort.
        public var family: [Kind] {
            switch self {
            case .memberImportCheck, .memberImport: [.memberImportCheck, .memberImport]
            case .valuesImportCheck, .valuesImport: [.valuesImportCheck, .valuesImport]
            case .tableExport: [.tableExport]
            }
        }
    }

    public enum Status: String, Sendable, Codable {
        case running, succeeded, failed
    }

    public var id: UUID
    public var kind: Kind
    public var accountID: UUID
    public var status: Status
    public var progress: JobProgress
    /// The outcome in Vietnamese once the job has ended ("Đã nhập tệp ds.xlsx: thêm 3.375 …"), or why it failed.
    public var summary: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(id: UUID = UUID(), kind: Kind, accountID: UUID, status: Status = .running, progress: JobProgress = .init(),
                summary: String? = nil, createdAt: Date, updatedAt: Date? = nil, finishedAt: Date? = nil) {
        self.id = id
        self.kind = kind
        self.accountID = accountID
        self.status = status
        self.progress = progress
        self.summary = summary
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.finishedAt = finishedAt
    }

    /// A running job whose instance has not reported for this long has died with it (a restart, a crash).
    public static let silenceLimit: TimeInterval = 10 * 60

    /// The job as the user should see it at `now`: a running job silent for longer than `silenceLimit` has failed.
    public func seen(at now: Date) -> Job {
        guard status == .running, now.timeIntervalSince(updatedAt) > Self.silenceLimit else { return self }
        var job = self
        job.status = .failed
        job.summary = "Công việc bị gián đoạn (máy chủ đã khởi động lại); chưa có gì được ghi. Hãy chạy lại."
        return job
    }
}

/// How far a job has got: `done` of `total` units in its current phase.
public struct JobProgress: Sendable, Hashable, Codable {
    public var done: Int
    public var total: Int
    /// What is being done now, in Vietnamese ("Đọc tệp", "Kiểm tra với sổ đảng viên", "Ghi vào sổ").
    public var phase: String

    public init(done: Int = 0, total: Int = 0, phase: String = "Đang bắt đầu") {
        self.done = max(0, done)
        self.total = max(0, total)
        self.phase = phase
    }

    /// 0…1; 0 while the total is unknown.
    public var fraction: Double { total > 0 ? min(1, Double(done) / Double(total)) : 0 }

    /// "Ghi vào sổ: 2.300/5.000 dòng (46%)", with the app's number format.
    public func text(unit: String) -> String {
        guard total > 0 else { return phase }
        let percent = VietnameseNumberFormat.integer(Int((fraction * 100).rounded(.down)))
        return "\(phase): \(VietnameseNumberFormat.integer(min(done, total)))/\(VietnameseNumberFormat.integer(total)) \(unit) (\(percent)%)"
    }
}

/// Where long work reports how far it has got: a job's progress bar, the command line, or nowhere.
public protocol ProgressSink: Sendable {
    func report(_ progress: JobProgress) async
}

/// Progress that goes nowhere (tests, the API).
public struct NoProgress: ProgressSink {
    public init() {}
    public func report(_ progress: JobProgress) async {}
}
