import FlatfileQueries
import FlatfileSandbox
import Foundation

/// Runs `body` with a typed client signed in with the demo access key to a sandbox of its own on a free port,
/// and stops the sandbox afterwards.
func withSandboxClient<Result>(
    _ body: (GraphQLClient, SandboxServer) async throws -> Result
) async throws -> Result {
    try await withSandbox { sandbox in
        let client = GraphQLClient.flatfile(
            credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
            apiURL: sandbox.baseURL)
        return try await body(client, sandbox)
    }
}

/// Values of the sandbox's seeded demo account (seed 2024), as the sidecar `queries/*.variables.json` use them.
enum Seeded {
    /// The newest batch under the demo license key: submitted, 249 Contacts records, ids 1…249.
    static let newestBatchId = "9ffbecf2-d800-4c37-bb6a-ab39623b536b"
    static let newestBatchRowCount = 249
    /// The workspace of the newest batch, and its primary workbook.
    static let workspaceId = "681874ed-4df0-45fc-9214-4a1ac7626fdc"
    static let workbookId = "de2056b9-8da8-43e7-9d88-fbd9c7da1a05"
    /// The "Contacts" template of team 1001's development environment.
    static let contactsSchemaId = "203501"
    /// "Development Portal 1", which imports into Contacts.
    static let firstPortalId = "1dbe69e0-ae9b-4859-94a0-c1656476437a"
    static let licenseKeyBatchCount = 48
    static let totalRowCount = 25_000
}

/// The repository's `queries/` folder.
let queriesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("queries")
