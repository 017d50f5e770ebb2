import Foundation
import GraphQL
import OrderedCollections

/// The GraphQL-over-WebSocket protocols the sandbox speaks on `/graphql`, by their subprotocol names.
public enum SandboxWebSocketProtocol: String, Sendable, CaseIterable {
    /// The current standard (the `graphql-ws` library): `connection_init`/`connection_ack`, `ping`/`pong`,
    /// `subscribe`/`next`/`error`/`complete`, and 44xx close codes.
    case graphQLTransportWS = "graphql-transport-ws"
    /// Apollo's legacy `subscriptions-transport-ws`, which Flatfile's API speaks: `connection_init` answered by
    /// `connection_ack` (then `ka` keep-alives) or `connection_error`, `start`/`data`/`error`/`complete`/`stop`,
    /// `connection_terminate`.
    case subscriptionsTransportWS = "graphql-ws"

    /// The protocol to speak with a client offering `offered` (its `Sec-WebSocket-Protocol` values): the first of
    /// `served` that it offers.
    static func negotiate(offered: [String], served: [SandboxWebSocketProtocol]) -> SandboxWebSocketProtocol? {
        let acceptable = Set(offered.compactMap(SandboxWebSocketProtocol.init(rawValue:)))
        return served.first(where: acceptable.contains)
    }
}

/// A message from a client, whichever protocol it came in.
enum ClientMessage {
    case connectionInit(payload: Map?)
    case ping(payload: Map?)
    case pong
    /// `subscribe` (graphql-transport-ws) or `start` (legacy).
    case subscribe(id: String, payload: Map)
    /// `complete` (graphql-transport-ws) or `stop` (legacy).
    case complete(id: String)
    /// `connection_terminate` (legacy).
    case terminate
    /// The legacy `ka` a client may echo.
    case keepAlive

    /// Reads `text` as a message of `wire`; `nil` when it is not one.
    init?(_ text: String, wire: SandboxWebSocketProtocol) {
        guard let object = (try? JSONDecoder().decode(Map.self, from: Data(text.utf8)))?.dictionary,
            let type = object["type"]?.string
        else { return nil }
        let payload = object["payload"].flatMap { $0.isNull || $0.isUndefined ? nil : $0 }
        let id = object["id"]?.string
        switch (wire, type) {
        case (_, "connection_init"): self = .connectionInit(payload: payload)
        case (.graphQLTransportWS, "ping"): self = .ping(payload: payload)
        case (.graphQLTransportWS, "pong"): self = .pong
        case (.graphQLTransportWS, "subscribe"), (.subscriptionsTransportWS, "start"):
            guard let id, !id.isEmpty, let payload else { return nil }
            self = .subscribe(id: id, payload: payload)
        case (.graphQLTransportWS, "complete"), (.subscriptionsTransportWS, "stop"):
            guard let id else { return nil }
            self = .complete(id: id)
        case (.subscriptionsTransportWS, "connection_terminate"): self = .terminate
        case (.subscriptionsTransportWS, "ka"): self = .keepAlive
        default: return nil
        }
    }
}

/// A message to a client, written in either protocol.
enum ServerMessage {
    case connectionAck
    /// Legacy only: the credentials were refused.
    case connectionError(message: String)
    /// Legacy only: `ka`.
    case keepAlive
    case pong(payload: Map?)
    /// `next` (graphql-transport-ws) or `data` (legacy): one result.
    case next(id: String, payload: Map)
    /// The operation failed before producing results: its errors.
    case error(id: String, errors: [Map])
    case complete(id: String)

    func text(in wire: SandboxWebSocketProtocol) -> String {
        var object: [(String, Map)]
        switch self {
        case .connectionAck: object = [("type", "connection_ack")]
        case .connectionError(let message):
            object = [("type", "connection_error"), ("payload", .dictionary(["message": .string(message)]))]
        case .keepAlive: object = [("type", "ka")]
        case .pong(let payload): object = [("type", "pong")] + (payload.map { [("payload", $0)] } ?? [])
        case .next(let id, let payload):
            object = [("type", .string(wire == .graphQLTransportWS ? "next" : "data")), ("id", .string(id)), ("payload", payload)]
        case .error(let id, let errors): object = [("type", "error"), ("id", .string(id)), ("payload", .array(errors))]
        case .complete(let id): object = [("type", "complete"), ("id", .string(id))]
        }
        let map = Map.dictionary(.init(uniqueKeysWithValues: object))
        return (try? GraphQLJSONEncoder().encode(map)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// The close codes of graphql-transport-ws, with the reasons its reference server gives.
enum TransportWSClose: UInt16 {
    case badRequest = 4400
    case unauthorized = 4401
    case forbidden = 4403
    case subprotocolNotAcceptable = 4406
    case subscriberAlreadyExists = 4409
    case tooManyInitialisationRequests = 4429
}
