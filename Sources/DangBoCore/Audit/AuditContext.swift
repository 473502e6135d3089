import Foundation

/// What one page of audit entries needs beyond the entries themselves: the names behind the ids they store, resolved
/// for the page's ids at once (a few statements per page, never one per entry), and the form catalog that names a
/// report's rows and columns. Anything missing is left out of the sentence, which then says less (older entries).
public struct AuditContext: Sendable {
    /// The account that acted: its name and the organization it is attached to.
    public struct Person: Sendable, Hashable {
        public var name: String
        public var organizationID: UUID?

        public init(name: String, organizationID: UUID?) {
            self.name = name
            self.organizationID = organizationID
        }
    }

    /// The report entry an entry is about: which form, period and organization.
    public struct Report: Sendable, Hashable {
        public var form: String
        public var period: String
        public var organizationID: UUID

        public init(form: String, period: String, organizationID: UUID) {
            self.form = form
            self.period = period
            self.organizationID = organizationID
        }
    }

    /// One cell a save changed, as the cell history stores it ("1257", "6/2021"; nil when empty).
    public struct CellChange: Sendable, Hashable {
        public var row: String
        public var column: String
        public var before: String?
        public var after: String?

        public init(row: String, column: String, before: String?, after: String?) {
            self.row = row
            self.column = column
            self.before = before
            self.after = after
        }
    }

    /// By account id.
    public var people: [UUID: Person]
    /// Organization names by id.
    public var organizations: [UUID: String]
    /// By report entry id.
    public var reports: [UUID: Report]
    /// By audit entry id: the cells that save changed (at most `maxCells` of them).
    public var cells: [UUID: [CellChange]]
    public var forms: FormCatalog

    /// Cells listed per entry; the sentence gives the total.
    public static let maxCells = 30

    public init(people: [UUID: Person] = [:], organizations: [UUID: String] = [:], reports: [UUID: Report] = [:],
                cells: [UUID: [CellChange]] = [:], forms: FormCatalog = .empty) {
        self.people = people
        self.organizations = organizations
        self.reports = reports
        self.cells = cells
        self.forms = forms
    }
}
