// swift-tools-version:6.0
//
// fgql — typed GraphQL for Flatfile (and any GraphQL API) from Swift.
// Module map, contracts and the decisions behind them: docs/architecture.md.
import PackageDescription

let package = Package(
    name: "fgql",
    // Hummingbird 2 (the sandbox) needs macOS 14 / iOS 17; the runtime itself uses nothing newer.
    platforms: [.macOS(.v14), .iOS(.v17), .tvOS(.v17), .watchOS(.v10), .visionOS(.v1)],
    products: [
        .library(name: "FlatfileGraphQL", targets: ["FlatfileGraphQL"]),
        // Optional SwiftNIO transports for Linux servers and tools (AsyncHTTPClient); the runtime stays Foundation-only.
        .library(name: "FlatfileGraphQLNIO", targets: ["FlatfileGraphQLNIO"]),
        .library(name: "FlatfileQueries", targets: ["FlatfileQueries"]),
        .library(name: "FlatfileSandbox", targets: ["FlatfileSandbox"]),
        .library(name: "FlatfilePlatform", targets: ["FlatfilePlatform"]),
        .library(name: "FlatfilePlatformQueries", targets: ["FlatfilePlatformQueries"]),
        // The generator as a library: what the plugin and `fgql generate` run (Tests/Fuzz drives it directly).
        .library(name: "GraphQLCodegen", targets: ["GraphQLCodegen"]),
        .plugin(name: "FGQLCodegenPlugin", targets: ["FGQLCodegenPlugin"]),
        .executable(name: "fgql", targets: ["fgql"]),
    ],
    dependencies: [
        .package(url: "https://github.com/GraphQLSwift/GraphQL", exact: "4.3.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // WebSockets: the sandbox's server side (HummingbirdWebSocket) and FlatfileGraphQLNIO's client (WSClient).
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", exact: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", exact: "1.6.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        // Already in the graph through AsyncHTTPClient and Hummingbird; named because FlatfileGraphQLNIO imports them.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        // Already in the graph through GraphQL and Hummingbird; named because the sandbox imports them directly.
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // Already in the graph through Hummingbird and swift-websocket; named because FlatfileGraphQLNIO builds the
        // WebSocket upgrade's headers with it.
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
    ],
    targets: [
        // MARK: Runtime — Foundation only; what apps embed.
        .target(name: "FlatfileGraphQL"),
        // What needs SwiftNIO, beside the runtime: an HTTP transport on AsyncHTTPClient (FoundationNetworking's libcurl
        // is the bottleneck on Linux) and a WebSocket connector on swift-websocket (FoundationNetworking has none
        // that works). The CLI uses them on Linux; apps opt in.
        .target(
            name: "FlatfileGraphQLNIO",
            dependencies: [
                "FlatfileGraphQL",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "WSClient", package: "swift-websocket"),
            ]
        ),

        // MARK: Sandbox — local Flatfile-compatible server (never a dependency of the runtime or codegen).
        .target(
            name: "FlatfileSandbox",
            dependencies: [
                "GraphQLExecution",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                // The WebSocket upgrade's channel handlers and frames.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            // A link to queries/schema.graphqls (resources must be inside the target), compiled in as bytes so an
            // installed `fgql` serves the schema the codegen reads, with no checkout.
            resources: [.embedInCode("GraphQL/schema.graphqls")]
        ),

        // MARK: The GraphQL library's known gaps, each worked around once (a file per gap): abstract types made
        // executable, error locations after non-ASCII text, nesting bounded. Every path that parses or executes
        // GraphQL with the library (sandbox, platform endpoint, codegen, the tests' executors) goes through it.
        .target(name: "GraphQLExecution", dependencies: [.product(name: "GraphQL", package: "GraphQL")]),

        // MARK: Flatfile's platform REST API as an in-process GraphQL endpoint (queries/platform/schema.graphqls).
        .target(
            name: "FlatfilePlatform",
            dependencies: ["FlatfileGraphQL", "GraphQLExecution", .product(name: "GraphQL", package: "GraphQL")],
            // A link to queries/platform/schema.graphqls, the codegen's input, compiled in as bytes.
            resources: [.embedInCode("schema.graphqls")]
        ),

        // MARK: CLI — thin: flags and output formatting.
        .executableTarget(
            name: "fgql",
            dependencies: [
                "FlatfileGraphQL",
                .target(name: "FlatfileGraphQLNIO", condition: .when(platforms: [.linux])),
                "FlatfilePlatform",
                "FlatfileSandbox",
                "GraphQLCodegen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Codegen — load → validate → plan → render.
        .target(
            name: "GraphQLCodegen",
            dependencies: ["GraphQLExecution", .product(name: "GraphQL", package: "GraphQL")],
            path: "codegen/GraphQLCodegen"
        ),
        .executableTarget(
            name: "fgql-codegen",
            dependencies: ["GraphQLCodegen", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "codegen/fgql-codegen"
        ),
        .plugin(
            name: "FGQLCodegenPlugin",
            capability: .buildTool(),
            dependencies: ["fgql-codegen"],
            path: "codegen/FGQLCodegenPlugin"
        ),

        // MARK: Saved Flatfile queries and their generated types.
        .target(
            name: "FlatfileQueries",
            dependencies: ["FlatfileGraphQL"],
            path: "queries",
            // schema.graphqls, fgql.json and the .graphql files are the plugin's inputs (so none is excluded);
            // platform/ is a target of its own.
            exclude: ["platform"],
            plugins: ["FGQLCodegenPlugin"]
        ),
        // Saved Flatfile platform queries (schema executed in-process by FlatfilePlatform) and their generated types.
        .target(
            name: "FlatfilePlatformQueries",
            dependencies: ["FlatfileGraphQL", "FlatfilePlatform"],
            path: "queries/platform",
            plugins: ["FGQLCodegenPlugin"]
        ),

        // MARK: Benchmarks — `swift run -c release fgql-bench`; ratios against baselines measured in the same run.
        .executableTarget(
            name: "fgql-bench",
            dependencies: [
                "FlatfileGraphQL",
                // The subscription benchmark runs over what the CLI uses on Linux: AsyncHTTPClient and NIO's WebSocket.
                .target(name: "FlatfileGraphQLNIO", condition: .when(platforms: [.linux])),
                "FlatfileQueries",
                "FlatfileSandbox",
                "GraphQLCodegen",
                // ImportSteps: the mutations that move a batch's status.
                "TestSupport",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/Benchmarks",
            // The operations are read at run time, next to the GitHub schema fixture.
            exclude: ["GitHubOperations"]
        ),

        // The platform's floor for Foundation's HTTP, which fgql-bench measures beside curl: one URLSession POST.
        .executableTarget(name: "urlsession-post", path: "Tests/BenchmarkBaselines/URLSessionPost"),

        // MARK: Tests
        // Loopback servers of the tests' own (Hummingbird, already built for the sandbox), shared by the test targets.
        .target(
            name: "TestSupport",
            dependencies: ["FlatfileGraphQL", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/TestSupport"
        ),
        // Hummingbird: the redirect and hostile-server tests route their own loopback servers.
        .testTarget(
            name: "FlatfileGraphQLTests",
            dependencies: [
                "FlatfileGraphQL", "FlatfileGraphQLNIO", "FlatfileSandbox", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                // An independent SHA-256 for the persisted-query server of PersistedQueryTests.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // WSClient: the WebSocket protocol tests speak raw frames to the sandbox.
        .testTarget(
            name: "FlatfileSandboxTests",
            dependencies: [
                "FlatfileSandbox", .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "fgqlTests",
            dependencies: [
                "fgql", "FlatfileGraphQL", "FlatfileSandbox", "GraphQLCodegen", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "FlatfileQueriesTests", dependencies: ["FlatfileQueries", "FlatfileSandbox", "GraphQLCodegen"]),
        .testTarget(
            name: "FlatfilePlatformTests",
            dependencies: ["FlatfilePlatform", "FlatfilePlatformQueries", "FlatfileSandbox", "GraphQLCodegen"]
        ),
        // The generator's output for GitHub's public schema and Tests/Benchmarks/GitHubOperations, compiled.
        .testTarget(name: "GitHubGeneratedCodeTests", dependencies: ["FlatfileGraphQL"], exclude: ["fgql.json"]),
        .testTarget(
            name: "GraphQLCodegenTests",
            dependencies: ["GraphQLCodegen", .product(name: "GraphQL", package: "GraphQL")]
        ),
        // A corpus of client documents in the styles of public apps (*.graphql, schema.graphqls), generated by the
        // plugin and decoded from the executor playing a newer server (Server/: what that server adds to the schema).
        .testTarget(
            name: "CorpusTests",
            dependencies: ["FlatfileGraphQL", "GraphQLExecution", .product(name: "GraphQL", package: "GraphQL")],
            exclude: ["Server"],
            plugins: ["FGQLCodegenPlugin"]
        ),
        // The reviewed generator output (Generated/, compared byte for byte by GraphQLCodegenTests), compiled and
        // exercised against responses from the GraphQL executor. GraphQL/ holds the inputs it was generated from.
        .testTarget(
            name: "GeneratedCodeTests",
            dependencies: ["FlatfileGraphQL", "GraphQLExecution", .product(name: "GraphQL", package: "GraphQL")],
            exclude: ["GraphQL"]
        ),
        // Generated code for custom scalars mapped to URL, UUID, Decimal and Date (Generated/, reviewed like the
        // above), decoded and encoded with the runtime's coders and Foundation's.
        .testTarget(name: "ScalarCodeTests", dependencies: ["FlatfileGraphQL"], exclude: ["GraphQL"]),
    ]
)
