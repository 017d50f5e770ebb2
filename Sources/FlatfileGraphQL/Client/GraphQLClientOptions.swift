import Foundation

/// How a client sends requests: timeout, retries, the largest answer it accepts, and whether plain `http://` is
/// allowed.
///
/// ```swift
/// var options = GraphQLClientOptions()
/// options.timeout = .seconds(120)
/// options.retryPolicy.maximumRetries = 5
/// options.maximumResponseBytes = 256 << 20   // 256 MiB, for very large pages
/// options.onRetry = { event in print(event) }  // "waiting 30 s before retry 1 of 5 (the server answered 429 …)"
/// let client = GraphQLClient.flatfile(credentials: credentials, options: options)
/// ```
public struct GraphQLClientOptions: Sendable {
    /// The longest one HTTP request may take, from sending to the last byte of the answer.
    public var timeout: Duration
    /// When transient failures are retried.
    public var retryPolicy: RetryPolicy
    /// Allows `http://` to hosts other than loopback. Off by default: a token sent over plain HTTP can be read by
    /// anyone on the path.
    public var allowInsecureHTTP: Bool
    /// The `User-Agent` header.
    public var userAgent: String
    /// The time used for token expiry and `Retry-After` dates.
    public var clock: WallClock
    /// The largest response body accepted, in bytes; a larger one fails with `TransportFailure.Kind.responseTooLarge`
    /// as soon as it grows past this, so a server sending without end costs this much memory at most (the timeout
    /// bounds time, not memory). Default: `defaultMaximumResponseBytes`.
    public var maximumResponseBytes: Int
    /// Called before each wait for a retry, with how long the wait is and why, so that an app can say why it is
    /// quiet (a `Retry-After: 30` is thirty silent seconds otherwise). Called on the request's task; keep it quick.
    ///
    /// ```swift
    /// options.onRetry = { event in
    ///     if event.wait >= .seconds(1) { logger.notice("\(event)") }
    /// }
    /// ```
    public var onRetry: (@Sendable (RetryEvent) -> Void)?
    /// Whether documents go as their hash first (Apollo's automatic persisted queries); off by default.
    public var persistedQueries: PersistedQueries = .off
    /// How subscriptions run: the WebSocket protocol, its URL, and reconnecting.
    public var subscriptions: SubscriptionOptions

    /// 64 MiB. A page of 2,000 Flatfile rows is a few MiB, the largest answers seen in practice (whole batches
    /// of `getFinalDatabaseView`) stay under 20 MiB, and parsing takes several times the body's size in memory:
    /// this leaves ample room while keeping one request well under a gigabyte.
    public static let defaultMaximumResponseBytes = 64 << 20

    public init(
        timeout: Duration = .seconds(60), retryPolicy: RetryPolicy = RetryPolicy(), allowInsecureHTTP: Bool = false,
        userAgent: String = FGQLVersion.userAgent, clock: WallClock = .system, maximumResponseBytes: Int = defaultMaximumResponseBytes,
        onRetry: (@Sendable (RetryEvent) -> Void)? = nil, subscriptions: SubscriptionOptions = SubscriptionOptions()
    ) {
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.allowInsecureHTTP = allowInsecureHTTP
        self.userAgent = userAgent
        self.clock = clock
        self.maximumResponseBytes = max(0, maximumResponseBytes)
        self.onRetry = onRetry
        self.subscriptions = subscriptions
    }
}

/// A retry about to happen, reported to `GraphQLClientOptions.onRetry` before its wait.
///
/// Its description is one line for people: `waiting 30 s before retry 1 of 3 (the server answered 429 Too Many
/// Requests)`.
public struct RetryEvent: Sendable, CustomStringConvertible {
    /// Why the last attempt is retried.
    public enum Reason: Sendable, Equatable {
        /// The server answered with this retryable status (429, 502, 503, 504).
        case status(Int)
        /// The request got no answer: the connection could not be made or was lost.
        case connectionFailure(TransportFailure.Kind)
    }

