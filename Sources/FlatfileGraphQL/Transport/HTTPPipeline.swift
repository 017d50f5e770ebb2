import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends requests through a transport with what every request needs: `EndpointURLRule`, a deadline, prompt
/// cancellation, a cap on the answer's size, 307/308 redirects followed by `RedirectPolicy`, and bounded retries of
/// transient failures.
struct HTTPPipeline: Sendable {
    let transport: any HTTPTransport
    let options: GraphQLClientOptions

    /// A complete HTTP answer.
    struct Answer: Sendable {
        var body: Data
        var response: HTTPURLResponse
        /// How many times the request was sent.
        var attempts: Int
        var statusCode: Int { response.statusCode }
        var isSuccess: Bool { (200..<300).contains(statusCode) }
    }

    /// Statuses that mean "try again later" rather than "this request is wrong".
    static let retryableStatusCodes: Set<Int> = [429, 502, 503, 504]

    /// Sends `request`, retrying connection failures and retryable statuses when `retryable` is set. The last
    /// answer is returned whatever its status; failures without an answer throw `.transport`.
    func send(_ request: URLRequest, retryable: Bool) async throws(GraphQLClientError) -> Answer {
        guard let url = request.url else {
            throw .configuration(ConfigurationFailure(problem: "The request has no URL.", fix: "Pass a valid URL."))
        }
        try EndpointURLRule.check(url, allowInsecureHTTP: options.allowInsecureHTTP)
        var request = request
        request.timeoutInterval = options.timeout.timeInterval + 1  // our own deadline fires first
        let policy = options.retryPolicy
        let maximumAttempts = retryable ? policy.maximumRetries + 1 : 1
        var attempt = 0
        while true {
            attempt += 1
            let wait: Duration
            let reason: RetryEvent.Reason
            do {
                let (body, response) = try await withDeadline(options.timeout) { [self, request] in
                    try await sendFollowingRedirects(request, retryable: retryable)
                }
                let answer = Answer(body: body, response: response, attempts: attempt)
                guard attempt < maximumAttempts, Self.retryableStatusCodes.contains(answer.statusCode) else {
                    return answer
                }
                wait = RetryAfter.delay(from: response, now: options.clock.now()).map { min($0, policy.maximumRetryAfter) }
                    ?? policy.backoff(beforeRetry: attempt - 1)
                reason = .status(answer.statusCode)
            } catch let refusal as GraphQLClientError {
                throw refusal  // a redirect the rules do not allow: nothing to retry
            } catch {
                let failure = Self.transportFailure(error, url: url, attempts: attempt)
                guard attempt < maximumAttempts, failure.kind == .cannotConnect || failure.kind == .connectionLost
                else { throw .transport(failure) }
                wait = policy.backoff(beforeRetry: attempt - 1)
                reason = .connectionFailure(failure.kind)
            }
            options.onRetry?(RetryEvent(
                url: url.safeDescription, retry: attempt, maximumRetries: policy.maximumRetries, wait: wait, reason: reason))
            do {
                try await Task.sleep(for: wait)
            } catch {
                throw .transport(TransportFailure(
                    kind: .cancelled, url: url.safeDescription, underlying: "cancelled", attempts: attempt))
            }
        }
    }

    // MARK: Redirects

    /// Redirects followed for one request before its last answer is returned as it is.
    static let maximumRedirects = 5

