import ArgumentParser

@main
struct FGQL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgql",
        abstract: "Run saved GraphQL queries against Flatfile (or any GraphQL API), generate typed Swift, and start a local Flatfile sandbox.",
        subcommands: [RunCommand.self, GenerateCommand.self, ValidateCommand.self, SchemaCommand.self, AuthCommand.self, SandboxCommand.self]
    )
}
