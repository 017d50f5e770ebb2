import FlatfileGraphQL
import FlatfileGraphQLNIO
import FlatfileSandbox
import Foundation
import TestSupport
import Testing

/// Subscriptions end to end: the runtime's `subscribe` over a real WebSocket (SwiftNIO's, as a Linux app has it)
/// to the sandbox, whose import mutations publish `batchStatusUpdated`.
@Suite("Subscriptions over a real WebSocket", .timeLimit(.minutes(2)))
struct SubscriptionTests {
    @Test(arguments: SubscriptionProtocolUnderTest.allCases)
    func aTypedSubscriptionReceivesExactlyTheStatusChangesOfThreeMutationsInOrder(
        _ wire: SubscriptionProtocolUnderTest
    ) async throws {
        try await withSandbox { sandbox in
            let client = subscriptionClient(sandbox, protocol: wire.protocol)
            let batch = try await ImportSteps.newBatch(client)
            let events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id))
            let received = Task {
                var statuses: [String?] = []
                for try await event in events {
                    statuses.append(event.batchStatusUpdated?.status)
                    if statuses.count == 3 { break }
                }
                return statuses
            }
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
            try await ImportSteps.runAll(on: batch, with: client)
            #expect(try await received.value == ["uploading", "evaluate", "submitted"])
            await sandbox.statistics.waitForWebSockets { $0.open == 0 }
            #expect(sandbox.statistics.webSockets.eventsSent == 3)
            #expect(sandbox.statistics.webSockets.opened == 1)
        }
    }

    @Test func aHundredConcurrentSubscriptionsShareOneSocket() async throws {
        try await withSandbox { sandbox in
            let client = subscriptionClient(sandbox, protocol: .graphQLTransportWS)
            let batch = try await ImportSteps.newBatch(client)
            let subscribers = (0..<100).map { _ in
                let events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id))
                return Task {
                    for try await event in events { return event.batchStatusUpdated?.status }
                    return nil
                }
            }
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 100 }
            try await ImportSteps.startUpload(into: batch, with: client)
            for subscriber in subscribers {
                #expect(try await subscriber.value == "uploading")
            }
            await sandbox.statistics.waitForWebSockets { $0.open == 0 }
            #expect(sandbox.statistics.webSockets.opened == 1, "one socket carried all hundred")
            #expect(sandbox.statistics.webSockets.eventsSent == 100)
        }
    }

    @Test(arguments: SubscriptionProtocolUnderTest.allCases)
    func aDroppedSocketReconnectsAndResumesWithoutADuplicate(_ wire: SubscriptionProtocolUnderTest) async throws {
        try await withSandbox { sandbox in
            let client = subscriptionClient(sandbox, protocol: wire.protocol)
            let batch = try await ImportSteps.newBatch(client)
            var events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)).makeAsyncIterator()
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
            let uploading = try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "uploading")

            #expect(sandbox.faults.dropOpenWebSockets() == 1)
            await sandbox.statistics.waitForWebSockets { $0.subscriptionsStarted == 2 && $0.activeSubscriptions == 1 }
            try await ImportSteps.markUploaded(uploading, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "evaluate", "the next event, not a repeat")
            #expect(sandbox.statistics.webSockets.opened == 2)
        }
    }

    @Test func aSocketDroppedAfterAnEventIsReopenedAndTheSubscriptionGoesOn() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.dropWebSocket(afterEvents: 1)
            let client = subscriptionClient(sandbox, protocol: .subscriptionsTransportWS)
            let batch = try await ImportSteps.newBatch(client)
            var events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)).makeAsyncIterator()
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
            let uploading = try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "uploading")
            await sandbox.statistics.waitForWebSockets {
                $0.dropped == 1 && $0.subscriptionsStarted == 2 && $0.activeSubscriptions == 1
            }
            try await ImportSteps.markUploaded(uploading, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "evaluate")
        }
    }

    @Test(arguments: SubscriptionProtocolUnderTest.allCases)
    func aTokenRefusedAtConnectionInitIsRefreshedOnce(_ wire: SubscriptionProtocolUnderTest) async throws {
        try await withSandbox { sandbox in
            let client = subscriptionClient(sandbox, protocol: wire.protocol)
            let batch = try await ImportSteps.newBatch(client)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
            sandbox.faults.refuseConnectionInits(count: 1)
            var events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)).makeAsyncIterator()
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
            #expect(sandbox.statistics.webSockets.refusedConnectionInits == 1)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 2, "one fresh token, no more")
            try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "uploading")
        }
    }

    @Test func aTokenAboutToExpireIsRefreshedBeforeAReconnectNotAfterARefusal() async throws {
        let clock = ManualClock()
        try await withSandbox(SandboxConfiguration(maximumTokenLifetime: .seconds(12), now: clock.now)) { sandbox in
            let client = subscriptionClient(sandbox, protocol: .subscriptionsTransportWS, clock: clock)
            let batch = try await ImportSteps.newBatch(client)
            var events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)).makeAsyncIterator()
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)

            clock.advance(by: .seconds(11))
            sandbox.faults.dropOpenWebSockets()
            await sandbox.statistics.waitForWebSockets { $0.subscriptionsStarted == 2 && $0.activeSubscriptions == 1 }
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 2)
            #expect(sandbox.statistics.webSockets.refusedConnectionInits == 0)
            try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "uploading")
        }
    }

    @Test func aTokenRefusedTwiceEndsTheSubscriptionWithAnAuthenticationErrorWithoutSecrets() async throws {
        try await withSandbox { sandbox in
            let client = subscriptionClient(sandbox, protocol: .subscriptionsTransportWS)
            let batch = try await ImportSteps.newBatch(client)
            sandbox.faults.refuseConnectionInits(count: 2)
            let error = await expectFailure {
                for try await _ in client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)) {}
            }
            guard case .authentication(let failure)? = error else {
                Issue.record("expected an authentication failure, got \(String(describing: error))")
                return
            }
            #expect(failure.credentialKind == .accessKey)
            #expect(sandbox.statistics.webSockets.connectionInits == 2, "one refresh, then it stops")
            expectNoSecrets(in: error, tokens: [await currentToken(of: client)].compactMap { $0 })
        }
    }

    @Test func cancellingTheIteratingTaskCompletesTheSubscriptionAndClosesTheSocket() async throws {
        try await withSandbox { sandbox in
            let client = subscriptionClient(sandbox, protocol: .graphQLTransportWS)
            let batch = try await ImportSteps.newBatch(client)
            let watching = Task {
                for try await _ in client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)) {}
            }
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 && $0.open == 1 }
            watching.cancel()
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 0 && $0.open == 0 }
            _ = await watching.result
        }
    }

    @Test func automaticFallsBackToTheLegacyProtocolWhenTheServerRefusesTheCurrentOne() async throws {
        var configuration = SandboxConfiguration()
        configuration.webSocketProtocols = [.subscriptionsTransportWS]
        try await withSandbox(configuration) { sandbox in
            var options = quickRetries
            options.subscriptions.webSocketProtocol = .automatic
            let client = GraphQLClient(
                endpoint: sandbox.graphQLURL, headers: ["Authorization": "Bearer \(SandboxDemo.personalAccessToken)"],
                options: options, webSocket: NIOWebSocketConnector())
            let batch = try await ImportSteps.newBatch(client)
            var events = client.subscribe(
                document: BatchStatusUpdatedSubscription.document, variables: ["batchId": .string(batch.id)]
            ).makeAsyncIterator()
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
            #expect(sandbox.statistics.webSockets.opened == 2, "refused with 4406, then the legacy protocol")
            try await ImportSteps.startUpload(into: batch, with: client)
            let event = try #require(try await events.next())
            #expect(event.errors.isEmpty)
            #expect(event.data?["batchStatusUpdated"]?["status"]?.stringValue == "uploading")
        }
    }

    /// The server closes a refused subprotocol right after the upgrade; when that close frame arrives before the
    /// client has sent `connection_init`, the send fails. The close frame still says "fall back", not "reconnect".
    @Test func automaticFallsBackAfterOneRefusalEvenWhenTheRefusalArrivesBeforeConnectionInitIsSent() async throws {
        var configuration = SandboxConfiguration()
        configuration.webSocketProtocols = [.subscriptionsTransportWS]
        try await withSandbox(configuration) { sandbox in
            var options = quickRetries
            options.subscriptions.webSocketProtocol = .automatic
            let client = GraphQLClient(
                endpoint: sandbox.graphQLURL, headers: ["Authorization": "Bearer \(SandboxDemo.personalAccessToken)"],
                options: options, webSocket: CloseFirstConnector(wrapped: NIOWebSocketConnector()))
            let batch = try await ImportSteps.newBatch(client)
            var events = client.subscribe(
                document: BatchStatusUpdatedSubscription.document, variables: ["batchId": .string(batch.id)]
            ).makeAsyncIterator()
            // A third socket would mean the refusal was taken for a dropped connection (and retried as it was).
            await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 || $0.opened > 2 }
            #expect(sandbox.statistics.webSockets.opened == 2, "one refusal, then the legacy protocol")
            #expect(sandbox.statistics.webSockets.activeSubscriptions == 1)
            try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.data?["batchStatusUpdated"]?["status"]?.stringValue == "uploading")
        }
    }

    @Test func aQuietConnectionIsPingedAndOneWhosePongNeverComesIsDroppedAndReconnected() async throws {
        try await withSandbox { sandbox in
            let clock = SteppedClock()
            var (client, batch, events) = try await keepAliveSubscription(
                sandbox, protocol: .graphQLTransportWS, pingInterval: .seconds(30), timeout: .seconds(10), clock: clock)
            sandbox.faults.muteWebSocketKeepAlive()

            await clock.step(by: .seconds(30))   // the interval with the acknowledgement in it
            await clock.waitForASleeper()
            #expect(sandbox.statistics.webSockets.pingsReceived == 0, "a connection that spoke is not pinged")
            await clock.step(by: .seconds(30))   // a quiet interval
            await sandbox.statistics.waitForWebSockets { $0.pingsReceived == 1 }
            #expect(sandbox.statistics.webSockets.opened == 1, "a ping, not yet a verdict")
            await clock.step(by: .seconds(10))
            await sandbox.statistics.waitForWebSockets { $0.subscriptionsStarted == 2 && $0.activeSubscriptions == 1 }
            #expect(sandbox.statistics.webSockets.opened == 2, "the silent socket was replaced")

            sandbox.faults.muteWebSocketKeepAlive(false)
            try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "uploading")
        }
    }

    @Test func aPongInTimeKeepsTheConnection() async throws {
        try await withSandbox { sandbox in
            let clock = SteppedClock()
            var (client, batch, events) = try await keepAliveSubscription(
                sandbox, protocol: .graphQLTransportWS, pingInterval: .seconds(30), timeout: .seconds(10), clock: clock)

            await clock.step(by: .seconds(30))   // the interval with the acknowledgement in it
            await clock.step(by: .seconds(30))   // a quiet one: ping
            await sandbox.statistics.waitForWebSockets { $0.pingsReceived == 1 }
            // The event follows the pong on the socket, so once it is read the client has read the pong too.
            let uploading = try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "uploading")
            await clock.step(by: .seconds(10))
            await clock.waitForASleeper()   // the keep-alive has judged the pong and waits for the next interval
            #expect(sandbox.statistics.webSockets.opened == 1)
            #expect(sandbox.statistics.webSockets.open == 1)

            try await ImportSteps.markUploaded(uploading, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "evaluate")
            #expect(sandbox.statistics.webSockets.opened == 1)
        }
    }

    @Test func aLegacyServerWhoseKeepAlivesStopIsDroppedAfterTheTimeoutAndReconnected() async throws {
        try await withSandbox { sandbox in
            let clock = SteppedClock()
            var (client, batch, events) = try await keepAliveSubscription(
                sandbox, protocol: .subscriptionsTransportWS, pingInterval: .seconds(5), timeout: .seconds(30), clock: clock)
            // The sandbox sends `ka` right after `connection_ack`; the event comes after it, so the client has it.
            let uploading = try await ImportSteps.startUpload(into: batch, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "uploading")
            sandbox.faults.muteWebSocketKeepAlive()

            await clock.step(by: .seconds(30))   // a period with messages in it: still alive
            await clock.waitForASleeper()
            #expect(sandbox.statistics.webSockets.opened == 1)
            await clock.step(by: .seconds(30))   // a period of silence
            await sandbox.statistics.waitForWebSockets { $0.subscriptionsStarted == 2 && $0.activeSubscriptions == 1 }
            #expect(sandbox.statistics.webSockets.opened == 2)
            #expect(sandbox.statistics.webSockets.pingsReceived == 0, "the legacy protocol has no client ping")

            try await ImportSteps.markUploaded(uploading, with: client)
            #expect(try await events.next()?.batchStatusUpdated?.status == "evaluate")
        }
    }

    @Test func anOperationTheServerRefusesThrowsTypedAndYieldsItsErrorsUntyped() async throws {
        try await withSandbox { sandbox in
            let client = subscriptionClient(sandbox, protocol: .graphQLTransportWS)
            let unknown = "00000000-0000-4000-8000-000000000000"
            let error = await expectFailure {
                for try await _ in client.subscribe(BatchStatusUpdatedSubscription(batchId: unknown)) {}
            }
            guard case .graphQL(let failure)? = error else {
                Issue.record("expected GraphQL errors, got \(String(describing: error))")
                return
            }
            #expect(failure.errors.first?.message.contains("was not found") == true)

            var responses: [GraphQLResponse] = []
            for try await response in client.subscribe(
                document: BatchStatusUpdatedSubscription.document, variables: ["batchId": .string(unknown)])
            {
                responses.append(response)
            }
            #expect(responses.count == 1)
            #expect(responses.first?.errors.first?.extensions?["code"]?.stringValue == "NOT_FOUND")
        }
    }

    @Test func reconnectingGivesUpAfterItsBoundWithATransportError() async throws {
        let sandbox = try await SandboxServer.start()
        await sandbox.stop()   // nothing listens on its port any more
        var options = quickRetries
        options.subscriptions.reconnectPolicy = RetryPolicy(
            maximumRetries: 2, initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(20))
        let client = GraphQLClient(
            endpoint: sandbox.graphQLURL, headers: ["Authorization": "Bearer \(SandboxDemo.personalAccessToken)"],
            options: options, webSocket: NIOWebSocketConnector())
        let error = await expectFailure {
            for try await _ in client.subscribe(document: BatchStatusUpdatedSubscription.document) {}
        }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .cannotConnect)
        #expect(failure.attempts == 3, "the first attempt and two reconnects")
        expectNoSecrets(in: error, tokens: [SandboxDemo.personalAccessToken])
    }
}

