import Foundation
import GraphQL
import Hummingbird
import HummingbirdWebSocket
import Logging

/// A local Flatfile-compatible API server: the auth endpoints, the legacy GraphQL endpoint over the bundled
/// schema with seeded demo data (its subscriptions over WebSockets on the same path, in both protocols), the platform REST API (`GET /v1/…`, see `platform`), and fault injection.
///
/// ```swift
/// let sandbox = try await SandboxServer.start()
/// // POST {baseURL}/auth/access-key/exchange with SandboxDemo.accessKeyId and .secretAccessKey,
/// // then POST sandbox.graphQLURL with "Authorization: Bearer <accessToken>".
/// sandbox.faults.enqueue(.status429(retryAfter: 1), count: 1, on: .graphql)   // the next GraphQL call gets 429
/// await sandbox.stop()
/// ```
public final class SandboxServer: Sendable {
    /// The server's root URL with the port it really listens on, e.g. `http://127.0.0.1:54321`.
    public let baseURL: URL
    /// The port the server listens on.
    public let port: Int
    /// Scripted faults for the next requests.
    public let faults: SandboxFaults
    /// What the server has served so far.
    public let statistics: SandboxStatistics
    /// How long seeding the data and building the schema took.
    public let startupTime: Duration
    /// The platform account served under `{baseURL}/v1/…` (Flatfile's platform REST API; a client's platform URL
    /// is `baseURL`), for checking a client's answers against the seed.
    ///
    /// ```swift
    /// let withAgents = Set(sandbox.platform.agents.map(\.environmentId))   // environments with agents deployed
    /// ```
    public let platform: SandboxPlatformData

    private let issuer: TokenIssuer
    private let running: Task<Void, any Error>

    /// The GraphQL endpoint, `baseURL` + `/graphql`.
    public var graphQLURL: URL { baseURL.appendingPathComponent("graphql") }

    private init(
        baseURL: URL, port: Int, faults: SandboxFaults, statistics: SandboxStatistics, startupTime: Duration,
        platform: SandboxPlatformData, issuer: TokenIssuer, running: Task<Void, any Error>
    ) {
        self.baseURL = baseURL
        self.port = port
        self.faults = faults
        self.statistics = statistics
        self.startupTime = startupTime
        self.platform = platform
        self.issuer = issuer
        self.running = running
    }

    /// Seeds the data, builds the schema, and returns once the server listens.
    ///
    /// Throws `SandboxError` when the configuration is invalid, the schema is missing or invalid, or the port
    /// cannot be bound.
    public static func start(_ configuration: SandboxConfiguration = .init()) async throws -> SandboxServer {
        try configuration.validate()
        let clock = ContinuousClock()
        let began = clock.now
        let schema = try SandboxSchema.build(sdl: configuration.schemaSDL ?? SandboxSchema.bundledSDL())
        let store = SandboxStore(seed: configuration.seed)
        let platform = SandboxPlatformData.seeded(seed: configuration.seed)
        let startupTime = clock.now - began

        let issuer = TokenIssuer(maximumLifetime: configuration.maximumTokenLifetime, now: configuration.now)
        let statistics = SandboxStatistics()
        let faults = SandboxFaults(injection: configuration.faults, seed: configuration.seed)
        let address = Locked("")
        let graphQL = GraphQLEndpoint(
            schema: schema, issuer: issuer, store: store, bodyLimit: configuration.maximumBodySize, baseURL: address,
            persisted: PersistedQueryStore(isEnabled: configuration.persistedQueries, statistics: statistics))
        let webSockets = WebSocketUpgrade(
            services: .init(endpoint: graphQL, issuer: issuer, faults: faults, statistics: statistics),
            served: configuration.webSocketProtocols, maximumMessageSize: configuration.maximumBodySize)
        let responder = SandboxResponder(
            auth: AuthEndpoints(issuer: issuer, statistics: statistics, bodyLimit: configuration.maximumBodySize),
            graphQL: graphQL,
            platform: PlatformEndpoint(data: platform, issuer: issuer),
            store: store,
            bodyLimit: configuration.maximumBodySize,
            faults: faults,
            statistics: statistics
        )
        let bound = BindSignal()
        var logger = Logger(label: "fgql.sandbox")
        logger.logLevel = .critical
        let application = Application(
            responder: responder,
            server: .http1WebSocketUpgrade(configuration: webSockets.configuration, shouldUpgrade: webSockets.shouldUpgrade),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "fgql-sandbox"),
            onServerRunning: { channel in
                bound.resume(with: .success(channel.localAddress?.port ?? configuration.port))
            },
            logger: logger
        )
        let handlesSignals = configuration.stopsOnTerminationSignals
        let running = Task {
            do {
                if handlesSignals {
                    try await application.runService()
                } else {
                    try await application.runService(gracefulShutdownSignals: [])
                }
                bound.resume(with: .failure(SandboxError.cannotListen(
                    host: configuration.host, port: configuration.port, reason: "the server stopped before listening")))
            } catch {
                bound.resume(with: .failure(SandboxError.cannotListen(
                    host: configuration.host, port: configuration.port, reason: "\(error)")))
                throw error
            }
        }
        let port: Int
        do {
            port = try await bound.value()
        } catch {
            running.cancel()
            _ = await running.result
            throw error
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        guard let baseURL = URL(string: "http://\(host):\(port)") else {
            running.cancel()
            _ = await running.result
            throw SandboxError.invalidConfiguration("host \"\(configuration.host)\" does not form a valid URL")
        }
        address.withLock { $0 = baseURL.absoluteString }
        return SandboxServer(
            baseURL: baseURL, port: port, faults: faults, statistics: statistics, startupTime: startupTime,
            platform: platform, issuer: issuer, running: running)
    }

    /// Stops listening and closes open connections; returns when the server is down. Calling it again does
    /// nothing.
    public func stop() async {
        running.cancel()
        _ = await running.result
    }

    /// Waits until the server stops: by `stop()`, or by SIGINT/SIGTERM when started with
    /// `stopsOnTerminationSignals`.
    public func waitUntilStopped() async {
        _ = await running.result
    }

    /// Refuses every token issued so far (as if the user revoked them); the next GraphQL request with one of
    /// them answers Unauthorized. Keys and the Personal Access Token keep working, and new exchanges work.
    public func revokeIssuedTokens() {
        issuer.revokeIssuedTokens()
    }
}

/// Hands the bound port (or the failure to bind) from the server task to `start`, exactly once.
private final class BindSignal: Sendable {
    private let state = Locked<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>((nil, nil))

    func resume(with result: Result<Int, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Int, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Int, any Error>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

/// Runs `body` against a sandbox of its own on a free loopback port and stops the sandbox afterwards, whether
/// `body` returns or throws: the way tests and offline tools use one.
///
/// ```swift
/// let batches = try await withSandbox { sandbox in
///     let client = GraphQLClient.flatfile(
///         credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
///         apiURL: sandbox.baseURL)
///     return try await client.fetch(GetBatchesQuery(licenseKey: SandboxDemo.licenseKey))
/// }
/// ```
public func withSandbox<Result>(
    _ configuration: SandboxConfiguration = SandboxConfiguration(),
    _ body: (SandboxServer) async throws -> Result
) async throws -> Result {
    let sandbox = try await SandboxServer.start(configuration)
    do {
        let result = try await body(sandbox)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}
