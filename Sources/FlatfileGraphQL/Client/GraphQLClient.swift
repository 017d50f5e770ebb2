import Foundation

/// Runs GraphQL operations: typed ones generated from `.graphql` files, or raw documents.
///
/// ```swift
/// let client = GraphQLClient.flatfile(credentials: .accessKey(id: "…", secret: "…"))   // or try .fromEnvironment()
/// let data = try await client.fetch(GetBatchesQuery(licenseKey: key))      // typed; throws with partial data + errors
/// let raw  = try await client.execute(document: text, variables: ["take": 5])  // untyped
/// ```
///
/// Any GraphQL API works too:
///
/// ```swift
/// let github = GraphQLClient(endpoint: URL(string: "https://api.github.com/graphql")!,
///                            headers: ["Authorization": "Bearer \(token)"])
/// ```
public struct GraphQLClient: Sendable {
    /// Where requests go.
    public let endpoint: any GraphQLEndpoint
    /// The WebSocket that subscriptions share; `nil` for an endpoint that is not an HTTP server.
    let subscriptionSocket: SubscriptionSocket?

    /// A client for `endpoint`. Subscriptions need a WebSocket: they work on the clients made from a URL.
    public init(endpoint: any GraphQLEndpoint) {
        self.endpoint = endpoint
        subscriptionSocket = nil
    }

    /// A client for the GraphQL API at `url`, sending `headers` with every request (and with the WebSocket
    /// upgrade of subscriptions, which `webSocket` opens).
    public init(
        endpoint url: URL, headers: [String: String] = [:], options: GraphQLClientOptions = GraphQLClientOptions(),
        transport: any HTTPTransport = URLSessionTransport.shared,
        webSocket: any WebSocketConnector = URLSessionWebSocketConnector()
    ) {
        self.init(
            endpoint: HTTPGraphQLEndpoint(url: url, headers: headers, options: options, transport: transport),
            credentials: .standard, defaultProtocol: .automatic, webSocket: webSocket)
    }

    private init(
        endpoint: HTTPGraphQLEndpoint, credentials: SubscriptionEndpoint.Credentials,
        defaultProtocol: GraphQLWebSocketProtocol, webSocket: any WebSocketConnector
    ) {
        self.endpoint = endpoint
        let options = endpoint.options
        subscriptionSocket = SubscriptionSocket(endpoint: SubscriptionEndpoint(
            url: options.subscriptions.url ?? endpoint.url.webSocketURL, headers: endpoint.headers,
            tokenProvider: endpoint.tokenProvider, credentials: credentials,
            webSocketProtocol: options.subscriptions.webSocketProtocol ?? defaultProtocol, options: options,
            connector: webSocket))
    }

    /// A client for Flatfile's GraphQL API at `{apiURL}/graphql`, authenticating with `credentials`.
    ///
    /// The client owns one `FlatfileTokenStore`: it exchanges the credentials when the first request needs a
    /// token, reuses the token until shortly before it expires, and shares one exchange among concurrent requests.
    ///
    /// ```swift
    /// let client = GraphQLClient.flatfile(credentials: .secretKey("sk_…"))
    /// let cli = GraphQLClient.flatfile(credentials: credentials, tokenPersistence: FileTokenPersistence())
    /// ```
    public static func flatfile(
        credentials: FlatfileCredentials, apiURL: URL = FlatfileConfiguration.defaultAPIURL,
        platformURL: URL = FlatfileConfiguration.defaultPlatformURL,
        tokenPersistence: (any TokenPersistence)? = nil, headers: [String: String] = [:],
        options: GraphQLClientOptions = GraphQLClientOptions(),
        transport: any HTTPTransport = URLSessionTransport.shared,
        webSocket: any WebSocketConnector = URLSessionWebSocketConnector()
    ) -> GraphQLClient {
        let store = FlatfileTokenStore(
            credentials: credentials, apiURL: apiURL, platformURL: platformURL, persistence: tokenPersistence,
            options: options, transport: transport)
        // Flatfile's API speaks the legacy subscriptions protocol, with the token where its SDK puts it.
        return GraphQLClient(
            endpoint: HTTPGraphQLEndpoint(
                url: apiURL.appendingEndpointPath("graphql"), headers: headers, tokenProvider: store, options: options,
                transport: transport),
            credentials: .flatfile, defaultProtocol: .subscriptionsTransportWS, webSocket: webSocket)
    }

