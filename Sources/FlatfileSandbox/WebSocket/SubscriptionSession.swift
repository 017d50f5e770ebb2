import GraphQL
import HummingbirdWebSocket
import NIOWebSocket

/// One WebSocket connection to `/graphql`: authorises `connection_init` as HTTP requests are authorised, runs
/// each operation it is sent (many at once), and enforces the protocol's rules with its close codes.
actor SubscriptionSession {
    /// What the connection does after a message.
    enum Outcome {
        case proceed
        case close(WebSocketErrorCode, reason: String)
    }

    struct Services: Sendable {
        let endpoint: GraphQLEndpoint
        let issuer: TokenIssuer
        let faults: SandboxFaults
        let statistics: SandboxStatistics
    }

    /// How often the legacy protocol sends `ka` (its reference server's default is none; Flatfile's SDK expects one).
    static let keepAliveInterval: Duration = .seconds(10)

    private let wire: SandboxWebSocketProtocol
    private let services: Services
    private let outbound: WebSocketOutboundWriter
    /// The `Authorization` header of the upgrade request, used when `connection_init` carries no credential.
    private let upgradeAuthorization: String?
    /// Drops the connection without a close frame (fault injection).
    private let drop: @Sendable () -> Void
    private let dropAfterEvents: Int?

    private var initialised = false
    private var scope: AccessScope?
    private var operations: [String: (serial: Int, task: Task<Void, Never>)] = [:]
    private var serial = 0
    private var eventsSent = 0
    private var keepAlive: Task<Void, Never>?

    init(
        wire: SandboxWebSocketProtocol, services: Services, outbound: WebSocketOutboundWriter,
        upgradeAuthorization: String?, drop: @escaping @Sendable () -> Void, dropAfterEvents: Int?
    ) {
        self.wire = wire
        self.services = services
        self.outbound = outbound
        self.upgradeAuthorization = upgradeAuthorization
        self.drop = drop
        self.dropAfterEvents = dropAfterEvents
    }

    func handle(_ text: String) async -> Outcome {
        guard let message = ClientMessage(text, wire: wire) else {
            switch wire {
            case .graphQLTransportWS:
                return .close(.unknown(TransportWSClose.badRequest.rawValue), reason: "Invalid message received")
            case .subscriptionsTransportWS:
                await send(.connectionError(message: "Invalid message type!"))
                return .proceed
            }
        }
        switch message {
        case .connectionInit(let payload):
            return await initialise(payload)
        case .ping(let payload):
            if !services.faults.webSocketKeepAliveMuted { await send(.pong(payload: payload)) }
            services.statistics.recordWebSocket { $0.pingsReceived += 1 }
        case .pong, .keepAlive:
            break
        case .subscribe(let id, let payload):
            guard let scope else {
                switch wire {
                case .graphQLTransportWS:
                    return .close(.unknown(TransportWSClose.unauthorized.rawValue), reason: "Unauthorized")
                case .subscriptionsTransportWS:
                    await send(.error(id: id, errors: [["message": "Unauthorized: send connection_init first"]]))
                    return .proceed
                }
            }
            if let running = operations[id] {
                // The legacy protocol replaces an operation started again under the same id; the current one refuses.
                guard wire == .subscriptionsTransportWS else {
                    return .close(
                        .unknown(TransportWSClose.subscriberAlreadyExists.rawValue),
                        reason: "Subscriber for \(id) already exists")
                }
                running.task.cancel()
            }
            start(id: id, payload: payload, scope: scope)
        case .complete(let id):
            operations.removeValue(forKey: id)?.task.cancel()
        case .terminate:
            return .close(.normalClosure, reason: "connection_terminate")
        }
        return .proceed
    }

    /// Cancels every operation and the keep-alive; the connection is going away.
    func stop() {
        for operation in operations.values { operation.task.cancel() }
        operations.removeAll()
        keepAlive?.cancel()
    }

    // MARK: connection_init

    private func initialise(_ payload: Map?) async -> Outcome {
        services.statistics.recordWebSocket { $0.connectionInits += 1 }
        if initialised, wire == .graphQLTransportWS {
            return .close(
                .unknown(TransportWSClose.tooManyInitialisationRequests.rawValue), reason: "Too many initialisation requests")
        }
        initialised = true
        let refusal: String?
        if services.faults.takeConnectionInitRefusal() {
            refusal = "Unauthorized (refused by the sandbox's fault injection)"
        } else {
            do {
                scope = try services.issuer.scope(forAuthorization: Self.authorization(in: payload) ?? upgradeAuthorization)
                refusal = nil
            } catch {
                refusal = "Unauthorized: \(error.message)"
            }
        }
        if let refusal {
            scope = nil
            services.statistics.recordWebSocket { $0.refusedConnectionInits += 1 }
            switch wire {
            case .graphQLTransportWS:
                return .close(.unknown(TransportWSClose.forbidden.rawValue), reason: "Forbidden")
            case .subscriptionsTransportWS:
                await send(.connectionError(message: refusal))
                return .close(.unexpectedServerError, reason: "connection_error")
            }
        }
        await send(.connectionAck)
        if wire == .subscriptionsTransportWS {
            await sendKeepAlive()
            keepAlive = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.keepAliveInterval)
                    await self?.sendKeepAlive()
                }
            }
        }
        return .proceed
    }

    /// The `Authorization` value in connection params: Flatfile's `{headers: {authorization}}`, or a top-level
    /// `authorization` / `Authorization` as other clients send it.
    static func authorization(in payload: Map?) -> String? {
        guard let params = payload?.dictionary else { return nil }
        let headers = params["headers"]?.dictionary
        let candidates = [headers?["authorization"], headers?["Authorization"], params["authorization"], params["Authorization"]]
        return candidates.lazy.compactMap { $0?.string }.first
    }

    // MARK: Operations

    private func start(id: String, payload: Map, scope: AccessScope) {
        serial += 1
        let serial = serial
        let task = Task { await self.run(id: id, payload: payload, scope: scope, serial: serial) }
        operations[id] = (serial, task)
    }

    private func run(id: String, payload: Map, scope: AccessScope, serial: Int) async {
        switch await services.endpoint.start(payload, scope: scope) {
        case .refused(let errors):
            await send(.error(id: id, errors: errors))
        case .single(let body):
            await send(.next(id: id, payload: body))
            await send(.complete(id: id))
        case .events(let events):
            services.statistics.recordWebSocket {
                $0.subscriptionsStarted += 1
                $0.activeSubscriptions += 1
            }
            do {
                for try await body in events {
                    await send(.next(id: id, payload: body))
                    services.statistics.recordWebSocket { $0.eventsSent += 1 }
                    eventsSent += 1
                    if eventsSent == dropAfterEvents {
                        services.statistics.recordWebSocket { $0.dropped += 1 }
                        drop()
                    }
                }
            } catch {
                await send(.error(id: id, errors: [["message": .string("\(error)")]]))
            }
            services.statistics.recordWebSocket { $0.activeSubscriptions -= 1 }
            // A client's own `complete`/`stop` cancelled it: nothing more to say.
            if !Task.isCancelled { await send(.complete(id: id)) }
        }
        if operations[id]?.serial == serial { operations.removeValue(forKey: id) }
    }

    private func sendKeepAlive() async {
        if !services.faults.webSocketKeepAliveMuted { await send(.keepAlive) }
    }

    private func send(_ message: ServerMessage) async {
        try? await outbound.writeTextMessage(message.text(in: wire))
    }
}
