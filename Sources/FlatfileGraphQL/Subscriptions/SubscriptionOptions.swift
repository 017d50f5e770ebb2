import Foundation

/// Which GraphQL-over-WebSocket protocol a client speaks.
public enum GraphQLWebSocketProtocol: Sendable, Hashable {
    /// `graphql-transport-ws`, the current standard (the `graphql-ws` library, Apollo Server 4, Hasura, Yoga).
    case graphQLTransportWS
    /// Apollo's legacy `subscriptions-transport-ws` (subprotocol `graphql-ws`), which Flatfile's API speaks.
    case subscriptionsTransportWS
    /// `graphql-transport-ws` first; the legacy protocol when the server refuses that subprotocol. The choice is
    /// kept for the client's later connections.
    case automatic
}

/// How a client runs subscriptions: the protocol, where the socket goes, and how it reconnects.
///
/// ```swift
/// var options = GraphQLClientOptions()
/// options.subscriptions.webSocketProtocol = .graphQLTransportWS
/// options.subscriptions.reconnectPolicy = RetryPolicy(maximumRetries: 10, initialBackoff: .seconds(1))
/// let client = GraphQLClient(endpoint: url, options: options, webSocket: NIOWebSocketConnector())
/// ```
public struct SubscriptionOptions: Sendable {
    /// The protocol; `nil` for the endpoint's own: the legacy protocol for `GraphQLClient.flatfile`, `.automatic`
    /// for any other API.
    public var webSocketProtocol: GraphQLWebSocketProtocol?
    /// The WebSocket URL; `nil` for the GraphQL endpoint's URL with `ws://` / `wss://` for `http://` / `https://`.
    public var url: URL?
    /// How often and how patiently a dropped connection is opened again; `maximumRetries` consecutive failed
    /// attempts end every subscription with a transport error.
    public var reconnectPolicy: RetryPolicy
    /// How a connection that went silent is noticed and treated as dropped (then reconnected).
    public var keepAlive: SubscriptionKeepAlive

    public init(
        webSocketProtocol: GraphQLWebSocketProtocol? = nil, url: URL? = nil,
        reconnectPolicy: RetryPolicy = RetryPolicy(
            maximumRetries: 6, initialBackoff: .milliseconds(500), maximumBackoff: .seconds(30)),
        keepAlive: SubscriptionKeepAlive = SubscriptionKeepAlive()
    ) {
        self.webSocketProtocol = webSocketProtocol
        self.url = url
        self.reconnectPolicy = reconnectPolicy
        self.keepAlive = keepAlive
    }
}

/// How a client notices a subscription socket whose peer is gone without closing it — a network that vanished, a
/// laptop that slept, a NAT or proxy entry that expired — which otherwise looks open, silently, for many minutes:
///
/// - graphql-transport-ws: after `pingInterval` with no message from the server the client sends `ping`; when no
///   message (the `pong`, or any other) follows within `timeout`, the connection counts as dropped and the
///   subscriptions reconnect.
/// - The legacy protocol has no client ping: its server's `ka` messages are the keep-alive. Once a `ka` has
///   arrived, `timeout` with no message from the server counts as a dropped connection, as in
///   subscriptions-transport-ws's own client (whose `timeout` is also 30 s). A server that never sends `ka` is
///   never timed out.
///
/// Pings are on by default: events can be hours apart (a batch waiting for review), graphql-transport-ws
/// servers do not ping on their own by default, and proxies commonly close connections idle for 60 s. A ping
/// every 30 s costs one small frame each way; the spec requires every server to answer it.
///
/// ```swift
/// var options = GraphQLClientOptions()
/// options.subscriptions.keepAlive = SubscriptionKeepAlive(pingInterval: .seconds(15), timeout: .seconds(5))
/// options.subscriptions.keepAlive = .off   // trust the socket
/// ```
public struct SubscriptionKeepAlive: Sendable {
    /// graphql-transport-ws: how long the connection may be quiet before the client pings; `nil` never to ping.
    public var pingInterval: Duration?
    /// How long to wait for a message after a ping (graphql-transport-ws), or since the last message once a `ka`
    /// arrived (legacy), before the connection counts as dropped; `nil` never to time out.
    public var timeout: Duration?
    /// What the two are measured on; a test passes a clock it moves itself.
    public var clock: any Clock<Duration>

    public init(
        pingInterval: Duration? = .seconds(30), timeout: Duration? = .seconds(30),
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.pingInterval = pingInterval
        self.timeout = timeout
        self.clock = clock
    }

    /// No pings and no timeout: a connection ends only when its socket says so.
    public static let off = SubscriptionKeepAlive(pingInterval: nil, timeout: nil)
}

/// The two wire protocols, by subprotocol name, and their messages as a client writes and reads them.
enum SubscriptionWire: String, Sendable {
    case transportWS = "graphql-transport-ws"
    case legacy = "graphql-ws"

    /// A message from the server.
    enum Incoming: Equatable {
        case connectionAck
        case connectionError(message: String?)
        case keepAlive
        case ping(payload: JSONValue?)
        case pong
        /// `next` / `data`: one result, as a response object.
        case next(id: String, payload: JSONValue)
        /// The operation failed: its errors.
        case error(id: String, errors: [GraphQLError])
        case complete(id: String)
    }

    func connectionInit(_ payload: JSONObject) -> String {
        message(["type": "connection_init", "payload": .object(payload)])
    }

    func subscribe(id: String, _ request: GraphQLRequest) -> String {
        message(["id": .string(id), "type": self == .transportWS ? "subscribe" : "start", "payload": request.jsonValue])
    }

    func complete(id: String) -> String {
        message(["id": .string(id), "type": self == .transportWS ? "complete" : "stop"])
    }

    /// graphql-transport-ws only: the legacy protocol has no client ping.
    var ping: String { message(["type": "ping"]) }

    func pong(_ payload: JSONValue?) -> String {
        var object: JSONObject = ["type": "pong"]
        if let payload { object["payload"] = payload }
        return message(object)
    }

    /// What the legacy protocol sends before closing; the current one just closes.
    var terminate: String? {
        self == .legacy ? message(["type": "connection_terminate"]) : nil
    }

    /// Reads a server message; `nil` for one this client does not know (ignored, as both protocols allow).
    func incoming(_ text: String) -> Incoming? {
        guard let object = (try? JSONValue(parsing: Data(text.utf8)))?.objectValue,
            let type = object["type"]?.stringValue
        else { return nil }
        let id = object["id"]?.stringValue
        let payload = object["payload"].flatMap { $0.isNull ? nil : $0 }
        switch type {
        case "connection_ack": return .connectionAck
        case "connection_error":
            return .connectionError(message: payload?["message"]?.stringValue ?? payload?.stringValue)
        case "ka": return .keepAlive
        case "ping": return .ping(payload: payload)
        case "pong": return .pong
        case "next", "data":
            guard let id, let payload else { return nil }
            return .next(id: id, payload: payload)
        case "error":
            guard let id else { return nil }
            // An array of errors (graphql-transport-ws), or one error object (some legacy servers).
            let errors = payload?.arrayValue ?? payload.map { [$0] } ?? []
            return .error(id: id, errors: errors.map(GraphQLError.init(json:)))
        case "complete":
            guard let id else { return nil }
            return .complete(id: id)
        default: return nil
        }
    }

    private func message(_ object: JSONObject) -> String {
        JSONValue.object(object).jsonString()
    }
}
