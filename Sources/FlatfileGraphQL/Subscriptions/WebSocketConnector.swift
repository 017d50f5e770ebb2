import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Opens WebSocket connections for subscriptions. The runtime's own is `URLSessionWebSocketConnector`; on Linux,
/// where FoundationNetworking cannot open WebSockets, pass `NIOWebSocketConnector()` from `FlatfileGraphQLNIO`.
///
/// ```swift
/// let client = GraphQLClient.flatfile(credentials: credentials, webSocket: NIOWebSocketConnector())
/// ```
///
/// A connector of your own (a proxy, a test double) needs only this:
///
/// ```swift
/// struct LoggingConnector: WebSocketConnector {
///     let wrapped: any WebSocketConnector
///     func connect(to url: URL, subprotocols: [String], headers: [String: String]) async throws
///         -> any WebSocketConnection
///     {
///         print("connecting to", url)
///         return try await wrapped.connect(to: url, subprotocols: subprotocols, headers: headers)
///     }
/// }
/// ```
public protocol WebSocketConnector: Sendable {
    /// Opens a connection to `url` offering `subprotocols` (`Sec-WebSocket-Protocol`) and sending `headers` with
    /// the upgrade request; returns once the server has accepted the upgrade.
    ///
    /// - Throws: `WebSocketUpgradeRefused` when the server answered the upgrade with an HTTP response instead;
    ///   any other error when it could not be reached.
    func connect(to url: URL, subprotocols: [String], headers: [String: String]) async throws
        -> any WebSocketConnection
}

/// One open WebSocket: text goes out, text and the closing come in.
public protocol WebSocketConnection: Sendable {
    func send(_ text: String) async throws
    /// The next message, or how the connection closed. Throws when the connection broke without a close frame.
    func receive() async throws -> WebSocketIncoming
    /// Closes the connection with `code` (1000 for a normal closure); returns without waiting for the server.
    func close(code: Int, reason: String) async
}

/// What a `WebSocketConnection` received.
public enum WebSocketIncoming: Sendable, Equatable {
    case text(String)
    /// The server closed the connection with this code and reason (`nil` when its close frame had none).
    case closed(code: Int?, reason: String?)
}

/// The server answered the WebSocket upgrade with an ordinary HTTP response (it does not serve WebSockets there,
/// or refused every subprotocol offered).
public struct WebSocketUpgradeRefused: Error, Sendable, CustomStringConvertible {
    /// The HTTP status, when the connector could read it.
    public var statusCode: Int?

    public init(statusCode: Int?) {
        self.statusCode = statusCode
    }

    public var description: String {
        "the server refused the WebSocket upgrade" + (statusCode.map { " with HTTP \($0)" } ?? "")
    }
}

/// WebSockets over `URLSessionWebSocketTask`, the runtime's default: no dependency on Apple platforms. On Linux
/// FoundationNetworking's task fails ("WebSockets not supported by libcurl"): use `NIOWebSocketConnector` there.
public struct URLSessionWebSocketConnector: WebSocketConnector {
    public init() {}

    public func connect(to url: URL, subprotocols: [String], headers: [String: String]) async throws
        -> any WebSocketConnection
    {
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if !subprotocols.isEmpty {
            request.setValue(subprotocols.joined(separator: ", "), forHTTPHeaderField: "Sec-WebSocket-Protocol")
        }
        let opening = OpeningDelegate()
        let session = URLSession(configuration: .ephemeral, delegate: opening, delegateQueue: nil)
        let task = session.webSocketTask(with: request)
        task.maximumMessageSize = GraphQLClientOptions.defaultMaximumResponseBytes
        try await withTaskCancellationHandler {
            try await opening.waitUntilOpen { task.resume() }
        } onCancel: {
            task.cancel()
        }
        return URLSessionWebSocketConnection(task: task, session: session)
    }
}

private final class URLSessionWebSocketConnection: WebSocketConnection, @unchecked Sendable {
    // URLSessionWebSocketTask is thread-safe; it is simply not annotated Sendable on every platform.
    private let task: URLSessionWebSocketTask
    private let session: URLSession

    init(task: URLSessionWebSocketTask, session: URLSession) {
        self.task = task
        self.session = session
    }

    func send(_ text: String) async throws {
        try await task.send(.string(text))
    }

    func receive() async throws -> WebSocketIncoming {
        do {
            switch try await task.receive() {
            case .string(let text): return .text(text)
            case .data(let data): return .text(String(decoding: data, as: UTF8.self))
            @unknown default: return .text("")
            }
        } catch {
            let code = task.closeCode.rawValue
            guard code != URLSessionWebSocketTask.CloseCode.invalid.rawValue else { throw error }
            return .closed(code: code, reason: task.closeReason.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    func close(code: Int, reason: String) async {
        task.cancel(with: URLSessionWebSocketTask.CloseCode(rawValue: code) ?? .normalClosure, reason: Data(reason.utf8))
        session.finishTasksAndInvalidate()
    }
}

/// Reports when the upgrade succeeded, or why the task ended before it did.
private final class OpeningDelegate: NSObject, URLSessionWebSocketDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<Void, any Error>?
    private var waiter: CheckedContinuation<Void, any Error>?

    func waitUntilOpen(start: () -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            lock.lock()
            waiter = continuation
            lock.unlock()
            start()
        }
    }

    private func finish(_ result: Result<Void, any Error>) {
        lock.lock()
        guard outcome == nil else { return lock.unlock() }
        outcome = result
        let waiter = waiter
        self.waiter = nil
        lock.unlock()
        waiter?.resume(with: result)
    }

    func urlSession(_ session: URLSession, webSocketTask: URLSessionWebSocketTask, didOpenWithProtocol protocol: String?) {
        finish(.success(()))
    }

    func urlSession(
        _ session: URLSession, webSocketTask: URLSessionWebSocketTask,
        didCloseWith closeCode: URLSessionWebSocketTask.CloseCode, reason: Data?
    ) {
        finish(.failure(URLError(.networkConnectionLost)))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        // The session holds its delegate until it is invalidated, and its one task has ended: a connection the
        // server closed is never closed by us, so without this each one would keep its session.
        defer { session.finishTasksAndInvalidate() }
        if let response = task.response as? HTTPURLResponse, response.statusCode != 101 {
            finish(.failure(WebSocketUpgradeRefused(statusCode: response.statusCode)))
        } else {
            finish(.failure(error ?? URLError(.networkConnectionLost)))
        }
    }
}
