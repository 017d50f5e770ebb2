import FlatfileSandbox
import Foundation
import Testing

/// Every command, run with every kind of credential — the sandbox's accepted demo ones and distinctive refused ones —
/// never shows a secret or an issued token: not on stdout or stderr (`--verbose` included), not in error messages,
/// not in any file it writes except the 0600 token cache, which holds tokens but never the secrets behind them.
@Suite("Secrets never leak from the CLI")
struct SecretsTests {
    /// Values that appear nowhere else, so finding one in any output can only be a leak.
    static let refused: [String: String] = [
        "FLATFILE_SECRET_ACCESS_KEY": "canary-secret-access-key-Q7V3X9",
        "FLATFILE_API_KEY": "sk_canary_secret_key_M2K8P4",
        "FLATFILE_CLIENT_SECRET": "canary-client-secret-H4J6N1",
        "FLATFILE_PASSWORD": "canary-password-B5N2R8",
        "FLATFILE_BEARER_TOKEN": "canary-bearer-token-R1T7W3",
    ]
    static let header = "canary-header-token-Z9C4D6"

    static let secrets = Array(refused.values) + [
        header, SandboxDemo.secretAccessKey, SandboxDemo.secretKey, SandboxDemo.publishableKey,
        SandboxDemo.personalAccessToken, SandboxDemo.clientSecret, SandboxDemo.password,
    ]

    /// One environment per credential kind; `accepted` picks the sandbox's demo values or the refused canaries.
    static func credentials(_ sandbox: SandboxServer, accepted: Bool) -> [[String: String]] {
        let url = sandbox.baseURL.absoluteString
        let base = ["FLATFILE_API_URL": url, "FLATFILE_PLATFORM_URL": url, "FLATFILE_LICENSE_KEY": SandboxDemo.licenseKey]
        func secret(_ name: String, _ demo: String) -> String { accepted ? demo : refused[name] ?? "" }
        let kinds: [[String: String]] = [
            ["FLATFILE_ACCESS_KEY_ID": SandboxDemo.accessKeyId,
             "FLATFILE_SECRET_ACCESS_KEY": secret("FLATFILE_SECRET_ACCESS_KEY", SandboxDemo.secretAccessKey)],
            ["FLATFILE_API_KEY": secret("FLATFILE_API_KEY", SandboxDemo.secretKey)],
            ["FLATFILE_API_KEY": accepted ? SandboxDemo.personalAccessToken : "pat_canary_token_K3L9F2"],
            ["FLATFILE_CLIENT_ID": SandboxDemo.clientId,
             "FLATFILE_CLIENT_SECRET": secret("FLATFILE_CLIENT_SECRET", SandboxDemo.clientSecret)],
            ["FLATFILE_EMAIL": SandboxDemo.email, "FLATFILE_PASSWORD": secret("FLATFILE_PASSWORD", SandboxDemo.password)],
        ] + (accepted ? [] : [["FLATFILE_BEARER_TOKEN": refused["FLATFILE_BEARER_TOKEN"] ?? ""]])
        return kinds.map { base.merging($0) { $1 } }
    }

    /// Every command that talks to a server or reads credentials, in its plain and `--verbose` forms.
    static let commands: [[String]] = [
        ["run", "queries/getBatches.graphql", "--var", "take=1"],
        ["run", "queries/getBatches.graphql", "--var", "take=1", "--verbose", "--output", "raw"],
        ["run", "queries/initializeEmptyBatch.graphql", "--verbose"],
        ["auth"],
        ["auth", "--verbose"],
        ["schema", "fetch", "--output", "fetched.graphqls", "--force", "--verbose"],
        ["validate", "queries/getBatches.graphql"],
        ["generate", "queries/getBatches.graphql", "--output", "Generated"],
    ]

