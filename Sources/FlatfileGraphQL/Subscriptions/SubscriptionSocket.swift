import Foundation

/// Where a client's subscriptions go and how they authenticate: the parts of the client the socket needs.
struct SubscriptionEndpoint: Sendable {
    /// How connection params carry the token.
    enum Credentials: Sendable {
        /// Flatfile's SDK: `{isWebSocket: true, headers: {authorization: "Bearer …"}}`.
        case flatfile
        /// `{authorization: "Bearer …"}`, as graphql-ws servers commonly read it.
        case standard
    }

    var url: URL
    var headers: [String: String]
    var tokenProvider: (any AccessTokenProvider)?
    var credentials: Credentials
    var webSocketProtocol: GraphQLWebSocketProtocol
    var options: GraphQLClientOptions
    var connector: any WebSocketConnector

    func connectionParams(token: AccessToken?) -> JSONObject {
        let authorization = token.map { JSONValue.string("Bearer \($0.value)") }
        switch credentials {
        case .flatfile:
            var headers = JSONObject()
            if let authorization { headers["authorization"] = authorization }
            return ["isWebSocket": true, "headers": .object(headers)]
        case .standard:
            return authorization.map { ["authorization": $0] } ?? [:]
        }
    }
}

/// What a subscription's consumer is handed: each response, and the end.
struct SubscriptionSink: Sendable {
    /// Takes one response; `false` when the consumer wants no more (it ended the stream itself).
    let deliver: @Sendable (GraphQLResponse) -> Bool
    /// The subscription is over: completed by the server (`nil`) or failed.
    let finish: @Sendable (GraphQLClientError?) -> Void
}

