import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and returns the complete answer. The client adds retries, timeouts, authentication and
/// redirects on top; a transport only moves bytes. It should return a redirect as the answer rather than follow it
/// (the client follows 307/308 itself, checking each hop), and stop receiving once the body passes
/// `ResponseBodyLimit.maximumBytes`.
///
/// `URLSessionTransport` is the default. Tests or apps with their own networking stack inject another:
///
/// ```swift
/// struct LoggingTransport: HTTPTransport {
///     let wrapped = URLSessionTransport.shared
///     func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
///         print(request.httpMethod ?? "GET", request.url?.path ?? "")
///         return try await wrapped.send(request)
///     }
/// }
/// ```
public protocol HTTPTransport: Sendable {
    /// Sends `request`; throws `URLError` (or any error) when no HTTP answer arrived. Must stop promptly when
    /// the calling task is cancelled.
    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)

    /// Sends a request that must reach the server at most once (a mutation the client will not retry): the
    /// transport must not resend it by itself. The default is `send(_:)`.
    func sendAtMostOnce(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

extension HTTPTransport {
    public func sendAtMostOnce(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await send(request)
    }
}

/// A `URLSession` transport. It sends each request exactly as given and returns redirects as answers: the client
/// follows 307/308 itself (`HTTPPipeline`), so that the redirect rules — which headers may travel to another
/// origin, plain `http://` only to this machine — apply to every hop whatever the transport.
///
/// It enforces `ResponseBodyLimit.maximumBytes` while the body arrives, cancelling the task as soon as the body
/// grows past it, so an endless answer costs at most that much memory.
public final class URLSessionTransport: HTTPTransport {
    /// A transport over an ephemeral session (no cookies, no disk cache), shared by clients that don't pass one.
    public static let shared = URLSessionTransport()

    #if canImport(FoundationNetworking)
    /// For the one-off sessions of `sendAtMostOnce`.
    private let configuration: URLSessionConfiguration
    #endif
    private let session: URLSession
    private let delegate: SessionDelegate

    /// A transport over a session with `configuration`.
    public init(configuration: URLSessionConfiguration = .ephemeral) {
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        // Many concurrent operations against one host should not queue behind a handful of connections.
        configuration.httpMaximumConnectionsPerHost = max(configuration.httpMaximumConnectionsPerHost, 16)
        #if canImport(FoundationNetworking)
        self.configuration = configuration
        #endif
        delegate = SessionDelegate()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await Self.sendOnce(request, on: session, delegate: delegate)
    }

    #if canImport(FoundationNetworking)
    /// On Linux, URLSession runs on libcurl, which sends a request again on a new connection when a reused
    /// keep-alive connection breaks before the answer — even a POST the server may already have acted on. A
    /// request that must go at most once therefore gets a connection of its own: libcurl resends only on a reused
    /// connection. (Were it to try anyway, `SessionDelegate` refuses every such resend: see `needNewBodyStream`.)
    public func sendAtMostOnce(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let delegate = SessionDelegate()
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return try await Self.sendOnce(request, on: session, delegate: delegate)
    }
    #endif

    /// Runs one data task. The body goes out as given — the client's `Data`, so with a `Content-Length`, which
    /// servers that do not read chunked request bodies (Python's `http.server`, many proxies and WAFs) need.
    private static func sendOnce(
        _ request: URLRequest, on session: URLSession, delegate: SessionDelegate
    ) async throws -> (Data, HTTPURLResponse) {
        try Task.checkCancellation()
        let task = session.dataTask(with: request)
        let box = TaskBox(task)
        let maximumBytes = ResponseBodyLimit.maximumBytes
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.register(task, maximumBytes: maximumBytes, continuation: continuation)
                task.resume()
            }
        } onCancel: {
            box.task.cancel()
        }
    }
}

/// Lets a handler on another thread reach the task; `URLSessionTask` is thread-safe but not marked `Sendable`
/// everywhere.
private final class TaskBox: @unchecked Sendable {
    let task: URLSessionTask
    init(_ task: URLSessionTask) { self.task = task }
}

