import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

@Suite("Resilience against the sandbox's faults")
struct ResilienceTests {
    /// A client whose token is already exchanged, so GraphQL request counts start from a known point.
    private func warmClient(
        _ sandbox: SandboxServer, options: GraphQLClientOptions = quickRetries
    ) async throws -> GraphQLClient {
        let client = sandboxClient(sandbox, options: options)
        _ = try await client.fetch(GetBatchesQuery())
        return client
    }

    @Test("429 with Retry-After is retried after the wait the server asked for")
    func rateLimited() async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(.status429(retryAfter: 1), count: 1, on: .graphql)
            let started = ContinuousClock.now
            let data = try await client.fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)
            #expect(ContinuousClock.now - started >= .milliseconds(950))
            #expect(sandbox.statistics.graphQLRequests == 3)
            #expect(sandbox.statistics.faultsServed(on: .graphql) == 1)
        }
    }

    @Test("429 that outlasts the retries surfaces as an HTTP error with the server's message")
    func rateLimitedTooOften() async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(.status429(retryAfter: 0), count: 10, on: .graphql)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .httpStatus(let failure) = error else {
                Issue.record("expected an HTTP status error, got \(String(describing: error))")
                return
            }
            #expect(failure.statusCode == 429)
            #expect(failure.attempts == 4)
            #expect(failure.serverMessage?.isEmpty == false)
            #expect(sandbox.statistics.graphQLRequests == 1 + 4)
            expectNoSecrets(in: error, tokens: [await currentToken(of: client) ?? ""])
        }
    }

    @Test("503 and dropped connections are retried for queries", arguments: [
        (SandboxFault.status503, 1), (.status503, 2), (.dropConnection, 1), (.dropConnection, 2),
    ])
    func transientFailuresRetried(fault: SandboxFault, count: Int) async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(fault, count: count, on: .graphql)
            let data = try await client.fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)
            // A connection dropped after it was reused may bring one more head: libcurl's own resend, which the
            // transport refuses and cancels before its body goes out (the sandbox counts requests by their head).
            let extra = fault == .dropConnection ? 0...1 : 0...0
            #expect(extra.contains(sandbox.statistics.graphQLRequests - (1 + count + 1)),
                    "\(sandbox.statistics.graphQLRequests) requests")
        }
    }

    @Test("the token exchange itself is retried through transient failures", arguments: [
        SandboxFault.status503, .dropConnection, .status429(retryAfter: 0),
    ])
    func exchangeRetried(fault: SandboxFault) async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(fault, count: 1, on: .accessKeyExchange)
            let data = try await sandboxClient(sandbox).fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)
            #expect(sandbox.statistics.requests(on: .accessKeyExchange) == 2)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
        }
    }

    @Test("a dropped connection that persists surfaces as a lost connection")
    func droppedTooOften() async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(.dropConnection, count: 10, on: .graphql)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .transport(let failure) = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .connectionLost)
            #expect(failure.attempts == 4)
            expectNoSecrets(in: error, tokens: [await currentToken(of: client) ?? ""])
        }
    }

    @Test("mutations are not retried by default", arguments: [SandboxFault.status503, .dropConnection])
    func mutationsNotRetried(fault: SandboxFault) async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(fault, count: 1, on: .graphql)
            let error = await expectFailure { try await client.fetch(InitializeEmptyBatchMutation()) }
            switch error {
            case .httpStatus(let failure): #expect(failure.statusCode == 503 && failure.attempts == 1)
            case .transport(let failure): #expect(failure.kind == .connectionLost && failure.attempts == 1, "\(failure)")
            default: Issue.record("expected the fault to surface, got \(String(describing: error))")
            }
            #expect(sandbox.statistics.graphQLRequests == 2)
            expectNoSecrets(in: error, tokens: [await currentToken(of: client) ?? ""])
        }
    }

    @Test("mutations are retried when the caller opts in")
    func mutationsRetriedOnRequest() async throws {
        try await withSandbox { sandbox in
            var options = quickRetries
            options.retryPolicy.retriesMutations = true
            let client = try await warmClient(sandbox, options: options)
            sandbox.faults.enqueue(.status503, count: 1, on: .graphql)
            let data = try await client.fetch(InitializeEmptyBatchMutation())
            #expect(data.initializeEmptyBatch?.batchId.isEmpty == false)
            #expect(sandbox.statistics.graphQLRequests == 3)
        }
    }

    @Test("a malformed body surfaces as a decoding error with its byte offset, not retried")
    func malformedBody() async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(.malformedBody, count: 1, on: .graphql)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .decoding(let failure) = error else {
                Issue.record("expected a decoding error, got \(String(describing: error))")
                return
            }
            #expect(failure.byteOffset != nil)
            #expect(failure.path.isEmpty)
            #expect(failure.message.contains("not valid JSON"))
            #expect(sandbox.statistics.graphQLRequests == 2)
            expectNoSecrets(in: error, tokens: [await currentToken(of: client) ?? ""])
        }
    }

    @Test("500 with GraphQL errors is not retried and comes back as GraphQL errors")
    func serverError() async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(.status500, count: 1, on: .graphql)
            let response = try await client.execute(
                document: GetBatchesQuery.document, variables: ["licenseKey": .string(SandboxDemo.licenseKey)])
            #expect(response.data == nil)
            #expect(response.errors.first?.message.contains("Internal server error") == true)

            sandbox.faults.enqueue(.status500, count: 1, on: .graphql)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .graphQL(let failure) = error else {
                Issue.record("expected GraphQL errors, got \(String(describing: error))")
                return
            }
            #expect(failure.data == nil)
            #expect(sandbox.statistics.graphQLRequests == 3)
        }
    }

    @Test("a slow answer times out and is not retried")
    func timeout() async throws {
        try await withSandbox { sandbox in
            var options = quickRetries
            options.timeout = .seconds(4)
            let client = try await warmClient(sandbox, options: options)
            sandbox.faults.enqueue(.latency(.seconds(15)), count: 1, on: .graphql)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .transport(let failure) = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .timedOut)
            #expect(failure.attempts == 1)
            #expect(sandbox.statistics.graphQLRequests == 2)
        }
    }

    @Test("cancelling the task stops the request")
    func cancellation() async throws {
        try await withSandbox { sandbox in
            let client = try await warmClient(sandbox)
            sandbox.faults.enqueue(.latency(.seconds(20)), count: 1, on: .graphql)
            let task = Task { try await client.fetch(GetBatchesQuery()) }
            await sandbox.statistics.waitForRequests(on: .graphql, count: 2)  // the warm-up's, then this one
            task.cancel()
            let error = await clientError(of: task)
            guard case .transport(let failure) = error else {
                Issue.record("expected a cancelled transport error, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .cancelled)
        }
    }

    @Test("cancelling a caller waiting for a token stops it, while others still get the token")
    func cancellationWhileWaitingForToken() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(.latency(.seconds(2)), count: 1, on: .accessKeyExchange)
            let client = sandboxClient(sandbox)
            let waiting = Task { try await client.fetch(GetBatchesQuery()) }
            let patient = Task { try await client.fetch(GetBatchesQuery()) }
            await sandbox.statistics.waitForRequests(on: .accessKeyExchange, count: 1)
            waiting.cancel()
            guard case .transport(let failure) = await clientError(of: waiting) else {
                Issue.record("expected the cancelled caller to stop")
                return
            }
            #expect(failure.kind == .cancelled)
            let data = try await patient.value
            #expect(data.getBatches?.data?.isEmpty == false)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
        }
    }

    @Test("nothing listening on the port surfaces as a connection failure after the retries")
    func nothingListening() async throws {
        let port = try await withSandbox { $0.port }  // a port that was free and is closed again
        let client = GraphQLClient.flatfile(
            credentials: .secretKey(SandboxDemo.secretKey), apiURL: try #require(URL(string: "http://127.0.0.1:\(port)")),
            options: quickRetries)
        let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
        guard case .transport(let failure) = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .cannotConnect)
        #expect(failure.attempts == 4)
        expectNoSecrets(in: error)
    }
}
