import FlatfileGraphQL
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOWebSocket
import WSClient

/// A `WebSocketConnector` on swift-websocket's `WebSocketClient` (SwiftNIO), with TLS for `wss://`: what
/// subscriptions need on Linux, where FoundationNetworking's `URLSessionWebSocketTask` cannot connect.
///
/// ```swift
/// import FlatfileGraphQL
/// import FlatfileGraphQLNIO
///
/// let client = GraphQLClient.flatfile(try .fromEnvironment(), webSocket: NIOWebSocketConnector())
/// for try await event in client.subscribe(BatchStatusUpdatedSubscription(batchId: id)) { print(event) }
/// ```
public struct NIOWebSocketConnector: WebSocketConnector {
    /// The TLS settings for `wss://`; `nil` for the system's trust roots.
    public var tlsConfiguration: TLSConfiguration?
    /// The largest message accepted, in bytes.
    public var maximumMessageBytes: Int
    private let eventLoopGroup: any EventLoopGroup

    public init(
        tlsConfiguration: TLSConfiguration? = nil,
        maximumMessageBytes: Int = GraphQLClientOptions.defaultMaximumResponseBytes,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.tlsConfiguration = tlsConfiguration
        self.maximumMessageBytes = maximumMessageBytes
        self.eventLoopGroup = eventLoopGroup
    }

    public func connect(to url: URL, subprotocols: [String], headers: [String: String]) async throws
        -> any WebSocketConnection
    {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        if !subprotocols.isEmpty { fields[.secWebSocketProtocol] = subprotocols.joined(separator: ", ") }
        let configuration = WebSocketClientConfiguration(maxFrameSize: maximumMessageBytes, additionalHeaders: fields)
        let connection = NIOWebSocketConnection(maximumMessageBytes: maximumMessageBytes)
        let (tls, group, address) = (tlsConfiguration, eventLoopGroup, url.absoluteString)
        // The client runs for the life of the connection; its handler hands the open socket over, then reads.
        let running = Task {
            do {
                let closing = try await WebSocketClient.connect(
                    url: address, configuration: configuration, tlsConfiguration: tls, eventLoopGroup: group,
                    logger: NIOWebSocketConnection.logger
                ) { inbound, outbound, _ in
                    try await connection.serve(inbound: inbound, outbound: outbound)
                }
                connection.ended(.closed(code: closing.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) },
                                         reason: closing?.reason))
            } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
                connection.failed(WebSocketUpgradeRefused(statusCode: nil))
            } catch {
                connection.failed(error)
            }
        }
        connection.attach(running)
        try await withTaskCancellationHandler {
            try await connection.waitUntilOpen()
        } onCancel: {
            running.cancel()
        }
        return connection
    }
}

/// The open socket: messages are queued as they arrive, and handed out one `receive()` at a time.
private final class NIOWebSocketConnection: WebSocketConnection, @unchecked Sendable {
    // Every mutable member is guarded by `lock`.
    static let logger: Logger = {
        var logger = Logger(label: "fgql.websocket")
        logger.logLevel = .critical
        return logger
    }()

    private enum Event {
        case incoming(WebSocketIncoming)
        case failure(any Error)
    }

    private let lock = NSLock()
    private let maximumMessageBytes: Int
    private var outbound: WebSocketOutboundWriter?
    private var opening: CheckedContinuation<Void, any Error>?
    private var openingOutcome: Result<Void, any Error>?
    private var queue: [Event] = []
    private var receiver: CheckedContinuation<Event, Never>?
    private var finished = false
    /// The client's task: cancelled when a close is not answered in time.
    private var running: Task<Void, Never>?
    /// How long `close` lets the server answer its close frame before the connection is cut: a peer that is gone
    /// never answers, and the client would otherwise wait for it as long as TCP does (many minutes).
    static let closeGrace: Duration = .seconds(2)

    init(maximumMessageBytes: Int) {
        self.maximumMessageBytes = maximumMessageBytes
    }

    func attach(_ running: Task<Void, Never>) {
        lock.withLock { self.running = running }
    }

    // MARK: From the client's handler

    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let opening = lock.withLock {
            self.outbound = outbound
            return take(openingWith: .success(()))
        }
        opening?.resume()
        for try await message in inbound.messages(maxSize: maximumMessageBytes) {
            switch message {
            case .text(let text): push(.incoming(.text(text)))
            case .binary(let buffer): push(.incoming(.text(String(buffer: buffer))))
            }
        }
    }

    func ended(_ closing: WebSocketIncoming) {
        push(.incoming(closing), last: true)
    }

    func failed(_ error: any Error) {
        let opening = lock.withLock { take(openingWith: .failure(error)) }
        opening?.resume(throwing: error)
        push(.failure(error), last: true)
    }

    /// The opening waiter, once, with the outcome recorded for a waiter still to come.
    private func take(openingWith outcome: Result<Void, any Error>) -> CheckedContinuation<Void, any Error>? {
        guard openingOutcome == nil else { return nil }
        openingOutcome = outcome
        defer { opening = nil }
        return opening
    }

    private func push(_ event: Event, last: Bool = false) {
        let waiting: CheckedContinuation<Event, Never>? = lock.withLock {
            guard !finished else { return nil }
            finished = last
            if let receiver {
                self.receiver = nil
                return receiver
            }
            queue.append(event)
            return nil
        }
        waiting?.resume(returning: event)
    }

    // MARK: WebSocketConnection

    func waitUntilOpen() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = lock.withLock {
                if openingOutcome == nil { opening = continuation }
                return openingOutcome
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    func send(_ text: String) async throws {
        guard let outbound = lock.withLock({ outbound }) else { throw WebSocketClientError.webSocketUpgradeFailed }
        try await outbound.writeTextMessage(text)
    }

    func receive() async throws -> WebSocketIncoming {
        let event = await withCheckedContinuation { (continuation: CheckedContinuation<Event, Never>) in
            let ready: Event? = lock.withLock {
                if !queue.isEmpty { return queue.removeFirst() }
                if finished { return .incoming(.closed(code: nil, reason: nil)) }
                receiver = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        switch event {
        case .incoming(let incoming): return incoming
        case .failure(let error): throw error
        }
    }

    func close(code: Int, reason: String) async {
        guard let outbound = lock.withLock({ outbound }) else { return }
        let running = lock.withLock { self.running }
        try? await outbound.close(WebSocketErrorCode(codeNumber: code), reason: reason)
        Task {
            try? await Task.sleep(for: Self.closeGrace)
            running?.cancel()
        }
    }
}
