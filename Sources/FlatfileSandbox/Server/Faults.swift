/// A failure the sandbox can answer a request with instead of the normal response.
public enum SandboxFault: Sendable, Equatable, CustomStringConvertible {
    /// HTTP 429 with a `Retry-After` header (seconds) and Flatfile's `{statusCode, message, error}` body.
    case status429(retryAfter: Int)
    /// HTTP 500 with Flatfile's error body.
    case status500
    /// HTTP 503 with a `Retry-After: 1` header and Flatfile's error body.
    case status503
    /// Closes the connection without answering: the client sees a connection error, not a response.
    case dropConnection
    /// HTTP 200 with a truncated, unparseable JSON body.
    case malformedBody
    /// Waits this long, then answers normally.
    case latency(Duration)

    public var description: String {
        switch self {
        case .status429(let retryAfter): "429 (Retry-After: \(retryAfter))"
        case .status500: "500"
        case .status503: "503"
        case .dropConnection: "dropped connection"
        case .malformedBody: "malformed body"
        case .latency(let duration): "latency \(duration)"
        }
    }
}

/// Random fault injection for a whole server: added latency and the share (0…1) of requests answered with each
/// fault. Draws come from a generator seeded by `SandboxConfiguration.seed`, so a run repeats.
///
/// ```swift
/// let sandbox = try await SandboxServer.start(.init(faults: .init(latency: .milliseconds(50), rateLimitedShare: 0.1)))
/// ```
public struct FaultInjection: Sendable, Equatable {
    /// Added to every request before it is answered.
    public var latency: Duration
    /// Up to this much more latency, drawn at random for each request answered without a fault.
    public var latencyJitter: Duration
    /// Share of requests answered 429 with `Retry-After: retryAfterSeconds`.
    public var rateLimitedShare: Double
    /// The `Retry-After` value of random 429 answers.
    public var retryAfterSeconds: Int
    /// Share of requests answered 500.
    public var serverErrorShare: Double
    /// Share of requests answered 503.
    public var unavailableShare: Double
    /// Share of requests whose connection is closed without an answer.
    public var droppedConnectionShare: Double
    /// Share of requests answered 200 with a malformed JSON body.
    public var malformedBodyShare: Double

    public init(
        latency: Duration = .zero,
        latencyJitter: Duration = .zero,
        rateLimitedShare: Double = 0,
        retryAfterSeconds: Int = 1,
        serverErrorShare: Double = 0,
        unavailableShare: Double = 0,
        droppedConnectionShare: Double = 0,
        malformedBodyShare: Double = 0
    ) {
        self.latency = latency
        self.latencyJitter = latencyJitter
        self.rateLimitedShare = rateLimitedShare
        self.retryAfterSeconds = retryAfterSeconds
        self.serverErrorShare = serverErrorShare
        self.unavailableShare = unavailableShare
        self.droppedConnectionShare = droppedConnectionShare
        self.malformedBodyShare = malformedBodyShare
    }

    /// No faults.
    public static let none = FaultInjection()

    /// The shares with the fault each stands for, in draw order.
    var shares: [(share: Double, fault: SandboxFault)] {
        [
            (rateLimitedShare, .status429(retryAfter: retryAfterSeconds)),
            (serverErrorShare, .status500),
            (unavailableShare, .status503),
            (droppedConnectionShare, .dropConnection),
            (malformedBodyShare, .malformedBody),
        ]
    }

    /// Checks the values, naming the one that is wrong.
    func validate() throws(SandboxError) {
        let named: [(String, Double)] = [
            ("rateLimitedShare", rateLimitedShare), ("serverErrorShare", serverErrorShare),
            ("unavailableShare", unavailableShare), ("droppedConnectionShare", droppedConnectionShare),
            ("malformedBodyShare", malformedBodyShare),
        ]
        for (name, share) in named where !(0...1).contains(share) {
            throw .invalidConfiguration("\(name) must be between 0 and 1, got \(share)")
        }
        let total = named.map(\.1).reduce(0, +)
        guard total <= 1 else {
            throw .invalidConfiguration("The fault shares add up to \(total); together they must be at most 1")
        }
        guard latency >= .zero else { throw .invalidConfiguration("latency must not be negative") }
        guard latencyJitter >= .zero else { throw .invalidConfiguration("latencyJitter must not be negative") }
        guard retryAfterSeconds >= 0 else { throw .invalidConfiguration("retryAfterSeconds must not be negative") }
    }
}

/// The fault controls of a running server: scripted faults for the next requests, on top of the random
/// `FaultInjection` it was started with.
///
/// ```swift
/// sandbox.faults.enqueue(.status429(retryAfter: 1), count: 1, on: .graphql)
/// ```
public final class SandboxFaults: Sendable {
    private struct State {
        var scripted: [(fault: SandboxFault, route: SandboxRoute?)] = []
        var generator: SeededGenerator
    }

