import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

/// Time moves by a `ManualClock` that the sandbox and the client share, so a token's whole life takes no time.
@Suite("Token lifecycle against the sandbox")
struct TokenLifecycleTests {
    private let clock = ManualClock()

    @Test("200 concurrent operations on an expired token cause exactly one exchange, and all succeed")
    func concurrentRefreshIsSingleFlight() async throws {
        try await withSandbox(SandboxConfiguration(maximumTokenLifetime: .seconds(12), now: clock.now)) { sandbox in
            let client = sandboxClient(sandbox, options: quickRetries(on: clock))
            _ = try await client.fetch(GetBatchesQuery())
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
            clock.advance(by: .seconds(13))

            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await client.fetch(GetBatchesQuery()).getBatches?.data?.count ?? 0 }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.count == 200)
            #expect(results.allSatisfy { $0 > 0 })
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 2)
            // No request left with the expired token: the server saw exactly one request per operation.
            #expect(sandbox.statistics.graphQLRequests == 201)
        }
    }

    @Test("a token that expires mid-run is replaced before it is used")
    func refreshesBeforeExpiry() async throws {
        // Tokens live 6 s and are replaced 3 s before they expire; an operation every 300 ms for 8 s.
        try await withSandbox(SandboxConfiguration(maximumTokenLifetime: .seconds(6), now: clock.now)) { sandbox in
            let client = sandboxClient(sandbox, options: quickRetries(on: clock))
            let store = try #require(client.tokenProvider as? FlatfileTokenStore)
            var tokens: Set<String> = []
            let operations = 27
            for _ in 0..<operations {
                _ = try await client.fetch(GetBatchesQuery())
                if let token = await store.cachedToken() { tokens.insert(token.value) }
                clock.advance(by: .milliseconds(300))
            }
            #expect(tokens.count >= 2)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == tokens.count)
            // Never refused: every operation was one request.
            #expect(sandbox.statistics.graphQLRequests == operations)
        }
    }

    @Test("a refresh that fails while the old token is still valid keeps using the old token")
    func failedEarlyRefresh() async throws {
        try await withSandbox(SandboxConfiguration(maximumTokenLifetime: .seconds(12), now: clock.now)) { sandbox in
            let client = sandboxClient(sandbox, options: quickRetries(on: clock))
            _ = try await client.fetch(GetBatchesQuery())
            let store = try #require(client.tokenProvider as? FlatfileTokenStore)
            let token = try #require(await store.cachedToken())
            clock.advance(by: .seconds(8))  // inside the 5 s refresh margin, still valid
            #expect(token.needsRefresh(at: clock.now()))

            sandbox.faults.enqueue(.status500, count: 1, on: .accessKeyExchange)
            let data = try await client.fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)
            #expect(sandbox.statistics.requests(on: .accessKeyExchange) == 2)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
            #expect(await store.cachedToken() == token)
        }
    }

    @Test("a token revoked on the server is replaced, and the operation retried once")
    func recoversFromRevocation() async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox)
            _ = try await client.fetch(GetBatchesQuery())
            let revoked = await currentToken(of: client)
            sandbox.revokeIssuedTokens()

            let data = try await client.fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 2)
            #expect(sandbox.statistics.graphQLRequests == 3)
            #expect(await currentToken(of: client) != revoked)
        }
    }

    @Test("200 concurrent operations on a revoked token share one new exchange")
    func concurrentRevocation() async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox)
            _ = try await client.fetch(GetBatchesQuery())
            sandbox.revokeIssuedTokens()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 { group.addTask { _ = try await client.fetch(GetBatchesQuery()) } }
                try await group.waitForAll()
            }
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 2)
        }
    }

    @Test("a fresh token refused again surfaces as an authentication error, without a loop")
    func secondRefusalSurfaces() async throws {
        try await withSandbox { sandbox in
            // Revoke every token the moment a GraphQL request leaves, so even the fresh one is refused.
            let transport = ObservingTransport { request in
                if request.url?.path == "/graphql" { sandbox.revokeIssuedTokens() }
            }
            let client = sandboxClient(sandbox, transport: transport)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .authentication(let failure) = error else {
                Issue.record("expected an authentication error, got \(String(describing: error))")
                return
            }
            #expect(failure.credentialKind == .accessKey)
            #expect(failure.stage == .request)
            #expect(failure.serverMessage?.contains("Unauthorized") == true)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 2)
            #expect(sandbox.statistics.graphQLRequests == 2)
            expectNoSecrets(in: error, tokens: [await currentToken(of: client) ?? ""])
        }
    }

    @Test("tokens persisted by one client are reused by the next, with no exchange")
    func persistedTokens() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withSandbox { sandbox in
            func client() -> GraphQLClient {
                GraphQLClient.flatfile(
                    credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
                    apiURL: sandbox.baseURL, tokenPersistence: FileTokenPersistence(directory: directory),
                    options: quickRetries)
            }
            _ = try await client().fetch(GetBatchesQuery())
            _ = try await client().fetch(GetBatchesQuery())
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
            // One token file, beside the key that fingerprints secrets.
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("token-") }
            #expect(files.count == 1)
            let text = try String(contentsOf: directory.appendingPathComponent(files[0]), encoding: .utf8)
            #expect(!text.contains(SandboxDemo.secretAccessKey))

            // A persisted token the server no longer accepts is replaced after one refusal.
            sandbox.revokeIssuedTokens()
            _ = try await client().fetch(GetBatchesQuery())
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 2)
        }
    }
}
