import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server on plain POSIX sockets, as literal as Python's `http.server` or a strict proxy: a request's
/// body is exactly `Content-Length` bytes — a request without one has an empty body and is answered 400 (whatever
/// followed it on the connection is then read as the next request) — and connections are kept alive.
///
/// Hummingbird would decode a chunked body without complaint, which is the point of not using it here. Every
/// request is answered with `answer(path:)`; the test arms faults that apply to the next requests.
final class StrictHTTPServer: @unchecked Sendable {
    /// One request head as it arrived, with as much of its body as came.
    struct Received: Sendable {
        var method: String
        var path: String
        /// Lower-cased names.
        var headers: [String: String]
        var body: Data
        /// Which accepted connection carried it (1-based), and the how-manieth request on it.
        var connection: Int
        var indexOnConnection: Int
        var contentLength: Int? { headers["content-length"].flatMap { Int($0) } }
        /// Whether the whole body arrived: a request cut short is never answered.
        var isComplete: Bool { body.count == (contentLength ?? 0) }
    }

    /// What happens to a connection after each answer.
    enum AfterAnswer: Sendable {
        /// Kept for the next request.
        case keepAlive
        /// Closed at once, without `Connection: close` — a server whose idle timeout is zero.
        case close
    }

    let port: Int
    private let listener: Int32
    private let afterAnswer: AfterAnswer
    private let answer: @Sendable (String) -> String
    private let state = Locked(State())

    private struct State {
        var requests: [Received] = []
        var connections = 0
        /// Requests still to be read in full and then met with a closed connection instead of an answer.
        var dropsArmed = 0
        var open: Set<Int32> = []
        var stopped = false
    }

    init(afterAnswer: AfterAnswer = .keepAlive, answer: @escaping @Sendable (_ path: String) -> String) throws {
        self.afterAnswer = afterAnswer
        self.answer = answer
        #if canImport(Darwin)
        let stream = SOCK_STREAM
        #else
        let stream = Int32(SOCK_STREAM.rawValue)
        #endif
        let fd = socket(AF_INET, stream, 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    /// Every request head received so far.
    var requests: [Received] { state.withLock { $0.requests } }

    /// How many connections were accepted.
    var connectionCount: Int { state.withLock { $0.connections } }

    /// The next `count` requests are read in full and then their connection is closed without an answer: what a
    /// client sees when a kept-alive connection times out on the server just as it sends a request.
    func dropNext(_ count: Int) {
        state.withLock { $0.dropsArmed += count }
    }

    /// Closes the listener and every open connection; the server's threads then end.
    func stop() {
        // shutdown() wakes threads blocked in accept() and recv(); each closes its own descriptor. Once only, and
        // under the lock a serving thread takes before it closes: a descriptor number that was closed may already
        // belong to another test's server, which shutting it down would break.
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for fd in state.open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    deinit { stop() }

    // MARK: Serving

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let fd = accept(listener, nil, nil)
            // A client that resets a connection still in the backlog fails one accept() (ECONNABORTED); only
            // stop() ends the loop.
            guard fd >= 0 else {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let number = state.withLock { state -> Int? in
                guard !state.stopped else { return nil }
                state.connections += 1
                state.open.insert(fd)
                return state.connections
            }
            guard let number else {
                close(fd)
                return
            }
            Thread { [self] in serve(fd, connection: number) }.start()
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        defer {
            state.withLock { _ = $0.open.remove(fd) }
            close(fd)
        }
        var buffer = Data()
        var index = 0
        while true {
            guard let headEnd = readUntilHead(fd, into: &buffer) else { return }
            index += 1
            let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
            buffer.removeSubrange(..<(headEnd + 4))
            var lines = head.components(separatedBy: "\r\n")
            let requestLine = lines.removeFirst().split(separator: " ")
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
            let length = headers["content-length"].flatMap { Int($0) } ?? 0
            while buffer.count < length, receive(fd, into: &buffer) {}
            let body = buffer.prefix(length)
            buffer.removeSubrange(..<min(length, buffer.count))
            let received = Received(
                method: requestLine.first.map(String.init) ?? "", path: requestLine.dropFirst().first.map(String.init) ?? "",
                headers: headers, body: Data(body), connection: connection, indexOnConnection: index)
            let drop = state.withLock { state -> Bool in
                state.requests.append(received)
                guard state.dropsArmed > 0 else { return false }
                state.dropsArmed -= 1
                return true
            }
            guard body.count == length, !drop else { return }

            let (status, text) = headers["content-length"] == nil
                ? ("400 Bad Request", #"{"errors":[{"message":"Syntax error: the request has no Content-Length"}]}"#)
                : ("200 OK", answer(received.path))
            let response = "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(text.utf8.count)\r\n\r\n\(text)"
            guard write(fd, Data(response.utf8)), afterAnswer == .keepAlive else { return }
        }
    }

    /// Reads until `buffer` holds a whole request head; its end's offset, or `nil` when the connection closed.
    private func readUntilHead(_ fd: Int32, into buffer: inout Data) -> Int? {
        let separator = Data("\r\n\r\n".utf8)
        for _ in 0..<1_000 {  // a head is far shorter than 1,000 reads
            if let range = buffer.range(of: separator) { return range.lowerBound }
            guard receive(fd, into: &buffer) else { return nil }
        }
        return nil
    }

    /// Appends what one recv() returns; false when the connection closed or failed.
    private func receive(_ fd: Int32, into buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    private func write(_ fd: Int32, _ data: Data) -> Bool {
        #if canImport(Darwin)
        let flags: Int32 = 0  // SO_NOSIGPIPE is set on the socket
        #else
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        var offset = 0
        while offset < data.count {
            let sent = data.withUnsafeBytes { send(fd, $0.baseAddress! + offset, data.count - offset, flags) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}

/// Runs a `StrictHTTPServer` for the duration of `body`.
func withStrictServer<Result>(
    afterAnswer: StrictHTTPServer.AfterAnswer = .keepAlive, answer: @escaping @Sendable (String) -> String,
    _ body: (StrictHTTPServer, URL) async throws -> Result
) async throws -> Result {
    let server = try StrictHTTPServer(afterAnswer: afterAnswer, answer: answer)
    defer { server.stop() }
    let url = try #require(URL(string: "http://127.0.0.1:\(server.port)"))
    return try await body(server, url)
}