/// Both protocols, as `GraphQLClient.flatfile` is told to speak them.
enum SubscriptionProtocolUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case current = "graphql-transport-ws"
    case legacy = "subscriptions-transport-ws"

    var `protocol`: GraphQLWebSocketProtocol {
        switch self {
        case .current: .graphQLTransportWS
        case .legacy: .subscriptionsTransportWS
        }
    }

    var testDescription: String { rawValue }
}

/// A Flatfile client of the sandbox with SwiftNIO's WebSocket and quick reconnects, its tokens timed by `clock`,
/// its keep-alive by `keepAlive`.
/// A client whose keep-alive runs on `clock`, subscribed to a new batch's status changes; returns once the sandbox
/// counts the subscription.
func keepAliveSubscription(
    _ sandbox: SandboxServer, protocol wire: GraphQLWebSocketProtocol, pingInterval: Duration, timeout: Duration,
    clock: SteppedClock
) async throws -> (GraphQLClient, ImportSteps.Batch, SubscriptionEvents<BatchStatusUpdatedSubscription.Data>.Iterator) {
    let client = subscriptionClient(
        sandbox, protocol: wire,
        keepAlive: SubscriptionKeepAlive(pingInterval: pingInterval, timeout: timeout, clock: clock))
    let batch = try await ImportSteps.newBatch(client)
    let events = client.subscribe(BatchStatusUpdatedSubscription(batchId: batch.id)).makeAsyncIterator()
    await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
    return (client, batch, events)
}

