/// Counters of what a running sandbox served, for tests that assert how a client behaved (how many exchanges,
/// how many retries).
///
/// ```swift
/// #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
/// ```
public final class SandboxStatistics: Sendable {
    private struct Counts {
        var requests: [SandboxRoute: Int] = [:]
        var exchanges: [SandboxRoute: Int] = [:]
        var faults: [SandboxRoute: Int] = [:]
        var delayed = 0
        var platform: [SandboxPlatformRequest] = []
        var platformInFlight = 0
        var platformPeakInFlight = 0
        /// Callers of `waitForRequests` not yet satisfied.
        var waiters: [(route: SandboxRoute, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var webSockets = WebSocketActivity()
        var persistedQueries = PersistedQueryActivity()
        /// Callers of `waitForWebSockets` not yet satisfied.
        var webSocketWaiters: [(condition: @Sendable (WebSocketActivity) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let counts = Locked(Counts())

    /// Requests that reached `route`, including those answered with a fault or an error.
    public func requests(on route: SandboxRoute) -> Int {
        counts.withLock { $0.requests[route, default: 0] }
    }

    /// Tokens issued by an auth route (`.accessKeyExchange` or `.platformAuth`).
    public func exchanges(on route: SandboxRoute) -> Int {
        counts.withLock { $0.exchanges[route, default: 0] }
    }

    /// Returns once `route` has received `count` requests (at once if it has): how a test knows a request is at
    /// the server — delayed there by a `.latency` fault, say — before it cancels the caller, without guessing a
    /// time to sleep.
    ///
    /// ```swift
    /// sandbox.faults.enqueue(.latency(.seconds(20)), count: 1, on: .graphql)
    /// let task = Task { try await client.fetch(GetBatchesQuery()) }
    /// await sandbox.statistics.waitForRequests(on: .graphql, count: 1)
    /// task.cancel()
    /// ```
    public func waitForRequests(on route: SandboxRoute, count: Int) async {
        await withCheckedContinuation { continuation in
            let reached = counts.withLock { counts in
                if counts.requests[route, default: 0] >= count { return true }
                counts.waiters.append((route, count, continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }

    /// Requests to `/graphql`, whatever their outcome.
    public var graphQLRequests: Int { requests(on: .graphql) }

    /// Faults served (scripted or random, excluding latency), on one route or on all when nil.
    public func faultsServed(on route: SandboxRoute? = nil) -> Int {
        counts.withLock { counts in
            route.map { counts.faults[$0, default: 0] } ?? counts.faults.values.reduce(0, +)
        }
    }

    /// Requests that were delayed, by the configured latency or a scripted `.latency` fault.
    public var delayedRequests: Int {
        counts.withLock { $0.delayed }
    }

    /// Every platform API request (`GET /v1/…`), in arrival order, with its query string as sent.
    ///
    /// ```swift
    /// let targets = sandbox.statistics.platformRequests.map(\.target)   // ["GET /v1/environments?pageSize=100", …]
    /// #expect(Set(targets).count == targets.count)                    // no request repeated
    /// ```
    public var platformRequests: [SandboxPlatformRequest] {
        counts.withLock { $0.platform }
    }

    /// How many platform requests went to `path` (e.g. `"/v1/events"`), whatever their query string.
    public func platformRequests(to path: String) -> Int {
        counts.withLock { $0.platform.filter { $0.path == path }.count }
    }

    /// The most platform requests the server was handling at one time (latency included): above 1 shows a
    /// client's calls overlapped instead of running one after another.
    public var peakConcurrentPlatformRequests: Int {
        counts.withLock { $0.platformPeakInFlight }
    }

    /// Counts a platform request as in flight until `body` returns.
    func trackingPlatformRequest<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        counts.withLock { counts in
            counts.platformInFlight += 1
            counts.platformPeakInFlight = max(counts.platformPeakInFlight, counts.platformInFlight)
        }
        defer { counts.withLock { $0.platformInFlight -= 1 } }
        return try await body()
    }

    func recordPlatformRequest(_ request: SandboxPlatformRequest) {
        counts.withLock { $0.platform.append(request) }
    }

    func recordDelay() {
        counts.withLock { $0.delayed += 1 }
    }

    func recordRequest(on route: SandboxRoute) {
        let satisfied = counts.withLock { counts in
            counts.requests[route, default: 0] += 1
            let total = counts.requests[route, default: 0]
            let satisfied = counts.waiters.filter { $0.route == route && $0.count <= total }.map(\.continuation)
            counts.waiters.removeAll { $0.route == route && $0.count <= total }
            return satisfied
        }
        for continuation in satisfied { continuation.resume() }
    }

    // MARK: WebSockets

    /// What the WebSocket side of `/graphql` has done so far.
    public var webSockets: WebSocketActivity {
        counts.withLock { $0.webSockets }
    }

    /// Returns once the WebSocket activity satisfies `condition` (at once if it does): how a test knows that a
    /// subscription is in place before it mutates, or that a cancelled client closed its socket, without sleeping.
    ///
    /// ```swift
    /// await sandbox.statistics.waitForWebSockets { $0.activeSubscriptions == 1 }
    /// task.cancel()
    /// await sandbox.statistics.waitForWebSockets { $0.open == 0 }
    /// ```
    public func waitForWebSockets(until condition: @escaping @Sendable (WebSocketActivity) -> Bool) async {
        await withCheckedContinuation { continuation in
            let reached = counts.withLock { counts in
                if condition(counts.webSockets) { return true }
                counts.webSocketWaiters.append((condition, continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }

    func recordWebSocket(_ change: (inout WebSocketActivity) -> Void) {
        let satisfied = counts.withLock { counts in
            change(&counts.webSockets)
            let activity = counts.webSockets
            let satisfied = counts.webSocketWaiters.filter { $0.condition(activity) }.map(\.continuation)
            counts.webSocketWaiters.removeAll { $0.condition(activity) }
            return satisfied
        }
        for continuation in satisfied { continuation.resume() }
    }

    /// What automatic persisted queries did: hashes answered, hashes not known, documents registered.
    public var persistedQueries: PersistedQueryActivity { counts.withLock { $0.persistedQueries } }

    func recordPersistedQuery(_ change: (inout PersistedQueryActivity) -> Void) {
        counts.withLock { change(&$0.persistedQueries) }
    }

    func recordExchange(on route: SandboxRoute) {
        counts.withLock { $0.exchanges[route, default: 0] += 1 }
    }

    func recordFault(on route: SandboxRoute) {
        counts.withLock { $0.faults[route, default: 0] += 1 }
    }
}

/// One request the platform API received, as `SandboxStatistics.platformRequests` lists it.
public struct SandboxPlatformRequest: Sendable, Equatable, CustomStringConvertible {
    /// e.g. `"GET"`.
    public let method: String
    /// e.g. `"/v1/events"`.
    public let path: String
    /// The query string as sent (still percent-encoded), or nil without one, e.g. `"since=…&pageNumber=2"`.
    public let query: String?
    /// Whether it carried `X-Disable-Hooks: true`, as Flatfile's clients send on every call.
    public let disablesHooks: Bool
    /// The status answered (an injected fault's too); nil when an injected fault dropped the connection.
    public let status: Int?
    /// The injected fault it was answered with (`SandboxFault.description`), or nil.
    public let fault: String?

    /// `"GET /v1/events?since=…"`: what identifies the request when counting repeats.
    public var target: String { "\(method) \(path)" + (query.map { "?\($0)" } ?? "") }

    public var description: String { target }
}

/// Counters of the WebSocket connections to `/graphql`, as `SandboxStatistics.webSockets` reports them.
public struct WebSocketActivity: Sendable, Equatable {
    /// Sockets upgraded so far.
    public var opened = 0
    /// Sockets open now.
    public var open = 0
    /// `connection_init` messages received.
    public var connectionInits = 0
    /// `connection_init` messages refused: bad credentials or an injected refusal.
    public var refusedConnectionInits = 0
    /// Subscriptions started (`subscribe` / `start` accepted), over all sockets.
    public var subscriptionsStarted = 0
    /// Subscriptions running now, over all sockets.
    public var activeSubscriptions = 0
    /// Events sent (`next` / `data`), over all sockets.
    public var eventsSent = 0
    /// Sockets the fault controls dropped.
    public var dropped = 0
    /// graphql-transport-ws `ping` messages received (counted once answered, when they are).
    public var pingsReceived = 0

    public init() {}
}
