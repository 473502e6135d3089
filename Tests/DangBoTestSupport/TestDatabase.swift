import DangBoCore
import DangBoStorage
import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// A migrated database for one test: in-memory SQLite, or PostgreSQL when TEST_DATABASE_URL is set
/// (then every migration is reverted first, so each test starts empty).
public final class TestDatabase: @unchecked Sendable {
    public let databases: Databases
    public let database: any Database
    public let migrator: Migrator
    public let location: DatabaseLocation

    /// In-memory SQLite, or the database TEST_DATABASE_URL names.
    public static var location: DatabaseLocation {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else { return .sqliteMemory }
            return try DatabaseLocation(text: url)
        }
    }

    public static func make() async throws -> TestDatabase {
        let location = try Self.location
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        try location.register(on: databases)
        let logger = Logger(label: "test")
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        guard let database = databases.database(logger: logger, on: eventLoop) else { fatalError("no database") }
        let migrations = Migrations()
        migrations.add(DangBoMigrations.all(forms: .empty))
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoop)
        let test = TestDatabase(databases: databases, database: database, migrator: migrator, location: location)
        try await migrator.setupIfNeeded().get()
        if location.isPostgres { try await test.revertAll() }
        try await migrator.prepareBatch().get()
        return test
    }

    init(databases: Databases, database: any Database, migrator: Migrator, location: DatabaseLocation) {
        self.databases = databases
        self.database = database
        self.migrator = migrator
        self.location = location
    }

    public func revertAll() async throws {
        try await migrator.revertAllBatches().get()
    }

    public func shutdown() async {
        await databases.shutdownAsync()
    }
}

/// A small bloc: root → committee A (cells A1, A2) and cell B; committee C with cell C1.
public struct Fixture {
    public init() {}

    public let root = Organization(code: "DUK", name: "Đảng bộ Khối", level: .bloc, unitKind: nil, cluster: nil, openedOn: Day(parsing: "1/1/2000")!)
    public let committeeA = Organization(code: "DB-A", name: "Đảng bộ Sở Y tế", level: .grassrootsCommittee, unitKind: .agency, cluster: "Cụm 1", openedOn: Day(parsing: "1/1/2005")!)
    public let cellA1 = Organization(code: "CB-A1", name: "Chi bộ Văn phòng Sở", level: .subordinateCell, unitKind: .agency, cluster: nil, openedOn: Day(parsing: "1/1/2005")!)
    public let cellA2 = Organization(code: "CB-A2", name: "Chi bộ Phòng Kế hoạch", level: .subordinateCell, unitKind: .agency, cluster: nil, openedOn: Day(parsing: "1/1/2005")!)
    public let cellB = Organization(code: "CB-B", name: "Chi bộ Ban Xúc tiến và Hỗ trợ đầu tư tỉnh", level: .grassrootsCell, unitKind: .agency, cluster: "Cụm 2", openedOn: Day(parsing: "1/1/2010")!)
    public let committeeC = Organization(code: "DB-C", name: "Đảng bộ Công ty Xăng dầu B12", level: .grassrootsCommittee, unitKind: .stateEnterprise, cluster: "Cụm 3", openedOn: Day(parsing: "1/1/2000")!)
    public let cellC1 = Organization(code: "CB-C1", name: "Chi bộ Kho xăng dầu", level: .subordinateCell, unitKind: .stateEnterprise, cluster: nil, openedOn: Day(parsing: "1/1/2000")!)

    public var organizations: [Organization] { [root, committeeA, cellA1, cellA2, cellB, committeeC, cellC1] }

    public var links: [OrganizationLink] {
        let start = Day(parsing: "1/1/2010")!
        return [
            OrganizationLink(organizationID: committeeA.id, parentID: root.id, validFrom: start),
            OrganizationLink(organizationID: cellA1.id, parentID: committeeA.id, validFrom: start),
            OrganizationLink(organizationID: cellA2.id, parentID: committeeA.id, validFrom: start),
            OrganizationLink(organizationID: cellB.id, parentID: root.id, validFrom: start),
            OrganizationLink(organizationID: committeeC.id, parentID: root.id, validFrom: start),
            OrganizationLink(organizationID: cellC1.id, parentID: committeeC.id, validFrom: start),
        ]
    }

    public static func fields(_ name: String, card: String, gender: Gender = .female) -> MemberFields {
        MemberFields(fullName: name, gender: gender, birthDate: Day(parsing: "12/4/1985")!, educationLevel: .university,
                     politicalTheoryLevel: .intermediate, admissionDate: Day(parsing: "3/2/2010"),
                     fullMembershipDate: Day(parsing: "3/2/2011"), cardNumber: card)
    }

    /// Members: 3 in A1, 2 in A2, 2 in B, 1 in C1.
    public var members: [Member] {
        [
            Member(organizationID: cellA1.id, fields: Self.fields("Nguyễn Thị Vinh", card: "100001")),
            Member(organizationID: cellA1.id, fields: Self.fields("Trần Văn Bình", card: "100002", gender: .male)),
            Member(organizationID: cellA1.id, fields: Self.fields("Lê Đức Anh", card: "100003", gender: .male)),
            Member(organizationID: cellA2.id, fields: Self.fields("Phạm Thị Dung", card: "100004")),
            Member(organizationID: cellA2.id, fields: Self.fields("Đặng Văn Đức", card: "100005", gender: .male)),
            Member(organizationID: cellB.id, fields: Self.fields("Hoàng Thị Ánh", card: "100006")),
            Member(organizationID: cellB.id, fields: Self.fields("Vũ Văn Dũng", card: "100007", gender: .male)),
            Member(organizationID: cellC1.id, fields: Self.fields("Bùi Thị An", card: "100008")),
        ]
    }

    public func load(into database: any Database) async throws -> [Member] {
        let members = self.members
        let assignments = members.map { MemberAssignment(memberID: $0.id, organizationID: $0.organizationID, validFrom: Day(parsing: "1/1/2015")!) }
        try await BulkLoader(database: database).load(organizations: organizations, links: links, members: members,
                                                      assignments: assignments, summary: "fixture")
        return members
    }

    public func actor(_ role: Role, scope: Organization) -> Actor {
        Actor(accountID: UUID(), username: "\(role.rawValue)-\(scope.code)".lowercased(), displayName: role.label, role: role,
              scopeOrganizationID: scope.id)
    }
}

extension EntryWorkflow.Context {
    /// A context that allows every save and submission (for storage tests that are not about the workflow): the
    /// status is taken from the locked row by `ReportStore.save` anyway.
    public static var open: EntryWorkflow.Context {
        EntryWorkflow.Context(status: .draft, actorCoversOrganization: true, actorIsAbove: false, role: .administrator,
                              today: Day(parsing: "1/1/2000")!, dueDate: Day(parsing: "31/12/2099")!, exceptionUntil: nil)
    }
}

extension ReportStore {
    /// Saves (or submits) an entry through the one save path with an open workflow.
    @discardableResult
    public func save(form: String, organization: UUID, period: PeriodSlot, cells: [StoredCell], version: Int,
                     submit: Bool, comment: String? = nil, by actor: Actor) async throws -> ReportEntry {
        try await save(EntryWrite(form: form, organization: organization, period: period, cells: cells, version: version,
                                  comment: comment), action: submit ? .submit : .save, workflow: .open, by: actor)
    }
}