    @Test("no command prints or writes a secret or token, with accepted or refused credentials of every kind")
    func everyCommandEveryCredential() async throws {
        try await withCLIWorkspace { workspace in
            var results: [(command: String, result: CLIResult)] = []
            for accepted in [true, false] {
                for environment in Self.credentials(workspace.sandbox, accepted: accepted) {
                    for command in Self.commands {
                        let result = try await workspace.run(command, environment: environment)
                        results.append(("\(environment.keys.sorted()) \(command)", result))
                        if accepted && command.first != "validate" && command.first != "generate" {
                            #expect(result.status == 0, "\(command) with \(environment.keys.sorted()): \(result.stderr)")
                        }
                    }
                }
            }
            // A custom endpoint's credential header is redacted too.
            let header = try await workspace.run(
                ["run", "queries/getBatches.graphql", "--endpoint", workspace.sandbox.baseURL.appendingPathComponent("graphql").absoluteString,
                 "-H", "Authorization: Bearer \(Self.header)", "-H", "X-Api-Key: \(Self.header)", "--verbose", "--var", "take=1", "--var", "licenseKey=\(SandboxDemo.licenseKey)"],
                environment: [:])
            #expect(header.stderr.contains("Authorization: [redacted]"), "\(header.stderr)")
            results.append(("-H", header))
            #expect(results.contains { $0.result.status == 3 }, "refused credentials were refused")

            let cache = workspace.directory.appendingPathComponent("cache")
            let tokens = try Self.issuedTokens(in: cache)
            #expect(!tokens.isEmpty, "the cache holds the tokens the runs were issued")
            for (command, result) in results {
                for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                    Self.expectClean(text, tokens: tokens, "\(stream) of \(command)")
                }
            }
            for file in try Self.files(under: workspace.directory) {
                let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
                if file.path.hasPrefix(cache.path + "/") {
                    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
                    #expect(mode?.intValue == 0o600, "\(file.path)")
                    Self.expectClean(text, tokens: [], "the token cache file \(file.lastPathComponent)", allowTokens: true)
                } else {
                    Self.expectClean(text, tokens: tokens, file.path)
                }
            }
        }
    }

    @Test(".env files other users can read get a warning that names the fix, without echoing what they hold",
          arguments: [0o640, 0o604, 0o644])
    func readableDotEnvWarns(mode: Int) async throws {
        try await withCLIWorkspace { workspace in
            let variables = workspace.accessKeyEnvironment.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "\n")
            for name in [".env", ".env.prod"] {
                let file = workspace.directory.appendingPathComponent(name)
                try (variables + "\n").write(to: file, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
            }
            let result = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=1", "--profile", "prod"], environment: [:])
            #expect(result.status == 0, "\(result.stderr)")
            for name in [".env", ".env.prod"] {
                let path = workspace.directory.appendingPathComponent(name).path
                #expect(result.stderr.contains("\(name) can be read by other users (mode \(String(mode, radix: 8)))"), "\(result.stderr)")
                #expect(result.stderr.contains("chmod 600 \(path)"))
            }
            Self.expectClean(result.stdout + result.stderr, tokens: [], "the output")

            for name in [".env", ".env.prod"] {
                try FileManager.default.setAttributes(
                    [.posixPermissions: 0o600], ofItemAtPath: workspace.directory.appendingPathComponent(name).path)
            }
            let private600 = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=1"], environment: [:])
            #expect(private600.status == 0)
            #expect(!private600.stderr.contains("other users"))
        }
    }

    @Test("plain http:// to a host other than this machine is refused before anything is sent, unless --allow-insecure")
    func plainHTTPNeedsAllowInsecure() async throws {
        try await withCLIWorkspace { workspace in
            // `.invalid` never resolves: with --allow-insecure the run gets as far as the network and fails there.
            var environment = workspace.accessKeyEnvironment
            environment["FLATFILE_API_URL"] = "http://api.flatfile.invalid"
            let flatfile = try await workspace.run(["run", "queries/getBatches.graphql"], environment: environment)
            #expect(flatfile.status == 2, "\(flatfile.stderr)")
            #expect(flatfile.stderr.contains("Refusing to send credentials over plain HTTP to http://api.flatfile.invalid"))
            #expect(flatfile.stderr.contains("--allow-insecure"))
            Self.expectClean(flatfile.stdout + flatfile.stderr, tokens: [], "the refusal")

            let endpoint = ["run", "queries/getBatches.graphql", "--endpoint", "http://graphql.example.invalid/graphql",
                            "-H", "Authorization: Bearer \(Self.header)", "--var", "licenseKey=\(SandboxDemo.licenseKey)"]
            let refused = try await workspace.run(endpoint, environment: [:])
            #expect(refused.status == 2, "\(refused.stderr)")
            #expect(refused.stderr.contains("plain HTTP"))
            let allowed = try await workspace.run(endpoint + ["--allow-insecure"], environment: [:])
            #expect(allowed.status == 4, "sent, and failed only because the host does not exist: \(allowed.stderr)")
            Self.expectClean(refused.stderr + allowed.stderr, tokens: [], "the output")

            let loopback = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=1"])
            #expect(loopback.status == 0, "http:// to this machine needs no flag: \(loopback.stderr)")
        }
    }

    private static func expectClean(
        _ text: String, tokens: [String], _ place: String, allowTokens: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for secret in secrets where text.contains(secret) {
            Issue.record("\(place) contains the secret \(secret)", sourceLocation: sourceLocation)
        }
        guard !allowTokens else { return }
        for token in tokens where text.contains(token) {
            Issue.record("\(place) contains an issued token", sourceLocation: sourceLocation)
        }
        #expect(text.range(of: #"eyJ[A-Za-z0-9_-]+\.eyJ"#, options: .regularExpression) == nil,
                "\(place) contains a JWT", sourceLocation: sourceLocation)
    }

    /// The JWTs in the token cache: the ones the sandbox issued to these runs.
    private static func issuedTokens(in cache: URL) throws -> [String] {
        try files(under: cache).flatMap { file -> [String] in
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            return text.matches(of: #/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/#).map { String($0.output) }
        }
    }

    private static func files(under directory: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return try enumerator.compactMap { $0 as? URL }.filter {
            try $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true
        }
    }
}