/// Collects each task's answer and resumes its continuation when the task completes.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>
        /// The cap on the answer's body (`ResponseBodyLimit`), checked as each chunk arrives.
        var maximumBytes: Int?
        var body = Data()
        var response: HTTPURLResponse?
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    func register(
        _ task: URLSessionTask, maximumBytes: Int?,
        continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>
    ) {
        lock.withLock {
            pending[task.taskIdentifier] = Pending(continuation: continuation, maximumBytes: maximumBytes)
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        // A declared length over the cap fails before a single byte of the body is read.
        let tooLarge = lock.withLock { () -> Pending? in
            let id = dataTask.taskIdentifier
            if let maximumBytes = pending[id]?.maximumBytes, response.expectedContentLength > Int64(maximumBytes) {
                return pending.removeValue(forKey: id)
            }
            pending[id]?.response = response as? HTTPURLResponse
            return nil
        }
        guard let tooLarge else { return completionHandler(.allow) }
        completionHandler(.cancel)
        tooLarge.continuation.resume(throwing: ResponseBodyTooLarge(maximumBytes: tooLarge.maximumBytes ?? 0))
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        // The task's own count runs ahead of the body where the platform keeps it as bytes arrive (Apple);
        // FoundationNetworking leaves it at 0 and the body's count decides.
        let arrived = dataTask.countOfBytesReceived
        let tooLarge = lock.withLock { () -> Pending? in
            let id = dataTask.taskIdentifier
            guard let received = pending[id]?.body.count else { return nil }
            if let maximumBytes = pending[id]?.maximumBytes,
               max(Int64(received + data.count), arrived) > Int64(maximumBytes) {
                // Dropped here, so the cancellation's completion finds nothing to resume.
                return pending.removeValue(forKey: id)
            }
            pending[id]?.body.append(data)  // in place: no copy of what arrived so far
            return nil
        }
        guard let tooLarge else { return }
        // Resumed first: FoundationNetworking's `cancel()` waits for its work queue, which is busy with the very
        // flood being refused; chunks still queued meanwhile find no entry and are dropped.
        tooLarge.continuation.resume(throwing: ResponseBodyTooLarge(maximumBytes: tooLarge.maximumBytes ?? 0))
        dataTask.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let finished = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let error {
            finished.continuation.resume(throwing: error)
        } else if let response = finished.response ?? task.response as? HTTPURLResponse {
            finished.continuation.resume(returning: (finished.body, response))
        } else {
            finished.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }

    /// Asked when the platform wants to send the request again by itself. FoundationNetworking asks when libcurl
    /// resends on a fresh connection because the kept-alive one it reused broke after the request went out (a
    /// server's idle timeout meeting the request; Apple's URLSession rewinds a `Data` body itself and does not
    /// ask). The resend is refused, whatever the request:
    /// - the server may already have acted on the first copy, and whether to send again is the client's decision
    ///   (`HTTPPipeline`: queries are retried, mutations only with `RetryPolicy.retriesMutations`), so no body
    ///   that may have reached the server goes out a second time behind the client's back;
    /// - FoundationNetworking cannot rewind a `Data` body: the resend would carry the `Content-Length` but no
    ///   body, and hang until the timeout.
    /// The task fails at once as a lost connection, which the pipeline retries for queries — on a new connection,
    /// the broken one being gone. (This is why a body can go out as `Data`, with its `Content-Length`: before, the
    /// body was streamed — chunked — so that libcurl's resend could be given a fresh stream.)
    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        needNewBodyStream completionHandler: @escaping (InputStream?) -> Void
    ) {
        let refused = lock.withLock { pending.removeValue(forKey: task.taskIdentifier) }
        completionHandler(nil)
        refused?.continuation.resume(throwing: URLError(.networkConnectionLost))
        // Not from within this callback: libcurl is in the middle of the transfer that `cancel()` must stop. The
        // bodiless resend dies with it, before the server could read it as a whole request.
        let box = TaskBox(task)
        DispatchQueue.global().async { box.task.cancel() }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        // Followed by `HTTPPipeline`, which keeps the body and applies `RedirectPolicy` to every hop.
        completionHandler(nil)
    }
}

/// The cap on one answer's body, for transports to enforce while it arrives.
///
/// The client sets it around every `send` from `GraphQLClientOptions.maximumResponseBytes`; `URLSessionTransport`
/// reads it and cancels the transfer once the body grows past it. A task-local rather than a parameter keeps
/// `HTTPTransport` one method wide, and wrapping transports (logging, metrics) pass it along without knowing it.
/// A custom transport that buffers answers should honour it too:
///
/// ```swift
/// struct MyTransport: HTTPTransport {
///     func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
///         var body = Data()
///         for try await chunk in myStack.chunks(for: request) {
///             body.append(chunk)
///             if let cap = ResponseBodyLimit.maximumBytes, body.count > cap {
///                 throw ResponseBodyTooLarge(maximumBytes: cap)
///             }
///         }
///         …
///     }
/// }
/// ```
///
/// The client checks the size of every answer again, so a transport that ignores it still cannot hand a larger
/// body to the decoder — it only spends the memory first.
public enum ResponseBodyLimit {
    /// The most bytes the body of the answer being received may have; `nil` for no cap.
    @TaskLocal public static var maximumBytes: Int?
}

/// Thrown by a transport when an answer's body grew past `ResponseBodyLimit.maximumBytes`.
public struct ResponseBodyTooLarge: Error, Sendable, Hashable {
    /// The cap that was exceeded.
    public var maximumBytes: Int

    public init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }
}

/// What may travel along a redirect.
enum RedirectPolicy {
    /// The headers that describe the request itself rather than who sends it: the only ones that follow a redirect
    /// to another origin. Everything else — `Authorization`, cookies, API keys, and every custom header a user or a
    /// credential added (`X-Hasura-Admin-Secret`, `PRIVATE-TOKEN`, …) — may be a secret, so it stays behind.
    static let contentHeaders: Set<String> = ["content-type", "accept", "content-length", "user-agent"]

    /// `redirect` with every header but `contentHeaders` removed unless it stays on the same scheme, host and port
    /// as `original`; `nil` (do not follow) for a redirect from `https` down to plain `http`. Whether plain `http`
    /// may be used at all is `EndpointURLRule`, applied to every hop.
    static func request(following redirect: URLRequest, from original: URLRequest?) -> URLRequest? {
        guard let target = redirect.url else { return nil }
        let source = original?.url
        if source?.scheme?.lowercased() == "https" && target.scheme?.lowercased() != "https" { return nil }
        guard !isSameOrigin(source, target) else { return redirect }
        var stripped = redirect
        for name in (redirect.allHTTPHeaderFields ?? [:]).keys where !contentHeaders.contains(name.lowercased()) {
            stripped.setValue(nil, forHTTPHeaderField: name)
        }
        return stripped
    }

    /// Same scheme, host and port (an absent port is the scheme's default).
    static func isSameOrigin(_ source: URL?, _ target: URL) -> Bool {
        guard let source else { return false }
        return source.scheme?.lowercased() == target.scheme?.lowercased()
            && source.host?.lowercased() == target.host?.lowercased()
            && effectivePort(source) == effectivePort(target)
    }

    private static func effectivePort(_ url: URL) -> Int? {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
    }
}
