import FlatfileGraphQL
import Foundation

extension GraphQLClient {
    /// A client for Flatfile's platform API (`{platformURL}/v1`, REST) through the GraphQL schema in
    /// `FlatfilePlatformSchema.sdl`, executed in this process by a `FlatfilePlatformEndpoint`. Generated operation
    /// types for that schema (the `FlatfilePlatformQueries` product) run on it like on any other client.
    ///
    /// Account-wide questions (every environment's spaces, agents and events) need a Personal Access Token; a secret
    /// key sees its own environment only, and a field asking for another environment gets an error at its path.
    ///
    /// ```swift
    /// let client = GraphQLClient.flatfilePlatform(credentials: .personalAccessToken("pat_…"))
    /// let response = try await client.execute(document: """
    ///     { environments { name isProd spaceCount agents { slug topics } } }
    ///     """)
    /// print(response.data?.jsonString(.pretty) ?? "null")
    /// ```
    ///
    /// `apiURL` is where a legacy access key pair is exchanged (`{apiURL}/auth/access-key/exchange`); other
    /// credentials are exchanged at the platform or used directly.
    public static func flatfilePlatform(
        credentials: FlatfileCredentials, platformURL: URL = FlatfileConfiguration.defaultPlatformURL,
        apiURL: URL = FlatfileConfiguration.defaultAPIURL, tokenPersistence: (any TokenPersistence)? = nil, headers: [String: String] = [:],
        options: GraphQLClientOptions = GraphQLClientOptions(),
        maximumConcurrentRequests: Int = FlatfilePlatformEndpoint.defaultMaximumConcurrentRequests,
        transport: any HTTPTransport = URLSessionTransport.shared
    ) -> GraphQLClient {
        GraphQLClient(endpoint: FlatfilePlatformEndpoint(
            credentials: credentials, platformURL: platformURL, apiURL: apiURL, tokenPersistence: tokenPersistence,
            headers: headers, options: options, maximumConcurrentRequests: maximumConcurrentRequests, transport: transport))
    }

    /// A platform client configured by `configuration` (credentials and the platform and API URLs, see
    /// `FlatfileConfiguration.fromEnvironment()`): every exchange goes to the configured servers.
    ///
    /// ```swift
    /// let client = GraphQLClient.flatfilePlatform(try FlatfileConfiguration.fromEnvironment())
    /// ```
    public static func flatfilePlatform(
        _ configuration: FlatfileConfiguration, tokenPersistence: (any TokenPersistence)? = nil,
        headers: [String: String] = [:], options: GraphQLClientOptions = GraphQLClientOptions(),
        transport: any HTTPTransport = URLSessionTransport.shared
    ) -> GraphQLClient {
        flatfilePlatform(
            credentials: configuration.credentials, platformURL: configuration.platformURL,
            apiURL: configuration.apiURL, tokenPersistence: tokenPersistence, headers: headers, options: options, transport: transport)
    }
}
