import DangBoCore
import DangBoStorage
import Fluent
import Leaf
import Vapor

/// Wires the application: database, migrations, views, middleware, routes and commands. Nothing else.
public func configure(_ app: Application, database location: DatabaseLocation, formsDirectory: URL? = nil) throws {
    try location.register(on: app.databases,
                          connectionsPerEventLoop: try DatabaseLocation.connectionsPerEventLoop(environment: ProcessInfo.processInfo.environment))
    app.dangboDatabase = location
    try app.loadForms(from: formsDirectory)
    for migration in DangBoMigrations.all(forms: app.forms) { app.migrations.add(migration) }
    app.views.use(.leaf)
    app.leaf.tags["number"] = NumberTag()
    app.leaf.cache.isEnabled = app.environment.isRelease
    app.routes.defaultMaxBodySize = "1mb"

    app.middleware = Middlewares()
    app.middleware.use(DangBoErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(SecurityHeadersMiddleware())

    try routes(app)

    app.asyncCommands.use(DangBoServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(ImportCommandGroup(), as: "import")
    app.asyncCommands.use(ReportCommandGroup(), as: "report")
    app.asyncCommands.use(RemindCommand(), as: "remind")
    app.asyncCommands.use(BenchCommandGroup(), as: "bench")
    app.asyncCommands.use(TotalsCommandGroup(), as: "totals")
}

func routes(_ app: Application) throws {
    app.jobs = JobRunner()
    let site = app.grouped(SessionAuthenticator())
    try site.register(collection: AuthController())
    try site.register(collection: HelpController())
    let pages = site.grouped(RequireLoginMiddleware(), CSRFMiddleware())
    try pages.register(collection: HomeController())
    try pages.register(collection: OrganizationsController())
    try pages.register(collection: MembersController())
    try pages.register(collection: MemberImportController())
    try pages.register(collection: AuditController())
    try pages.register(collection: ReportsController())
    try pages.register(collection: ReportEntriesController())
    try pages.register(collection: ReportTablesController())
    try pages.register(collection: OfflineEntryController())
    try pages.register(collection: HistoricalValuesController())
    try pages.register(collection: OutboxController())
    try pages.register(collection: JobsController())
    try pages.register(collection: DisciplineController())
    try pages.register(collection: ComplaintsController())
    try pages.register(collection: InspectionsController())
    try pages.register(collection: RatingsController())

    let api = app.grouped("api", "v1")
    try api.register(collection: ApiAuthController())
    let authenticated = api.grouped(ApiTokenAuthenticator(), RequireLoginMiddleware())
    try authenticated.register(collection: OrganizationsApiController())
    try authenticated.register(collection: MembersApiController())
    try authenticated.register(collection: AuditApiController())
    try authenticated.register(collection: ReportsApiController())
    try authenticated.register(collection: HistoricalValuesApiController())
    try authenticated.register(collection: RatingsApiController())
    api.get("openapi.json") { req in try OpenAPIDocument.make(routes: req.application.routes) }
}
