import ArgumentParser
import Foundation
import GraphQLCodegen

/// The generator as a command, run by FGQLCodegenPlugin during builds.
///
///     fgql-codegen --schema queries/schema.graphqls --config queries/fgql.json \
///         --output-directory .build/plugins/outputs/… queries/getBatches.graphql
@main
struct FGQLCodegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgql-codegen",
        abstract: "Generate typed Swift from GraphQL operation files.",
        discussion: "Writes one <name>.graphql.swift per input file plus \(Codegen.schemaTypesFileName); a file is rewritten only when its content changes.")

    @Option(help: "The schema: SDL (.graphqls, .graphql) or introspection JSON (.json).")
    var schema: String

    @Option(help: "An fgql.json with namespace, scalars, accessLevel, runtimeModule.")
    var config: String?

    @Option(help: "Where the Swift files go (created if needed).")
    var outputDirectory: String

    @Option(help: ArgumentHelp(
        "Where to remember schemas that passed every check, so later runs build only the part the operations use.",
        valueName: "directory"))
    var schemaCacheDirectory: String?

    @Argument(help: "The .graphql files holding the operations and fragments.")
    var documents: [String] = []

    func run() throws {
        let result = Codegen.generate(
            schemaFile: schema, documentFiles: documents, configurationFile: config,
            schemaCacheDirectory: schemaCacheDirectory)
        for diagnostic in result.diagnostics { printToStandardError(diagnostic.description) }
        guard result.succeeded else { throw ExitCode.failure }
        do {
            try result.write(to: outputDirectory)
            // fgql.json's "operationManifest": the plugin can only write into its output folder.
            if let manifest = Codegen.loadConfiguration(config).0.operationManifest {
                try OperationManifest(result.operations).write(
                    to: URL(fileURLWithPath: outputDirectory).appendingPathComponent(manifest).path)
            }
        } catch {
            printToStandardError("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Diagnostics go to standard error, where SwiftPM and Xcode pick up `path:line:column: error:` lines.
private func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