    /// Sends `request`, following 307 and 308 redirects with the request's body (301/302/303 would turn the POST
    /// into a bodiless GET, so they come back as the answer, reported as an HTTP status). Every hop is checked
    /// before it is sent: `EndpointURLRule` (https, or plain `http://` only to this machine unless allowed) and `RedirectPolicy`
    /// (no headers but the request's own content headers to another origin; no downgrade from `https`).
    ///
    /// - Throws: `GraphQLClientError.configuration` for a hop the plain-HTTP rule refuses; `ResponseBodyTooLarge`
    ///   for an answer over `options.maximumResponseBytes`; whatever the transport throws.
    private func sendFollowingRedirects(_ request: URLRequest, retryable: Bool) async throws -> (Data, HTTPURLResponse) {
        var current = request
        var redirects = 0
        while true {
            let (data, response) = try await sendCapped(current, retryable: retryable)
            guard redirects < Self.maximumRedirects, [307, 308].contains(response.statusCode),
                  let location = response.value(forHTTPHeaderField: "Location"),
                  let target = URL(string: location, relativeTo: current.url)?.absoluteURL,
                  let next = RedirectPolicy.request(following: Self.request(current, to: target), from: current)
            else { return (data, response) }
            try EndpointURLRule.check(target, allowInsecureHTTP: options.allowInsecureHTTP, redirectedFrom: current.url)
            current = next
            redirects += 1
        }
    }

    private static func request(_ request: URLRequest, to url: URL) -> URLRequest {
        var redirected = request
        redirected.url = url
        return redirected
    }

    /// One transport call under `ResponseBodyLimit`, checked again afterwards for transports that ignore the limit.
    private func sendCapped(_ request: URLRequest, retryable: Bool) async throws -> (Data, HTTPURLResponse) {
        let cap = options.maximumResponseBytes
        let (data, response) = try await ResponseBodyLimit.$maximumBytes.withValue(cap) { [transport] in
            retryable ? try await transport.send(request) : try await transport.sendAtMostOnce(request)
        }
        if data.count > cap { throw ResponseBodyTooLarge(maximumBytes: cap) }
        return (data, response)
    }

    // MARK: Failures

    static func transportFailure(_ error: any Error, url: URL, attempts: Int) -> TransportFailure {
        let kind: TransportFailure.Kind
        if Task.isCancelled || error is CancellationError {
            kind = .cancelled
        } else if error is DeadlineExceeded {
            kind = .timedOut
        } else if error is ResponseBodyTooLarge {
            kind = .responseTooLarge
        } else if let urlError = error as? URLError {
            kind = Self.kind(of: urlError.code)
        } else {
            kind = .other
        }
        let underlying = if let urlError = error as? URLError {
            "\(urlError.localizedDescription) (URLError \(urlError.code.rawValue))"
        } else if let tooLarge = error as? ResponseBodyTooLarge {
            "the body passed the cap of \(ByteCount(tooLarge.maximumBytes))"
        } else {
            "\(error)"
        }
        return TransportFailure(kind: kind, url: url.safeDescription, underlying: underlying, attempts: attempts)
    }

    private static func kind(of code: URLError.Code) -> TransportFailure.Kind {
        switch code {
        case .notConnectedToInternet, .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed,
             .internationalRoamingOff, .dataNotAllowed:
            return .cannotConnect
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource,
             .cannotDecodeRawData, .cannotDecodeContentData:
            return .connectionLost
        case .unknown:
            // Linux's URLSession reports libcurl's "Send failure: Broken pipe" (a server closing a kept-alive
            // connection) as an unknown error; it is a lost connection, safe to retry for queries.
            return .connectionLost
        case .timedOut:
            return .timedOut
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired, .appTransportSecurityRequiresSecureConnection:
            return .tls
        case .cancelled:
            return .cancelled
        default:
            return .other
        }
    }
}

extension URL {
    /// Scheme, host, port and path: no user info, query or fragment, which could carry secrets.
    package var safeDescription: String {
        var components = URLComponents()
        components.scheme = scheme
        components.host = host
        components.port = port
        components.path = path
        return components.string ?? "(URL)"
    }

    /// This URL with `path` appended after a single slash, whatever slashes either side has.
    func appendingEndpointPath(_ path: String) -> URL {
        var text = absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        let suffix = path.hasPrefix("/") ? path : "/" + path
        return URL(string: text + suffix) ?? appendingPathComponent(path)
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
