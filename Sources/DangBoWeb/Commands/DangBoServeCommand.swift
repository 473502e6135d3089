import DangBoCore
import DangBoStorage
import Fluent
import Vapor

/// `dangbo serve [--hostname H] [--port P] [--database URL] [--demo]`: migrates, loads the demo bloc into an
/// empty database when asked, prints the demo accounts, then serves until SIGINT/SIGTERM.
final class DangBoServeCommand: AsyncCommand, @unchecked Sendable {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Địa chỉ lắng nghe (mặc định 127.0.0.1)")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Cổng (mặc định 8080)")
        var port: Int?
        @Option(name: "database", help: "Cơ sở dữ liệu: sqlite://đường/dẫn.sqlite hoặc postgres://... (mặc định: DATABASE_URL, hoặc data/dangbo.sqlite)")
        var database: String?
        @Flag(name: "demo", help: "Nạp dữ liệu mẫu (Đảng bộ Khối, ~7.300 đảng viên) nếu cơ sở dữ liệu còn trống")
        var demo: Bool
        init() {}
    }

    let help = "Chạy máy chủ web DangBo."
    private var signalSources: [any DispatchSourceSignal] = []

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        app.logger.info("Cơ sở dữ liệu: \(app.dangboDatabase)")
        try await app.autoMigrate()
        if signature.demo {
            if try await BulkLoader(database: app.db).isEmpty() {
                let accounts = try await DemoSeeder.seed(app: app, seed: 1)
                context.console.print("Đã nạp dữ liệu mẫu.")
                DemoSeeder.printAccounts(accounts, console: context.console)
            } else {
                context.console.print("Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.")
                DemoSeeder.printAccounts(DemoSeeder.accountSpecs.map { ($0.username, $0.role.label) }, console: context.console)
            }
        }
        let hostname = signature.hostname ?? "127.0.0.1"
        let port = signature.port ?? 8080
        try await app.server.start(address: .hostname(hostname, port: port))
        context.console.print("DangBo đang chạy tại http://\(hostname):\(port)")
        let promise = app.eventLoopGroup.next().makePromise(of: Void.self)
        app.running = .start(using: promise)
        let queue = DispatchQueue(label: "dangbo.signals")
        for code in [SIGINT, SIGTERM] {
            signal(code, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: code, queue: queue)
            // Stop accepting connections and finish the open ones before the application shuts down.
            source.setEventHandler {
                Task {
                    await app.server.shutdown()
                    promise.succeed(())
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }
}

struct DatabaseLocationKey: StorageKey {
    typealias Value = DatabaseLocation
}

extension Application {
    var dangboDatabase: DatabaseLocation {
        get { storage[DatabaseLocationKey.self] ?? .sqliteFile(DatabaseLocation.defaultSQLitePath) }
        set { storage[DatabaseLocationKey.self] = newValue }
    }
}
