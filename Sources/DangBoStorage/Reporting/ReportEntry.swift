import DangBoCore
import Foundation

/// One typed cell of an entry: a data row × an entry column, holding a number or a text.
public struct StoredCell: Sendable, Hashable, Codable {
    public var row: String
    public var column: String
    public var number: Double?
    public var text: String?

    public init(row: String, column: String, number: Double? = nil, text: String? = nil) {
        self.row = row
        self.column = column
        self.number = number
        self.text = text
    }

    public var key: String { "\(row):\(column)" }

    /// The value as text for history and audit ("1257", "6/2021", "" when empty).
    public var display: String {
        if let number { return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number) }
        return text ?? ""
    }
}

/// Which period an entry is for, as storage needs it.
public struct PeriodSlot: Sendable, Hashable, Codable {
    public var code: String
    public var start: Day
    public var end: Day

    public init(code: String, start: Day, end: Day) {
        self.code = code
        self.start = start
        self.end = end
    }
}

/// What one organization reported on one form for one period, with its workflow state.
public struct ReportEntry: Sendable, Codable, Hashable {
    public var id: UUID
    public var formCode: String
    public var organizationID: UUID
    public var period: PeriodSlot
    public var status: EntryStatus
    public var version: Int
    public var submittedAt: Date?
    public var submittedBy: String?
    public var reviewedAt: Date?
    public var reviewedBy: String?
    public var reviewComment: String?
    public var warningComment: String?
    public var updatedAt: Date
    public var updatedBy: String
    public var cells: [StoredCell]

    public init(id: UUID = UUID(), formCode: String, organizationID: UUID, period: PeriodSlot, status: EntryStatus, version: Int = 1,
                submittedAt: Date? = nil, submittedBy: String? = nil, reviewedAt: Date? = nil, reviewedBy: String? = nil,
                reviewComment: String? = nil, warningComment: String? = nil, updatedAt: Date, updatedBy: String, cells: [StoredCell]) {
        self.id = id
        self.formCode = formCode
        self.organizationID = organizationID
        self.period = period
        self.status = status
        self.version = version
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
        self.reviewedAt = reviewedAt
        self.reviewedBy = reviewedBy
        self.reviewComment = reviewComment
        self.warningComment = warningComment
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.cells = cells
    }
}

/// Where one entry stands, without its cells (reporting rate, reminders).
public struct EntrySummary: Sendable, Codable, Hashable {
    public var organizationID: UUID
    public var status: EntryStatus
    public var version: Int
    public var submittedAt: Date?
    public var reviewComment: String?
}

/// One change of one cell.
public struct CellChange: Sendable, Codable, Hashable {
    public var row: String
    public var column: String
    public var oldValue: String?
    public var newValue: String?
    public var changedBy: String
    public var changedAt: Date
    public var comment: String?
}
