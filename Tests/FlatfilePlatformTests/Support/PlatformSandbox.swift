import FlatfileGraphQL
import FlatfilePlatform
import FlatfileSandbox
import Foundation

/// A sandbox with a platform client for it: the sandbox's base URL is the client's platform URL.
struct PlatformSandbox {
    let sandbox: SandboxServer
    let client: GraphQLClient

    var data: SandboxPlatformData { sandbox.platform }
    var requests: [SandboxPlatformRequest] { sandbox.statistics.platformRequests }
    var targets: [String] { requests.map(\.target) }
}

/// Runs `body` against a fresh sandbox, with a platform client authenticated by `credentials` (the Personal Access
/// Token, which sees the whole account, unless told otherwise).
func withPlatformSandbox<Result>(
    credentials: FlatfileCredentials = .personalAccessToken(SandboxDemo.personalAccessToken),
    faults: FaultInjection = .none, maximumConcurrentRequests: Int = FlatfilePlatformEndpoint.defaultMaximumConcurrentRequests,
    options: GraphQLClientOptions = GraphQLClientOptions(retryPolicy: RetryPolicy(initialBackoff: .milliseconds(10))),
    _ body: (PlatformSandbox) async throws -> Result
) async throws -> Result {
    try await withSandbox(SandboxConfiguration(faults: faults)) { sandbox in
        let client = GraphQLClient.flatfilePlatform(
            credentials: credentials, platformURL: sandbox.baseURL, options: options,
            maximumConcurrentRequests: maximumConcurrentRequests)
        return try await body(PlatformSandbox(sandbox: sandbox, client: client))
    }
}

/// The package root, for reading files of the checkout.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension GraphQLResponse {
    /// The data as JSON, or a failure naming the errors.
    func json() throws -> JSONValue {
        guard let data, !data.isNull else {
            throw TestFailure("no data; errors: \(errors.map(\.message))")
        }
        return data
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
