import Foundation

/// The intended module map: each module's folder, its one job, and what it may import.
///
/// `ModuleBoundaryTests` holds every `.swift` file of each module to its row, holds `Package.swift`'s declared
/// dependencies to the same rows, and checks the lines no row may cross (`ModuleMap.forbiddenLines`) on their own,
/// so a careless edit of a row cannot open one of them. A new module needs a row here before its tests pass.
struct ModuleRow: Sendable {
    /// The target's name in `Package.swift`.
    var module: String
    /// Its folder, relative to the package root.
    var folder: String
    /// Sub-folders of `folder` that are other modules' (queries/platform is FlatfilePlatformQueries').
    var excluding: [String] = []
    var job: String
    /// Modules it may import anywhere in its files.
    var imports: [String]
    /// Modules it may import only inside `#if canImport(…)` / `#if os(…)` (platform libraries, Linux-only stacks).
    var conditionalImports: [String] = []
    /// Executables it depends on without importing them (the plugin runs fgql-codegen).
    var tools: [String] = []
}

enum ModuleMap {
    /// Modules that come with the toolchain rather than from `Package.swift`.
    static let systemModules: Set<String> = [
        "Foundation", "FoundationNetworking", "Darwin", "Glibc", "Musl", "PackagePlugin", "XcodeProjectPlugin",
    ]

    /// The platform's C library and FoundationNetworking: what Foundation-only code may add under `#if canImport`.
    static let platformLibraries = ["FoundationNetworking", "Darwin", "Glibc", "Musl"]

    static let rows: [ModuleRow] = [
        ModuleRow(
            module: "FlatfileGraphQL", folder: "Sources/FlatfileGraphQL",
            job: "the runtime apps embed: client, transports, auth, JSON, generated code's protocols",
            imports: ["Foundation"], conditionalImports: platformLibraries),
        ModuleRow(
            module: "FlatfileGraphQLNIO", folder: "Sources/FlatfileGraphQLNIO",
            job: "SwiftNIO HTTP transport and WebSocket connector for Linux servers and tools (opt-in)",
            imports: [
                "Foundation", "FlatfileGraphQL", "AsyncHTTPClient", "NIOCore", "NIOHTTP1", "NIOPosix", "NIOSSL",
                "NIOWebSocket", "HTTPTypes", "Logging", "WSClient",
            ],
            conditionalImports: platformLibraries),
        ModuleRow(
            module: "GraphQLExecution", folder: "Sources/GraphQLExecution",
            job: "the GraphQL library's known gaps, each worked around once, for every path that parses or executes",
            imports: ["Foundation", "GraphQL"], conditionalImports: platformLibraries),
        ModuleRow(
            module: "FlatfilePlatform", folder: "Sources/FlatfilePlatform",
            job: "Flatfile's platform REST API as an in-process GraphQL endpoint",
            imports: ["Foundation", "FlatfileGraphQL", "GraphQLExecution", "GraphQL"],
            conditionalImports: platformLibraries),
        ModuleRow(
            module: "FlatfileSandbox", folder: "Sources/FlatfileSandbox",
            job: "the local Flatfile-compatible server (Hummingbird); never in an app",
            imports: [
                "Foundation", "GraphQL", "GraphQLExecution", "Hummingbird", "HummingbirdWebSocket", "Crypto", "OrderedCollections",
                "Logging", "NIOCore", "NIOWebSocket",
            ],
            conditionalImports: platformLibraries),
        ModuleRow(
            module: "fgql", folder: "Sources/fgql",
            job: "the CLI: flags, routing, output formatting",
            imports: ["Foundation", "FlatfileGraphQL", "FlatfilePlatform", "FlatfileSandbox", "GraphQLCodegen", "ArgumentParser"],
            conditionalImports: platformLibraries + ["FlatfileGraphQLNIO"]),
        ModuleRow(
            module: "GraphQLCodegen", folder: "codegen/GraphQLCodegen",
            job: "the generator: load → validate → plan → render",
            imports: ["Foundation", "GraphQL", "GraphQLExecution"], conditionalImports: platformLibraries),
        ModuleRow(
            module: "fgql-codegen", folder: "codegen/fgql-codegen",
            job: "the generator's command line, run by the build plugin",
            imports: ["Foundation", "GraphQLCodegen", "ArgumentParser"], conditionalImports: platformLibraries),
        ModuleRow(
            module: "FGQLCodegenPlugin", folder: "codegen/FGQLCodegenPlugin",
            job: "the SwiftPM/Xcode build-tool plugin",
            imports: ["Foundation", "PackagePlugin"], conditionalImports: ["XcodeProjectPlugin"], tools: ["fgql-codegen"]),
        ModuleRow(
            module: "FlatfileQueries", folder: "queries", excluding: ["queries/platform"],
            job: "saved Flatfile queries and their generated types",
            imports: ["FlatfileGraphQL"]),
        ModuleRow(
            module: "FlatfilePlatformQueries", folder: "queries/platform",
            job: "saved platform queries and their generated types",
            imports: ["FlatfileGraphQL", "FlatfilePlatform"]),
        ModuleRow(
            module: "fgql-bench", folder: "Tests/Benchmarks",
            job: "benchmarks against baselines measured in the same run",
            imports: [
                "Foundation", "FlatfileGraphQL", "FlatfileQueries", "FlatfileSandbox", "GraphQLCodegen", "GraphQL",
                "ArgumentParser", "TestSupport",
            ],
            // The subscription benchmark measures the transport and WebSocket client the CLI uses on Linux.
            conditionalImports: platformLibraries + ["FlatfileGraphQLNIO"]),
        ModuleRow(
            module: "urlsession-post", folder: "Tests/BenchmarkBaselines/URLSessionPost",
            job: "the benchmarks' floor: one URLSession POST",
            imports: ["Foundation"], conditionalImports: platformLibraries),
        ModuleRow(
            module: "TestSupport", folder: "Tests/TestSupport",
            job: "loopback servers shared by the test targets",
            imports: ["Foundation", "FlatfileGraphQL", "Hummingbird"], conditionalImports: platformLibraries),
    ]

