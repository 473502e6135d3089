import DangBoStorage
import DangBoWeb
import Foundation
import Logging
import Vapor

// `dangbo forms check` needs neither a database nor loadable forms: it runs before the app is configured.
if FormsCheckCommand.handles(CommandLine.arguments) {
    exit(FormsCheckCommand.run(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment,
                               workingDirectory: FileManager.default.currentDirectoryPath, print: { Swift.print($0) }))
}
var environment = try Environment.detect(arguments: DatabaseArgument.argumentsForCommand(CommandLine.arguments))
try LoggingSystem.bootstrap(from: &environment)
let location: DatabaseLocation
do {
    location = try DatabaseLocation(text: DatabaseArgument.value(in: CommandLine.arguments) ?? Environment.get("DATABASE_URL"))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let app = try await Application.make(environment)
do {
    try configure(app, database: location)
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
