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
            // Refused with 4406, then the legacy protocol (under load a slow first socket can add a reconnect).
            #expect(sandbox.statistics.webSockets.opened >= 2, "\(sandbox.statistics.webSockets)")
            try await ImportSteps.startUpload(into: batch, with: client)
            let event = try #require(try await events.next())
            #expect(event.errors.isEmpty)
            #expect(event.data?["batchStatusUpdated"]?["status"]?.stringValue == "uploading")
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

/// A Flatfile client of the sandbox with SwiftNIO's WebSocket and quick reconnects, its tokens timed by `clock`.
func subscriptionClient(
    _ sandbox: SandboxServer, protocol wire: GraphQLWebSocketProtocol, clock: ManualClock? = nil
) -> GraphQLClient {
    var options = clock.map(quickRetries(on:)) ?? quickRetries
    options.subscriptions.webSocketProtocol = wire
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
