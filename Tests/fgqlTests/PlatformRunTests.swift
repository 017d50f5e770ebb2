import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

/// `fgql run` on operations for Flatfile's platform API (queries/platform/, whose fgql.json names the endpoint):
/// same command, no extra flags; fgql executes the GraphQL in-process over the sandbox's REST API.
@Suite("fgql run on platform API queries")
struct PlatformRunTests {
    static let query = "queries/platform/spacesAcrossEnvironments.graphql"

    static func platformEnvironment(_ sandbox: SandboxServer, key: String) -> [String: String] {
        ["FLATFILE_PLATFORM_URL": sandbox.baseURL.absoluteString, "FLATFILE_API_KEY": key]
    }

    static let savedQueries: [String] = {
        let folder = CLIWorkspace.queries.appendingPathComponent("platform")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".graphql") }.sorted()
    }()

    @Test("each saved platform query exits 0 with data and no errors, with its sidecar variables", arguments: savedQueries)
    func savedQueryRuns(file: String) async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(
                ["run", "queries/platform/\(file)", "--output", "raw"],
                environment: Self.platformEnvironment(workspace.sandbox, key: SandboxDemo.personalAccessToken))
            try expectSuccess(result)
            let response = try JSONValue(parsing: result.stdout)
            #expect(response["errors"] == nil, "\(file): \(result.stdout.prefix(500))")
            let data = try #require(response["data"]?.objectValue, "\(file) printed \(result.stdout.prefix(300))")
            #expect(!data.isEmpty && data.values.allSatisfy { !$0.isNull }, "\(file) returned a null root field")
        }
    }

    @Test("a Personal Access Token sees every environment; the counts and names are the seeded ones")
    func personalAccessTokenSeesTheAccount() async throws {
        try await withCLIWorkspace { workspace in
            // An access key pair beside the token is the legacy API's credential: the platform query uses the token.
            let environment = workspace.accessKeyEnvironment.merging(
                Self.platformEnvironment(workspace.sandbox, key: SandboxDemo.personalAccessToken)) { _, new in new }
            let result = try await workspace.run(["run", Self.query], environment: environment)
            try expectSuccess(result)
            let environments = try #require(try JSONValue(parsing: result.stdout)["environments"]?.arrayValue)
            let seeded = workspace.sandbox.platform
            #expect(environments.compactMap { $0["id"]?.stringValue } == seeded.environments.map(\.id))
            for environment in environments {
                let id = try #require(environment["id"]?.stringValue)
                let active = seeded.spaces.filter { $0.environmentId == id && $0.archivedAt == nil }
                #expect(environment["spaceCount"]?.intValue == active.count)
                #expect(Set(environment["spaces"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []) == Set(active.map(\.name)))
            }
        }
    }

    @Test("a secret key lists only its own environment, and the token never shows")
    func secretKeySeesOneEnvironment() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(
                ["run", Self.query], environment: Self.platformEnvironment(workspace.sandbox, key: SandboxDemo.secretKey))
            try expectSuccess(result)
            let environments = try #require(try JSONValue(parsing: result.stdout)["environments"]?.arrayValue)
            #expect(environments.compactMap { $0["id"]?.stringValue } == [SandboxDemo.platformDevelopmentEnvironmentId])
            #expect(environments.first?["spaces"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test("--sandbox runs platform queries with the sandbox's Personal Access Token")
    func sandboxFlag() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: CLIWorkspace.queries, to: directory.appendingPathComponent("queries"))
        let result = try await CLI.run(["run", Self.query, "--sandbox"], in: directory)
        try expectSuccess(result)
        #expect(try JSONValue(parsing: result.stdout)["environments"]?.arrayValue?.count == SandboxDemo.platformEnvironmentIds.count)
    }

    @Test("an fgql.json naming an unknown endpoint stops the run with what to write instead")
    func unknownEndpoint() async throws {
        try await withCLIWorkspace { workspace in
            let configuration = workspace.directory.appendingPathComponent("queries/platform/fgql.json")
            try #"{"endpoint": "flatfile-platfrom"}"#.write(to: configuration, atomically: true, encoding: .utf8)
            let result = try await workspace.run(["run", Self.query])
            #expect(result.status == 2)
            #expect(result.stderr.contains("\"endpoint\" must be one of \"flatfile-platform\""))
            #expect(result.stdout.isEmpty)
        }
    }

    // MARK: --api, the CLI's own routing setting

    /// The access key pair (the GraphQL API's credential) and a Personal Access Token (the platform's), both set:
    /// which one is used says which API the run went to.
    static func bothCredentials(_ workspace: CLIWorkspace) -> [String: String] {
        workspace.accessKeyEnvironment.merging(
            platformEnvironment(workspace.sandbox, key: SandboxDemo.personalAccessToken)) { _, new in new }
    }

    @Test("--api platform runs a document whose folder has no fgql.json on the platform API, with the platform's credential")
    func explicitPlatform() async throws {
        try await withCLIWorkspace { workspace in
            let folder = workspace.directory.appendingPathComponent("adhoc")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in ["schema.graphqls", "spacesAcrossEnvironments.graphql"] {
                try FileManager.default.copyItem(
                    at: workspace.directory.appendingPathComponent("queries/platform/\(file)"),
                    to: folder.appendingPathComponent(file))
            }
            let automatic = try await workspace.run(["run", "adhoc/spacesAcrossEnvironments.graphql"],
                                                    environment: Self.bothCredentials(workspace))
            #expect(automatic.status != 0, "without fgql.json the GraphQL API gets it: \(automatic.stdout)")

            let explicit = try await workspace.run(["run", "adhoc/spacesAcrossEnvironments.graphql", "--api", "platform"],
                                                   environment: Self.bothCredentials(workspace))
            try expectSuccess(explicit)
            // Every environment: the Personal Access Token won over the access key pair.
            #expect(try JSONValue(parsing: explicit.stdout)["environments"]?.arrayValue?.count
                        == SandboxDemo.platformEnvironmentIds.count)
        }
    }

    @Test("--api graphql sends a platform document to the GraphQL API whatever fgql.json says")
    func explicitGraphQL() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(["run", Self.query, "--api", "graphql"],
                                                 environment: Self.bothCredentials(workspace))
            #expect(result.status == 1, "the GraphQL API has no platform fields: \(result.stderr)")
            #expect(result.stderr.contains("environments"), "\(result.stderr)")
        }
    }

    @Test("an explicit --api does not read fgql.json, so a broken one does not stop the run")
    func explicitChoiceSkipsConfiguration() async throws {
        try await withCLIWorkspace { workspace in
            let configuration = workspace.directory.appendingPathComponent("queries/platform/fgql.json")
            try #"{"endpoint": "flatfile-platfrom"}"#.write(to: configuration, atomically: true, encoding: .utf8)
            let result = try await workspace.run(["run", Self.query, "--api", "platform"],
                                                 environment: Self.bothCredentials(workspace))
            try expectSuccess(result)
        }
    }

    @Test("--api with --endpoint is a usage error naming both", arguments: ["graphql", "platform"])
    func apiWithEndpoint(api: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "-", "--api", api, "--endpoint", "https://api.example.test/graphql"], in: directory, input: "{ a }")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--api \(api)") && result.stderr.contains("--endpoint"), "\(result.stderr)")
    }
}
