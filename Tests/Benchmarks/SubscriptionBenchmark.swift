import FlatfileGraphQL
import FlatfileQueries
import FlatfileSandbox
import Foundation
import TestSupport
#if canImport(FlatfileGraphQLNIO)
import FlatfileGraphQLNIO
#endif

/// Subscriptions against the in-process sandbox over real loopback sockets: how many events one client takes in
/// per second, and how long a status change takes from its mutation to the subscriber — beside a plain query's
/// round trip over the same client, measured in the same loop, so the two compare like for like.
struct SubscriptionBenchmark {
    /// Measured mutation → event samples (after `warmUp` unmeasured ones); each also times one query.
    let samples: Int
    /// Subscriptions sharing the client's one socket in the throughput measure, all on one batch.
    let subscribers: Int
    /// Status changes each of them receives.
    let changes: Int

    static let name = "subscriptions"
    static let warmUp = 5
    /// A stalled run fails instead of hanging the whole benchmark.
    static let patience: Duration = .seconds(120)

    func run() async -> [Measurement] {
        do {
            return try await withSandbox { sandbox in
                // One client each, one after the other, so neither measure shares its socket or its CPU time.
                let latency = try await measureLatency(client: Self.client(of: sandbox), sandbox: sandbox)
                return latency + (try await measureThroughput(client: Self.client(of: sandbox), sandbox: sandbox))
            }
        } catch {
            return [Measurement(Self.name, "mutation → event", value: nil, unit: "s", note: "failed: \(error)")]
        }
    }

    /// The sandbox's Flatfile client over the stacks `fgql` uses on Linux (AsyncHTTPClient for HTTP, SwiftNIO's
    /// WebSocket: `PlatformTransport` in the CLI), URLSession's elsewhere; the Flatfile protocol (the legacy one).
    static func client(of sandbox: SandboxServer) -> GraphQLClient {
        #if canImport(FlatfileGraphQLNIO)
        let (transport, webSocket): (any HTTPTransport, any WebSocketConnector) =
            (AsyncHTTPClientTransport.shared, NIOWebSocketConnector())
        #else
        let (transport, webSocket): (any HTTPTransport, any WebSocketConnector) =
            (URLSessionTransport.shared, URLSessionWebSocketConnector())
        #endif
        return GraphQLClient.flatfile(
            credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
            apiURL: sandbox.baseURL, platformURL: sandbox.baseURL, transport: transport, webSocket: webSocket)
    }

    static var stacks: String {
        #if canImport(FlatfileGraphQLNIO)
        "AsyncHTTPClient + NIOWebSocketConnector"
        #else
        "URLSession + URLSessionWebSocketConnector"
        #endif
    }

    /// One subscription; each sample sends the mutation that changes the batch's status and waits for its event,
    /// then runs one small query. The clock starts before the mutation is sent and stops when the event is read.
    private func measureLatency(client: GraphQLClient, sandbox: SandboxServer) async throws -> [Measurement] {
        var batch = try await ImportSteps.newBatch(client)
        var events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)).makeAsyncIterator()
        await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
        // One untimed change: the first event also pays for what only the first one pays for.
        batch = try await ImportSteps.startUpload(into: batch, with: client)
        guard try await events.next()?.batchStatusUpdated?.status == "uploading" else {
            throw BenchmarkFailure("the subscription's first event is not the upload's")
        }
        var eventLatency = Samples()
        var mutationRoundTrip = Samples()
        var queryRoundTrip = Samples()
        let clock = ContinuousClock()
        for sample in 0..<(Self.warmUp + samples) {
            // uploading → evaluate → uploading …: one change per mutation, as long as needed.
            let expected = sample.isMultiple(of: 2) ? "evaluate" : "uploading"
            let uploading = batch
            let start = clock.now
            let mutation = Task { () throws -> (ImportSteps.Batch, Duration) in
                let next: ImportSteps.Batch
                if expected == "evaluate" {
                    try await ImportSteps.markUploaded(uploading, with: client)
                    next = uploading
                } else {
                    next = try await ImportSteps.startUpload(into: uploading, with: client)
                }
                return (next, clock.now - start)
            }
            let event = try await events.next()
            let arrived = clock.now - start
            let (next, mutated) = try await mutation.value
            batch = next
            guard event?.batchStatusUpdated?.status == expected else {
                throw BenchmarkFailure("expected the status \(expected), got \(String(describing: event))")
            }
            let (_, queried) = try await timed {
                try await client.fetch(GetBatchesQuery(licenseKey: SandboxDemo.licenseKey, take: 1))
            }
            guard sample >= Self.warmUp else { continue }
            eventLatency.append(arrived)
            mutationRoundTrip.append(mutated)
            queryRoundTrip.append(queried)
        }
        let query = "query \(BenchmarkReport.milliseconds(queryRoundTrip.median))"
        return [
            Measurement(
                Self.name, "mutation → event, median", value: eventLatency.median, unit: "s",
                baseline: query, ratio: eventLatency.median / queryRoundTrip.median,
                note: "\(samples) samples, one subscription, \(Self.stacks) on loopback; the mutation's own round trip "
                    + "\(BenchmarkReport.milliseconds(mutationRoundTrip.median)) (p95 "
                    + "\(BenchmarkReport.milliseconds(mutationRoundTrip.p95))); the query is getBatches(take: 1), "
                    + "timed in the same loop"),
            Measurement(
                Self.name, "mutation → event, p95", value: eventLatency.p95, unit: "s",
                baseline: "query \(BenchmarkReport.milliseconds(queryRoundTrip.p95))",
                ratio: eventLatency.p95 / queryRoundTrip.p95),
        ]
    }

    /// `subscribers` subscriptions of one batch on the client's one socket; `changes` mutations sent one after
    /// another; timed from the first mutation until every subscriber has read every change.
    private func measureThroughput(client: GraphQLClient, sandbox: SandboxServer) async throws -> [Measurement] {
        // The latency measure's socket first goes away, so the count below is of these subscriptions alone.
        await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 0 }
        var batch = try await ImportSteps.newBatch(client)
        let (changes, batchId) = (changes, batch.id)
        let readers = (0..<subscribers).map { _ in
            Task { () throws -> Int in
                var received = 0
                for try await _ in client.subscribe(BatchStatusUpdatedSubscription(batchId: batchId)) {
                    received += 1
                    if received == changes { break }
                }
                return received
            }
        }
        await sandbox.statistics.waitForWebSockets { [subscribers] in $0.activeSubscriptions == subscribers }
        let (received, elapsed) = try await timed {
            for change in 0..<changes {
                // evaluate → uploading → evaluate …: one change per mutation.
                if change.isMultiple(of: 2) {
                    batch = try await ImportSteps.startUpload(into: batch, with: client)
                } else {
                    try await ImportSteps.markUploaded(batch, with: client)
                }
            }
            return try await withPatience(Self.patience) {
                var received = 0
                for reader in readers { received += try await reader.value }
                return received
            }
        }
        let events = subscribers * changes
        guard received == events else { throw BenchmarkFailure("\(received) of \(events) events arrived") }
        return [
            Measurement(
                Self.name, "events through one client", value: Double(events) / elapsed.seconds, unit: "events/s",
                note: "\(subscribers) subscriptions on one socket × \(changes) status changes = \(events) events in "
                    + "\(BenchmarkReport.milliseconds(elapsed.seconds)), the mutations sent one after another")
        ]
    }
}

/// Runs `body`, failing with `BenchmarkFailure` when it takes longer than `limit`.
func withPatience<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw BenchmarkFailure("gave up after \(limit)")
        }
        return result
    }
}
