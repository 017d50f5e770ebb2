import Foundation

/// How a sandbox server runs: where it listens, how it issues tokens, which faults it injects.
///
/// ```swift
/// let sandbox = try await SandboxServer.start(
///     SandboxConfiguration(maximumTokenLifetime: .seconds(5), faults: FaultInjection(rateLimitedShare: 0.2)))
/// ```
public struct SandboxConfiguration: Sendable {
    /// The address to listen on. Keep the default (loopback) unless other machines must reach the sandbox.
    public var host: String
    /// The port; 0 picks a free one (read it back from `SandboxServer.baseURL`).
    public var port: Int
    /// The longest a token lives, whatever lifetime the client asks for. Flatfile's own maximum is 24 hours.
    public var maximumTokenLifetime: Duration
    /// Random faults and added latency.
    public var faults: FaultInjection
    /// Seeds the demo data and the fault draws: the same seed gives the same data and the same faults.
    public var seed: UInt64
    /// GraphQL SDL to serve instead of the bundled Flatfile schema (root fields without sandbox data answer
    /// with an error).
    public var schemaSDL: String?
    /// The largest request body accepted; bigger bodies get 413.
    public var maximumBodySize: Int
    /// Stop when the process receives SIGINT or SIGTERM (for command-line use; tests leave it off).
    public var stopsOnTerminationSignals: Bool
    /// What time it is for issuing and checking tokens: the system clock, or a `ManualClock`'s `now` that a test
    /// shares with its client and moves instead of waiting.
    public var now: @Sendable () -> Date
    /// The WebSocket subprotocols `/graphql` accepts, in the order it prefers them when a client offers several;
    /// serve just one to see how a client copes with a server that refuses the other.
    public var webSocketProtocols: [SandboxWebSocketProtocol] = SandboxWebSocketProtocol.allCases
    /// Whether `/graphql` takes automatic persisted queries (document hashes); when not, a hash answers
    /// `PersistedQueryNotSupported`, as Apollo Server with `persistedQueries: false` does.
    public var persistedQueries = true

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        maximumTokenLifetime: Duration = .seconds(86_400),
        faults: FaultInjection = .none,
        seed: UInt64 = 2_024,
        schemaSDL: String? = nil,
        maximumBodySize: Int = 10 * 1024 * 1024,
        stopsOnTerminationSignals: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.maximumTokenLifetime = maximumTokenLifetime
        self.faults = faults
        self.seed = seed
        self.schemaSDL = schemaSDL
        self.maximumBodySize = maximumBodySize
        self.stopsOnTerminationSignals = stopsOnTerminationSignals
        self.now = now
    }

    func validate() throws(SandboxError) {
        guard (0...65_535).contains(port) else { throw .invalidConfiguration("port must be between 0 and 65535, got \(port)") }
        guard maximumTokenLifetime >= .seconds(1) else {
            throw .invalidConfiguration("maximumTokenLifetime must be at least 1 second")
        }
        guard maximumBodySize >= 1_024 else { throw .invalidConfiguration("maximumBodySize must be at least 1024 bytes") }
        guard !host.isEmpty else { throw .invalidConfiguration("host must not be empty") }
        try faults.validate()
    }
}
