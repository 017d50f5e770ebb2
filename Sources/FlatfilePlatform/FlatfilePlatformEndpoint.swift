import FlatfileGraphQL
import Foundation
import GraphQL
import GraphQLExecution

/// Flatfile's platform REST API (`https://platform.flatfile.com/api/v1`) as a GraphQL endpoint that runs in this
/// process: the GraphQL executor runs `FlatfilePlatformSchema.sdl`, and each field's resolver makes the REST call
/// its `@rest` directive names, with the client's credentials.
///
/// Within one request, independent REST calls run concurrently (at most `maximumConcurrentRequests` at a time,
/// shared by all requests of this endpoint), each distinct REST request is sent once, list fields walk
/// `pageSize`/`pageNumber` pages to the end (or to the field's `first`), and 429/502/503/504 answers are retried as
/// the options' retry policy says, honouring `Retry-After`. Every call sends `X-Disable-Hooks: true`. A REST
/// failure under one field is a GraphQL error at that field's path (with `extensions.code` `REST_<status>`, or
/// `unreachableErrorCode` when the call got no answer at all); the rest of the result is returned. Refused
/// credentials fail the whole request with `.authentication`, and an unreachable server with `.transport` when no
/// root field could be answered.
///
/// ```swift
/// let endpoint = FlatfilePlatformEndpoint(credentials: .personalAccessToken("pat_…"))
/// let client = GraphQLClient(endpoint: endpoint)
/// let response = try await client.execute(document: "{ environments { name spaceCount agents { slug topics } } }")
/// ```
public struct FlatfilePlatformEndpoint: GraphQLEndpoint {
    /// How many REST requests may be in flight at once unless told otherwise.
    public static let defaultMaximumConcurrentRequests = 8

    /// The `extensions.code` of a field's error when its REST call got no HTTP answer (no connection, timeout): a
    /// network failure rather than the API's answer, which callers such as the CLI report as such.
    public static let unreachableErrorCode = "REST_UNREACHABLE"

    /// The platform API root, without `/v1` (`https://platform.flatfile.com/api`).
    public let platformURL: URL
    public var tokenProvider: (any AccessTokenProvider)? { http.tokenProvider }

    private let http: AuthenticatedHTTPClient
    private let limiter: ConcurrencyLimiter

    /// An endpoint authenticating with `credentials`: a PAT or secret key is sent as the bearer token; client id
    /// and secret, or email and password, are exchanged at `{platformURL}/v1/auth` first (and again when the
    /// token expires); a legacy access key pair at `{apiURL}/auth/access-key/exchange`.
    ///
    /// - Parameters:
    ///   - headers: sent with every REST call; they can override `X-Disable-Hooks`.
    ///   - maximumConcurrentRequests: REST requests in flight at once (at least 1).
    public init(
        credentials: FlatfileCredentials, platformURL: URL = FlatfileConfiguration.defaultPlatformURL,
        apiURL: URL = FlatfileConfiguration.defaultAPIURL, tokenPersistence: (any TokenPersistence)? = nil,
        headers: [String: String] = [:],
        options: GraphQLClientOptions = GraphQLClientOptions(),
        maximumConcurrentRequests: Int = FlatfilePlatformEndpoint.defaultMaximumConcurrentRequests,
        transport: any HTTPTransport = URLSessionTransport.shared
    ) {
        let store = FlatfileTokenStore(
            credentials: credentials, apiURL: apiURL, platformURL: platformURL, persistence: tokenPersistence,
            options: options,
            transport: transport)
        self.init(
            tokenProvider: store, platformURL: platformURL, headers: headers, options: options,
            maximumConcurrentRequests: maximumConcurrentRequests, transport: transport)
    }

    /// An endpoint taking its bearer tokens from `tokenProvider` (for example a client's existing
    /// `FlatfileTokenStore`), or sending none.
    public init(
        tokenProvider: (any AccessTokenProvider)?, platformURL: URL = FlatfileConfiguration.defaultPlatformURL,
        headers: [String: String] = [:], options: GraphQLClientOptions = GraphQLClientOptions(),
        maximumConcurrentRequests: Int = FlatfilePlatformEndpoint.defaultMaximumConcurrentRequests,
        transport: any HTTPTransport = URLSessionTransport.shared
    ) {
        self.platformURL = platformURL
        http = AuthenticatedHTTPClient(
            tokenProvider: tokenProvider, headers: ["X-Disable-Hooks": "true"].merging(headers) { $1 },
            options: options, transport: transport)
        limiter = ConcurrencyLimiter(limit: maximumConcurrentRequests)
    }

    public func send(_ request: FlatfileGraphQL.GraphQLRequest) async throws(GraphQLClientError) -> GraphQLResponse {
        let schema = try PlatformSchema.executable()
        if let tooDeep = NestingDepth.error(in: request.query) {
            return GraphQLResponse(data: nil, errors: [FlatfileGraphQL.GraphQLError(tooDeep)])
        }
        let session = RESTSession(http: http, baseURL: platformURL, limiter: limiter)
        let result: GraphQL.GraphQLResult
        do {
            result = try await graphql(
                schema: schema, request: request.query, context: session,
                variableValues: (request.variables ?? [:]).reduce(into: [:]) { $0[$1.key] = Map(json: $1.value) },
                operationName: request.operationName)
        } catch let error as GraphQL.GraphQLError {
            return GraphQLResponse(data: nil, errors: [FlatfileGraphQL.GraphQLError(error)])  // a syntax error
        } catch {
            return GraphQLResponse(data: nil, errors: [FlatfileGraphQL.GraphQLError(message: "\(error)")])
        }
        let data = result.data.map(JSONValue.init(map:))
        let failures = await session.clientErrors()
        // Refused credentials and setup problems fail every call alike; so does an unreachable server when
        // nothing could be answered (every root field null, as `{"users": null}`). Those are the request's
        // failure, as with a remote endpoint.
        if let failure = failures.first(where: \.concernsWholeRequest) { throw failure }
        if !Self.answersAnything(data), let failure = failures.first { throw failure }
        return GraphQLResponse(data: data, errors: result.errors.map(FlatfileGraphQL.GraphQLError.init))
    }
}

extension FlatfilePlatformEndpoint {
    /// Whether `data` holds at least one root field that is not null.
    fileprivate static func answersAnything(_ data: JSONValue?) -> Bool {
        guard let fields = data?.objectValue else { return false }
        return fields.contains { !$0.value.isNull }
    }
}

extension GraphQLClientError {
    fileprivate var concernsWholeRequest: Bool {
        switch self {
        case .authentication, .configuration: true
        default: false
        }
    }
}

extension FlatfileGraphQL.GraphQLError {
    /// The executor's error as a response error: message, locations, path, extensions.
    init(_ error: GraphQL.GraphQLError) {
        self.init(
            message: error.message,
            locations: error.sourceLocations.map { Location(line: $0.line, column: $0.column) },
            path: error.path.elements.map { element in
                switch element {
                case .index(let index): .index(index)
                case .key(let key): .key(key)
                }
            },
            extensions: error.extensions.isEmpty
                ? nil : JSONObject(error.extensions.sorted { $0.key < $1.key }.map { ($0.key, JSONValue(map: $0.value)) }))
    }
}
