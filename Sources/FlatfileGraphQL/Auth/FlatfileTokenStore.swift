import Foundation

/// Supplies the bearer token for requests and replaces it when the server refuses it.
///
/// `FlatfileTokenStore` is the implementation for Flatfile credentials; an endpoint that needs the same token
/// (an in-process endpoint calling a REST API, for example) asks the same provider.
public protocol AccessTokenProvider: Sendable {
    /// Which credential the tokens come from, for error messages.
    var credentialKind: CredentialKind { get }
    /// A safe hint of which credential it is (key id, email, key prefix); never a secret.
    var credentialHint: String { get }
    /// A token that is valid now (refreshed first if it is about to expire).
    func accessToken() async throws(GraphQLClientError) -> AccessToken
    /// Forgets `token` after the server refused it. Returns whether a different token can be obtained — `false`
    /// for credentials that are used directly, where retrying would send the same refused token.
    func invalidate(_ token: AccessToken) async -> Bool
}

/// Caches one client's token and refreshes it: before it expires, and once when the server refuses it.
///
/// Concurrent callers share one exchange (single flight): a thousand requests started on an expired token cause
/// one exchange, and they all wait for it. A caller that is cancelled stops waiting at once; the exchange finishes
/// for the others. Tokens can be kept between runs with a `TokenPersistence`.
///
/// ```swift
/// let store = FlatfileTokenStore(credentials: .accessKey(id: "…", secret: "…"))
/// let token = try await store.accessToken()
/// print(token.expiresAt ?? "never")
/// ```
public actor FlatfileTokenStore: AccessTokenProvider {
    public nonisolated let credentials: FlatfileCredentials
    public nonisolated var credentialKind: CredentialKind { credentials.kind }
    public nonisolated var credentialHint: String { credentials.publicHint }

    private let exchange: TokenExchange?
    private let clock: WallClock
    private let persistence: (any TokenPersistence)?
    /// Where this credential's token is persisted, when it is.
    public nonisolated let persistenceKey: String?
    private var current: AccessToken?
    private var checkedPersistence = false
    private var refreshing = false
    private var waiters: [UUID: CheckedContinuation<Result<AccessToken, GraphQLClientError>, Never>] = [:]

    /// How many exchanges this store has started: 0 for direct credentials.
    public private(set) var exchangeCount = 0
    /// Why the last token could not be persisted (an unwritable cache directory, say); `nil` after a success.
    /// The token still works for this process; the next one exchanges again.
    public private(set) var persistenceFailure: String?

    /// A store for `credentials`. Access keys are exchanged at `{apiURL}/auth/access-key/exchange`; API
    /// credentials and user credentials at `{platformURL}/v1/auth`.
    public init(
        credentials: FlatfileCredentials, apiURL: URL = FlatfileConfiguration.defaultAPIURL,
        platformURL: URL = FlatfileConfiguration.defaultPlatformURL, persistence: (any TokenPersistence)? = nil,
        options: GraphQLClientOptions = GraphQLClientOptions(), transport: any HTTPTransport = URLSessionTransport.shared
    ) {
        self.credentials = credentials
        clock = options.clock
        let pipeline = HTTPPipeline(transport: transport, options: options)
        exchange = TokenExchange(credentials: credentials, apiURL: apiURL, platformURL: platformURL, pipeline: pipeline)
        self.persistence = exchange == nil ? nil : persistence
        persistenceKey = exchange.flatMap { exchange in
            persistence.map { exchange.persistenceKey + " " + $0.fingerprint(ofSecret: credentials.secrets.joined(separator: "\n")) }
        }
        if exchange == nil, let key = credentials.secrets.first {
            current = AccessToken(value: key, expiresAt: JSONWebTokenClaims(token: key)?.expiresAt, obtainedAt: clock.now())
        }
    }

    /// The token held now, without exchanging; `nil` before the first exchange. For the package's tests, which
    /// check what was exchanged; apps ask `accessToken()`.
    package func cachedToken() -> AccessToken? { current }

    public func accessToken() async throws(GraphQLClientError) -> AccessToken {
        if let current, exchange == nil || !current.needsRefresh(at: clock.now()) { return current }
        if !checkedPersistence {
            checkedPersistence = true
            if let persistenceKey, let saved = persistence?.loadToken(forKey: persistenceKey),
               !saved.needsRefresh(at: clock.now()) {
                current = saved
                return saved
            }
        }
        let refreshed = await awaitRefresh()
        // A refresh that fails while the old token is still valid (only inside the refresh margin) is not fatal:
        // use the old token and try again on the next call.
        if case .failure = refreshed, let current, let expiresAt = current.expiresAt, clock.now() < expiresAt {
            return current
        }
        return try refreshed.get()
    }

    public func invalidate(_ token: AccessToken) -> Bool {
        guard exchange != nil else { return false }
        if current?.value == token.value {
            current = nil
            if let persistenceKey { persistence?.removeToken(forKey: persistenceKey) }
        }
        return true
    }

    // MARK: Single-flight refresh

    private func awaitRefresh() async -> Result<AccessToken, GraphQLClientError> {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .failure(cancellation()))
                    return
                }
                waiters[id] = continuation
                startRefreshIfNeeded()
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func startRefreshIfNeeded() {
        guard !refreshing, let exchange else { return }
        refreshing = true
        exchangeCount += 1
        Task {
            let result: Result<AccessToken, GraphQLClientError>
            do throws(GraphQLClientError) {
                result = .success(try await exchange.exchange())
            } catch {
                result = .failure(error)
            }
            self.finishRefresh(result)
        }
    }

    private func finishRefresh(_ result: Result<AccessToken, GraphQLClientError>) {
        refreshing = false
        if case .success(let token) = result {
            current = token
            if let persistence, let persistenceKey {
                do {
                    try persistence.saveToken(token, forKey: persistenceKey)
                    persistenceFailure = nil
                } catch {
                    persistenceFailure = error.localizedDescription
                }
            }
        }
        let pending = waiters
        waiters = [:]
        for continuation in pending.values { continuation.resume(returning: result) }
    }

    private func cancelWaiter(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume(returning: .failure(cancellation()))
    }

    private func cancellation() -> GraphQLClientError {
        .transport(TransportFailure(
            kind: .cancelled, url: exchange?.url.safeDescription ?? "(token exchange)",
            underlying: "cancelled while waiting for a token", attempts: 0))
    }
}
