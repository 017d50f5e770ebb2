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
    /// Credentials, first match wins: `FLATFILE_ACCESS_KEY_ID` + `FLATFILE_SECRET_ACCESS_KEY`;
    /// `FLATFILE_API_KEY` (`sk_…` secret key, `pk_…` publishable key, `pat_…` personal access token);
    /// `FLATFILE_CLIENT_ID` + `FLATFILE_CLIENT_SECRET`; `FLATFILE_EMAIL` + `FLATFILE_PASSWORD`;
    /// `FLATFILE_BEARER_TOKEN` — for the platform API the access key pair comes last instead of first.
    /// URLs: `FLATFILE_API_URL`, `FLATFILE_PLATFORM_URL`. Empty values count as unset.
    ///
    /// - Throws: `GraphQLClientError.configuration` naming the missing variable when only half of a pair is set,
    ///   listing what to set when nothing is, or naming a variable whose value is unusable.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, for api: FlatfileAPI = .legacyGraphQL
    ) throws(GraphQLClientError) -> FlatfileConfiguration {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
            else { return nil }
            return value
        }
        return FlatfileConfiguration(
            credentials: try FlatfileCredentials.fromEnvironment(environment, for: api),
            apiURL: try url(value("FLATFILE_API_URL"), variable: "FLATFILE_API_URL") ?? defaultAPIURL,
            platformURL: try url(value("FLATFILE_PLATFORM_URL"), variable: "FLATFILE_PLATFORM_URL")
                ?? defaultPlatformURL)
    }

    private static func url(_ text: String?, variable: String) throws(GraphQLClientError) -> URL? {
        guard let text else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false
        else {
            throw .configuration(ConfigurationFailure(
                problem: "\(variable) is not a valid http(s) URL: \"\(text)\".",
                fix: "Set it to a base URL such as https://api.us.flatfile.io, or unset it to use the default."))
        }
        return url
    }
}

extension FlatfileCredentials {
    /// Reads credentials from environment variables; see `FlatfileConfiguration.fromEnvironment(_:)` for the
    /// variables and their precedence.
    ///
    /// ```swift
    /// let credentials = try FlatfileCredentials.fromEnvironment()
    /// ```
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, for api: FlatfileAPI = .legacyGraphQL
    ) throws(GraphQLClientError) -> FlatfileCredentials {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
            else { return nil }
            return value
        }
        func pair(_ first: String, _ second: String) throws(GraphQLClientError) -> (String, String)? {
            switch (value(first), value(second)) {
            case (let one?, let two?): return (one, two)
            case (nil, nil): return nil
            case (_?, nil): throw incompletePair(set: first, missing: second)
            case (nil, _?): throw incompletePair(set: second, missing: first)
            }
        }

        // Check every pair first, so a half-set pair is reported even when another credential is complete.
        let accessKey = try pair("FLATFILE_ACCESS_KEY_ID", "FLATFILE_SECRET_ACCESS_KEY")
        let client = try pair("FLATFILE_CLIENT_ID", "FLATFILE_CLIENT_SECRET")
        let user = try pair("FLATFILE_EMAIL", "FLATFILE_PASSWORD")

        if api == .legacyGraphQL, let (id, secret) = accessKey { return .accessKey(id: id, secret: secret) }
        if let key = value("FLATFILE_API_KEY") { return try apiKey(key) }
        if let (clientId, secret) = client { return .apiCredentials(clientId: clientId, secret: secret) }
        if let (email, password) = user { return .user(email: email, password: password) }
        if let token = value("FLATFILE_BEARER_TOKEN") { return .bearer(token) }
        if let (id, secret) = accessKey { return .accessKey(id: id, secret: secret) }
        throw .configuration(ConfigurationFailure(
            problem: "No Flatfile credentials found in the environment.",
            fix: "Set one of: FLATFILE_ACCESS_KEY_ID and FLATFILE_SECRET_ACCESS_KEY (legacy access key); "
                + "FLATFILE_API_KEY (a secret key sk_…, publishable key pk_… or personal access token pat_…); "
                + "FLATFILE_CLIENT_ID and FLATFILE_CLIENT_SECRET; FLATFILE_EMAIL and FLATFILE_PASSWORD; "
                + "or FLATFILE_BEARER_TOKEN."))
    }

    private static func apiKey(_ key: String) throws(GraphQLClientError) -> FlatfileCredentials {
        if key.hasPrefix("sk_") { return .secretKey(key) }
        if key.hasPrefix("pk_") { return .publishableKey(key) }
        if key.hasPrefix("pat_") { return .personalAccessToken(key) }
        throw .configuration(ConfigurationFailure(
            problem: "FLATFILE_API_KEY does not start with sk_, pk_ or pat_, so its kind is unknown.",
            fix: "Set FLATFILE_API_KEY to a secret key (sk_…), publishable key (pk_…) or personal access token "
                + "(pat_…); for any other token use FLATFILE_BEARER_TOKEN."))
    }

    private static func incompletePair(set: String, missing: String) -> GraphQLClientError {
        .configuration(ConfigurationFailure(
            problem: "\(set) is set but \(missing) is missing.",
            fix: "Set \(missing) as well, or unset \(set) to use another credential."))
    }
}
