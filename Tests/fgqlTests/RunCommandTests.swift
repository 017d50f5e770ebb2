import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

/// End-to-end: the built `fgql` binary against a sandbox on a free loopback port, as a user runs it.
@Suite("fgql run")
struct RunCommandTests {
    @Test("prints the data as compact JSON when piped")
    func printsData() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=3"])
            try expectSuccess(result)
            let data = try JSONValue(parsing: result.stdout)
            #expect(data["getBatches"]?["data"]?.arrayValue?.count == 3)
            #expect(data["getBatches"]?["pagination"]?["totalCount"]?.intValue ?? 0 > 3)
            #expect(!result.stdout.contains("\n  "), "piped output is compact")
        }
    }

    @Test("--sandbox needs no credentials and stops its sandbox afterwards")
    func sandboxFlag() async throws {
        let directory = try temporaryDirectory()
        try FileManager.default.copyItem(at: CLIWorkspace.queries, to: directory.appendingPathComponent("queries"))
        let result = try await CLI.run(["run", "queries/getBatches.graphql", "--sandbox"], in: directory)
        try expectSuccess(result)
        #expect(try JSONValue(parsing: result.stdout)["getBatches"]?["data"]?.arrayValue?.isEmpty == false)
    }

    @Test("--output raw prints the whole response and --select picks a sub-tree")
    func rawAndSelect() async throws {
        try await withCLIWorkspace { workspace in
            let raw = try await workspace.run(["run", "queries/getBatches.graphql", "--output", "raw", "--var", "take=1"])
            try expectSuccess(raw)
            #expect(try JSONValue(parsing: raw.stdout)["data"]?["getBatches"] != nil)

            let selected = try await workspace.run([
                "run", "queries/getBatches.graphql", "--select", "data.getBatches.data[0].status", "--var", "take=1",
            ])
            try expectSuccess(selected)
            let status = try JSONValue(parsing: selected.stdout).stringValue
            #expect(["evaluate", "submitted", "cancelled"].contains(status))

            let missing = try await workspace.run(["run", "queries/getBatches.graphql", "--select", "data.nothing"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("has no member \"nothing\""))
        }
    }

    @Test("--output csv writes a header and one properly quoted line per row")
    func csvParsesBack() async throws {
        try await withCLIWorkspace { workspace in
            let json = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=10"])
            let csv = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=10", "--output", "csv"])
            try expectSuccess(csv)
            let table = try CSVTable(parsing: csv.stdout)
            #expect(table.header == ["id", "status", "workspaceId"])
            let batches = try #require(try JSONValue(parsing: json.stdout)["getBatches"]?["data"]?.arrayValue)
            #expect(table.rows.count == batches.count)
            for (row, batch) in zip(table.rows, batches) {
                #expect(row == [batch["id"]?.stringValue, batch["status"]?.stringValue, batch["workspaceId"]?.stringValue].map { $0 ?? "" })
            }
        }
    }

    @Test("--all-pages --output ndjson streams every one of the 25,000 sandbox rows once, in order")
    func allPagesOverAllRows() async throws {
        try await withCLIWorkspace { workspace in
            let query = try workspace.writeRowsQuery()
            let result = try await workspace.run(["run", query, "--all-pages", "--var", "limit=2000", "--output", "ndjson"])
            try expectSuccess(result)
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 25_000)
            let ids = try lines.map { line in try #require(try JSONValue(parsing: String(line))["id"]?.intValue) }
            #expect(Set(ids).count == 25_000, "no row twice")
            #expect(ids == ids.sorted(), "rows come in the server's order")
            #expect(workspace.sandbox.statistics.graphQLRequests == 13, "25,000 rows at 2,000 a page")
        }
    }

    @Test("variables: --var beats --variables, which beats the sidecar, which beats FLATFILE_LICENSE_KEY")
    func variablePrecedence() async throws {
        try await withCLIWorkspace { workspace in
            let queries = workspace.directory.appendingPathComponent("queries")
            try #"{"take": 1, "skip": 0}"#.write(to: queries.appendingPathComponent("getBatches.variables.json"), atomically: true, encoding: .utf8)
            let fromSidecar = try await workspace.run(["run", "queries/getBatches.graphql", "--select", "data.getBatches.pagination.limit"])
            #expect(fromSidecar.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
            let fromStdin = try await workspace.run(
                ["run", "queries/getBatches.graphql", "--variables", "-", "--select", "data.getBatches.pagination.limit"],
                input: #"{"take": 2}"#)
            #expect(fromStdin.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
            let fromVar = try await workspace.run([
                "run", "queries/getBatches.graphql", "--variables", "-", "--var", "take=4", "--select", "data.getBatches.pagination.limit",
            ], input: #"{"take": 2}"#)
            #expect(fromVar.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "4")
            let wrongKey = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "licenseKey=not-a-license", "--select", "data.getBatches.pagination.totalCount"])
            #expect(wrongKey.stdout.trimmingCharacters(in: .whitespacesAndNewlines) != fromSidecar.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test("a missing required variable is named with its type before anything is sent")
    func missingVariable() async throws {
        try await withCLIWorkspace { workspace in
            var environment = workspace.accessKeyEnvironment
            environment["FLATFILE_LICENSE_KEY"] = nil
            let result = try await workspace.run(["run", "queries/getBatches.graphql"], environment: environment)
            #expect(result.status == 2)
            #expect(result.stderr.contains("missing required variable $licenseKey: String!"))
            #expect(result.stderr.contains("FLATFILE_LICENSE_KEY"))
            #expect(workspace.sandbox.statistics.graphQLRequests == 0)
        }
    }

    @Test("a file with several operations needs --operation, and the error lists their names")
    func severalOperations() async throws {
        try await withCLIWorkspace { workspace in
            try """
                query First($licenseKey: String!) { getBatches(licenseKey: $licenseKey) { data { id } } }
                query Second($licenseKey: String!) { getBatches(licenseKey: $licenseKey, take: 1) { data { status } } }
                """.write(to: workspace.directory.appendingPathComponent("queries/two.graphql"), atomically: true, encoding: .utf8)
            let ambiguous = try await workspace.run(["run", "queries/two.graphql"])
            #expect(ambiguous.status == 2)
            #expect(ambiguous.stderr.contains("2 operations (First, Second); choose one with --operation NAME"))
            let second = try await workspace.run(["run", "queries/two.graphql", "--operation", "Second"])
            try expectSuccess(second)
            #expect(try JSONValue(parsing: second.stdout)["getBatches"]?["data"]?[0]?["status"] != nil)
        }
    }

    @Test("a subscription the server refuses (an unknown batch) exits 1 with the server's error and prints nothing")
    func refusedSubscription() async throws {
        try await withCLIWorkspace { workspace in
            try "subscription Watch($batchId: UUID!) { batchStatusUpdated(batchId: $batchId) { id status } }\n"
                .write(to: workspace.directory.appendingPathComponent("queries/watch.graphql"), atomically: true, encoding: .utf8)
            for flags in [[], ["--no-validate"]] {
                let result = try await workspace.run(["run", "queries/watch.graphql", "--var", "batchId=1"] + flags)
                #expect(result.status == 1)
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.contains("the server returned 1 error(s)"), "\(result.stderr)")
            }
            await workspace.sandbox.statistics.waitForWebSockets { $0.open == 0 }
        }
    }

    @Test("validation errors print file:line:column and nothing is sent; --no-validate sends anyway")
    func validation() async throws {
        try await withCLIWorkspace { workspace in
            try "query Bad($licenseKey: String!) {\n  getBatches(licenseKey: $licenseKey) { data { idd } }\n}\n"
                .write(to: workspace.directory.appendingPathComponent("queries/bad.graphql"), atomically: true, encoding: .utf8)
            let result = try await workspace.run(["run", "queries/bad.graphql"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("queries/bad.graphql:2:48: error: Cannot query field \"idd\" on type \"Batch\"."))
            #expect(workspace.sandbox.statistics.graphQLRequests == 0)
            let sent = try await workspace.run(["run", "queries/bad.graphql", "--no-validate"])
            #expect(sent.status == 1, "the server rejects it: GraphQL errors")
            #expect(workspace.sandbox.statistics.graphQLRequests == 1)
        }
    }

    @Test("exit status 1 for GraphQL errors, with the data that came back still printed")
    func graphQLErrors() async throws {
        try await withCLIWorkspace { workspace in
            try "query Missing { getBatch(batchId: \"00000000-0000-4000-8000-000000000000\") { id } }"
                .write(to: workspace.directory.appendingPathComponent("queries/missing.graphql"), atomically: true, encoding: .utf8)
            let result = try await workspace.run(["run", "queries/missing.graphql"])
            #expect(result.status == 1)
            #expect(try JSONValue(parsing: result.stdout) == ["getBatch": nil])
            #expect(result.stderr.contains("(at getBatch)"))

            let selected = try await workspace.run(["run", "queries/missing.graphql", "--select", "data.getBatch.id"])
            #expect(selected.status == 1, "the GraphQL error explains the missing part, not a --select usage error")
            #expect(selected.stdout.isEmpty)
        }
    }

    @Test("exit status 3 when the credentials are refused, naming the credential but never the secret")
    func authenticationFailure() async throws {
        try await withCLIWorkspace { workspace in
            var environment = workspace.accessKeyEnvironment
            environment["FLATFILE_SECRET_ACCESS_KEY"] = "wrong-secret-value-1234"
            let result = try await workspace.run(["run", "queries/getBatches.graphql"], environment: environment)
            #expect(result.status == 3)
            #expect(result.stderr.contains("access key"))
            #expect(!result.stderr.contains("wrong-secret-value-1234"))
        }
    }

    @Test("exit status 4 when the server cannot be reached")
    func networkFailure() async throws {
        try await withCLIWorkspace { workspace in
            let closedPort = workspace.sandbox.baseURL.absoluteString
            await workspace.sandbox.stop()
            var environment = workspace.accessKeyEnvironment
            environment["FLATFILE_API_URL"] = closedPort
            let result = try await workspace.run(["run", "queries/getBatches.graphql"], environment: environment)
            #expect(result.status == 4)
            #expect(result.stderr.hasPrefix("error: "))
        }
    }

    @Test(".env and --profile supply credentials, and the real environment wins over both")
    func dotEnvAndProfiles() async throws {
        try await withCLIWorkspace { workspace in
            let env = workspace.accessKeyEnvironment.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "\n")
            try env.write(to: workspace.directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.directory.appendingPathComponent(".env").path)
            try "FLATFILE_SECRET_ACCESS_KEY=prod-secret-that-is-wrong\n".write(
                to: workspace.directory.appendingPathComponent(".env.prod"), atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.directory.appendingPathComponent(".env.prod").path)

            let fromDotEnv = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=1"], environment: [:])
            try expectSuccess(fromDotEnv)
            // A cache of its own: the first run's cached token would otherwise be used without any exchange.
            let fromProfile = try await workspace.run(
                ["run", "queries/getBatches.graphql", "--profile", "prod"],
                environment: ["XDG_CACHE_HOME": workspace.directory.appendingPathComponent("profile-cache").path])
            #expect(fromProfile.status == 3, "the profile's wrong secret overrides .env")
            let realWins = try await workspace.run(
                ["run", "queries/getBatches.graphql", "--profile", "prod", "--var", "take=1"],
                environment: ["FLATFILE_SECRET_ACCESS_KEY": SandboxDemo.secretAccessKey])
            try expectSuccess(realWins)
        }
    }

    @Test("a second run within the token's life does no exchange; the cache file is readable only by the user")
    func tokenCache() async throws {
        try await withCLIWorkspace { workspace in
            try expectSuccess(try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=1"]))
            #expect(workspace.sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
            try expectSuccess(try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=1"]))
            #expect(workspace.sandbox.statistics.exchanges(on: .accessKeyExchange) == 1, "the cached token was reused")

            let cache = workspace.directory.appendingPathComponent("cache/fgql")
            // schemas/ is the schema cache (SchemaCache), private to the user too.
            let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted().filter { $0 != "schemas" }
            #expect(files.count == 2 && files[0] == "fingerprint.key" && files[1].hasPrefix("token-"), "\(files)")
            let schemas = try #require(
                FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent("schemas").path)[.posixPermissions] as? NSNumber)
            #expect(schemas.intValue & 0o777 == 0o700)
            for file in files {
                let path = cache.appendingPathComponent(file).path
                let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
                #expect(mode.intValue & 0o777 == 0o600)
                guard file.hasPrefix("token-") else { continue }
                let contents = try String(contentsOfFile: path, encoding: .utf8)
                #expect(!contents.contains(SandboxDemo.secretAccessKey), "the cache never holds the secret")
            }
        }
    }

    @Test("a reader that closes the pipe early ends the run quietly with status 0")
    func closedPipe() async throws {
        try await withCLIWorkspace { workspace in
            let binary = try #require(CLI.binary)
            var environment = workspace.accessKeyEnvironment
            environment["FGQL"] = binary.path
            let result = try await CLI.run(
                ["-c", "set -o pipefail; \"$FGQL\" run queries/getBatches.graphql --all-pages --var take=1 --output csv | head -2"],
                in: workspace.directory, environment: environment, executable: URL(fileURLWithPath: "/bin/bash"))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.split(whereSeparator: \.isNewline).count == 2, "CSV lines end in CRLF")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test("--verbose shows requests with credentials redacted")
    func verbose() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(["run", "queries/getBatches.graphql", "--var", "take=1", "--verbose"])
            try expectSuccess(result)
            #expect(result.stderr.contains("→ POST \(workspace.sandbox.baseURL.absoluteString)/graphql"))
            #expect(result.stderr.contains("Authorization: [redacted]"))
        }
    }
}


/// RFC 4180 CSV, parsed back to check what the CLI wrote.
struct CSVTable {
    var header: [String]
    var rows: [[String]]

    init(parsing text: String) throws {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": continue
            case "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        try #require(!quoted, "unterminated quoted field")
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }
}
