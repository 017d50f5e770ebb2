import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif


/// Options that keep tests quick: short backoff, Retry-After capped at two seconds.
let quickRetries = GraphQLClientOptions(
    timeout: .seconds(30),
    retryPolicy: RetryPolicy(
        maximumRetries: 3, initialBackoff: .milliseconds(20), maximumBackoff: .milliseconds(100),
        maximumRetryAfter: .seconds(2)))

/// `quickRetries` on `clock`, for tests that move time instead of waiting for it.
func quickRetries(on clock: ManualClock) -> GraphQLClientOptions {
    var options = quickRetries
    options.clock = WallClock(now: clock.now)
    return options
}

func sandboxClient(
    _ sandbox: SandboxServer, credentials: FlatfileCredentials = .accessKey(
        id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
    options: GraphQLClientOptions = quickRetries, transport: any HTTPTransport = URLSessionTransport.shared
) -> GraphQLClient {
    GraphQLClient.flatfile(
        credentials: credentials, apiURL: sandbox.baseURL, platformURL: sandbox.baseURL, options: options,
        transport: transport)
}

/// The error `body` throws; records an issue when it succeeds or throws something else.
func expectFailure<Value>(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Value
) async -> GraphQLClientError? {
    do {
        let value = try await body()
        Issue.record("expected an error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as GraphQLClientError {
        return error
    } catch {
        Issue.record("expected a GraphQLClientError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The client error a finished task failed with, or `nil`.
func clientError<Value>(of task: Task<Value, any Error>) async -> GraphQLClientError? {
    guard case .failure(let error) = await task.result else { return nil }
    return error as? GraphQLClientError
}

/// Every secret the sandbox accepts: none may appear in any error text.
let demoSecrets = [
    SandboxDemo.secretAccessKey, SandboxDemo.secretKey, SandboxDemo.publishableKey, SandboxDemo.personalAccessToken,
    SandboxDemo.clientSecret, SandboxDemo.password,
]

/// Checks every text form of `error` for secrets and tokens.
func expectNoSecrets(
    in error: (any Error)?, tokens: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error else { return }
    var dumped = ""
    dump(error, to: &dumped)
    let texts = ["\(error)", String(reflecting: error), error.localizedDescription, dumped]
    for text in texts {
        for secret in demoSecrets + tokens where !secret.isEmpty {
            #expect(!text.contains(secret), "error text contains a secret: \(text)", sourceLocation: sourceLocation)
        }
        #expect(!text.contains("eyJ"), "error text contains a JWT: \(text)", sourceLocation: sourceLocation)
    }
}

/// The token a Flatfile client holds now, to check it never leaks.
func currentToken(of client: GraphQLClient) async -> String? {
    await (client.tokenProvider as? FlatfileTokenStore)?.cachedToken()?.value
}

/// A transport that passes every request to the real one after running `beforeSend` (used to act on the
/// server at the exact moment a request leaves).
struct ObservingTransport: HTTPTransport {
    var wrapped: any HTTPTransport = URLSessionTransport.shared
    let beforeSend: @Sendable (URLRequest) -> Void

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        beforeSend(request)
        return try await wrapped.send(request)
    }
}

// MARK: - Hand-written operations (what the code generator will emit)

struct GetBatchesQuery: GraphQLQuery {
    static let operationName = "GetBatches"
    static let document = """
        query GetBatches($licenseKey: String!, $take: Int) {
          getBatches(licenseKey: $licenseKey, take: $take) { data { id status } pagination { totalCount } }
        }
        """
    static let operationIdentifier = "not-used-by-these-tests"

    struct Variables: Encodable, Sendable {
        var licenseKey: String
        var take: Int?
    }

    struct Data: Decodable, Sendable, Hashable {
        var getBatches: BatchList?

        struct BatchList: Decodable, Sendable, Hashable {
            var data: [Batch]?
            var pagination: Pagination?
        }

        struct Batch: Decodable, Sendable, Hashable {
            var id: String
            var status: String?
        }

        struct Pagination: Decodable, Sendable, Hashable {
            var totalCount: Int?
        }
    }

    var variables: Variables

    init(licenseKey: String = SandboxDemo.licenseKey, take: Int? = 3) {
        variables = Variables(licenseKey: licenseKey, take: take)
    }
}

struct InitializeEmptyBatchMutation: GraphQLMutation {
    static let operationName = "InitializeEmptyBatch"
    static let document = """
        mutation InitializeEmptyBatch($url: String!) {
          initializeEmptyBatch(importedFromUrl: $url) { batchId workspaceId }
        }
        """
    static let operationIdentifier = "not-used-by-these-tests"

    struct Variables: Encodable, Sendable {
        var url: String
    }

    struct Data: Decodable, Sendable {
        var initializeEmptyBatch: Payload?

        struct Payload: Decodable, Sendable {
            var batchId: String
            var workspaceId: String
        }
    }

    var variables = Variables(url: "https://app.example.com/import")
}

/// One batch that exists and one that does not: the second field fails, the first still has data.
struct FoundAndMissingQuery: GraphQLQuery {
    static let operationName = "FoundAndMissing"
    static let document = """
        query FoundAndMissing($licenseKey: String!) {
          found: getBatches(licenseKey: $licenseKey, take: 1) { data { id } }
          missing: getBatch(batchId: "00000000-0000-4000-8000-000000000000") { id }
        }
        """
    static let operationIdentifier = "not-used-by-these-tests"

    struct Variables: Encodable, Sendable {
        var licenseKey = SandboxDemo.licenseKey
    }

    struct Data: Decodable, Sendable {
        var found: GetBatchesQuery.Data.BatchList?
        var missing: GetBatchesQuery.Data.Batch?
    }

    var variables = Variables()
}