/// One WebSocket shared by all of a client's subscriptions: opened by the first, closed after the last ends.
///
/// It authenticates with `connection_init`, multiplexes operations by id, answers pings, pings a quiet
/// connection and treats one that stays silent as dropped (`SubscriptionKeepAlive`), and after a dropped
/// connection reconnects with backoff and jitter and subscribes every active operation again under its id.
/// Events are only ever read from the current socket, and the first event after a resubscription is dropped
/// when it repeats the last one delivered (servers that replay the current state on subscribe), so a reconnect
/// never duplicates an event. Events published while the socket was down are not replayed by the server and are
/// missed.
actor SubscriptionSocket {
    private struct Subscriber {
        let request: GraphQLRequest
        let sink: SubscriptionSink
        var lastDelivered: GraphQLResponse?
        /// Subscribed again after a reconnect, with no event since.
        var resubscribed = false
    }

    /// How one connection ended.
    private enum Ending {
        /// No subscriber is left.
        case idle
        /// The server refused the token: `connection_error`, or close code 4401/4403.
        case refused(token: AccessToken?, message: String?)
        /// The connection broke or could not be made; worth another try.
        case lost(TransportFailure.Kind, String)
        /// The server refused the subprotocol before acknowledging: try the legacy one now.
        case fallBack
        /// Nothing a reconnect would change.
        case failed(GraphQLClientError)
    }

    private let endpoint: SubscriptionEndpoint
    private let redactor: Redactor
    private var subscribers: [String: Subscriber] = [:]
    private var wire: SubscriptionWire
    private var connection: (any WebSocketConnection)?
    private var acknowledged = false
    private var running = false
    /// Counts connections, so a keep-alive watch acts only on the one it was started for.
    private var connectionNumber = 0
    /// Messages read from the current connection, and whether one was a legacy `ka`: what the keep-alive watches.
    private var messagesReceived = 0
    private var keepAliveSeen = false
    /// Why the keep-alive gave up on the current connection (it closed it), once it has.
    private var silence: Ending?

    nonisolated let endpointURL: URL
    nonisolated let endpointAllowsInsecure: Bool

    init(endpoint: SubscriptionEndpoint) {
        self.endpoint = endpoint
        endpointURL = endpoint.url
        endpointAllowsInsecure = endpoint.options.allowInsecureHTTP
        redactor = Redactor(headers: endpoint.headers, tokenProvider: endpoint.tokenProvider)
        wire = endpoint.webSocketProtocol == .subscriptionsTransportWS ? .legacy : .transportWS
    }

    // MARK: Subscribers

    func add(id: String, request: GraphQLRequest, sink: SubscriptionSink) async {
        subscribers[id] = Subscriber(request: request, sink: sink)
        if acknowledged, let connection {
            try? await connection.send(wire.subscribe(id: id, request))
        }
        if !running {
            running = true
            Task { await run() }
        }
    }

    /// Ends the subscription `id` (sending `complete`/`stop`), and closes the socket when it was the last.
    func remove(id: String) async {
        guard subscribers.removeValue(forKey: id) != nil else { return }
        guard acknowledged, let connection else { return }
        try? await connection.send(wire.complete(id: id))
        if subscribers.isEmpty { await close(connection) }
    }

    private func close(_ connection: any WebSocketConnection) async {
        if let terminate = wire.terminate { try? await connection.send(terminate) }
        await connection.close(code: 1000, reason: "no subscriptions left")
    }

    private func finishAll(_ error: GraphQLClientError?) {
        let ending = subscribers.values
        subscribers.removeAll()
        for subscriber in ending { subscriber.sink.finish(error) }
    }

    // MARK: The connection loop

    private func run() async {
        let policy = endpoint.options.subscriptions.reconnectPolicy
        var failures = 0
        var replacedToken = false
        while !subscribers.isEmpty {
            let ending = await serveOneConnection { failures = 0; replacedToken = false }
            switch ending {
            case .idle:
                continue
            case .fallBack:
                wire = .legacy
            case .refused(let token, let message):
                if !replacedToken, let token, let provider = endpoint.tokenProvider, await provider.invalidate(token) {
                    replacedToken = true
                    continue
                }
                finishAll(.authentication(AuthenticationFailure(
                    credentialKind: endpoint.tokenProvider?.credentialKind ?? .customHeaders,
                    credentialHint: endpoint.tokenProvider?.credentialHint, stage: .request, statusCode: nil,
                    serverMessage: message.map(redactor.redact), url: endpoint.url.safeDescription)))
            case .lost(let kind, let description):
                failures += 1
                guard failures <= policy.maximumRetries else {
                    finishAll(.transport(TransportFailure(
                        kind: kind, url: endpoint.url.safeDescription, underlying: redactor.redact(description),
                        attempts: failures)))
                    continue
                }
                try? await Task.sleep(for: policy.backoff(beforeRetry: failures - 1))
            case .failed(let error):
                finishAll(error)
            }
        }
        running = false
    }

    /// Opens a socket, authenticates, subscribes everything active and dispatches messages until the socket
    /// ends. `acknowledged` runs when the server accepted the connection.
    private func serveOneConnection(acknowledged onAcknowledged: () -> Void) async -> Ending {
        let token: AccessToken?
        do {
            token = try await endpoint.tokenProvider?.accessToken()
        } catch .transport(let failure) {
            return .lost(failure.kind, failure.underlying)
        } catch {
            return .failed(error)
        }
        let connection: any WebSocketConnection
        do {
            connection = try await endpoint.connector.connect(
                to: endpoint.url, subprotocols: [wire.rawValue],
                headers: endpoint.headers.merging(["User-Agent": endpoint.options.userAgent]) { mine, _ in mine })
        } catch is WebSocketUpgradeRefused where wire == .transportWS && endpoint.webSocketProtocol == .automatic {
            return .fallBack
        } catch let refused as WebSocketUpgradeRefused {
            return .failed(.transport(TransportFailure(
                kind: .cannotConnect, url: endpoint.url.safeDescription, underlying: refused.description, attempts: 1)))
        } catch {
            return .lost(.cannotConnect, "\(error)")
        }
        guard !subscribers.isEmpty else {
            await connection.close(code: 1000, reason: "no subscriptions left")
            return .idle
        }
        self.connection = connection
        connectionNumber += 1
        (messagesReceived, keepAliveSeen, silence) = (0, false, nil)
        let number = connectionNumber
        let keepAlive = Task { await watchKeepAlive(connection, number: number) }
        defer {
            keepAlive.cancel()
            self.connection = nil
            acknowledged = false
        }
        do {
            do {
                try await connection.send(wire.connectionInit(endpoint.connectionParams(token: token)))
            } catch {
                // A server that refuses the subprotocol closes right after the upgrade (4406); when its close frame
                // came first, the send fails, and only that frame says to fall back rather than reconnect.
                return await whyItClosed(connection, token: token) ?? .lost(.connectionLost, "\(error)")
            }
            while true {
                let incoming = try await connection.receive()
                if let silence { return silence }
                switch incoming {
                case .text(let text):
                    messagesReceived += 1
                    guard let message = wire.incoming(text) else { continue }
                    if let ending = await handle(message, on: connection, token: token, onAcknowledged: onAcknowledged) {
                        return ending
                    }
                case .closed(let code, let reason):
                    return ending(closeCode: code, reason: reason, token: token)
                }
            }
        } catch {
            return silence ?? (subscribers.isEmpty ? .idle : .lost(.connectionLost, "\(error)"))
        }
    }

    /// Pings a quiet graphql-transport-ws connection, and closes one that stays silent past the timeout, on the
    /// legacy protocol once a `ka` has shown that its server sends them (see `SubscriptionKeepAlive`). Quiet is
    /// judged per period: a message any time during one counts, so a ping goes out one to two intervals after the
    /// last message. Ends when its task is cancelled, with its connection.
    private func watchKeepAlive(_ connection: any WebSocketConnection, number: Int) async {
        let keepAlive = endpoint.options.subscriptions.keepAlive
        let period = wire == .transportWS ? keepAlive.pingInterval : keepAlive.timeout
        guard let period else { return }
        do {
            while true {
                let seen = messagesReceived
                try await keepAlive.clock.sleep(for: period)
                guard number == connectionNumber, messagesReceived == seen else { continue }
                switch wire {
                case .transportWS:
                    try? await connection.send(wire.ping)
                    guard let timeout = keepAlive.timeout else { continue }
                    try await keepAlive.clock.sleep(for: timeout)
                    // `seen`, not a count taken after the send: a pong may arrive while the ping is being sent.
                    guard number == connectionNumber, messagesReceived == seen else { continue }
                    return await giveUp(on: connection, "no answer to a ping within \(timeout)")
                case .legacy:
                    guard keepAliveSeen else { continue }
                    return await giveUp(on: connection, "no keep-alive from the server within \(period)")
                }
            }
        } catch {
            // Cancelled: the connection has ended.
        }
    }

    /// Ends a connection the keep-alive found silent: the receive loop reports it as lost, so it reconnects.
    private func giveUp(on connection: any WebSocketConnection, _ reason: String) async {
        guard !Task.isCancelled else { return }
        silence = .lost(.timedOut, reason)
        await connection.close(code: 1001, reason: "keep-alive timeout")
    }

    /// The close frame of a connection that can no longer be written to, if it received one: what came before it
    /// is skipped. A connection whose send failed is ending, so its `receive` soon gives the end.
    private func whyItClosed(_ connection: any WebSocketConnection, token: AccessToken?) async -> Ending? {
        do {
            while true {
                if case .closed(let code, let reason) = try await connection.receive() {
                    return ending(closeCode: code, reason: reason, token: token)
                }
            }
        } catch {
            return nil
        }
    }

    private func handle(
        _ message: SubscriptionWire.Incoming, on connection: any WebSocketConnection, token: AccessToken?,
        onAcknowledged: () -> Void
    ) async -> Ending? {
        switch message {
        case .connectionAck:
            acknowledged = true
            onAcknowledged()
            for (id, subscriber) in subscribers {
                subscribers[id]?.resubscribed = subscriber.lastDelivered != nil
                try? await connection.send(wire.subscribe(id: id, subscriber.request))
            }
        case .connectionError(let message):
            await connection.close(code: 1000, reason: "connection_error")
            return .refused(token: token, message: message)
        case .keepAlive:
            keepAliveSeen = true
        case .pong:
            break
        case .ping(let payload):
            try? await connection.send(wire.pong(payload))
        case .next(let id, let payload):
            if !deliver(payload, to: id), subscribers.removeValue(forKey: id) != nil {
                try? await connection.send(wire.complete(id: id))
            }
        case .error(let id, let errors):
            guard let subscriber = subscribers.removeValue(forKey: id) else { break }
            _ = subscriber.sink.deliver(redactor.redact(GraphQLResponse(data: nil, errors: errors)))
            subscriber.sink.finish(nil)
        case .complete(let id):
            subscribers.removeValue(forKey: id)?.sink.finish(nil)
        }
        if subscribers.isEmpty {
            await close(connection)
            return .idle
        }
        return nil
    }

    /// Hands one event to subscriber `id`; `false` when the subscription must end (its consumer stopped, or the
    /// event is unreadable).

    private func deliver(_ payload: JSONValue, to id: String) -> Bool {
        guard var subscriber = subscribers[id] else { return true }
        guard let response = GraphQLResponse(json: payload).map(redactor.redact) else {
            subscriber.sink.finish(.decoding(DecodingFailure(
                path: "", message: "an event is not a GraphQL response (no \"data\" or \"errors\")")))
            return false
        }
        // A server that replays its current state on subscribe would repeat what the consumer already has.
        let repeated = subscriber.resubscribed && response == subscriber.lastDelivered
        subscriber.resubscribed = false
        if !repeated { subscriber.lastDelivered = response }
        subscribers[id] = subscriber
        return repeated || subscriber.sink.deliver(response)
    }

    private func ending(closeCode code: Int?, reason: String?, token: AccessToken?) -> Ending {
        switch code {
        case 4401, 4403:
            return .refused(token: token, message: reason)
        case 4406 where !acknowledged && wire == .transportWS && endpoint.webSocketProtocol == .automatic:
            return .fallBack
        case 4400, 4406, 4409, 4429:
            return .failed(.transport(TransportFailure(
                kind: .other, url: endpoint.url.safeDescription,
                underlying: redactor.redact("the server closed the WebSocket with \(code ?? 0): \(reason ?? "")"),
                attempts: 1)))
        default:
            if subscribers.isEmpty { return .idle }
            return .lost(.connectionLost, "the server closed the WebSocket (\(code.map(String.init) ?? "no code"))")
        }
    }
}

