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
}
