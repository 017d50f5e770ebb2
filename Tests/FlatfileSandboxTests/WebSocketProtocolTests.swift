import FlatfileSandbox
import Foundation
import Testing

/// The sandbox's `/graphql` WebSocket, spoken frame by frame: both protocols, their close codes, authorisation,
/// `batchStatusUpdated`, and the WebSocket faults.
@Suite("WebSocket protocols on /graphql")
struct WebSocketProtocolTests {
    static let bearer = "Bearer \(SandboxDemo.personalAccessToken)"

    @Test func graphQLTransportWSAnswersPingsAndStreamsEachStatusChangeUntilComplete() async throws {
        try await withSandbox { sandbox in
            let batch = try await sandbox.newBatch()
            let code = try await sandbox.withWebSocket(subprotocol: "graphql-transport-ws") { socket in
                try await socket.send(["type": "connection_init", "payload": ["authorization": Self.bearer]])
                try await socket.receive("connection_ack")
                try await socket.send(["type": "ping", "payload": ["n": 1]])
                let pong = try await socket.receive("pong")
                #expect(value(pong, "payload", "n") as? Int == 1)
                try await socket.send([
                    "id": "1", "type": "subscribe",
                    "payload": ["query": batchSubscription, "variables": ["batchId": batch.id]],
                ])
                await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
                try await sandbox.startUpload(into: batch.id)
                let next = try await socket.receive("next")
                #expect(next["id"] as? String == "1")
                #expect(value(next, "payload", "data", "batchStatusUpdated", "id") as? String == batch.id)
                #expect(value(next, "payload", "data", "batchStatusUpdated", "status") as? String == "uploading")
                try await socket.send(["id": "1", "type": "complete"])
                await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 0 }
                try await socket.close()
            }
            #expect(code == 1000)
            await sandbox.statistics.waitForWebSockets { $0.open == 0 }
            #expect(sandbox.statistics.webSockets.eventsSent == 1)
        }
    }

    @Test func legacyProtocolTakesFlatfilesConnectionParamsAndSendsKeepAlives() async throws {
        try await withSandbox { sandbox in
            let batch = try await sandbox.newBatch()
            _ = try await sandbox.withWebSocket(subprotocol: "graphql-ws") { socket in
                try await socket.send([
                    "type": "connection_init",
                    "payload": ["isWebSocket": true, "headers": ["authorization": Self.bearer]],
                ])
                try await socket.receive("connection_ack")
                try await socket.receive("ka")
                try await socket.send([
                    "id": "a", "type": "start", "payload": ["query": batchSubscription, "variables": ["batchId": batch.id]],
                ])
                await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
                try await sandbox.startUpload(into: batch.id)
                let data = try await socket.receive("data")
                #expect(value(data, "payload", "data", "batchStatusUpdated", "status") as? String == "uploading")
                try await socket.send(["id": "a", "type": "stop"])
                await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 0 }
                try await socket.send(["type": "connection_terminate"])
                #expect(try await socket.receive() == nil, "connection_terminate closes the socket")
            }
        }
    }

    @Test func aRefusedTokenClosesWith4403OnTheCurrentProtocol() async throws {
        try await withSandbox { sandbox in
            let code = try await sandbox.withWebSocket(subprotocol: "graphql-transport-ws") { socket in
                try await socket.send(["type": "connection_init", "payload": ["authorization": "Bearer not-a-token"]])
                #expect(try await socket.receive() == nil)
            }
            #expect(code == 4403)
            #expect(sandbox.statistics.webSockets.refusedConnectionInits == 1)
        }
    }

    @Test func aRefusedTokenGetsConnectionErrorOnTheLegacyProtocol() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.withWebSocket(subprotocol: "graphql-ws") { socket in
                try await socket.send(["type": "connection_init", "payload": ["headers": ["authorization": "Bearer nope"]]])
                let refusal = try await socket.receive("connection_error")
                #expect((value(refusal, "payload", "message") as? String)?.hasPrefix("Unauthorized") == true)
                #expect(try await socket.receive() == nil, "the server closes after connection_error")
            }
        }
    }

    /// Each breach of graphql-transport-ws, with the close code its specification gives.
    @Test(arguments: [
        ("subscribe before connection_init", 4401, [#"{"id":"1","type":"subscribe","payload":{"query":"{ __typename }"}}"#]),
        ("a second connection_init", 4429, [Self.initText, Self.initText]),
        ("an id already in use", 4409, [Self.initText, Self.subscribeText, Self.subscribeText]),
        ("a message that is not one", 4400, [#"{"type":"hello"}"#]),
    ])
    func protocolBreachesCloseWithTheirCode(breach: String, code: Int, messages: [String]) async throws {
        try await withSandbox { sandbox in
            let batch = try await sandbox.newBatch()
            let closing = try await sandbox.withWebSocket(subprotocol: "graphql-transport-ws") { socket in
                for message in messages {
                    try await socket.send(text: message.replacingOccurrences(of: "BATCH", with: batch.id))
                }
                while try await socket.receive() != nil {}
            }
            #expect(closing == code, "\(breach)")
        }
    }

    static let initText = #"{"type":"connection_init","payload":{"authorization":"Bearer \#(SandboxDemo.personalAccessToken)"}}"#
    static let subscribeText = #"{"id":"1","type":"subscribe","payload":{"query":"subscription { batchStatusUpdated(batchId: \"BATCH\") { id } }"}}"#

    @Test func aClientOfferingNoKnownSubprotocolIsClosedWith4406() async throws {
        try await withSandbox { sandbox in
            let code = try await sandbox.withWebSocket(subprotocol: "mqtt") { socket in
                let message = try await socket.receive()
                #expect(message == nil)
            }
            #expect(code == 4406)
        }
    }

    @Test func aSubscriptionToABatchTheCallerCannotSeeGetsAnError() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.withWebSocket(subprotocol: "graphql-transport-ws") { socket in
                try await socket.send(text: Self.initText)
                try await socket.receive("connection_ack")
                try await socket.send(text: Self.subscribeText.replacingOccurrences(
                    of: "BATCH", with: "00000000-0000-4000-8000-000000000000"))
                let error = try await socket.receive("error")
                #expect((value(error, "payload", "0", "message") as? String)?.contains("was not found") == true, "\(error)")
                try await socket.close()
            }
        }
    }

    @Test func anHTTPPostOfASubscriptionNamesTheWebSocketURL() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL(batchSubscription, variables: ["batchId": SandboxDemo.licenseKey])
            #expect(reply.status == 400)
            let message = try #require(value(try reply.json(), "errors", "0", "message") as? String)
            #expect(message.contains(sandbox.webSocketURL), "\(message)")
        }
    }

    @Test func faultsRefuseTheNextConnectionInitThenAcceptTheOneAfter() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.refuseConnectionInits(count: 1)
            let refused = try await sandbox.withWebSocket(subprotocol: "graphql-transport-ws") { socket in
                try await socket.send(text: Self.initText)
                #expect(try await socket.receive() == nil)
            }
            #expect(refused == 4403)
            _ = try await sandbox.withWebSocket(subprotocol: "graphql-transport-ws") { socket in
                try await socket.send(text: Self.initText)
                try await socket.receive("connection_ack")
                try await socket.close()
            }
        }
    }

    @Test func faultsDropOpenSocketsWithoutACloseFrame() async throws {
        try await withSandbox { sandbox in
            let code = try await sandbox.withWebSocket(subprotocol: "graphql-transport-ws") { socket in
                try await socket.send(text: Self.initText)
                try await socket.receive("connection_ack")
                #expect(sandbox.faults.dropOpenWebSockets() == 1)
                _ = try? await socket.receive()
            }
            #expect(code == nil)
            await sandbox.statistics.waitForWebSockets { $0.open == 0 }
        }
    }
}
