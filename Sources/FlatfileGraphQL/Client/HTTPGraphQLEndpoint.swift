import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A GraphQL server reached over HTTP: `POST url` with `{"query", "operationName", "variables"}`, or — with
/// `GraphQLClientOptions.persistedQueries` — the document's hash first (see `PersistedQueries`).
///
/// With a token provider, each request carries `Authorization: Bearer <token>`; when the server refuses the
/// token (HTTP 401, or a GraphQL `Unauthorized` error with no data) the token is invalidated and the request is
/// sent once more with a fresh one. A second refusal throws `.authentication` — there is no loop.
///
/// ```swift
/// let endpoint = HTTPGraphQLEndpoint(
///     url: URL(string: "https://api.github.com/graphql")!,
///     headers: ["Authorization": "Bearer \(githubToken)"])
/// let client = GraphQLClient(endpoint: endpoint)
/// ```
public struct HTTPGraphQLEndpoint: GraphQLEndpoint {
    public let url: URL
    public let headers: [String: String]
    public let tokenProvider: (any AccessTokenProvider)?
    public var options: GraphQLClientOptions { pipeline.options }

    private let pipeline: HTTPPipeline
    private let redactor: Redactor
    private let persistedQuerySupport = PersistedQuerySupport()

    public init(
        url: URL, headers: [String: String] = [:], tokenProvider: (any AccessTokenProvider)? = nil,
        options: GraphQLClientOptions = GraphQLClientOptions(), transport: any HTTPTransport = URLSessionTransport.shared
    ) {
        self.url = url
        self.headers = headers
        self.tokenProvider = tokenProvider
        pipeline = HTTPPipeline(transport: transport, options: options)
        redactor = Redactor(headers: headers, tokenProvider: tokenProvider)
    }

    public func send(_ request: GraphQLRequest) async throws(GraphQLClientError) -> GraphQLResponse {
        guard options.persistedQueries.isEnabled, !persistedQuerySupport.isRefused else {
            return try await exchange(.post(request.jsonValue.jsonData()), for: request).response
        }
        let hash = SHA256.hexDigest(of: request.query)
        var hashOnly = request.jsonValue.objectValue ?? [:]
        hashOnly["query"] = nil
        hashOnly["extensions"] = .object(PersistedQueries.extensions(hash: hash))
        let first = try await exchange(hashOnlyMessage(hashOnly, for: request), for: request)
        switch PersistedQueries.outcome(of: first.response, statusCode: first.statusCode) {
        case .answered:
            return first.response
        case .notFound:
            var registering = request
            var extensions = request.extensions ?? JSONObject()
            for (key, value) in PersistedQueries.extensions(hash: hash) { extensions[key] = value }
            registering.extensions = extensions
            return try await exchange(.post(registering.jsonValue.jsonData()), for: request).response
        case .notSupported:
            persistedQuerySupport.markRefused()
            return try await exchange(.post(request.jsonValue.jsonData()), for: request).response
        }
    }

    /// How one request goes out: a JSON body by `POST`, or its members as the query string of a `GET`.
    private enum Message {
        case post(Data)
        case get(URL)
    }

