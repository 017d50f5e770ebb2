import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket

/// Decides which requests become WebSockets (`GET /graphql` offering a subprotocol) and serves each one with a
/// `SubscriptionSession`. A client that offers no protocol the server serves is upgraded and closed with 4406,
/// as graphql-transport-ws servers do, so it can fall back to another.
struct WebSocketUpgrade: Sendable {
    let services: SubscriptionSession.Services
    let served: [SandboxWebSocketProtocol]
    let maximumMessageSize: Int

    var configuration: HTTP1WebSocketUpgradeChannel.Configuration {
        .init(ws: WebSocketServerConfiguration(maxFrameSize: maximumMessageSize))
    }

    func shouldUpgrade(_ request: HTTPRequest, channel: any Channel, logger: Logger)
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>
    {
        let path = String((request.path ?? "").prefix { $0 != "?" })
        guard SandboxRoute(path: path) == .graphql else { return .dontUpgrade }
        let offered = request.headerFields[values: .secWebSocketProtocol]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let wire = SandboxWebSocketProtocol.negotiate(offered: offered, served: served)
        var headers = HTTPFields()
        if let wire { headers[.secWebSocketProtocol] = wire.rawValue }
        let authorization = request.headerFields[.authorization]
        return .upgrade(headers) { inbound, outbound, _ in
            guard let wire else {
                services.statistics.recordWebSocket { $0.opened += 1 }
                try await outbound.close(
                    .unknown(TransportWSClose.subprotocolNotAcceptable.rawValue), reason: "Subprotocol not acceptable")
                return
            }
            await serve(wire: wire, inbound: inbound, outbound: outbound, channel: channel, authorization: authorization)
        }
    }

    private func serve(
        wire: SandboxWebSocketProtocol, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        channel: any Channel, authorization: String?
    ) async {
        let statistics = services.statistics
        statistics.recordWebSocket {
            $0.opened += 1
            $0.open += 1
        }
        let drop: @Sendable () -> Void = { channel.close(promise: nil) }
        let registration = services.faults.registerWebSocket(drop: drop)
        let session = SubscriptionSession(
            wire: wire, services: services, outbound: outbound, upgradeAuthorization: authorization, drop: drop,
            dropAfterEvents: registration.dropAfterEvents)
        do {
            reading: for try await message in inbound.messages(maxSize: maximumMessageSize) {
                guard case .text(let text) = message else {
                    try await outbound.close(
                        .unknown(TransportWSClose.badRequest.rawValue), reason: "Messages must be text")
                    break
                }
                switch await session.handle(text) {
                case .proceed: continue
                case .close(let code, let reason):
                    try await outbound.close(code, reason: reason)
                    break reading
                }
            }
        } catch {
            // The connection is gone (dropped, or the server is stopping): nothing left to tell the client.
        }
        await session.stop()
        services.faults.unregisterWebSocket(registration.id)
        statistics.recordWebSocket { $0.open -= 1 }
    }
}
