/// The endpoints a sandbox serves, as Flatfile's API does.
public enum SandboxRoute: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `POST /auth/access-key/exchange`: legacy access key pair → JWT (status 201).
    case accessKeyExchange
    /// `POST /v1/auth`: platform client id/secret or email/password → `{data: {accessToken, …}}`.
    case platformAuth
    /// `POST /graphql`: the legacy GraphQL API.
    case graphql
    /// `GET /health`: liveness probe.
    case health
    /// `PUT /uploads/{uploadId}`: where `initializeBatchAndUpload`'s `signedUrl` points (Flatfile uses a
    /// pre-signed storage URL); receives the file's bytes.
    case upload
    /// `GET /v1/…` (every path under `/v1` but `/v1/auth`): the platform REST API, e.g. `GET /v1/events`.
    case platformAPI

    public var path: String {
        switch self {
        case .accessKeyExchange: "/auth/access-key/exchange"
        case .platformAuth: "/v1/auth"
        case .graphql: "/graphql"
        case .health: "/health"
        case .upload: "/uploads"
        case .platformAPI: "/v1"
        }
    }

    /// The HTTP method the route answers, e.g. `"POST"`.
    public var method: String {
        switch self {
        case .health, .platformAPI: "GET"
        case .upload: "PUT"
        case .accessKeyExchange, .platformAuth, .graphql: "POST"
        }
    }

    public var description: String { "\(method) \(path)" }

    /// The route at a request path; a trailing slash is accepted, as Flatfile's server accepts it.
    init?(path: String) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if let route = Self.allCases.first(where: { $0.path == trimmed }), route != .upload {
            self = route
        } else if trimmed.hasPrefix(Self.upload.path + "/") {
            self = .upload
        } else if trimmed.hasPrefix(Self.platformAPI.path + "/") {
            self = .platformAPI
        } else {
            return nil
        }
    }
}
