import ArgumentParser
import FlatfileGraphQL
import Foundation
import GraphQLCodegen

/// `fgql schema …`: working with the server's schema.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Download the server's schema.",
        subcommands: [SchemaFetchCommand.self])
}

/// `fgql schema fetch`: runs the introspection query with the usual credentials and writes SDL or JSON.
struct SchemaFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the schema by introspection, as SDL or introspection JSON.",
        discussion: """
            Uses the same credentials and flags as fgql run. Both formats work as input to fgql generate, the \
            build plugin and fgql run's validation. An existing file is replaced only with --force.

            Examples:
              fgql schema fetch --output queries/schema.graphqls --force
              fgql schema fetch --format json --output schema.json
              fgql schema fetch --endpoint https://api.github.com/graphql -H "Authorization: Bearer $TOKEN" > github.graphqls
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case sdl, json
    }

    @Option(help: ArgumentHelp("sdl or json; default: json for a .json output file, else sdl.", valueName: "format"))
    var format: Format?

    @Option(name: [.short, .long], help: ArgumentHelp("The file to write; default: standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let log = StandardError()
        do {
            try await fetch(log: log)
        } catch {
            log.error(error.description)
            throw error.exitCode
        }
    }

    private func fetch(log: StandardError) async throws(CommandFailure) {
        if let output, FileManager.default.fileExists(atPath: output), !force {
            throw .usage("\(output) exists; pass --force to replace it (nothing was downloaded).")
        }
        let connection = try await Connection.open(
            self.connection, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), log: log)
        let response: GraphQLResponse
        do {
            response = try await connection.client.execute(document: SchemaIntrospection.query, operationName: "IntrospectionQuery")
        } catch {
            await connection.close()
            throw CommandFailure(error)
        }
        await connection.close()
        try RunCommand.check(response)

        let format = self.format ?? (output?.lowercased().hasSuffix(".json") == true ? .json : .sdl)
        let json = response.jsonValue.jsonString(.pretty) + "\n"
        let text: String
        switch format {
        case .json: text = json
        case .sdl:
            do {
                text = try SchemaIntrospection.sdl(fromResultJSON: json, name: "the introspection result")
            } catch {
                throw .network("the server's introspection result cannot be read as a schema: \(error.message)")
            }
        }
        guard let output else { return StandardOutput().write(text) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw .usage("cannot write \(output): \(error.localizedDescription)")
        }
        log.note("wrote the schema to \(output) (\(format.rawValue), \(text.utf8.count) bytes)")
    }
}