    private let injection: FaultInjection
    private let state: Locked<State>

    init(injection: FaultInjection, seed: UInt64) {
        self.injection = injection
        state = Locked(State(generator: SeededGenerator(seed: seed ^ 0xFA17)))
    }

    /// Answers the next `count` requests to `route` (any route when nil) with `fault`, in the order enqueued.
    public func enqueue(_ fault: SandboxFault, count: Int = 1, on route: SandboxRoute? = nil) {
        state.withLock { state in
            state.scripted += Array(repeating: (fault, route), count: max(0, count))
        }
    }

    /// Forgets every scripted fault not served yet.
    public func removeAllScripted() {
        state.withLock { $0.scripted.removeAll() }
    }

    /// How many scripted faults wait to be served.
    public var pendingCount: Int {
        state.withLock { $0.scripted.count }
    }

    /// The fault for a request to `route`: the first scripted one that applies, else a random draw, else a random
    /// share of `latencyJitter`.
    func next(for route: SandboxRoute) -> SandboxFault? {
        state.withLock { state in
            if let index = state.scripted.firstIndex(where: { $0.route == nil || $0.route == route }) {
                return state.scripted.remove(at: index).fault
            }
            let shares = injection.shares
            if shares.contains(where: { $0.share > 0 }) {
                var roll = Double.random(in: 0..<1, using: &state.generator)
                for (share, fault) in shares {
                    if roll < share { return fault }
                    roll -= share
                }
            }
            guard injection.latencyJitter > .zero else { return nil }
            return .latency(injection.latencyJitter * Double.random(in: 0..<1, using: &state.generator))
        }
    }

    var latency: Duration { injection.latency }

    // MARK: WebSocket faults

    private struct WebSocketFaults {
        var refusedInits = 0
        var dropsAfterEvents: [Int] = []
        var openSockets: [Int: @Sendable () -> Void] = [:]
        var nextSocket = 0
        var keepAliveMuted = false
    }

    private let webSockets = Locked(WebSocketFaults())

    /// Refuses the next `count` `connection_init` messages as if their token were bad: `connection_error` on the
    /// legacy protocol, close code 4403 on graphql-transport-ws.
    ///
    /// ```swift
    /// sandbox.faults.refuseConnectionInits(count: 1)   // the client refreshes its token and connects again
    /// ```
    public func refuseConnectionInits(count: Int = 1) {
        webSockets.withLock { $0.refusedInits += max(0, count) }
    }

    /// Drops the next WebSocket opened once it has sent `events` events: the connection closes without a close
    /// frame, as when a network goes away.
    public func dropWebSocket(afterEvents events: Int) {
        webSockets.withLock { $0.dropsAfterEvents.append(max(0, events)) }
    }

    /// Drops every open WebSocket now, without a close frame. Returns how many were open.
    @discardableResult
    public func dropOpenWebSockets() -> Int {
        let closers = webSockets.withLock { state in
            defer { state.openSockets.removeAll() }
            return Array(state.openSockets.values)
        }
        for close in closers { close() }
        return closers.count
    }

    /// Makes every WebSocket fall silent as a connection whose server is gone would, while it stays open: no
    /// `pong` to a client's `ping`, no legacy `ka` (pass `false` to end it). Events and other answers still go out.
    ///
    /// ```swift
    /// sandbox.faults.muteWebSocketKeepAlive()   // the client's keep-alive should give up and reconnect
    /// ```
    public func muteWebSocketKeepAlive(_ muted: Bool = true) {
        webSockets.withLock { $0.keepAliveMuted = muted }
    }

    var webSocketKeepAliveMuted: Bool { webSockets.withLock { $0.keepAliveMuted } }

    /// Whether to refuse the `connection_init` at hand.
    func takeConnectionInitRefusal() -> Bool {
        webSockets.withLock { state in
            guard state.refusedInits > 0 else { return false }
            state.refusedInits -= 1
            return true
        }
    }

    /// Registers an open socket with what drops it; returns its id and after how many events to drop it, if
    /// a `dropWebSocket(afterEvents:)` applies to it.
    func registerWebSocket(drop: @escaping @Sendable () -> Void) -> (id: Int, dropAfterEvents: Int?) {
        webSockets.withLock { state in
            state.nextSocket += 1
            state.openSockets[state.nextSocket] = drop
            let dropAfter = state.dropsAfterEvents.isEmpty ? nil : state.dropsAfterEvents.removeFirst()
            return (state.nextSocket, dropAfter)
        }
    }

    func unregisterWebSocket(_ id: Int) {
        _ = webSockets.withLock { $0.openSockets.removeValue(forKey: id) }
    }
}
