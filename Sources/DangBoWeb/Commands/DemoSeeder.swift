import DangBoCore
import DangBoStorage
import Fluent
import Vapor

/// Loads the deterministic demo bloc and one account per role.
enum DemoSeeder {
    static let password = "dangbo2025"

    struct AccountSpec {
        var username: String
        var displayName: String
        var role: Role
    }

    static let accountSpecs: [AccountSpec] = [
        .init(username: "admin", displayName: "Quản trị viên", role: .administrator),
        .init(username: "khoi", displayName: "Ban Tổ chức Đảng ủy Khối", role: .blocOffice),
        .init(username: "ubkt", displayName: "Ủy ban Kiểm tra Đảng ủy Khối", role: .inspectionCommission),
        .init(username: "coso", displayName: "Văn phòng Đảng ủy cơ sở", role: .grassrootsSecretary),
        .init(username: "dangvien", displayName: "Đảng viên", role: .member),
    ]

    @discardableResult
    static func seed(app: Application, seed: UInt64) async throws -> [(String, String)] {
        let today = Day(Date())
        let bloc = DemoBloc.make(seed: seed, today: today)
        try await BulkLoader(database: app.db).load(
            organizations: bloc.organizations, links: bloc.links, members: bloc.members, assignments: bloc.assignments,
            summary: "Nạp dữ liệu mẫu (seed \(seed)): \(VietnameseNumberFormat.integer(bloc.organizations.count)) tổ chức, \(VietnameseNumberFormat.integer(bloc.members.count)) đảng viên")
        try await seedReports(app: app, bloc: bloc, today: today, seed: seed)
        // Ratings of every finished year since the reports start (the current one is rated in December, closed after it).
        let firstYear = DemoReports.start(terms: app.terms, today: today).year
        if firstYear <= today.year - 1 {
            try await BulkLoader(database: app.db).load(ratings: DemoRatings.make(bloc: bloc, years: firstYear ... today.year - 1, seed: seed))
        }
        guard let root = bloc.organizations.first else { return [] }
        // The grassroots account runs a committee with subordinate cells; the member account belongs to it.
        let committee = bloc.organizations.first { $0.level == .grassrootsCommittee && $0.name.contains("Y tế") }
            ?? bloc.organizations.first { $0.level == .grassrootsCommittee } ?? root
        let committeeCells = Set(bloc.links.filter { $0.parentID == committee.id }.map(\.organizationID))
        let member = bloc.members.first { committeeCells.contains($0.organizationID) && $0.fields.status == .active && $0.fields.positions.isEmpty }
        let accounts = AccountStore(database: app.db)
        var created: [(String, String)] = []
        for spec in accountSpecs {
            let hash = try await app.password.async.hash(password)
            var scope = root.id
            var memberID: UUID?
            var name = spec.displayName
            switch spec.role {
            case .grassrootsSecretary:
                scope = committee.id
                name = "Văn phòng \(committee.name)"
            case .member:
                scope = member?.organizationID ?? committee.id
                memberID = member?.id
                name = member?.fields.fullName ?? name
            default: break
            }
            _ = try await accounts.create(AccountDraft(username: spec.username, displayName: name, passwordHash: hash,
                                                       role: spec.role, scopeOrganizationID: scope, memberID: memberID))
            created.append((spec.username, spec.role.label + (spec.role == .grassrootsSecretary ? " — \(committee.name)" : "")))
        }
        return created
    }

    /// The forms that get demo entries from the previous term's congress on (the others start empty).
    static let demoForms = ["PL8.1", "PL2.2", "PL7.5"]

    static func seedReports(app: Application, bloc: DemoBloc, today: Day, seed: UInt64) async throws {
        let forms = demoForms.compactMap { app.forms.form(code: $0) }
        let start = DemoReports.start(terms: app.terms, today: today)
        let entries = DemoReports.make(forms: forms, bloc: bloc, from: start, today: today, seed: seed).map { demo -> ReportEntry in
            func instant(_ day: Day?) -> Date? {
                day.map { Date(timeIntervalSince1970: Double($0.ordinal) * 86_400 + 3 * 3600) }
            }
            return ReportEntry(
                formCode: demo.formCode, organizationID: demo.organizationID,
                period: PeriodSlot(code: demo.period.code, start: demo.period.start, end: demo.period.end),
                status: demo.status, submittedAt: instant(demo.submittedOn), submittedBy: demo.submittedOn.map { _ in "demo" },
                reviewedAt: instant(demo.reviewedOn), reviewedBy: demo.reviewedOn.map { _ in "khoi" }, reviewComment: demo.reviewComment,
                updatedAt: instant(demo.submittedOn ?? min(demo.period.end, today)) ?? Date(), updatedBy: "demo",
                cells: demo.values.map { StoredCell(row: $0.key.row, column: $0.key.column, number: $0.value.number, text: $0.value.text) })
        }
        try await BulkLoader(database: app.db).loadReports(entries, forms: app.forms)
        app.logger.info("Dữ liệu mẫu: \(entries.count) báo cáo của \(forms.map(\.code).joined(separator: ", "))")
    }

    static func printAccounts(_ accounts: [(String, String)], console: any Console) {
        console.print("Tài khoản mẫu (mật khẩu: \(password)):")
        for (username, label) in accounts {
            console.print("  \(username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(label)")
        }
    }
}

/// `dangbo demo [--seed N] [--reset]`: builds the demo bloc into the database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed", help: "Hạt giống ngẫu nhiên (mặc định 1); cùng hạt giống cho cùng dữ liệu")
        var seed: UInt64?
        @Flag(name: "reset", help: "Xóa toàn bộ dữ liệu hiện có trước khi nạp")
        var reset: Bool
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)")
        var database: String?
        init() {}
    }

    let help = "Tạo dữ liệu mẫu: Đảng bộ Khối với ~82 tổ chức cơ sở và ~7.300 đảng viên."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if signature.reset {
            try await app.autoRevert()
        }
        try await app.autoMigrate()
        guard try await BulkLoader(database: app.db).isEmpty() else {
            context.console.error("Cơ sở dữ liệu đã có dữ liệu. Dùng --reset để xóa và nạp lại.")
            throw DemoError.notEmpty
        }
        let accounts = try await DemoSeeder.seed(app: app, seed: signature.seed ?? 1)
        context.console.print("Đã nạp dữ liệu mẫu vào \(app.dangboDatabase).")
        DemoSeeder.printAccounts(accounts, console: context.console)
    }

    enum DemoError: Error { case notEmpty }
}