func subscriptionClient(
    _ sandbox: SandboxServer, protocol wire: GraphQLWebSocketProtocol, clock: ManualClock? = nil,
    keepAlive: SubscriptionKeepAlive = SubscriptionKeepAlive()
) -> GraphQLClient {
    var options = clock.map(quickRetries(on:)) ?? quickRetries
    options.subscriptions.webSocketProtocol = wire
    options.subscriptions.keepAlive = keepAlive
    options.subscriptions.reconnectPolicy = RetryPolicy(
        maximumRetries: 3, initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(50))
    return GraphQLClient.flatfile(
        credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
        apiURL: sandbox.baseURL, platformURL: sandbox.baseURL, options: options, webSocket: NIOWebSocketConnector())
}

/// What the code generator emits for `subscription BatchStatusUpdated`, written by hand.
struct BatchStatusUpdatedSubscription: GraphQLSubscription {
    static let operationName = "BatchStatusUpdated"
    static let document = """
        subscription BatchStatusUpdated($batchId: UUID!) { batchStatusUpdated(batchId: $batchId) { id status } }
        """
    static let operationIdentifier = "not-used-by-these-tests"

    struct Variables: Encodable, Sendable {
        var batchId: String
    }

    struct Data: Decodable, Sendable, Hashable {
        var batchStatusUpdated: Batch?

