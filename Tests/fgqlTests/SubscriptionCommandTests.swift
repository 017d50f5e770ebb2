import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import TestSupport
import Testing

/// `fgql run` on a subscription: events stream out as they come, until `--until-select`, `--max-events` or the end
/// of the subscription — the README's "watch an import" use case against the sandbox.
@Suite("fgql run on a subscription")
struct SubscriptionCommandTests {
    static func client(_ sandbox: SandboxServer) -> GraphQLClient {
        GraphQLClient.flatfile(
            credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
            apiURL: sandbox.baseURL, platformURL: sandbox.baseURL)
    }

    /// Starts `fgql arguments` on the batch's subscription, waits until the sandbox holds it, runs `steps`, then
    /// waits for the command to end.
    static func watch(
        _ arguments: [String], in workspace: CLIWorkspace,
        while steps: @escaping @Sendable (ImportSteps.Batch, GraphQLClient) async throws -> Void
    ) async throws -> CLIResult {
        let client = client(workspace.sandbox)
        let batch = try await ImportSteps.newBatch(client)
        let command = Task {
            try await workspace.run(["run", "queries/batchStatusUpdated.graphql", "--var", "batchId=\(batch.id)"] + arguments)
        }
        await workspace.sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
        try await steps(batch, client)
        return try await command.value
    }

    @Test("--until-select status=submitted prints each status change as one JSON line, in order, and exits 0")
    func untilSubmitted() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await Self.watch(
                ["--until-select", "data.batchStatusUpdated.status=submitted"], in: workspace
            ) { batch, client in try await ImportSteps.runAll(on: batch, with: client) }
            try expectSuccess(result)
            let statuses = try result.stdout.split(separator: "\n").map { line in
                try JSONValue(parsing: Data(line.utf8))["batchStatusUpdated"]?["status"]?.stringValue
            }
            #expect(statuses == ["uploading", "evaluate", "submitted"])
            await workspace.sandbox.statistics.waitForWebSockets { $0.open == 0 }
        }
    }

    @Test("--max-events 1 --output csv prints a header and one row for the first event")
    func firstEventAsCSV() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await Self.watch(["--max-events", "1", "--output", "csv"], in: workspace) { batch, client in
                try await ImportSteps.startUpload(into: batch, with: client)
            }
            try expectSuccess(result)
            let lines = result.stdout.split(whereSeparator: \.isNewline)  // CSV ends rows with CRLF
            #expect(lines.count == 2 && lines.first == "id,status,workspaceId", "stdout: \(result.stdout) stderr: \(result.stderr)")
            #expect(lines.last?.contains(",uploading,") == true)
        }
    }

    @Test("--select picks each event's row as it does for a query: from data, or from the root when it starts there",
          arguments: ["batchStatusUpdated", "data.batchStatusUpdated"])
    func selectedRows(path: String) async throws {
        try await withCLIWorkspace { workspace in
            let result = try await Self.watch(
                ["--max-events", "1", "--output", "ndjson", "--select", path], in: workspace
            ) { batch, client in try await ImportSteps.startUpload(into: batch, with: client) }
            try expectSuccess(result)
            let row = try JSONValue(parsing: Data(result.stdout.utf8))
            #expect(row["status"]?.stringValue == "uploading", "\(result.stdout)")
        }
    }

    @Test("--max-events and --until-select on a query are refused with exit 2, naming the operation's kind")
    func stopFlagsNeedASubscription() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(["run", "queries/getBatches.graphql", "--max-events", "2"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("stop a subscription") && result.stderr.contains("is a query"), "\(result.stderr)")
        }
    }

    @Test("a malformed --until-select says how to write it")
    func malformedUntil() async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run([
                "run", "queries/batchStatusUpdated.graphql", "--var", "batchId=x", "--until-select", "status",
            ])
            #expect(result.status == 2 && result.stderr.contains("write PATH=VALUE"), "\(result.stderr)")
        }
    }
}