    /// A client for Flatfile configured by `configuration` (see `FlatfileConfiguration.fromEnvironment()`).
    public static func flatfile(
        _ configuration: FlatfileConfiguration, tokenPersistence: (any TokenPersistence)? = nil,
        headers: [String: String] = [:], options: GraphQLClientOptions = GraphQLClientOptions(),
        transport: any HTTPTransport = URLSessionTransport.shared,
        webSocket: any WebSocketConnector = URLSessionWebSocketConnector()
    ) -> GraphQLClient {
        flatfile(
            credentials: configuration.credentials, apiURL: configuration.apiURL,
            platformURL: configuration.platformURL, tokenPersistence: tokenPersistence, headers: headers,
            options: options, transport: transport, webSocket: webSocket)
    }

    /// The token provider of an HTTP endpoint, when it has one (for showing which token is in use).
    public var tokenProvider: (any AccessTokenProvider)? {
        (endpoint as? HTTPGraphQLEndpoint)?.tokenProvider
    }

    // MARK: Running operations

    /// Runs `operation` and returns its typed data.
    ///
    /// - Throws: `GraphQLClientError.graphQL` when the server reported errors (with any partial data, which
    ///   `GraphQLErrorsFailure.partialData(as:)` decodes); `.decoding` with the JSON path when the data does not
    ///   match the generated types; transport, HTTP and authentication failures as their own cases.
    public func fetch<Operation: GraphQLFetchableOperation>(_ operation: Operation) async throws(GraphQLClientError)
        -> Operation.Data
    {
        try Operation.data(of: await endpoint.send(GraphQLRequest(operation)))
    }

    /// Runs `operation` and returns its typed data together with any errors, without throwing for GraphQL
    /// errors: for callers that want partial results.
    ///
    /// ```swift
    /// let result = try await client.result(for: GetBatchesQuery(licenseKey: key))
    /// for error in result.errors { print(error) }
    /// if let batches = result.data?.getBatches { … }
    /// ```
    public func result<Operation: GraphQLFetchableOperation>(for operation: Operation) async throws(GraphQLClientError)
        -> GraphQLResult<Operation.Data>
    {
        let response = try await endpoint.send(GraphQLRequest(operation))
        var data: Operation.Data?
        if let json = response.data, !json.isNull {
            do {
                data = try decodeData(Operation.Data.self, from: json)
            } catch where !response.errors.isEmpty {
                // With errors, partial data may legitimately lack non-null fields; the errors say why.
                data = nil
            }
        }
        return GraphQLResult(data: data, errors: response.errors, extensions: response.extensions)
    }

    /// Runs a raw document and returns the response as the server sent it, errors included.
    ///
    /// ```swift
    /// let response = try await client.execute(
    ///     document: "query Batches($key: String!) { getBatches(licenseKey: $key) { data { id } } }",
    ///     variables: ["key": "…"])
    /// print(response.data?.jsonString(.pretty) ?? "null")
    /// ```
    ///
    /// - Throws: only when there is no GraphQL response: transport, HTTP, authentication and unreadable bodies.
    public func execute(
        document: String, variables: JSONObject? = nil, operationName: String? = nil
    ) async throws(GraphQLClientError) -> GraphQLResponse {
        try await endpoint.send(GraphQLRequest(query: document, operationName: operationName, variables: variables))
    }
}

/// Typed data with the errors the server sent beside it.
public struct GraphQLResult<Data: Sendable>: Sendable {
    /// The decoded data; `nil` when the server sent none, or sent errors and data that does not decode.
    public var data: Data?
    public var errors: [GraphQLError]
    public var extensions: JSONObject?

    public init(data: Data?, errors: [GraphQLError], extensions: JSONObject?) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }
}

extension GraphQLOperation {
    /// The typed data of `response`, or its errors thrown with any partial data: what `fetch` returns and what
    /// each subscription event becomes.
    static func data(of response: GraphQLResponse) throws(GraphQLClientError) -> Data {
        guard response.errors.isEmpty else {
            throw .graphQL(GraphQLErrorsFailure(
                errors: response.errors, data: response.data, extensions: response.extensions,
                operationName: operationName))
        }
        guard let data = response.data, !data.isNull else {
            throw .decoding(DecodingFailure(path: "data", message: "the response has neither data nor errors"))
        }
        return try decodeData(Data.self, from: data)
    }
}

extension URL {
    /// The WebSocket URL of the same resource: `ws://` for `http://`, `wss://` for `https://`.
    var webSocketURL: URL {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return self }
        switch components.scheme?.lowercased() {
        case "http": components.scheme = "ws"
        case "https": components.scheme = "wss"
        default: break
        }
        return components.url ?? self
    }
}
