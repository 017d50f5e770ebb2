import FlatfileSandbox
import Foundation
import Testing

/// What one run of the built `fgql` binary did.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `fgql` executable that `swift build`/`swift test` put next to the test bundle, as a user would.
enum CLI {
    /// The built binary: found by walking up from the test runner's own location.
    static let binary: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("fgql")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    /// Runs `fgql arguments` (or `executable arguments`) in `directory` with exactly `environment` (plus PATH), feeding `input` on stdin.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:], input: String? = nil,
        executable: URL? = nil
    ) async throws -> CLIResult {
        let binary = try #require(binary, "the fgql executable was not built next to the tests; run swift build first")
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var fullEnvironment = environment
        fullEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        fullEnvironment["HOME"] = fullEnvironment["HOME"] ?? directory.path
        fullEnvironment["XDG_CACHE_HOME"] = fullEnvironment["XDG_CACHE_HOME"] ?? directory.appendingPathComponent("cache").path
        process.environment = fullEnvironment
        // Files, not pipes: a large output must never block the child on a full pipe.
        let stdoutURL = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let stderrURL = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdout
        process.standardError = stderr
        let stdin = Pipe()
        process.standardInput = stdin
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
                // A command may stop reading early (it refused the input): a broken pipe is its answer, not ours.
                if let input { try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
                try? stdin.fileHandleForWriting.close()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        try stdout.close()
        try stderr.close()
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        return CLIResult(
            status: status,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}

/// A sandbox and a working folder holding a copy of the saved queries, with credentials pointing at the sandbox.
struct CLIWorkspace {
    let sandbox: SandboxServer
    let directory: URL
    /// The repository's `queries/` folder.
    static let queries = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("queries")

    /// FLATFILE_* variables for the sandbox's demo access key.
    var accessKeyEnvironment: [String: String] {
        [
            "FLATFILE_API_URL": sandbox.baseURL.absoluteString,
            "FLATFILE_ACCESS_KEY_ID": SandboxDemo.accessKeyId,
            "FLATFILE_SECRET_ACCESS_KEY": SandboxDemo.secretAccessKey,
            "FLATFILE_LICENSE_KEY": SandboxDemo.licenseKey,
        ]
    }

    /// Writes `rows.graphql`, which pages through the sandbox's 25,000 rows with `--all-pages`, with the schema
    /// beside it, and returns its name.
    func writeRowsQuery() throws -> String {
        try """
            query Rows($skip: Int, $limit: Int!) {
              getFinalDatabaseView(skip: $skip, limit: $limit) { rows totalRows }
            }
            """.write(to: directory.appendingPathComponent("rows.graphql"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: Self.queries.appendingPathComponent("schema.graphqls"),
            to: directory.appendingPathComponent("schema.graphqls"))
        return "rows.graphql"
    }

    func run(_ arguments: [String], environment: [String: String]? = nil, input: String? = nil) async throws -> CLIResult {
        try await CLI.run(arguments, in: directory, environment: environment ?? accessKeyEnvironment, input: input)
    }
}

/// Runs `body` with a sandbox and a working folder of its own; both are gone afterwards, however `body` ends.
func withCLIWorkspace<Result>(_ body: (CLIWorkspace) async throws -> Result) async throws -> Result {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.copyItem(at: CLIWorkspace.queries, to: directory.appendingPathComponent("queries"))
    return try await withSandbox { sandbox in
        try await body(CLIWorkspace(sandbox: sandbox, directory: directory))
    }
}

/// Exit status 0, and nothing secret in the output.
func expectSuccess(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    expectNoSecrets(result, sourceLocation: sourceLocation)
}

/// Fails when a demo secret or anything shaped like a JWT appears in the output.
func expectNoSecrets(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
    for text in [result.stdout, result.stderr] {
        for secret in [
            SandboxDemo.secretAccessKey, SandboxDemo.clientSecret, SandboxDemo.password, SandboxDemo.secretKey,
            SandboxDemo.personalAccessToken,
        ] {
            #expect(!text.contains(secret), "a secret leaked", sourceLocation: sourceLocation)
        }
        #expect(text.range(of: #"eyJ[A-Za-z0-9_-]+\.eyJ"#, options: .regularExpression) == nil, "a token leaked", sourceLocation: sourceLocation)
    }
}
