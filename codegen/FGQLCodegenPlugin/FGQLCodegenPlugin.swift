import Foundation
import PackagePlugin

/// Generates typed Swift for a target's `.graphql` files at build time.
///
/// Inputs: the target's `.graphql` files, its schema (`schema.graphqls`, `schema.graphql` or `schema.json`) and an
/// optional `fgql.json`, all found among the target's files (so none of them may be `exclude`d). Outputs, declared up front so the build stays incremental: one
/// `<name>.graphql.swift` per `.graphql` file plus `GraphQLSchemaTypes.swift`. Runs offline: schema download is the
/// `fgql schema fetch` command's job, never a build step.
///
/// ```swift
/// .target(name: "MyQueries", dependencies: [.product(name: "FlatfileGraphQL", package: "fgql")],
///         plugins: [.plugin(name: "FGQLCodegenPlugin", package: "fgql")])
/// ```
@main
struct FGQLCodegenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        return try GenerationRequest(
            targetName: target.name, files: target.sourceFiles.map(\.url),
            tool: try context.tool(named: "fgql-codegen").url,
            outputDirectory: context.pluginWorkDirectoryURL.appending(path: "GeneratedSources"),
            schemaCacheDirectory: context.pluginWorkDirectoryURL.appending(path: "SchemaCache")
        ).commands()
    }
}

/// Everything one generator run needs; shared by the SwiftPM and Xcode entry points.
struct GenerationRequest {
    /// Schema file names looked for in the target's folder, in order of preference.
    static let schemaFileNames = ["schema.graphqls", "schema.graphql", "schema.json"]
    /// Must match `Codegen.schemaTypesFileName` (a plugin cannot import the generator library).
    static let schemaTypesFileName = "GraphQLSchemaTypes.swift"

    let targetName: String
    /// The target's files; the plugin picks its inputs from these.
    let files: [URL]
    let tool: URL
    let outputDirectory: URL
    /// Where the generator remembers schemas that passed every check (it then builds only what operations use).
    let schemaCacheDirectory: URL

    func commands() throws -> [Command] {
        let byName = Dictionary(files.map { ($0.lastPathComponent, $0) }, uniquingKeysWith: { first, _ in first })
        guard let schema = Self.schemaFileNames.lazy.compactMap({ byName[$0] }).first else {
            throw PluginError(
                "target '\(targetName)' applies FGQLCodegenPlugin but has no schema: add one of "
                    + Self.schemaFileNames.joined(separator: ", ")
                    + " to the target's folder, and do not exclude it (download it with `fgql schema fetch`)")
        }
        let operationFiles = files.filter { $0.pathExtension == "graphql" && $0 != schema }.sorted { $0.path < $1.path }
        guard !operationFiles.isEmpty else { return [] }
        let config = byName["fgql.json"]
        // `fgql run` reads variables from a sidecar `<name>.variables.json`; declaring those as inputs too keeps
        // SwiftPM from warning that the target has unhandled files (they do not change the output).
        let sidecars = files.filter { $0.lastPathComponent.hasSuffix(".variables.json") }.sorted { $0.path < $1.path }

        var arguments = [
            "--schema", schema.path, "--output-directory", outputDirectory.path,
            "--schema-cache-directory", schemaCacheDirectory.path,
        ]
        if let config { arguments += ["--config", config.path] }
        arguments += operationFiles.map(\.path)
        let outputs = operationFiles.map { outputDirectory.appending(path: $0.lastPathComponent + ".swift") }
            + [outputDirectory.appending(path: Self.schemaTypesFileName)]
        return [
            .buildCommand(
                displayName: "Generating Swift for \(operationFiles.count) GraphQL file(s) in \(targetName)",
                executable: tool, arguments: arguments,
                inputFiles: [schema] + (config.map { [$0] } ?? []) + operationFiles + sidecars,
                outputFiles: outputs)
        ]
    }
}

struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

#if canImport(XcodeProjectPlugin)
import XcodeProjectPlugin

extension FGQLCodegenPlugin: XcodeBuildToolPlugin {
    func createBuildCommands(context: XcodePluginContext, target: XcodeTarget) throws -> [Command] {
        return try GenerationRequest(
            targetName: target.displayName, files: target.inputFiles.map(\.url),
            tool: try context.tool(named: "fgql-codegen").url,
            outputDirectory: context.pluginWorkDirectoryURL.appending(path: "GeneratedSources"),
            schemaCacheDirectory: context.pluginWorkDirectoryURL.appending(path: "SchemaCache")
        ).commands()
    }
}
#endif
