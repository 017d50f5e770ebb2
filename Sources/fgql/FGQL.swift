import ArgumentParser
import FlatfileGraphQL
import Foundation

@main
struct FGQL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgql",
        abstract: "Run saved GraphQL queries against Flatfile (or any GraphQL API), generate typed Swift, and start a local Flatfile sandbox.",
        version: FGQLVersion.current,
        subcommands: [RunCommand.self, GenerateCommand.self, ValidateCommand.self, SchemaCommand.self, AuthCommand.self, SandboxCommand.self]
    )

    /// ArgumentParser's own entry point, except that its usage errors exit with the documented 2, not EX_USAGE (64).
    ///
    /// The message is ArgumentParser's unchanged (the error, the usage line, the hint to run --help); `--help` and
    /// `--version` still exit 0, and the commands' own failures keep their codes.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            exit(withError: CommandFailure.usageExitCode)
        }
    }
}
