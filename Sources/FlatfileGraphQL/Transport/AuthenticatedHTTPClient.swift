import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends plain HTTP requests the way the client's own GraphQL endpoint does: the plain-HTTP check, the deadline,
/// retries of connection failures and of 429/502/503/504 honouring `Retry-After` (per `options.retryPolicy`),
/// and the bearer token of a token provider, replaced once when the server refuses it with HTTP 401.
///
/// It is the building block for endpoints that answer GraphQL by calling another HTTP API with the client's
/// credentials, such as the in-process Flatfile platform endpoint, which calls Flatfile's REST API.
///
/// ```swift
/// let http = AuthenticatedHTTPClient(
///     tokenProvider: FlatfileTokenStore(credentials: .personalAccessToken("pat_…")),
///     headers: ["X-Disable-Hooks": "true"])
/// let response = try await http.get(URL(string: "https://platform.flatfile.com/api/v1/environments")!)
/// if response.isSuccess { print(String(decoding: response.body, as: UTF8.self)) }
/// else { print(response.statusCode, response.serverMessage ?? response.bodyExcerpt) }
/// ```
public struct AuthenticatedHTTPClient: Sendable {
    /// An HTTP answer. Its texts are safe to show: every known secret and token is redacted from them.
    public struct Response: Sendable {
        public var statusCode: Int
        public var body: Data
        /// How many times the request was sent (more than 1 after retries).
        public var attempts: Int
        /// The server's own error message (platform `errors[].message` with its `key`, NestJS `message`, an
        /// HTML page's title), redacted; `nil` when the body has none.
        public var serverMessage: String?
        /// The start of the body, whitespace collapsed, redacted; empty for a success.
        public var bodyExcerpt: String
        public var isSuccess: Bool { (200..<300).contains(statusCode) }
    }

    public let tokenProvider: (any AccessTokenProvider)?
    public let headers: [String: String]
    public var options: GraphQLClientOptions { pipeline.options }

    private let pipeline: HTTPPipeline
    private let redactor: Redactor

    /// A client that sends `headers` with every request, and `Authorization: Bearer <token>` when
    /// `tokenProvider` is set.
    public init(
        tokenProvider: (any AccessTokenProvider)?, headers: [String: String] = [:],
        options: GraphQLClientOptions = GraphQLClientOptions(), transport: any HTTPTransport = URLSessionTransport.shared
    ) {
        self.tokenProvider = tokenProvider
        self.headers = headers
        pipeline = HTTPPipeline(transport: transport, options: options)
        redactor = Redactor(headers: headers, tokenProvider: tokenProvider)
    }

    /// Sends `GET url` (retried like a query) and returns the last answer whatever its status.
    ///
    /// - Throws: `.transport` when no answer arrived; `.authentication` when the token was refused twice (or
    ///   once, for a credential that cannot be refreshed); `.configuration` for a URL that may not carry
    ///   credentials.
    public func get(_ url: URL) async throws(GraphQLClientError) -> Response {
        try await tokenProvider.withTokenReplacedOnce(for: url) { token throws(GraphQLClientError) in
            let request = HTTPRequestBuilder.request(
                "GET", url, accept: HTTPRequestBuilder.jsonAccept, headers: headers, token: token, options: options)
            let answer = try await pipeline.send(request, retryable: true)
            if answer.isSuccess {
                return .done(Response(
                    statusCode: answer.statusCode, body: answer.body, attempts: answer.attempts, serverMessage: nil,
                    bodyExcerpt: ""))
            }
            let error = ServerErrorBody(answer.body, redactor: token.map { redactor.adding([$0.value]) } ?? redactor)
            // Without a token provider a 401 is just an answer: the caller's own headers were refused.
            if answer.statusCode == 401, tokenProvider != nil {
                return .refused(statusCode: 401, message: error.message)
            }
            return .done(Response(
                statusCode: answer.statusCode, body: answer.body, attempts: answer.attempts,
                serverMessage: error.message, bodyExcerpt: error.excerpt))
        }
    }
}