    /// The request's URL without user info or query.
    public var url: String
    /// The retry about to be made, from 1.
    public var retry: Int
    /// How many retries the policy allows in all.
    public var maximumRetries: Int
    /// How long the client waits before the retry: the server's `Retry-After` when it sent one, else the backoff.
    public var wait: Duration
    public var reason: Reason

    public init(url: String, retry: Int, maximumRetries: Int, wait: Duration, reason: Reason) {
        self.url = url
        self.retry = retry
        self.maximumRetries = maximumRetries
        self.wait = wait
        self.reason = reason
    }

    public var description: String {
        let cause = switch reason {
        case .status(let code): "the server answered \(code) \(HTTPStatus.reasonPhrase(code))"
        case .connectionFailure(.cannotConnect): "could not connect to \(url)"
        case .connectionFailure: "the connection to \(url) was lost"
        }
        return "waiting \(Self.text(for: wait)) before retry \(retry) of \(maximumRetries) (\(cause))"
    }

    /// Whole seconds from a second up (a wait is never exact to the millisecond), milliseconds below.
    private static func text(for wait: Duration) -> String {
        let milliseconds = Int((wait.timeInterval * 1000).rounded())
        return milliseconds >= 1000 ? "\(Int((Double(milliseconds) / 1000).rounded())) s" : "\(milliseconds) ms"
    }
}

/// A number of bytes as people read it: `64 MiB (67108864 bytes)`, `512 bytes`.
struct ByteCount: CustomStringConvertible {
    var bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size {
            let amount = Double(bytes) / Double(size)
            let text = amount == amount.rounded() ? String(Int(amount)) : String(format: "%.1f", amount)
            return "\(text) \(unit) (\(bytes) bytes)"
        }
        return "\(bytes) bytes"
    }
}

/// Which failures are retried, how often, and how long to wait in between.
///
/// Connection failures, HTTP 429 and HTTP 502/503/504 are retried with exponential backoff and jitter, honouring
/// a `Retry-After` header. Only queries are retried: a mutation may already have taken effect, so it is retried
/// only when `retriesMutations` is set. Timeouts are not retried (the time budget is spent).
///
/// ```swift
/// let patient = RetryPolicy(maximumRetries: 6, initialBackoff: .seconds(1))
/// let never = RetryPolicy.never
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt; 0 disables retries.
    public var maximumRetries: Int
    /// The wait before the first retry; each further retry waits twice as long, up to `maximumBackoff`.
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    /// The longest wait a server's `Retry-After` can ask for; longer requests are shortened to this.
    public var maximumRetryAfter: Duration
    /// Whether mutations are retried like queries.
    public var retriesMutations: Bool

    public init(
        maximumRetries: Int = 3, initialBackoff: Duration = .milliseconds(250), maximumBackoff: Duration = .seconds(8),
        maximumRetryAfter: Duration = .seconds(60), retriesMutations: Bool = false
    ) {
        self.maximumRetries = max(0, maximumRetries)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfter = maximumRetryAfter
        self.retriesMutations = retriesMutations
    }

    /// No retries at all.
    public static let never = RetryPolicy(maximumRetries: 0)

    /// Whether an operation of `type` may be retried; unknown types never are.
    func allowsRetries(for type: GraphQLOperationType?) -> Bool {
        switch type {
        case .query: true
        case .mutation: retriesMutations
        case .subscription, nil: false
        }
    }

    /// The wait before retry number `retry` (0-based): exponential, capped, with "equal jitter" so that many
    /// clients failing together do not retry in lockstep.
    func backoff(beforeRetry retry: Int) -> Duration {
        let exponential = initialBackoff * Double(1 << min(retry, 20))
        let capped = min(exponential, maximumBackoff)
        return capped * Double.random(in: 0.5...1.0)
    }
}
