import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Thousands of operations over real sockets against a sandbox that answers 10% of requests with 429, 503 or a
/// dropped connection and delays the rest at random. Every query succeeds or fails with the fault that outlasted
/// its retries; no mutation is ever sent twice; nothing hangs; memory stays flat.
///
/// A few hundred operations run by default; `FGQL_SOAK=5000 swift test --filter SoakTests` runs the long soak and
/// prints its figures.
@Suite("Soak against injected faults")
struct SoakTests {
    static let operationCount = ProcessInfo.processInfo.environment["FGQL_SOAK"].flatMap { Int($0) } ?? 300
    /// One operation in twenty is a mutation.
    static let mutationEvery = 20
    static let concurrency = 8
    static let faults = FaultInjection(
        latencyJitter: .milliseconds(10), rateLimitedShare: 0.04, retryAfterSeconds: 0, unavailableShare: 0.03,
        droppedConnectionShare: 0.03)

    private enum Outcome: Sendable {
        case succeeded
        case failed(GraphQLClientError)
    }

    @Test("every operation succeeds or surfaces its fault; mutations go out once; memory stays flat")
    func soak() async throws {
        // Queries and mutations go to sandboxes of their own, so each server's request count can be matched with
        // what its client sent: libcurl may resend a query by itself after a dropped keep-alive connection (safe),
        // but a mutation must never reach its server more often than the client sent it.
        let configuration = SandboxConfiguration(faults: Self.faults, seed: 0x50A4)
        try await withSandbox(configuration) { querySandbox in
            try await withSandbox(configuration) { mutationSandbox in
                try await soak(querySandbox: querySandbox, mutationSandbox: mutationSandbox)
            }
        }
    }

    private func soak(querySandbox: SandboxServer, mutationSandbox: SandboxServer) async throws {
        let querySends = SendCounter()
        let mutationSends = SendCounter()
        let queryClient = sandboxClient(querySandbox, transport: querySends)
        let mutationClient = sandboxClient(mutationSandbox, transport: mutationSends)
        let before = try await Self.batchCount(mutationClient)
        let mutationRequestsBefore = mutationSandbox.statistics.graphQLRequests
        let mutationSendsBefore = mutationSends.total
        let residentBefore = Self.residentMemory()

        var queries: [Outcome] = []
        var mutations: [Outcome] = []
        await withTaskGroup(of: (isMutation: Bool, outcome: Outcome).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask { await Self.run(index, queries: queryClient, mutations: mutationClient) }
            }
            for _ in 0..<min(Self.concurrency, Self.operationCount) { launch() }
            while let finished = await group.next() {
                if finished.isMutation { mutations.append(finished.outcome) } else { queries.append(finished.outcome) }
                if next < Self.operationCount { launch() }
            }
        }
        let residentAfter = Self.residentMemory()
        let mutationRequests = mutationSandbox.statistics.graphQLRequests - mutationRequestsBefore
        let mutationsSent = mutationSends.total - mutationSendsBefore
        let after = try await Self.batchCount(mutationClient)

        #expect(queries.count + mutations.count == Self.operationCount)
        for case .failed(let error) in queries {
            Self.expectOutlastedRetries(error, attempts: quickRetries.retryPolicy.maximumRetries + 1)
        }
        for case .failed(let error) in mutations { Self.expectOutlastedRetries(error, attempts: 1) }

