import Foundation

/// How one expected reporter stands for one form and period.
public enum ReporterOutcome: String, Codable, Sendable, CaseIterable {
    case onTime, late, returned, draft, missing

    public var label: String {
        switch self {
        case .onTime: return "Đúng hạn"
        case .late: return "Trễ hạn"
        case .returned: return "Bị trả lại"
        case .draft: return "Đang nhập, chưa gửi"
        case .missing: return "Chưa có"
        }
    }

    /// Counted as reported: the entry was submitted (so it passed every blocking rule), not merely started.
    public var isReported: Bool { self == .onTime || self == .late }

    /// The outcome of an entry (nil = none) against its due date, today. A late submission is late even if approved.
    public static func of(status: EntryStatus?, submittedOn: Day?, dueDate: Day) -> ReporterOutcome {
        switch status {
        case nil: return .missing
        case .draft?: return .draft
        case .returned?: return .returned
        case .submitted?, .approved?:
            guard let submittedOn else { return .late }
            return submittedOn <= dueDate ? .onTime : .late
        }
    }
}

/// Counts for one form and period: the reporting rate counts submitted (checked) entries of expected organizations.
public struct ReportingRate: Codable, Sendable, Equatable {
    public var expected: Int
    public var onTime: Int
    public var late: Int
    public var returned: Int
    public var draft: Int
    public var missing: Int

    public init(outcomes: [ReporterOutcome]) {
        expected = outcomes.count
        onTime = outcomes.filter { $0 == .onTime }.count
        late = outcomes.filter { $0 == .late }.count
        returned = outcomes.filter { $0 == .returned }.count
        draft = outcomes.filter { $0 == .draft }.count
        missing = outcomes.filter { $0 == .missing }.count
    }

    public var submitted: Int { onTime + late }

    /// "95,12%" of expected organizations reported; nil when none was expected.
    public var rateText: String? { VietnameseNumberFormat.percent(submitted, of: expected) }
    public var onTimeRateText: String? { VietnameseNumberFormat.percent(onTime, of: expected) }
}
