import FlatfileSandbox
import Foundation
import HTTPTypes
import Logging
import NIOWebSocket
import Testing
import WSClient

/// One side of a raw conversation with the sandbox's `/graphql` WebSocket: JSON objects out, JSON objects in.
final class WebSocketConversation {
    private var messages: WebSocketInboundMessageStream.AsyncIterator
    private let outbound: WebSocketOutboundWriter

    init(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) {
        messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
        self.outbound = outbound
    }

    func send(_ object: [String: Any]) async throws {
        try await send(text: String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    func send(text: String) async throws {
        try await outbound.writeTextMessage(text)
    }

    /// The next message as a JSON object; `nil` once the server has closed the connection.
    func receive(sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any]? {
        guard case .text(let text)? = try await messages.next() else { return nil }
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let object = parsed as? [String: Any] else {
            Issue.record("not a JSON object: \(text)", sourceLocation: sourceLocation)
            return [:]
        }
        return object
    }

    /// The next message, which must be of `type`.
    @discardableResult
    func receive(_ type: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let message = try #require(try await receive(sourceLocation: sourceLocation), "closed before \(type)",
                                   sourceLocation: sourceLocation)
        #expect(message["type"] as? String == type, "\(message)", sourceLocation: sourceLocation)
        return message
    }

    func close() async throws {
        try await outbound.close(.normalClosure, reason: nil)
    }
}

extension SandboxServer {
    var webSocketURL: String { graphQLURL.absoluteString.replacing(/^http/, with: "ws") }

    /// Opens `/graphql` as a WebSocket offering `subprotocol`, runs `script` on it, and returns the close code the
    /// server sent (`nil` when it sent none).
    @discardableResult
    func withWebSocket(
        subprotocol: String?, _ script: @escaping @Sendable (WebSocketConversation) async throws -> Void
    ) async throws -> Int? {
        var headers = HTTPFields()
        if let subprotocol { headers[.secWebSocketProtocol] = subprotocol }
        let closing = try await WebSocketClient.connect(
            url: webSocketURL, configuration: WebSocketClientConfiguration(additionalHeaders: headers),
            logger: Logger(label: "sandbox-tests")
        ) { inbound, outbound, _ in
            try await script(WebSocketConversation(inbound: inbound, outbound: outbound))
        }
        return closing.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) }
    }

    /// A new batch (status `evaluate`) and what the import mutations need of it.
    func newBatch() async throws -> (id: String, workbookId: String, schemaId: Int) {
        let created = try await data(#"mutation { initializeEmptyBatch(importedFromUrl: "https://app.example.com") { batchId } }"#)
        let id = try #require(value(created, "initializeEmptyBatch", "batchId") as? String)
        let preflight = try await data("mutation { preflightBatch(batchId: \"\(id)\") { workbookId schemas { id } } }")
        let workbookId = try #require(value(preflight, "preflightBatch", "workbookId") as? String)
        let schemaId = try #require((value(preflight, "preflightBatch", "schemas", "0", "id") as? String).flatMap { Int($0) })
        return (id, workbookId, schemaId)
    }

    /// Starts an upload into `batchId`, which makes its status `uploading`; returns the upload's id.
    @discardableResult
    func startUpload(into batchId: String) async throws -> String {
        let started = try await data("""
            mutation { initializeBatchAndUpload(batchId: "\(batchId)", fileName: "rows.csv", fileType: "text/csv", fileSize: 10) { upload { id } } }
            """)
        return try #require(value(started, "initializeBatchAndUpload", "upload", "id") as? String)
    }
}

let batchSubscription = "subscription Watch($batchId: UUID!) { batchStatusUpdated(batchId: $batchId) { id status } }"
