/// The database is chosen before the commands run (every command needs it), so `--database URL` is read here
/// from the raw arguments; the commands also declare the option so that their help lists it.
public enum DatabaseArgument {
    public static func value(in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--database", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--database=") { return String(argument.dropFirst("--database=".count)) }
        }
        return nil
    }

    /// Commands of our own declare `--database`; for Vapor's and Fluent's (migrate, routes) it is taken out.
    public static func argumentsForCommand(_ arguments: [String]) -> [String] {
        let ownCommands: Set<String> = ["serve", "demo", "import", "report", "remind", "bench", "totals"]
        guard arguments.count > 1, !ownCommands.contains(arguments[1]), !arguments[1].hasPrefix("-") else { return arguments }
        var result: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--database" { skipNext = true; continue }
            if argument.hasPrefix("--database=") { continue }
            result.append(argument)
        }
        return result
    }
}
