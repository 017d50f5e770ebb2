import ArgumentParser
import Foundation
import GraphQLCodegen

/// The inputs `generate` and `validate` share: the operation files, the schema and the optional `fgql.json`.
struct CodegenInputs: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The schema (SDL or introspection JSON); default: schema.graphqls/.graphql/.json beside the first file.",
        valueName: "file"))
    var schema: String?

    @Option(help: ArgumentHelp("An fgql.json (namespace, scalars, accessLevel); default: fgql.json beside the first file.", valueName: "file"))
    var config: String?

    @Argument(help: ArgumentHelp("The .graphql files holding operations and fragments.", valueName: "files"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one .graphql file, for example queries/*.graphql.") }
    }

    /// The schema to use, found beside the first file when not given.
    func schemaPath() throws(CommandFailure) -> String {
        if let schema { return schema }
        guard let found = RunCommand.schemaBeside(files[0]) else {
            throw .usage("no schema beside \(files[0]) (looked for schema.graphqls, schema.graphql, schema.json); pass --schema FILE.")
        }
        return found
    }

    var configPath: String? {
        if let config { return config }
        let beside = URL(fileURLWithPath: files[0]).deletingLastPathComponent().appendingPathComponent("fgql.json").path
        return FileManager.default.fileExists(atPath: beside) ? beside : nil
    }
}

/// `fgql generate`: the build plugin's generator, for Xcode projects without SwiftPM and for CI.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate typed Swift from .graphql files (the same generator as the build plugin).",
        discussion: """
            Writes one NAME.graphql.swift per input file and \(Codegen.schemaTypesFileName) into the output folder. \
            A file is rewritten only when its content changes; files it generated earlier for inputs that are gone \
            are removed; a failure midway changes nothing; and a file that fgql did not generate is never \
            overwritten.

            Examples:
              fgql generate --schema queries/schema.graphqls --output Sources/App/GraphQL queries/*.graphql
              fgql generate --output Generated --operation-manifest operation-manifest.json queries/*.graphql
            """)

    @OptionGroup var inputs: CodegenInputs

    @Option(help: ArgumentHelp("The folder for the generated Swift files (created if needed).", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp(
        "Also write the operations to FILE in Apollo's persisted-query manifest format, for servers that allow-list operations.",
        valueName: "file"))
    var operationManifest: String?

    func run() throws {
        let log = StandardError()
        do {
            try generate(log: log)
        } catch {
            log.error(error.description)
            throw error.exitCode
        }
    }

    private func generate(log: StandardError) throws(CommandFailure) {
        let result = Codegen.generate(
            schemaFile: try inputs.schemaPath(), documentFiles: inputs.files, configurationFile: inputs.configPath,
            schemaCacheDirectory: SchemaCache.user().directory.path)
        result.diagnostics.forEach { log.write("\($0)\n") }
        guard result.succeeded else {
            throw .usage("generation failed with \(result.diagnostics.filter(\.isError).count) error(s); nothing was written.")
        }
        let written: [String]
        do {
            written = try result.write(to: output)
        } catch {
            throw .usage("\(error)")
        }
        log.note("generated \(result.files.count) file(s) in \(output) (\(written.count) changed)")
        if let operationManifest {
            do {
                try OperationManifest(result.operations).write(to: operationManifest)
            } catch {
                throw .usage("\(error)")
            }
            log.note("wrote \(result.operations.count) operation(s) to \(operationManifest)")
        }
    }
}

/// `fgql validate`: the generator's diagnostics without writing anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check .graphql files against the schema and print file:line:column diagnostics.",
        discussion: """
            Applies every GraphQL validation rule plus the code generator's own (named operations, unique names \
            across files, fields that cannot be merged, names that would collide in Swift). Exit status 2 when \
            there are errors.

            Example:
              fgql validate queries/*.graphql
            """)

    @OptionGroup var inputs: CodegenInputs

    func run() throws {
        let log = StandardError()
        do {
            let (configuration, problems) = Codegen.loadConfiguration(inputs.configPath)
            let diagnostics = problems + Codegen.validate(
                schemaFile: try inputs.schemaPath(), documentFiles: inputs.files, configuration: configuration,
                schemaCacheDirectory: SchemaCache.user().directory.path)
            diagnostics.forEach { log.write("\($0)\n") }
            let errors = diagnostics.filter(\.isError).count
            guard errors == 0 else { throw CommandFailure.usage("\(errors) error(s) in \(inputs.files.count) file(s).") }
            log.note("\(inputs.files.count) file(s) valid\(diagnostics.isEmpty ? "" : " (\(diagnostics.count) warning(s))")")
        } catch let failure as CommandFailure {
            log.error(failure.description)
            throw failure.exitCode
        }
    }
}
