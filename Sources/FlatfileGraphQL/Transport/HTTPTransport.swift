import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and returns the complete answer. The client adds retries, timeouts and
/// authentication on top; a transport only moves bytes.
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

/// A `URLSession` transport. It follows 307/308 redirects with the request's body, and redirects to another
/// origin never carry the `Authorization` header (or any other credential header) along.
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
        try await Self.send(request, on: session, delegate: delegate, resendable: true)
    }

    #if canImport(FoundationNetworking)
    /// On Linux, URLSession runs on libcurl, which silently sends a request again on a new connection when a
    /// reused keep-alive connection breaks — even a POST the server may already have acted on. A request that
    /// must go at most once therefore gets a connection of its own.
    public func sendAtMostOnce(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let delegate = SessionDelegate()
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return try await Self.send(request, on: session, delegate: delegate, resendable: false)
    }
    #endif

    /// Redirects followed for one request before its last answer is returned as it is.
    static let maximumRedirects = 5

    /// Sends `request`, following 307 and 308 redirects here rather than inside URLSession: FoundationNetworking
    /// resends a streamed body empty after a redirect, and the credentials must stay behind when the origin changes
    /// (`RedirectPolicy`). Other redirects (301/302/303 would turn the POST into a bodiless GET) and redirects the
    /// policy refuses come back as the answer, which the client reports as an HTTP status.
    private static func send(
        _ request: URLRequest, on session: URLSession, delegate: SessionDelegate, resendable: Bool
    ) async throws -> (Data, HTTPURLResponse) {
        var current = request
        for _ in 0..<maximumRedirects {
            let (data, response) = try await sendOnce(current, on: session, delegate: delegate, resendable: resendable)
            guard [307, 308].contains(response.statusCode),
                  let location = response.value(forHTTPHeaderField: "Location"),
                  let target = URL(string: location, relativeTo: current.url)?.absoluteURL
            else { return (data, response) }
            var redirected = current
            redirected.url = target
            guard let next = RedirectPolicy.request(following: redirected, from: current) else { return (data, response) }
            current = next
        }
        return try await sendOnce(current, on: session, delegate: delegate, resendable: resendable)
    }

    /// Runs one data task. A `resendable` request's body goes out as a stream on Linux: libcurl may send the
    /// request again on a fresh connection when a reused keep-alive connection breaks, and FoundationNetworking
    /// can rewind only a stream body (see `needNewBodyStream`); a `Data` body would be resent empty and the
    /// request would hang until its timeout. The price is a chunked request body instead of `Content-Length`.
    private static func sendOnce(
        _ request: URLRequest, on session: URLSession, delegate: SessionDelegate, resendable: Bool
    ) async throws -> (Data, HTTPURLResponse) {
        try Task.checkCancellation()
        var request = request
        // Only a streamed body may be handed out again: FoundationNetworking stops the process if it is asked to
        // rewind a `Data` body and gets a stream.
        var streamedBody: Data?
        #if canImport(FoundationNetworking)
        if resendable, let body = request.httpBody {
            request.httpBody = nil
            request.httpBodyStream = InputStream(data: body)
            streamedBody = body
        }
        #endif
        let task = session.dataTask(with: request)
        let box = TaskBox(task)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.register(task, body: streamedBody, continuation: continuation)
                task.resume()
            }
        } onCancel: {
            box.task.cancel()
        }
    }
}

/// Lets the cancellation handler reach the task; `URLSessionTask` is thread-safe but not marked `Sendable`
/// everywhere.
private final class TaskBox: @unchecked Sendable {
    let task: URLSessionDataTask
    init(_ task: URLSessionDataTask) { self.task = task }
}

/// Collects each task's answer and resumes its continuation when the task completes.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>
        /// The streamed request body, to stream again if the transfer restarts.
        var requestBody: Data?
        var body = Data()
        var response: HTTPURLResponse?
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    func register(
        _ task: URLSessionTask, body: Data?, continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>
    ) {
        lock.withLock { pending[task.taskIdentifier] = Pending(continuation: continuation, requestBody: body) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock { pending[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock { pending[dataTask.taskIdentifier]?.body.append(data) }
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

    /// Asked when the body must be sent again (libcurl resending on a fresh connection after a reused one broke):
    /// without a new stream that resend would go out without its body and hang.
    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        needNewBodyStream completionHandler: @escaping (InputStream?) -> Void
    ) {
        let body = lock.withLock { pending[task.taskIdentifier]?.requestBody }
        completionHandler(body.map { InputStream(data: $0) })
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        // Followed by `URLSessionTransport.send`, which keeps the body and drops credentials across origins.
        completionHandler(nil)
    }
}

/// What may travel along a redirect.
enum RedirectPolicy {
    /// Headers that carry credentials.
    static let credentialHeaders = ["Authorization", "X-Api-Key", "Cookie", "Proxy-Authorization"]

    /// `redirect` with credential headers removed unless it stays on the same scheme, host and port as
    /// `original`; `nil` (do not follow) for a redirect from `https` down to plain `http`.
    static func request(following redirect: URLRequest, from original: URLRequest?) -> URLRequest? {
        guard let target = redirect.url else { return nil }
        let source = original?.url
        if source?.scheme?.lowercased() == "https" && target.scheme?.lowercased() != "https" { return nil }
        let sameOrigin = source?.scheme?.lowercased() == target.scheme?.lowercased()
            && source?.host?.lowercased() == target.host?.lowercased()
            && source?.port == target.port
        guard !sameOrigin else { return redirect }
        var stripped = redirect
        for header in credentialHeaders { stripped.setValue(nil, forHTTPHeaderField: header) }
        return stripped
    }
}
