import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

/// "A CLI that never guesses": exit codes that keep their promise, variables checked against their declarations,
/// headers that cannot smuggle lines, warnings where something went unchecked, documents found where they are.
@Suite("fgql never guesses")
struct NeverGuessesTests {
    // MARK: Exit codes

    static let argumentErrors: [(arguments: [String], message: String)] = [
        (["--bogus"], "Unknown option '--bogus'"),
        (["run", "queries/getBatches.graphql", "--nope"], "Unknown option '--nope'"),
        (["run"], "Missing expected argument '<file>'"),
        (["run", "queries/getBatches.graphql", "--output", "xml"], "The value 'xml' is invalid for '--output <format>'"),
        (["run", "queries/getBatches.graphql", "--compact", "--pretty"], "--compact and --pretty contradict each other"),
        (["generate", "q.graphql"], "Missing expected argument '--output <dir>'"),
        (["validate"], "Missing expected argument '<files> ...'"),
        (["schema", "fetch", "--format", "xml"], "The value 'xml' is invalid for '--format <format>'"),
        (["auth", "--endpoint", "https://example.com/graphql"], "fgql auth shows Flatfile credentials"),
        (["sandbox", "--bogus"], "Unknown option '--bogus'"),
    ]

    @Test("an argument error exits 2 for every command, with ArgumentParser's message and usage", arguments: argumentErrors)
    func argumentErrorsExitTwo(arguments: [String], message: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(arguments, in: directory)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(message))
        #expect(result.stderr.contains("Usage: fgql"), "the usage line is still shown")
        #expect(result.stdout.isEmpty)
    }

    @Test("--help still exits 0")
    func helpExitsZero() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [["--help"], ["run", "--help"], ["schema", "fetch", "--help"]] {
            let result = try await CLI.run(arguments, in: directory)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stdout.contains("USAGE: fgql"))
        }
    }

    @Test("a platform query against an unreachable server exits 4 and prints no data")
    func platformTransportFailureExitsFour() async throws {
        try await withCLIWorkspace { workspace in
            let closedPort = workspace.sandbox.baseURL.absoluteString
            await workspace.sandbox.stop()
            let result = try await workspace.run(
                ["run", "queries/platform/users.graphql"],
                environment: ["FLATFILE_PLATFORM_URL": closedPort, "FLATFILE_API_KEY": SandboxDemo.personalAccessToken])
            #expect(result.status == 4, "stderr: \(result.stderr)")
            #expect(result.stdout.isEmpty, "not {\"users\":null}")
            #expect(result.stderr.contains("Could not connect"))
            expectNoSecrets(result)
        }
    }

    @Test(#""data": null with no errors exits 0 and says so on stderr"#)
    func nullDataWarns() async throws {
        try await withAnsweringServer({ _ in ["data": nil] }) { endpoint in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try "{ anything }".write(to: directory.appendingPathComponent("q.graphql"), atomically: true, encoding: .utf8)
            let result = try await CLI.run(
                ["run", "q.graphql", "--no-validate", "--endpoint", endpoint.absoluteString], in: directory)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(#"warning: the server returned "data": null and no errors"#))
        }
    }

    // MARK: Variables

    @Test("a misspelt --var is an error that suggests the declared name and lists them all; nothing is sent")
    func misspeltVariable() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "tkae=1"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--var tkae: the operation declares no variable $tkae. Did you mean $take?"))
            #expect(result.stderr.contains("$licenseKey: String!, $take: Int, $skip: Int"))
            #expect(workspace.sandbox.statistics.graphQLRequests == 0)
        }
    }

    @Test("an undeclared key in --variables is an error; in the sidecar it is skipped with a warning")
    func undeclaredVariablesInFiles() async throws {
        try await withCLIWorkspace { workspace in
            let explicit = try await workspace.run(
                ["run", "queries/getBatches.graphql", "--variables", "-"], input: #"{"take": 1, "skp": 2}"#)
            #expect(explicit.status == 2)
            #expect(explicit.stderr.contains("--variables -: the operation declares no variable $skp. Did you mean $skip?"))
            #expect(workspace.sandbox.statistics.graphQLRequests == 0)

            try #"{"take": 1, "workspace": "old"}"#.write(
                to: workspace.directory.appendingPathComponent("queries/getBatches.variables.json"), atomically: true,
                encoding: .utf8)
            let sidecar = try await workspace.run(["run", "queries/getBatches.graphql"])
            try expectSuccess(sidecar)
            #expect(sidecar.stderr.contains(#"getBatches.variables.json: skipped "workspace", which the operation does not declare"#))
            #expect(try JSONValue(parsing: sidecar.stdout)["getBatches"]?["data"]?.arrayValue?.count == 1)
        }
    }

    @Test("--var values are sent as their declared types: text for String, ID, enums and custom scalars")
    func variablesFollowTheirTypes() async throws {
        try await withAnsweringServer(echoVariables) { endpoint in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try """
                scalar DateTime
                enum Status { OPEN CLOSED }
                input Filter { status: Status, since: DateTime }
                type Query {
                  find(name: String!, id: ID, n: Int, f: Float, b: Boolean, ids: [ID!], when: DateTime, status: Status, filter: Filter): String
                }
                """.write(to: directory.appendingPathComponent("schema.graphqls"), atomically: true, encoding: .utf8)
            try """
                query Find($name: String!, $id: ID, $n: Int, $f: Float, $b: Boolean, $ids: [ID!], $when: DateTime, $status: Status, $filter: Filter) {
                  find(name: $name, id: $id, n: $n, f: $f, b: $b, ids: $ids, when: $when, status: $status, filter: $filter)
                }
                """.write(to: directory.appendingPathComponent("find.graphql"), atomically: true, encoding: .utf8)
            let assignments = [
                "name=2024", "id=17", "n=50", "f=2.5", "b=true", #"ids=["a", "b"]"#, "when=2025-03-01T00:00:00Z",
                "status=OPEN", #"filter={"status": "CLOSED"}"#,
            ]
            let result = try await CLI.run(
                ["run", "find.graphql", "--endpoint", endpoint.absoluteString, "--select", "data.variables"]
                    + assignments.flatMap { ["--var", $0] },
                in: directory)
            try expectSuccess(result)
            #expect(try JSONValue(parsing: result.stdout) == [
                "name": "2024", "id": "17", "n": 50, "f": 2.5, "b": true, "ids": ["a", "b"],
                "when": "2025-03-01T00:00:00Z", "status": "OPEN", "filter": ["status": "CLOSED"],
            ])

            for (assignment, message) in [
                ("n=1.5", "--var n=1.5: $n is Int, which takes a whole number"),
                ("n=abc", "--var n=abc: $n is Int, which takes a whole number"),
                ("f=many", "--var f=many: $f is Float, which takes a number"),
                ("b=yes", "--var b=yes: $b is Boolean, which takes true or false"),
                ("ids=[a", "--var ids=[a: $ids is [ID!], which takes a JSON list"),
                ("filter=CLOSED", "--var filter=CLOSED: $filter is Filter, which takes a JSON object"),
            ] {
                let refused = try await CLI.run(
                    ["run", "find.graphql", "--endpoint", endpoint.absoluteString, "--var", "name=x", "--var", assignment],
                    in: directory)
                #expect(refused.status == 2, "\(assignment)")
                #expect(refused.stderr.contains(message), "\(refused.stderr)")
                #expect(refused.stdout.isEmpty, "nothing was sent")
            }
        }
    }

    // MARK: Headers

    @Test("a header with a line break or control character exits 2 naming the header, never its value", arguments: [
        ["run", "queries/getBatches.graphql"], ["schema", "fetch"], ["auth"],
    ])
    func headerInjectionRefused(command: [String]) async throws {
        try await withCLIWorkspace { workspace in
            for header in ["X-A: hunter2-value\r\nX-Injected: 1", "X-A: hunter2-value\n", "X-A: hunter2\u{7F}value", "X-A: hunter2\u{1B}value"] {
                let result = try await workspace.run(command + ["-H", header])
                #expect(result.status == 2, "\(command) \(header.debugDescription): \(result.stderr)")
                #expect(result.stderr.contains("-H X-A: the value holds a line break or another control character"))
                #expect(!result.stderr.contains("hunter2"), "the value is never echoed")
                #expect(!result.stderr.contains("X-Injected"))
            }
            let badName = try await workspace.run(command + ["-H", "X-A\r\nX-B: 1"])
            #expect(badName.status == 2)
            #expect(badName.stderr.contains(#""X-A\r\nX-B" is not a valid header name"#), "\(badName.stderr)")
            #expect(workspace.sandbox.statistics.graphQLRequests == 0)
        }
    }

    // MARK: Validation

    @Test("a document with no schema beside it gets one warning saying how to fetch one; --no-validate silences it")
    func unvalidatedDocumentWarns() async throws {
        try await withCLIWorkspace { workspace in
            let loose = workspace.directory.appendingPathComponent("loose")
            try FileManager.default.createDirectory(at: loose, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: CLIWorkspace.queries.appendingPathComponent("getBatches.graphql"),
                to: loose.appendingPathComponent("getBatches.graphql"))
            let result = try await workspace.run(["run", "loose/getBatches.graphql", "--var", "take=1"])
            try expectSuccess(result)
            #expect(result.stderr.contains("warning: loose/getBatches.graphql was not validated"))
            #expect(result.stderr.contains("fgql schema fetch --output loose/schema.graphqls"))
            #expect(result.stderr.components(separatedBy: "warning:").count == 2, "one warning: \(result.stderr)")

            let unchecked = try await workspace.run(["run", "loose/getBatches.graphql", "--var", "take=1", "--no-validate"])
            try expectSuccess(unchecked)
            #expect(unchecked.stderr.isEmpty)
        }
    }

    // MARK: Finding the document and .env

    @Test("a bare name runs NAME.graphql from the current folder, then from queries/")
    func bareNames() async throws {
        try await withCLIWorkspace { workspace in
            let fromRoot = try await workspace.run(["run", "getBatches", "--var", "take=1"])
            try expectSuccess(fromRoot)
            #expect(try JSONValue(parsing: fromRoot.stdout)["getBatches"]?["data"]?.arrayValue?.count == 1)

            let queries = workspace.directory.appendingPathComponent("queries")
            let fromQueries = try await CLI.run(
                ["run", "getBatches", "--var", "take=2"], in: queries, environment: workspace.accessKeyEnvironment)
            try expectSuccess(fromQueries)
            #expect(try JSONValue(parsing: fromQueries.stdout)["getBatches"]?["data"]?.arrayValue?.count == 2)

            let missing = try await workspace.run(["run", "getBatchs"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("getBatchs: no such file (looked for getBatchs, getBatchs.graphql and queries/getBatchs.graphql"))
        }
    }

    @Test(".env is found in the current folder's parents up to the project root, and no further")
    func dotEnvInParents() async throws {
        try await withCLIWorkspace { workspace in
            let dotEnv = workspace.directory.appendingPathComponent(".env")
            try workspace.accessKeyEnvironment.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
                .write(to: dotEnv, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dotEnv.path)
            let queries = workspace.directory.appendingPathComponent("queries")

            // Outside a project, a .env above the working directory is not read.
            let outside = try await CLI.run(["run", "getBatches.graphql", "--var", "take=1"], in: queries)
            #expect(outside.status == 2, "no credentials: \(outside.stderr)")
            #expect(outside.stderr.contains("FLATFILE_"))

            try FileManager.default.createDirectory(
                at: workspace.directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
            let inProject = try await CLI.run(["run", "getBatches.graphql", "--var", "take=1"], in: queries)
            try expectSuccess(inProject)
            #expect(try JSONValue(parsing: inProject.stdout)["getBatches"]?["data"]?.arrayValue?.count == 1)
        }
    }

    @Test("fgql run - reads the document from standard input, validated only with --schema")
    func documentFromStandardInput() async throws {
        try await withCLIWorkspace { workspace in
            let document = try String(
                contentsOf: CLIWorkspace.queries.appendingPathComponent("getBatches.graphql"), encoding: .utf8)
            let unchecked = try await workspace.run(["run", "-", "--var", "take=1"], input: document)
            try expectSuccess(unchecked)
            #expect(try JSONValue(parsing: unchecked.stdout)["getBatches"]?["data"]?.arrayValue?.count == 1)
            #expect(unchecked.stderr.contains("the document from standard input was not validated: pass --schema FILE"))

            let checked = try await workspace.run(
                ["run", "-", "--schema", "queries/schema.graphqls", "--var", "take=1"], input: document)
            try expectSuccess(checked)
            #expect(checked.stderr.isEmpty)

            let invalid = try await workspace.run(
                ["run", "-", "--schema", "queries/schema.graphqls"], input: "{ getBatches(licenseKey: \"k\") { nope } }")
            #expect(invalid.status == 2)
            #expect(invalid.stderr.contains("<stdin>:1:"))
            #expect(invalid.stderr.contains("Cannot query field \"nope\""))

            let endless = try await workspace.run(["run", "-"], input: String(repeating: "# a comment\n", count: 1_500_000))
            #expect(endless.status == 2)
            #expect(endless.stderr.contains("the document on standard input is larger than 16 MiB"))
            #expect(workspace.sandbox.statistics.graphQLRequests == 2)
        }
    }

    // MARK: Output

    @Test("--raw-output prints a selected string bare, and anything else as compact JSON")
    func rawOutput() async throws {
        try await withCLIWorkspace { workspace in
            let quoted = try await workspace.run(
                ["run", "getBatches", "--var", "take=1", "--select", "data.getBatches.data[0].status"])
            let bare = try await workspace.run(
                ["run", "getBatches", "--var", "take=1", "--select", "data.getBatches.data[0].status", "-r"])
            try expectSuccess(bare)
            let status = try #require(try JSONValue(parsing: quoted.stdout).stringValue)
            #expect(bare.stdout == status + "\n")

            let object = try await workspace.run(
                ["run", "getBatches", "--var", "take=1", "--select", "data.getBatches.pagination", "--raw-output"])
            try expectSuccess(object)
            #expect(!object.stdout.contains("\n  "), "compact JSON")
            #expect(try JSONValue(parsing: object.stdout)["limit"]?.intValue == 1)

            for contradiction in [["--output", "csv"], ["--pretty"], ["--all-pages"]] {
                let refused = try await workspace.run(["run", "getBatches", "-r"] + contradiction)
                #expect(refused.status == 2, "\(contradiction)")
                #expect(refused.stderr.contains("--raw-output"))
            }
        }
    }
}