extension SubscriptionSocket {
    /// Why the socket must not be opened: plain `ws://` to a host other than loopback, unless allowed, for the
    /// same reason as plain `http://` (the token would travel readable).
    nonisolated var insecureURLProblem: ConfigurationFailure? {
        let url = endpointURL
        guard url.scheme?.lowercased() == "ws", !endpointAllowsInsecure,
            !EndpointURLRule.isLoopback(host: url.host ?? "")
        else { return nil }
        return ConfigurationFailure(
            problem: "Refusing to open \(url.safeDescription) without TLS: the token would be readable on the way.",
            fix: "Use a wss:// (https://) endpoint, or set options.allowInsecureHTTP if this network is trusted.")
    }
}

// The endpoint holds the caller's headers (credentials among them): `print`, `dump` and debuggers show the URL only.
extension SubscriptionSocket: CustomStringConvertible, CustomReflectable {
    nonisolated var description: String { "SubscriptionSocket(\(endpointURL.safeDescription))" }
    nonisolated var customMirror: Mirror { Mirror(self, children: ["url": endpointURL.safeDescription]) }
}

extension SubscriptionEndpoint: CustomStringConvertible, CustomReflectable {
    var description: String { "SubscriptionEndpoint(\(url.safeDescription), \(headers.count) headers)" }
    var customMirror: Mirror { Mirror(self, children: ["url": url.safeDescription, "headers": "\(headers.count) redacted"]) }
}