    /// A line no import may cross, whatever the rows say.
    struct ForbiddenLine: Sendable {
        var rule: String
        /// Whether `module` may import `imported` under the `#if` conditions around the import (outermost first).
        var allows: @Sendable (_ module: String, _ imported: String, _ conditions: [String]) -> Bool
    }

    static let generator: Set<String> = ["GraphQLCodegen", "fgql-codegen", "FGQLCodegenPlugin"]
    static let runtimeAndWhatBuildsOnIt: Set<String> = [
        "FlatfileGraphQL", "FlatfileGraphQLNIO", "FlatfilePlatform", "FlatfileSandbox",
    ]

    static let forbiddenLines: [ForbiddenLine] = [
        ForbiddenLine(
            rule: "the runtime (FlatfileGraphQL) imports only Foundation, and FoundationNetworking or the C library "
                + "under #if canImport"
        ) { module, imported, conditions in
            guard module == "FlatfileGraphQL" else { return true }
            return imported == "Foundation" || (platformLibraries.contains(imported) && !conditions.isEmpty)
        },
        ForbiddenLine(rule: "nothing but the CLI (fgql), fgql-bench and tests imports FlatfileSandbox") { module, imported, _ in
            imported != "FlatfileSandbox" || ["fgql", "fgql-bench", "TestSupport"].contains(module)
        },
        ForbiddenLine(
            rule: "the generator (GraphQLCodegen, fgql-codegen, FGQLCodegenPlugin) never imports the runtime or what "
                + "builds on it"
        ) { module, imported, _ in
            !generator.contains(module) || !runtimeAndWhatBuildsOnIt.contains(imported)
        },
        ForbiddenLine(
            rule: "FlatfileGraphQLNIO is imported by nothing an Apple build needs: only by the CLI (and fgql-bench, "
                + "which measures what the CLI uses), inside #if canImport(FlatfileGraphQLNIO) or #if os(Linux)"
        ) { module, imported, conditions in
            guard imported == "FlatfileGraphQLNIO" else { return true }
            return ["fgql", "fgql-bench"].contains(module)
                && conditions.contains { condition in
                    !condition.hasPrefix("!")
                        && (condition.contains("canImport(FlatfileGraphQLNIO)") || condition.contains("os(Linux)"))
                }
        },
    ]
}
