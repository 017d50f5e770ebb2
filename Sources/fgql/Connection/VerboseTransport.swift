import FlatfileGraphQL
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Passes requests through, and with `--verbose` writes one line per request and per response to stderr.
///
/// Only the method, URL, status, size and time are shown, plus the names of headers with their values hidden unless
/// they are known to be harmless: bodies can hold secrets (the access-key exchange sends the secret key) and so can
/// any custom header.
struct VerboseTransport: HTTPTransport {
    let wrapped: any HTTPTransport
    let log: StandardError?

    private static let harmlessHeaders: Set<String> = ["accept", "content-type", "user-agent", "x-disable-hooks", "content-length"]

    init(wrapping wrapped: any HTTPTransport, log: StandardError?) {
        self.wrapped = wrapped
        self.log = log
    }

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await logged(request) { try await wrapped.send($0) }
    }

    func sendAtMostOnce(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await logged(request) { try await wrapped.sendAtMostOnce($0) }
    }

    private func logged(
        _ request: URLRequest, _ send: (URLRequest) async throws -> (Data, HTTPURLResponse)
    ) async throws -> (Data, HTTPURLResponse) {
        guard let log else { return try await send(request) }
        let target = "\(request.httpMethod ?? "GET") \(Self.safeURL(request.url))"
        log.note("→ \(target) \(Self.headerSummary(request))")
        let start = ContinuousClock.now
        do {
            let (data, response) = try await send(request)
            log.note("← \(response.statusCode) \(target) \(data.count) bytes in \(Self.milliseconds(since: start)) ms")
            return (data, response)
        } catch {
            log.note("← failed \(target) after \(Self.milliseconds(since: start)) ms: \(type(of: error))")
            throw error
        }
    }

    static func headerSummary(_ request: URLRequest) -> String {
        let fields = (request.allHTTPHeaderFields ?? [:]).sorted { $0.key.lowercased() < $1.key.lowercased() }
        return fields.map { name, value in
            harmlessHeaders.contains(name.lowercased()) ? "\(name): \(value)" : "\(name): [redacted]"
        }.joined(separator: "; ")
    }

    /// The URL without user info or query (a query string can carry a key).
    static func safeURL(_ url: URL?) -> String {
        guard let url, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "?" }
        components.user = nil
        components.password = nil
        if components.query != nil { components.query = "…" }
        return components.string ?? "?"
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Lines on stderr: diagnostics, warnings, progress. Data never goes here, and stdout never gets these.
struct StandardError: Sendable {
    let isTerminal: Bool

    init() {
        isTerminal = isatty(STDERR_FILENO) == 1
    }

    func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    // Messages quote the server (its errors, its status text), so they are escaped for the terminal here, where
    // every message passes; `write` is for fgql's own text only.
    func note(_ line: String) { write(TerminalText.escaped(line) + "\n") }
    func warning(_ line: String) { write("warning: \(TerminalText.escaped(line))\n") }
    func error(_ line: String) { write("error: \(TerminalText.escaped(line))\n") }

    /// A progress line that rewrites itself on a terminal; nothing when stderr is a file or pipe.
    func progress(_ line: String) {
        guard isTerminal else { return }
        write("\r\u{1B}[2K" + line)
    }

    func endProgress() {
        guard isTerminal else { return }
        write("\r\u{1B}[2K")
    }
}
