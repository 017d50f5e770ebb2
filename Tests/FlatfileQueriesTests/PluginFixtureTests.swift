import FlatfileSandbox
import Foundation
import Testing

/// Builds `Tests/PluginFixture` — the README's "Add fgql to your app", as a package that depends on fgql by path and
/// applies FGQLCodegenPlugin — the way a user's app is built, runs it against a sandbox with credentials from the
/// environment, and checks what it compiled, how the plugin reacts to edits and mistakes, and that the README shows
/// exactly these files.
///
/// The first run compiles the app's dependencies (the GraphQL library, the generator, the runtime: a few minutes on
/// two cores); later runs reuse that build in the same temporary folder.
@Suite(.serialized)
struct PluginFixtureTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// One folder per user and clone, so later runs reuse the build and two clones (or users) never share one.
    static let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
        "fgql-plugin-fixture-\(getuid())-\(UInt32(truncatingIfNeeded: repository.path.hashValueStable))")
    static var appSources: URL { copy.appendingPathComponent("Sources/BatchReport") }
    static let fixture = repository.appendingPathComponent("Tests/PluginFixture")
    /// The files the README's "Add fgql to your app" shows, as the fixture holds them.
    static let shownFiles = ["Package.swift", "Sources/BatchReport/main.swift", "Sources/BatchReport/recentBatches.graphql",
                             "Sources/BatchReport/fgql.json"]
    /// The dependency line differs: the fixture names this clone by a relative path, the README the clone beside an app.
    static let fixtureDependency = #".package(name: "fgql", path: "../..")"#
    static let readmeDependency = #".package(path: "../fgql")"#

    /// Copies the fixture, following its symbolic link to `queries/schema.graphqls` (a user copies or fetches the
    /// schema), and points its dependency at this repository by absolute path.
    static func prepare() throws {
        let fileManager = FileManager.default
        // A reused build that once compiled the server stack (a bare `swift build`) would hide whether the app
        // itself needs it: start that build afresh.
        if !serverStack(in: try compiledModules()).isEmpty {
            try fileManager.removeItem(at: copy.appendingPathComponent(".build"))
        }
        try? fileManager.removeItem(at: appSources)
        try fileManager.createDirectory(at: appSources, withIntermediateDirectories: true)
        let sources = fixture.appendingPathComponent("Sources/BatchReport")
        for name in try fileManager.contentsOfDirectory(atPath: sources.path) {
            let contents = try Data(contentsOf: sources.appendingPathComponent(name).resolvingSymlinksInPath())
            try contents.write(to: appSources.appendingPathComponent(name))
        }
        let manifest = try String(contentsOf: fixture.appendingPathComponent("Package.swift"), encoding: .utf8)
            .replacingOccurrences(of: fixtureDependency, with: #".package(name: "fgql", path: "\#(repository.path)")"#)
        try Data(manifest.utf8).write(to: copy.appendingPathComponent("Package.swift"))
    }

    /// Runs `swift <arguments>` in the copy; returns the exit status and the combined output.
    static func swift(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), ["swift"] + arguments + ["--package-path", copy.path])
        return (result.status, result.stdout + result.stderr)
    }

    /// Runs `executable` from the copy's folder. Standard error goes through a file, so neither stream can fill its
    /// pipe while the other is read.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        // Run from the fixture's folder: SwiftPM also locks the working directory's package, which the outer
        // `swift test` holds, so from there this build would wait forever.
        process.currentDirectoryURL = copy
        let pipe = Pipe()
        let errors = copy.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardOutput = pipe
        process.standardError = errorHandle
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self),
                String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }

    /// This process's environment without Flatfile credentials and proxies (libcurl would send the app's loopback
    /// request through a proxy), plus `extra`.
    static func appEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        let proxies: Set = ["http_proxy", "https_proxy", "all_proxy", "no_proxy"]
        return ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("FLATFILE_") && !proxies.contains($0.key.lowercased()) }
            .merging(extra) { $1 }
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

    /// Modules of the sandbox's server stack and the CLI, which an app on the runtime and the plugin never compiles.
    static func serverStack(in modules: Set<String>) -> Set<String> {
        modules.filter { module in
            ["fgql", "FlatfileSandbox", "FlatfileGraphQLNIO"].contains(module)
                || ["Hummingbird", "NIO", "AsyncHTTPClient", "WSClient", "Crypto", "CCryptoBoringSSL", "ServiceLifecycle"]
                    .contains { module.hasPrefix($0) }
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

    static func build() throws -> (status: Int32, output: String) {
        try swift(["build", "--product", "BatchReport"])
    }

    @Test func theAppBuildsAndFetchesFromASandboxWithCredentialsFromTheEnvironment() async throws {
        try Self.prepare()
        let build = try Self.build()
        try #require(build.status == 0, "\(build.output)")
        let app = Self.copy.appendingPathComponent(".build/debug/BatchReport")

        let output = try await withSandbox { sandbox in
            try Self.run(app, [], environment: Self.appEnvironment([
                "FLATFILE_API_URL": sandbox.baseURL.absoluteString,
                "FLATFILE_ACCESS_KEY_ID": SandboxDemo.accessKeyId,
                "FLATFILE_SECRET_ACCESS_KEY": SandboxDemo.secretAccessKey,
                "FLATFILE_LICENSE_KEY": SandboxDemo.licenseKey,
            ]))
        }
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(output.stdout)")
        #expect(lines.first == "\(Seeded.newestBatchId.uppercased()) submitted")

        // Without credentials the app says which variables to set, and never crashes.
        let unconfigured = try Self.run(app, [], environment: Self.appEnvironment())
        #expect(unconfigured.status == 1)
        #expect(unconfigured.stdout.isEmpty)
        #expect(unconfigured.stderr.hasPrefix("error: ") && unconfigured.stderr.contains("FLATFILE_ACCESS_KEY_ID"),
                "\(unconfigured.stderr)")

        // The app itself compiles only the runtime; the plugin's tool (built for this machine, suffixed "-tool")
        // compiles the generator and what it needs. Never the server stack or the CLI.
        let modules = try Self.compiledModules()
        #expect(modules.filter { !$0.hasSuffix("-tool") } as Set == ["FlatfileGraphQL", "BatchReport"], "\(modules.sorted())")
        #expect(modules.filter { $0.hasSuffix("-tool") } as Set == [
            "GraphQLCodegen-tool", "GraphQLExecution-tool", "fgql_codegen-tool", "GraphQL-tool", "OrderedCollections-tool",
            "InternalCollectionsUtilities-tool", "ArgumentParser-tool", "ArgumentParserToolInfo-tool",
        ], "\(modules.sorted())")
        let serverStack = Self.serverStack(in: modules)
        #expect(serverStack.isEmpty, "the app compiled \(serverStack.sorted())")
    }

    @Test func editingOneOperationRegeneratesOnlyThatFile() throws {
        try Self.prepare()
        try #require(try Self.build().status == 0)
        let before = try Self.generatedFiles()
        #expect(Set(before.keys) == ["recentBatches.graphql.swift", "batch.graphql.swift", "GraphQLSchemaTypes.swift"])

        let file = Self.appSources.appendingPathComponent("batch.graphql")
        let original = try String(contentsOf: file, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "id status", with: "id batchStatus: status")
        try #require(edited != original, "batch.graphql no longer selects `id status`: change this edit with it")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let rebuild = try Self.build()
        #expect(rebuild.status == 0, "\(rebuild.output)")
        let after = try Self.generatedFiles()
        #expect(after["batch.graphql.swift"] != before["batch.graphql.swift"])
        #expect(after["recentBatches.graphql.swift"] == before["recentBatches.graphql.swift"])
        #expect(after["GraphQLSchemaTypes.swift"] == before["GraphQLSchemaTypes.swift"])
    }

    @Test func aMissingSchemaNamesTheTargetAndTheExpectedFiles() throws {
        try Self.prepare()
        try FileManager.default.removeItem(at: Self.appSources.appendingPathComponent("schema.graphqls"))
        let build = try Self.build()
        #expect(build.status != 0)
        #expect(build.output.contains("target 'BatchReport' applies FGQLCodegenPlugin but has no schema: add one of schema.graphqls, schema.graphql, schema.json"), "\(build.output)")
        try Self.prepare()
    }

    @Test func anInvalidOperationFailsTheBuildAtItsLine() throws {
        try Self.prepare()
        try "query Batch($batchId: UUID!) {\n  getBatch(batchId: $batchId) { id stauts }\n}\n"
            .write(to: Self.appSources.appendingPathComponent("batch.graphql"), atomically: true, encoding: .utf8)
        let build = try Self.build()
        #expect(build.status != 0)
        #expect(build.output.contains("batch.graphql:2:36: error: Cannot query field \"stauts\" on type \"Batch\". Did you mean \"status\"?"), "\(build.output)")
        try Self.prepare()
    }

    /// The README's "Add fgql to your app" shows each file in a block introduced by a line that starts with its path
    /// in backticks; each must be the fixture's file.
    @Test func theReadmeShowsTheFixtureAsItIs() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = CodeBlocks(markdown: readme)
        for path in Self.shownFiles {
            let file = try String(contentsOf: Self.fixture.appendingPathComponent(path), encoding: .utf8)
                .replacingOccurrences(of: Self.fixtureDependency, with: Self.readmeDependency)
            let shown = try #require(blocks.block(named: path), "the README shows no block for \(path)")
            #expect(shown == Self.withoutHeaderComment(file), "README's \(path) differs from Tests/PluginFixture/\(path)")
        }
    }

    /// The fixture's own header comment (it explains the fixture, not the app) is not shown in the README.
    static func withoutHeaderComment(_ file: String) -> String {
        guard file.hasPrefix("// swift-tools-version") else { return file }
        var lines = file.split(separator: "\n", omittingEmptySubsequences: false)
        let first = lines.removeFirst()
        while let line = lines.first, line.hasPrefix("//") || line.isEmpty { lines.removeFirst() }
        return ([first] + lines).joined(separator: "\n")
    }
}

