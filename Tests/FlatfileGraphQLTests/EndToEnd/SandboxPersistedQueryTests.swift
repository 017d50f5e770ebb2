import FlatfileGraphQL
import FlatfileSandbox
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Automatic persisted queries between the Flatfile client and the sandbox, which answers them as Apollo Server:
/// a miss registers the document once, later requests are hash-only hits, and a server that refuses them gets
/// documents — with the client's typed results the same throughout.
@Suite("Persisted queries against the sandbox")
struct SandboxPersistedQueryTests {
    static func client(_ sandbox: SandboxServer, _ persisted: PersistedQueries, _ transport: TransportUnderTest) -> GraphQLClient {
        var options = quickRetries
        options.persistedQueries = persisted
        return sandboxClient(sandbox, options: options, transport: transport.transport)
    }

    @Test("a typed query misses once, registers, then hits by GET; its data is what a plain fetch returns",
          arguments: TransportUnderTest.allCases)
    func missRegisterHit(transport: TransportUnderTest) async throws {
        try await withSandbox { sandbox in
            let client = Self.client(sandbox, .automatic, transport)
            let query = GetBatchesQuery(licenseKey: SandboxDemo.licenseKey, take: 2)
            let first = try await client.fetch(query)
            let second = try await client.fetch(query)
            let plain = try await sandboxClient(sandbox).fetch(query)
            #expect(first == plain && second == plain)
            #expect(sandbox.statistics.persistedQueries == PersistedQueryActivity(hits: 1, misses: 1, registered: 1))
        }
    }

    @Test("a mutation goes by POST with its hash, and is hit the second time")
    func mutationByPOST() async throws {
        try await withSandbox { sandbox in
            let client = Self.client(sandbox, .automatic, .urlSession)
            _ = try await client.fetch(InitializeEmptyBatchMutation())
            _ = try await client.fetch(InitializeEmptyBatchMutation())
            #expect(sandbox.statistics.persistedQueries.hits == 1)
        }
    }

    @Test("a sandbox that refuses persisted queries answers every request, and is sent documents from then on")
    func refusal() async throws {
        var configuration = SandboxConfiguration()
        configuration.persistedQueries = false
        try await withSandbox(configuration) { sandbox in
            let client = Self.client(sandbox, .automatic, .urlSession)
            let query = GetBatchesQuery(licenseKey: SandboxDemo.licenseKey, take: 1)
            _ = try await client.fetch(query)
            let requestsAfterFirst = sandbox.statistics.graphQLRequests
            _ = try await client.fetch(query)
            #expect(sandbox.statistics.graphQLRequests == requestsAfterFirst + 1, "the second fetch sent its document at once")
            #expect(sandbox.statistics.persistedQueries == PersistedQueryActivity())
        }
    }

    @Test("a mutation by GET is refused with 405 and Allow: POST; a query by GET is answered")
    func getCarriesQueriesOnly() async throws {
        try await withSandbox { sandbox in
            func get(_ document: String) async throws -> (Int, String) {
                var components = try #require(URLComponents(url: sandbox.graphQLURL, resolvingAgainstBaseURL: false))
                components.queryItems = [URLQueryItem(name: "query", value: document)]
                var request = URLRequest(url: try #require(components.url))
                request.setValue("Bearer \(SandboxDemo.personalAccessToken)", forHTTPHeaderField: "Authorization")
                let (_, response) = try await URLSessionTransport.shared.send(request)
                return (response.statusCode, response.value(forHTTPHeaderField: "Allow") ?? "")
            }
            let (mutation, allow) = try await get(#"mutation { initializeEmptyBatch(importedFromUrl: "x") { batchId } }"#)
            #expect(mutation == 405 && allow == "POST")
            #expect(try await get("{ __typename }").0 == 200)
        }
    }

    @Test("a hash that does not match its document is refused, naming the mismatch")
    func mismatchedHash() async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox)
            let response = try await client.endpoint.send(GraphQLRequest(
                query: "{ __typename }", extensions: ["persistedQuery": ["version": 1, "sha256Hash": .string(String(repeating: "0", count: 64))]]))
            #expect(response.errors.first?.message == "provided sha does not match query")
        }
    }
}

extension PersistedQueryActivity {
    init(hits: Int, misses: Int, registered: Int) {
        self.init()
        self.hits = hits
        self.misses = misses
        self.registered = registered
    }
}