        // One request per mutation, never a retry by the client nor a resend below it; each success is one batch.
        let succeededMutations = mutations.count { if case .succeeded = $0 { true } else { false } }
        #expect(mutationsSent == mutations.count, "the client sent each mutation once")
        #expect(mutationRequests == mutations.count, "the server received each mutation once")
        #expect(after - before == succeededMutations)
        #expect(querySandbox.statistics.graphQLRequests >= querySends.total)
        let requests = querySandbox.statistics.graphQLRequests + mutationSandbox.statistics.graphQLRequests
        let faults = querySandbox.statistics.faultsServed(on: .graphql) + mutationSandbox.statistics.faultsServed(on: .graphql)
        let faultShare = Double(faults) / Double(requests)
        #expect(faultShare > 0.05 && faultShare < 0.15, "about 10% of requests were faulted: \(faultShare)")
        if Self.operationCount >= 2_000 {
            // Flat: the sandbox's new batches and URLSession's pools are small; a leak per request is not.
            #expect(residentAfter - residentBefore < 64 * 1024, "VmRSS grew by \(residentAfter - residentBefore) KiB")
        }

        let failedQueries = queries.count { if case .failed = $0 { true } else { false } }
        let delayed = querySandbox.statistics.delayedRequests + mutationSandbox.statistics.delayedRequests
        print("""
            soak: \(Self.operationCount) operations (\(queries.count) queries, \(mutations.count) mutations), \
            \(requests) requests, \(faults) faults served (\(String(format: "%.1f", faultShare * 100))%), \(delayed) \
            delayed; queries failed after retries: \(failedQueries); mutations failed: \
            \(mutations.count - succeededMutations); query header blocks the server saw beyond the client's sends (libcurl's refused resends): \
            \(querySandbox.statistics.graphQLRequests - querySends.total); VmRSS \(residentBefore / 1024) MiB → \
            \(residentAfter / 1024) MiB
            """)
    }

    /// Runs operation `index`: a mutation every `mutationEvery`, else a query whose data is checked.
    private static func run(
        _ index: Int, queries: GraphQLClient, mutations: GraphQLClient
    ) async -> (isMutation: Bool, outcome: Outcome) {
        let isMutation = index % mutationEvery == mutationEvery - 1
        do {
            if isMutation {
                let data = try await mutations.fetch(InitializeEmptyBatchMutation())
                #expect(data.initializeEmptyBatch?.batchId.isEmpty == false)
            } else {
                let data = try await queries.fetch(GetBatchesQuery(take: 2))
                #expect(data.getBatches?.data?.count == 2)
            }
            return (isMutation, .succeeded)
        } catch {
            return (isMutation, .failed(error))
        }
    }

    /// A 429, a 503 or a lost connection, after exactly `attempts` tries, with nothing secret in its text.
    private static func expectOutlastedRetries(_ error: GraphQLClientError, attempts: Int) {
        switch error {
        case .httpStatus(let failure):
            #expect([429, 503].contains(failure.statusCode), "\(error)")
            #expect(failure.attempts == attempts, "\(error)")
        case .transport(let failure):
            #expect(failure.kind == .connectionLost, "\(error)")
            #expect(failure.attempts == attempts, "\(error)")
        default:
            Issue.record("unexpected error: \(error)")
        }
        expectNoSecrets(in: error)
    }

    /// How many batches the demo license key sees (retried until the faults let it through).
    private static func batchCount(_ client: GraphQLClient) async throws -> Int {
        for _ in 0..<20 {
            if let total = try? await client.fetch(GetBatchesQuery(take: 1)).getBatches?.pagination?.totalCount {
                return total
            }
        }
        throw CancellationError()
    }

    /// This process's resident memory in KiB (Linux's /proc; 0 elsewhere).
    static func residentMemory() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// Counts the requests a client hands to the real transport, keeping each method's delivery guarantee.
private final class SendCounter: HTTPTransport, @unchecked Sendable {
    private let wrapped = URLSessionTransport.shared
    private let lock = NSLock()
    private var sent = 0

    var total: Int { lock.withLock { sent } }

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        count(request)
        return try await wrapped.send(request)
    }

    func sendAtMostOnce(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        count(request)
        return try await wrapped.sendAtMostOnce(request)
    }

    private func count(_ request: URLRequest) {
        guard request.url?.path.hasSuffix("/graphql") == true else { return }
        lock.withLock { sent += 1 }
    }
}
