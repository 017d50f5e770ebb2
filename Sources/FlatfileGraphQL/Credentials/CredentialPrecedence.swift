import Foundation

extension FlatfileCredentials {
    /// Reads credentials from environment variables: the first complete one in `api`'s order wins.
    ///
    /// | Order | `.legacyGraphQL` (the GraphQL API)                      | `.platform` (the platform REST API)     |
    /// |-------|---------------------------------------------------------|-----------------------------------------|
    /// | 1     | `FLATFILE_ACCESS_KEY_ID` + `FLATFILE_SECRET_ACCESS_KEY` | `FLATFILE_API_KEY`                      |
    /// | 2     | `FLATFILE_API_KEY`                                      | `FLATFILE_CLIENT_ID` + `FLATFILE_CLIENT_SECRET` |
    /// | 3     | `FLATFILE_CLIENT_ID` + `FLATFILE_CLIENT_SECRET`         | `FLATFILE_EMAIL` + `FLATFILE_PASSWORD`  |
    /// | 4     | `FLATFILE_EMAIL` + `FLATFILE_PASSWORD`                  | `FLATFILE_BEARER_TOKEN`                 |
    /// | 5     | `FLATFILE_BEARER_TOKEN`                                 | `FLATFILE_ACCESS_KEY_ID` + `FLATFILE_SECRET_ACCESS_KEY` |
    ///
    /// The access key pair is the GraphQL API's own credential, so it comes first there and last for the platform,
    /// which takes it only by exchange. `FLATFILE_API_KEY`'s prefix says its kind: `sk_…` secret key, `pk_…`
    /// publishable key, `pat_…` Personal Access Token. Empty values count as unset. fgql's CLI passes the process
    /// environment over `.env.PROFILE` over `.env`, and chooses `api` by `fgql run --api` (see its `APIRouting`).
    ///
    /// ```swift
    /// let credentials = try FlatfileCredentials.fromEnvironment()
    /// let platform = try FlatfileCredentials.fromEnvironment(for: .platform)
    /// ```
    ///
    /// - Throws: `GraphQLClientError.configuration` naming the missing variable when only half of a pair is set
    ///   (whichever credential would win), listing what to set when nothing is, or naming an unusable value.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, for api: FlatfileAPI = .legacyGraphQL
    ) throws(GraphQLClientError) -> FlatfileCredentials {
        let variables = EnvironmentVariables(environment)
        // Check every pair first, so a half-set pair is reported even when another credential is complete.
        for source in EnvironmentCredential.allCases where source.variables.count == 2 {
            _ = try source.read(from: variables)
        }
        for source in EnvironmentCredential.precedence(for: api) {
            if let credentials = try source.read(from: variables) { return credentials }
        }
        throw .configuration(ConfigurationFailure(
            problem: "No Flatfile credentials found in the environment.",
            fix: "Set one of: FLATFILE_ACCESS_KEY_ID and FLATFILE_SECRET_ACCESS_KEY (legacy access key); "
                + "FLATFILE_API_KEY (a secret key sk_…, publishable key pk_… or personal access token pat_…); "
                + "FLATFILE_CLIENT_ID and FLATFILE_CLIENT_SECRET; FLATFILE_EMAIL and FLATFILE_PASSWORD; "
                + "or FLATFILE_BEARER_TOKEN."))
    }
}

/// Where in the environment one kind of credential is read from.
enum EnvironmentCredential: CaseIterable, Sendable {
    case accessKeyPair, apiKey, clientPair, userPair, bearerToken

    /// The order of `FlatfileCredentials.fromEnvironment(_:for:)`'s table.
    static func precedence(for api: FlatfileAPI) -> [EnvironmentCredential] {
        switch api {
        case .legacyGraphQL: [.accessKeyPair, .apiKey, .clientPair, .userPair, .bearerToken]
        case .platform: [.apiKey, .clientPair, .userPair, .bearerToken, .accessKeyPair]
        }
    }

    var variables: [String] {
        switch self {
        case .accessKeyPair: ["FLATFILE_ACCESS_KEY_ID", "FLATFILE_SECRET_ACCESS_KEY"]
        case .apiKey: ["FLATFILE_API_KEY"]
        case .clientPair: ["FLATFILE_CLIENT_ID", "FLATFILE_CLIENT_SECRET"]
        case .userPair: ["FLATFILE_EMAIL", "FLATFILE_PASSWORD"]
        case .bearerToken: ["FLATFILE_BEARER_TOKEN"]
        }
    }

    /// The credential when its variables are set; `nil` when none is.
    ///
    /// - Throws: `.configuration` when only half of a pair is set, or for an API key of unknown kind.
    func read(from environment: EnvironmentVariables) throws(GraphQLClientError) -> FlatfileCredentials? {
        let values = variables.map(environment.value)
        if values.count == 2 {
            switch (values[0], values[1]) {
            case (nil, nil): return nil
            case (_?, nil): throw Self.incompletePair(set: variables[0], missing: variables[1])
            case (nil, _?): throw Self.incompletePair(set: variables[1], missing: variables[0])
            case (let first?, let second?):
                switch self {
                case .accessKeyPair: return .accessKey(id: first, secret: second)
                case .clientPair: return .apiCredentials(clientId: first, secret: second)
                default: return .user(email: first, password: second)
                }
            }
        }
        guard let value = values[0] else { return nil }
        return self == .apiKey ? try Self.apiKey(value) : .bearer(value)
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

/// Environment values with surrounding whitespace trimmed and empty ones unset.
struct EnvironmentVariables: Sendable {
    let environment: [String: String]
    init(_ environment: [String: String]) { self.environment = environment }

    func value(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }
}
