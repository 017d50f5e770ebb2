/// The kinds of credentials a client can authenticate with.
public enum CredentialKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A legacy access key id + secret, exchanged at `POST {api}/auth/access-key/exchange`.
    case accessKey
    /// An environment's secret key (`sk_…`), sent as the bearer token.
    case secretKey
    /// An environment's publishable key (`pk_…`), sent as the bearer token.
    case publishableKey
    /// A Personal Access Token, sent as the bearer token.
    case personalAccessToken
    /// A bearer token obtained elsewhere, sent as is.
    case bearer
    /// Platform API credentials (client id + secret), exchanged at `POST {platform}/v1/auth`.
    case apiCredentials
    /// A user's email + password, exchanged at `POST {platform}/v1/auth`.
    case user
    /// Headers configured on a generic GraphQL client (not Flatfile credentials).
    case customHeaders

    /// What a person calls it: "Flatfile access key".
    public var description: String {
        switch self {
        case .accessKey: "Flatfile access key"
        case .secretKey: "Flatfile secret key"
        case .publishableKey: "Flatfile publishable key"
        case .personalAccessToken: "Flatfile personal access token"
        case .bearer: "bearer token"
        case .apiCredentials: "Flatfile API credentials (client id and secret)"
        case .user: "Flatfile user email and password"
        case .customHeaders: "configured request headers"
        }
    }

    /// The environment variables that supply this credential, for messages that say what to check.
    public var environmentVariables: [String] {
        switch self {
        case .accessKey: ["FLATFILE_ACCESS_KEY_ID", "FLATFILE_SECRET_ACCESS_KEY"]
        case .secretKey, .publishableKey, .personalAccessToken: ["FLATFILE_API_KEY"]
        case .bearer: ["FLATFILE_BEARER_TOKEN"]
        case .apiCredentials: ["FLATFILE_CLIENT_ID", "FLATFILE_CLIENT_SECRET"]
        case .user: ["FLATFILE_EMAIL", "FLATFILE_PASSWORD"]
        case .customHeaders: []
        }
    }

    /// Whether the credential is exchanged for a token (and so a refused token can be replaced by a new one).
    public var isExchanged: Bool {
        switch self {
        case .accessKey, .apiCredentials, .user: true
        case .secretKey, .publishableKey, .personalAccessToken, .bearer, .customHeaders: false
        }
    }
}
