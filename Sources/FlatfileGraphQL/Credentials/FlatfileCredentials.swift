import Foundation

/// The credentials a Flatfile client authenticates with. Exchanged kinds are turned into a bearer token
/// automatically (and refreshed); the others are sent as the bearer token directly.
///
/// ```swift
/// let credentials = FlatfileCredentials.accessKey(id: "…", secret: "…")
/// let fromShell = try FlatfileCredentials.fromEnvironment()
/// print(credentials)   // accessKey(id: "…", secret: <redacted>) — secrets never print
/// ```
public enum FlatfileCredentials: Sendable, Hashable {
    /// A legacy access key pair, exchanged at `POST {api}/auth/access-key/exchange`. `expiresIn` asks for a token
    /// lifetime in seconds (Flatfile accepts 60…86400); `nil` leaves it to the server.
    case accessKey(id: String, secret: String, expiresIn: Int? = nil)
    /// An environment's secret key (`sk_…`).
    case secretKey(String)
    /// An environment's publishable key (`pk_…`).
    case publishableKey(String)
    /// A Personal Access Token.
    case personalAccessToken(String)
    /// A bearer token obtained some other way; it cannot be refreshed.
    case bearer(String)
    /// Platform API credentials, exchanged at `POST {platform}/v1/auth`.
    case apiCredentials(clientId: String, secret: String)
    /// A user's email and password, exchanged at `POST {platform}/v1/auth`.
    case user(email: String, password: String)

    /// Which kind of credential this is.
    public var kind: CredentialKind {
        switch self {
        case .accessKey: .accessKey
        case .secretKey: .secretKey
        case .publishableKey: .publishableKey
        case .personalAccessToken: .personalAccessToken
        case .bearer: .bearer
        case .apiCredentials: .apiCredentials
        case .user: .user
        }
    }

    /// Something that tells credentials apart without revealing them: the key id, client id or email, or the
    /// first characters of a key.
    public var publicHint: String {
        switch self {
        case .accessKey(let id, _, _): "key id \(id)"
        case .apiCredentials(let clientId, _): "client id \(clientId)"
        case .user(let email, _): "email \(email)"
        case .secretKey(let key), .publishableKey(let key), .personalAccessToken(let key), .bearer(let key):
            Self.prefixHint(key)
        }
    }

    /// The secret parts, for redacting them from anything printed.
    var secrets: [String] {
        switch self {
        case .accessKey(_, let secret, _), .apiCredentials(_, let secret), .user(_, let secret): [secret]
        case .secretKey(let key), .publishableKey(let key), .personalAccessToken(let key), .bearer(let key): [key]
        }
    }

    /// `sk_…`, `pk_…`, `pat_…`, or `…` for a key without a recognisable prefix.
    private static func prefixHint(_ key: String) -> String {
        guard let underscore = key.firstIndex(of: "_"), key.distance(from: key.startIndex, to: underscore) <= 4
        else { return "…" }
        return String(key[...underscore]) + "…"
    }
}

extension FlatfileCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        switch self {
        case .accessKey(let id, _, let expiresIn):
            "accessKey(id: \"\(id)\", secret: <redacted>\(expiresIn.map { ", expiresIn: \($0)" } ?? ""))"
        case .secretKey(let key): "secretKey(\(Self.prefixHint(key)) <redacted>)"
        case .publishableKey(let key): "publishableKey(\(Self.prefixHint(key)) <redacted>)"
        case .personalAccessToken(let key): "personalAccessToken(\(Self.prefixHint(key)) <redacted>)"
        case .bearer: "bearer(<redacted>)"
        case .apiCredentials(let clientId, _): "apiCredentials(clientId: \"\(clientId)\", secret: <redacted>)"
        case .user(let email, _): "user(email: \"\(email)\", password: <redacted>)"
        }
    }

    public var debugDescription: String { "FlatfileCredentials.\(description)" }

    /// `dump(credentials)` shows the kind and the public hint only.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "hint": publicHint], displayStyle: .enum)
    }
}
