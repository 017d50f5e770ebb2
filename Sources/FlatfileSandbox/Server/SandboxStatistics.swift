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

    func recordDelay() {
        counts.withLock { $0.delayed += 1 }
    }

    func recordRequest(on route: SandboxRoute) {
        counts.withLock { $0.requests[route, default: 0] += 1 }
    }

    func recordExchange(on route: SandboxRoute) {
        counts.withLock { $0.exchanges[route, default: 0] += 1 }
    }

    func recordFault(on route: SandboxRoute) {
        counts.withLock { $0.faults[route, default: 0] += 1 }
    }
}