    /// A query's hash-only request by `GET` when the options ask for it and the URL stays short; else `POST`.
    private func hashOnlyMessage(_ members: JSONObject, for request: GraphQLRequest) -> Message {
        guard options.persistedQueries.usesGETForQueries, request.operationType == .query,
              var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return .post(JSONValue.object(members).jsonData()) }
        var items = components.queryItems ?? []
        for (name, value) in members {
            items.append(URLQueryItem(name: name, value: value.stringValue ?? value.jsonString()))
        }
        components.queryItems = items
        // URLComponents leaves "+" alone, which servers read as a space in a query string.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let target = components.url, target.absoluteString.utf8.count <= PersistedQueries.maximumGETLength
        else { return .post(JSONValue.object(members).jsonData()) }
        return .get(target)
    }

    private func exchange(
        _ message: Message, for request: GraphQLRequest
    ) async throws(GraphQLClientError) -> (response: GraphQLResponse, statusCode: Int) {
        let retryable = options.retryPolicy.allowsRetries(for: request.operationType)
        return try await tokenProvider.withTokenReplacedOnce(for: url) { token throws(GraphQLClientError) in
            let answer = try await pipeline.send(urlRequest(message, token: token), retryable: retryable)
            let interpreted = try interpret(answer, redactor: token.map { redactor.adding([$0.value]) } ?? redactor)
            return switch interpreted {
            case .done(let response): .done((response, answer.statusCode))
            case .refused(let statusCode, let message): .refused(statusCode: statusCode, message: message)
            }
        }
    }

    private func urlRequest(_ message: Message, token: AccessToken?) -> URLRequest {
        switch message {
        case .post(let body):
            HTTPRequestBuilder.request(
                "POST", url, accept: HTTPRequestBuilder.graphQLAccept, jsonBody: body, headers: headers, token: token,
                options: options)
        case .get(let target):
            HTTPRequestBuilder.request(
                "GET", target, accept: HTTPRequestBuilder.graphQLAccept, headers: headers, token: token, options: options)
        }
    }

    // MARK: Reading the answer

    /// A GraphQL response, or a refusal of the credentials: HTTP 401 or Flatfile's `Unauthorized` GraphQL error.
    private func interpret(
        _ answer: HTTPPipeline.Answer, redactor: Redactor
    ) throws(GraphQLClientError) -> AuthorizedAttempt<GraphQLResponse> {
        if answer.statusCode == 401 {
            return .refused(statusCode: 401, message: ServerErrorBody(answer.body, redactor: redactor).message)
        }
        let parsed: Result<JSONValue, JSONParseError>
        do {
            parsed = .success(try JSONValue(parsing: answer.body))
        } catch let error as JSONParseError {
            parsed = .failure(error)
        } catch {
            parsed = .failure(JSONParseError(offset: 0, line: 1, column: 1, reason: "\(error)"))
        }

        // "Try again later" statuses stay HTTP failures even with a GraphQL-shaped body: nothing was executed.
        let retryLater = HTTPPipeline.retryableStatusCodes.contains(answer.statusCode)
        if !retryLater, case .success(let json) = parsed, let response = GraphQLResponse(json: json) {
            if tokenProvider != nil, response.data?.isNull ?? true,
               let refusal = response.errors.first(where: \.isUnauthorized) {
                let detail = refusal.extensions?["response"]?["message"]?.stringValue
                let message = [refusal.message, detail].compactMap { $0 }.joined(separator: ": ")
                return .refused(statusCode: answer.statusCode == 200 ? nil : answer.statusCode,
                                message: redactor.redact(message))
            }
            // Servers echo what they received (a header, the token) into errors; only data is left as sent.
            return .done(redactor.redact(response))
        }

        guard answer.isSuccess else {
            let error = ServerErrorBody(answer.body, redactor: redactor)
            throw .httpStatus(HTTPStatusFailure(
                statusCode: answer.statusCode, url: url.safeDescription, serverMessage: error.message,
                bodyExcerpt: error.excerpt, attempts: answer.attempts))
        }
        switch parsed {
        case .failure where answer.body.isEmpty:
            throw .decoding(DecodingFailure(path: "", message: "the body is empty", statusCode: answer.statusCode))
        case .failure(let error):
            let excerpt = ServerErrorBody(answer.body, redactor: redactor).excerpt
            throw .decoding(DecodingFailure(
                path: "", message: "it is not valid JSON (\(error)); it starts with: \(excerpt)",
                byteOffset: error.offset, statusCode: answer.statusCode))
        case .success(let json):
            throw .decoding(DecodingFailure(
                path: "", message: "it is JSON but not a GraphQL response (no \"data\" or \"errors\"): "
                    + redactor.redact(json.jsonString().truncated(to: ServerErrorBody.excerptLength)),
                statusCode: answer.statusCode))
        }
    }
}
