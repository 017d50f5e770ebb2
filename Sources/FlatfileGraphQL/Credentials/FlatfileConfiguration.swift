import Foundation

/// Where a Flatfile client connects and with which credentials.
///
/// ```swift
/// let configuration = try FlatfileConfiguration.fromEnvironment()
/// let client = GraphQLClient.flatfile(configuration)
/// ```
public struct FlatfileConfiguration: Sendable, Hashable {
    /// `https://api.us.flatfile.io`: the legacy API (access-key exchange and GraphQL).
    public static let defaultAPIURL = URL(string: "https://api.us.flatfile.io")!
    /// `https://platform.flatfile.com/api`: the platform API (`/v1/auth`).
    public static let defaultPlatformURL = URL(string: "https://platform.flatfile.com/api")!

    public var credentials: FlatfileCredentials
    /// The API base; GraphQL is served at `{apiURL}/graphql`.
    public var apiURL: URL
    /// The platform API base; client-id and email credentials are exchanged at `{platformURL}/v1/auth`.
    public var platformURL: URL

    public init(
        credentials: FlatfileCredentials, apiURL: URL = Self.defaultAPIURL, platformURL: URL = Self.defaultPlatformURL
    ) {
        self.credentials = credentials
        self.apiURL = apiURL
        self.platformURL = platformURL
    }

    /// Reads credentials and URLs from environment variables.
    ///
    /// Credentials: the first that `api` takes, in the order `FlatfileCredentials.fromEnvironment(_:for:)` lists
    /// (CredentialPrecedence.swift). URLs: `FLATFILE_API_URL`, `FLATFILE_PLATFORM_URL`, held to `EndpointURLRule`.
    /// Empty values count as unset.
    ///
    /// - Throws: `GraphQLClientError.configuration` naming the missing variable when only half of a pair is set,
    ///   listing what to set when nothing is, or naming a variable whose value is unusable.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, for api: FlatfileAPI = .legacyGraphQL
    ) throws(GraphQLClientError) -> FlatfileConfiguration {
        let variables = EnvironmentVariables(environment)
        func url(_ variable: String) throws(GraphQLClientError) -> URL? {
            guard let text = variables.value(variable) else { return nil }
            return try EndpointURLRule.parse(text, source: variable)
        }
        return FlatfileConfiguration(
            credentials: try FlatfileCredentials.fromEnvironment(environment, for: api),
            apiURL: try url("FLATFILE_API_URL") ?? defaultAPIURL,
            platformURL: try url("FLATFILE_PLATFORM_URL") ?? defaultPlatformURL)
    }
}