        struct Batch: Decodable, Sendable, Hashable {
            var id: String
            var status: String?
        }
    }

    var variables: Variables

    init(batchId: String) {
        variables = Variables(batchId: batchId)
    }
}

/// Hands over a `graphql-transport-ws` connection only after it has received the server's first frame — the
/// sandbox's 4406 close, when it serves only the legacy protocol — so the client's `connection_init` always
/// comes too late: the order a busy machine produces now and then, made certain.
struct CloseFirstConnector: WebSocketConnector {
    let wrapped: any WebSocketConnector

    func connect(to url: URL, subprotocols: [String], headers: [String: String]) async throws
        -> any WebSocketConnection
    {
        let connection = try await wrapped.connect(to: url, subprotocols: subprotocols, headers: headers)
        guard subprotocols == ["graphql-transport-ws"] else { return connection }
        return ReplayingConnection(wrapped: connection, first: try await connection.receive())
    }
}

/// A connection whose first frame was already read: `receive` gives it first.
actor ReplayingConnection: WebSocketConnection {
    private let wrapped: any WebSocketConnection
    private var first: WebSocketIncoming?

    init(wrapped: any WebSocketConnection, first: WebSocketIncoming) {
        self.wrapped = wrapped
        self.first = first
    }

    func send(_ text: String) async throws { try await wrapped.send(text) }

    func receive() async throws -> WebSocketIncoming {
        if let first {
            self.first = nil
            return first
        }
        return try await wrapped.receive()
    }

    func close(code: Int, reason: String) async { await wrapped.close(code: code, reason: reason) }
}
