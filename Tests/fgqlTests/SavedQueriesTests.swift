import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

/// Every saved query in `queries/` runs green through the built binary, with its sidecar variables, against a
/// sandbox; and the README's "Use cases" commands print what the README shows.
@Suite("Saved queries through fgql run")
struct SavedQueriesTests {
    static let operationFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CLIWorkspace.queries.path)) ?? []
        // batchStatusUpdated is a subscription: it runs until its batch changes (SubscriptionCommandTests).
        return names.filter { $0.hasSuffix(".graphql") && $0 != "batchStatusUpdated.graphql" }.sorted()
    }()

    @Test("Each saved query exits 0 and returns its root field", arguments: operationFiles)
    func runs(file: String) async throws {
        try await withCLIWorkspace { workspace in
            let result = try await workspace.run(["run", "queries/\(file)"])
            try expectSuccess(result)
            let data = try JSONValue(parsing: result.stdout)
            let root = file.replacingOccurrences(of: ".graphql", with: "")
            let value = try #require(data[root], "\(file) printed \(result.stdout.prefix(300))")
            #expect(!value.isNull, "\(file) returned null: the sidecar variables no longer match the sandbox")
        }
    }

    // README "Use cases" › List batches.
    @Test("README: getBatches --all-pages --output csv lists all 48 batches of the demo license key")
    func listBatches() async throws {
        let result = try await runWithSandbox(
            ["run", "queries/getBatches.graphql", "--all-pages", "--output", "csv"])
        try expectSuccess(result)
        let lines = result.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.first == "id,status,workspaceId")
        #expect(lines.count == 1 + 48)
        #expect(lines[1] == "9ffbecf2-d800-4c37-bb6a-ab39623b536b,submitted,681874ed-4df0-45fc-9214-4a1ac7626fdc")
    }

    // README "Use cases" › Download a batch's rows to CSV.
    @Test("README: getFinalDatabaseView --all-pages --output csv writes every record of the batch")
    func downloadRows() async throws {
        let result = try await runWithSandbox([
            "run", "queries/getFinalDatabaseView.graphql",
            "--var", "batchId=9ffbecf2-d800-4c37-bb6a-ab39623b536b", "--all-pages", "--output", "csv",
        ])
        try expectSuccess(result)
        let lines = result.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.first == "id,valid,status,data.firstName,data.lastName,data.email,data.phone,data.age,data.subscribed,info")
        #expect(lines.count == 1 + 249)
        #expect(lines[1].hasPrefix("1,true,submitted,John,Ritchie,"))
    }

    // README "Use cases" › Watch a batch's status.
    @Test("README: getBatch --select data.getBatch.status prints the status as a JSON string")
    func watchStatus() async throws {
        let result = try await runWithSandbox([
            "run", "queries/getBatch.graphql",
            "--var", "batchId=9ffbecf2-d800-4c37-bb6a-ab39623b536b", "--select", "data.getBatch.status",
        ])
        try expectSuccess(result)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\"submitted\"")
    }

    // README "Use cases" › Create a template and a portal.
    @Test("README: createSchema and createEmbed create a template and a portal")
    func createTemplateAndPortal() async throws {
        let template = try await runWithSandbox(
            ["run", "queries/createSchema.graphql", "--var", "name=Customers"])
        try expectSuccess(template)
        // The next id after the 18 seeded templates, in the sandbox's default (development) environment.
        #expect(template.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == """
            {"createSchema":{"id":"203519","name":"Customers","slug":null,"archived":false,"environmentId":"\(SandboxDemo.environmentId)"}}
            """)

        let portal = try await runWithSandbox([
            "run", "queries/createEmbed.graphql", "--var", "name=Customer import",
            "--var", "schemaIds=[\"203501\"]",
        ])
        try expectSuccess(portal)
        let embed = try JSONValue(parsing: portal.stdout)["createEmbed"]?["embed"]
        #expect(embed?["name"] == "Customer import")
        #expect(embed?["schemas"]?[0]?["name"] == "Contacts")
    }

    /// Runs `fgql arguments` with `--sandbox` (no credentials) in a fresh folder holding a copy of `queries/`.
    private func runWithSandbox(_ arguments: [String]) async throws -> CLIResult {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: CLIWorkspace.queries, to: directory.appendingPathComponent("queries"))
        return try await CLI.run(arguments + ["--sandbox"], in: directory)
    }
}