/// Fenced code blocks of a Markdown text, each named by the line before it when that line starts with a file's path
/// in backticks (`` `Package.swift`, the manifest: ``).
struct CodeBlocks {
    private var blocks: [(name: String, body: String)] = []

    init(markdown: String) {
        var body: [Substring]?
        var name: String?
        var previous: Substring = ""
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                if let lines = body {
                    // The first block of a name is the one shown; an indented one (in a list) is not a file.
                    if let name, !line.hasPrefix(" "), block(named: name) == nil {
                        blocks.append((name, lines.map { $0 + "\n" }.joined()))
                    }
                    body = nil
                    previous = ""
                } else {
                    body = []
                    name = Self.fileName(introducedBy: previous)
                }
            } else if body != nil {
                body?.append(line)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                previous = line
            }
        }
    }

    private static func fileName(introducedBy line: Substring) -> String? {
        guard line.hasPrefix("`") else { return nil }
        let name = line.dropFirst().prefix { $0 != "`" }
        return name.count + 1 < line.count ? String(name) : nil
    }

    func block(named name: String) -> String? { blocks.first { $0.name == name }?.body }
}

extension String {
    /// FNV-1a of the UTF-8 bytes: the same in every process, unlike `hashValue`.
    var hashValueStable: UInt64 {
        utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
