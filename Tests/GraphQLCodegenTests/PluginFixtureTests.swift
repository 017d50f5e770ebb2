import Foundation
import Testing

/// Builds `Tests/PluginFixture` — a package that depends on fgql by path and applies FGQLCodegenPlugin — the way a
/// user's app is built, runs it, and checks that editing one `.graphql` file regenerates only that file's output.
///
/// It compiles the package's dependencies from scratch the first time (minutes), so it runs in CI (`CI=true`) and
/// when asked: `FGQL_PLUGIN_FIXTURE=1 swift test --filter PluginFixtureTests`.
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["FGQL_PLUGIN_FIXTURE"] == "1"
        || ProcessInfo.processInfo.environment["CI"] == "true"),
    .serialized)
struct PluginFixtureTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// A fixed place, so that later runs reuse the build.
    static let copy = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-plugin-fixture")
    static var queries: URL { copy.appendingPathComponent("Sources/FixtureQueries") }

    /// Copies the fixture, pointing its dependency at this repository by absolute path.
    static func prepare() throws {
        let fileManager = FileManager.default
        // A reused build that once compiled the server stack (`swift build` of everything) would hide whether the
        // app itself needs it: start that build afresh.
        if !serverStack(in: try compiledModules()).isEmpty {
            try fileManager.removeItem(at: copy.appendingPathComponent(".build"))
        }
        let source = repository.appendingPathComponent("Tests/PluginFixture")
        for relative in ["Package.swift", "Sources/FixtureQueries", "Sources/fixture-app"] {
            let target = copy.appendingPathComponent(relative)
            try? fileManager.removeItem(at: target)
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.copyItem(at: source.appendingPathComponent(relative), to: target)
        }
        let manifest = copy.appendingPathComponent("Package.swift")
        let text = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: #"path: "../..""#, with: "path: \"\(repository.path)\"")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
    }

    /// Runs `swift <arguments>` in the copy; returns the exit status and the combined output.
    static func swift(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift"] + arguments + ["--package-path", copy.path]
        // Run from the fixture's folder: SwiftPM also locks the working directory's package, which the outer
        // `swift test` holds, so from there this build would wait forever.
        process.currentDirectoryURL = copy
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The modules the fixture's debug build compiled: SwiftPM makes a `NAME.build` folder for every module in the
    /// graph, but only compiled ones hold object files.
    static func compiledModules() throws -> Set<String> {
        let debug = copy.appendingPathComponent(".build/debug").resolvingSymlinksInPath()
        guard let folders = try? FileManager.default.contentsOfDirectory(atPath: debug.path) else { return [] }
        return Set(try folders.filter { $0.hasSuffix(".build") }.filter { folder in
            try FileManager.default.contentsOfDirectory(atPath: debug.appendingPathComponent(folder).path)
                .contains { $0.hasSuffix(".o") }
        }.map { String($0.dropLast(".build".count)) })
    }

    /// Modules of the sandbox's server stack, which an app on the runtime and the plugin must never compile.
    static func serverStack(in modules: Set<String>) -> Set<String> {
        modules.filter { module in
            ["fgql", "FlatfileSandbox"].contains(module)
                || ["Hummingbird", "NIO", "Crypto", "CCryptoBoringSSL", "ServiceLifecycle"].contains { module.hasPrefix($0) }
        }
    }

    static func generatedFiles() throws -> [String: Date] {
        let outputs = copy.appendingPathComponent(".build/plugins/outputs")
        guard let walker = FileManager.default.enumerator(at: outputs, includingPropertiesForKeys: [.contentModificationDateKey]) else { return [:] }
        var dates: [String: Date] = [:]
        for case let url as URL in walker where url.pathExtension == "swift" {
            dates[url.lastPathComponent] = try url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        }
        return dates
    }

    @Test func theAppBuildsRunsAndRegeneratesOnlyTheEditedFile() throws {
        try Self.prepare()
        let run = try Self.swift(["run", "fixture-app"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains(#"Books: Dune by Frank Herbert [FICTION] {"genre":"FICTION"}"#))
        let before = try Self.generatedFiles()
        #expect(Set(before.keys) == ["books.graphql.swift", "authors.graphql.swift", "GraphQLSchemaTypes.swift"])

        // DESIGN: an app on the runtime and the plugin builds none of the sandbox's server stack.
        let modules = try Self.compiledModules()
        #expect(modules.contains("FlatfileGraphQL") && modules.contains("FixtureQueries"))
        let serverStack = Self.serverStack(in: modules)
        #expect(serverStack.isEmpty, "the app compiled \(serverStack.sorted())")

        let books = Self.queries.appendingPathComponent("books.graphql")
        let edited = try String(contentsOf: books, encoding: .utf8).replacingOccurrences(of: "    title\n", with: "    title\n    bookId: id\n")
        try edited.write(to: books, atomically: true, encoding: .utf8)
        let rebuild = try Self.swift(["build", "--product", "fixture-app"])
        #expect(rebuild.status == 0, "\(rebuild.output)")
        let after = try Self.generatedFiles()
        #expect(after["books.graphql.swift"] != before["books.graphql.swift"])
        #expect(after["authors.graphql.swift"] == before["authors.graphql.swift"])
        #expect(after["GraphQLSchemaTypes.swift"] == before["GraphQLSchemaTypes.swift"])
    }

    @Test func aMissingSchemaNamesTheTargetAndTheExpectedFiles() throws {
        try Self.prepare()
        try FileManager.default.removeItem(at: Self.queries.appendingPathComponent("schema.graphqls"))
        let build = try Self.swift(["build", "--product", "fixture-app"])
        #expect(build.status != 0)
        #expect(build.output.contains("target 'FixtureQueries' applies FGQLCodegenPlugin but has no schema: add one of schema.graphqls, schema.graphql, schema.json"))
        try Self.prepare()
    }

    @Test func anInvalidOperationFailsTheBuildAtItsLine() throws {
        try Self.prepare()
        let authors = Self.queries.appendingPathComponent("authors.graphql")
        try "query Author($id: ID!) {\n  author(id: $id) { nmae }\n}\n".write(to: authors, atomically: true, encoding: .utf8)
        let build = try Self.swift(["build", "--product", "fixture-app"])
        #expect(build.status != 0)
        #expect(build.output.contains("authors.graphql:2:21: error: Cannot query field \"nmae\" on type \"Author\". Did you mean \"name\"?"))
        try Self.prepare()
    }
}
