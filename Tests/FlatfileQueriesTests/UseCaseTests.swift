import FlatfileQueries
import FlatfileSandbox
import Foundation
import Testing

/// The Swift snippets of the README's "Use cases" section, run against a sandbox. Each test body holds its snippet
/// as the README prints it (between the `README` markers), with `client` and the ids taken from the sandbox.
@Suite("README use cases in Swift")
struct UseCaseTests {
    @Test("List batches: client.items(of: GetBatchesQuery) reads every batch of the license key")
    func listBatches() async throws {
        try await withSandboxClient { client, _ in
            let licenseKey = SandboxDemo.licenseKey
            var listed: [String] = []
            // README: List batches
            for try await batch in client.items(of: GetBatchesQuery(licenseKey: licenseKey, take: 100)) {
                print(batch.id, batch.status ?? "-")
                listed.append(batch.id)  // (test only)
            }
            // README end
            #expect(listed.count == Seeded.licenseKeyBatchCount)
            #expect(listed.first == Seeded.newestBatchId)
        }
    }

    @Test("Download a batch's rows to CSV: client.rows(of:) streamed into a file, one line per record")
    func downloadRowsToCSV() async throws {
        try await withSandboxClient { client, _ in
            let batchId = Seeded.newestBatchId
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appendingPathComponent("rows.csv")
            // README: Download a batch's rows to CSV
            func csvField(_ value: JSONValue?) -> String {
                let text = switch value {
                case .string(let string)?: string
                case nil, .null?: ""
                case let other?: other.description
                }
                guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            try Data().write(to: url)
            let file = try FileHandle(forWritingTo: url)
            defer { try? file.close() }
            var fields: [String] = []
            for try await row in client.rows(of: batchId) {
                if fields.isEmpty {
                    fields = row.data.keys
                    try file.write(contentsOf: Data((["id", "status"] + fields).joined(separator: ",").utf8 + [10]))
                }
                let line = [String(row.id), row.status.rawValue] + fields.map { csvField(row[$0]) }
                try file.write(contentsOf: Data(line.joined(separator: ",").utf8 + [10]))
            }
            // README end
            try file.synchronize()
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1 + Seeded.newestBatchRowCount)
            #expect(lines.first == "id,status,firstName,lastName,email,phone,age,subscribed")
            #expect(lines[1] == "1,submitted,John,Ritchie,barbara.keller@mail.example.net,(439) 555-1447,22,false")
        }
    }

    @Test("Watch a batch's status: polling GetBatchQuery returns once the batch leaves evaluate")
    func watchStatus() async throws {
        try await withSandboxClient { client, sandbox in
            // README: Watch a batch's status
            func waitUntilDone(_ batchId: String, every interval: Duration = .seconds(30)) async throws -> String {
                while true {
                    let status = try await client.fetch(GetBatchQuery(batchId: batchId)).getBatch?.status
                    if let status, status != "evaluate" { return status }
                    try await Task.sleep(for: interval)
                }
            }
            // README end
            #expect(try await waitUntilDone(Seeded.newestBatchId) == "submitted")
            #expect(sandbox.statistics.graphQLRequests == 1)

            // A batch still in review keeps being polled until the caller gives up.
            let pending = try #require(try await client.fetch(
                InitializeEmptyBatchMutation(importedFromUrl: "https://app.example.com/import")).initializeEmptyBatch)
            let watcher = Task { try await waitUntilDone(pending.batchId, every: .milliseconds(5)) }
            await sandbox.statistics.waitForRequests(on: .graphql, count: 5)
            watcher.cancel()
            // Cancelled while sleeping (CancellationError) or mid-request (a cancelled transport error): never a status.
            await #expect(throws: (any Error).self) { try await watcher.value }
        }
    }

    @Test("Create a template and a portal: CreateSchemaMutation then CreateEmbedMutation with the new template")
    func createTemplateAndPortal() async throws {
        try await withSandboxClient { client, _ in
            var portalId: String?
            // README: Create a template and a portal
            let template = try await client.fetch(CreateSchemaMutation(
                teamId: "1001", name: "Customers",
                jsonSchema: .value(FlatfileSchema.JsonSchemaDto(schema: [
                    "type": "object",
                    "properties": ["email": ["type": "string", "label": "Email"]],
                    "required": ["email"],
                ]))))
            if let templateId = template.createSchema?.id {
                let portal = try await client.fetch(
                    CreateEmbedMutation(teamId: "1001", name: "Customer import", schemaIds: [templateId]))
                print(portal.createEmbed?.embed?.id ?? "-")
                portalId = portal.createEmbed?.embed?.id  // (test only)
            }
            // README end
            let listed = try await client.fetch(GetEmbedsQuery(teamId: "1001", search: "Customer import"))
            let portal = try #require(listed.getEmbeds?.data?.first)
            #expect(portal.id == portalId)
            #expect(portal.schemas?.map(\.name) == ["Customers"])
        }
    }
}
