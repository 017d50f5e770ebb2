import Foundation

/// Everything that can go wrong running a GraphQL operation, as cases to switch on.
///
/// ```swift
/// do {
///     let data = try await client.fetch(GetBatchesQuery(licenseKey: key))
/// } catch .authentication(let failure) {
///     print("check your \(failure.credentialKind) credentials:", failure.serverMessage ?? "")
/// } catch .graphQL(let failure) {
///     print(failure.errors.map(\.message), "partial data:", failure.data ?? nil)
/// } catch {
///     print(error)   // says what went wrong and what to do
/// }
/// ```
///
/// No case ever holds a secret or a token: body excerpts and server messages are redacted before they are stored.
public enum GraphQLClientError: Error, Sendable {
    /// The request never got an HTTP answer: no connection, timeout, TLS failure, cancelled.
    case transport(TransportFailure)
    /// The server answered with an HTTP status that is not a GraphQL response (after any retries).
    case httpStatus(HTTPStatusFailure)
    /// The credentials were refused, either when exchanged for a token or when the token was used.
    case authentication(AuthenticationFailure)
    /// The server executed the operation and reported errors; `data` holds whatever partial data it sent.
    case graphQL(GraphQLErrorsFailure)
    /// The response could not be read: not JSON, not a GraphQL response, or not the shape the types expect.
    case decoding(DecodingFailure)
    /// The operation's variables could not be encoded as JSON.
    case encoding(EncodingFailure)
    /// The client is set up in a way that cannot work (a missing environment variable, an `http://` URL, …).
    case configuration(ConfigurationFailure)
}

/// A request that got no HTTP answer.
public struct TransportFailure: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The host could not be reached: no network, connection refused, DNS failure.
        case cannotConnect
        /// The connection broke before a complete answer arrived.
        case connectionLost
        /// No answer within the configured timeout.
        case timedOut
        /// The TLS handshake or certificate check failed.
        case tls
        /// The answer's body grew past `GraphQLClientOptions.maximumResponseBytes`; the transfer was stopped there.
        case responseTooLarge
        /// The calling task was cancelled.
        case cancelled
        /// Any other URL loading failure.
        case other
    }

    public var kind: Kind
    /// The URL requested (scheme, host, port and path only).
    public var url: String
    /// The underlying system error's description.
    public var underlying: String
    /// How many times the request was sent.
    public var attempts: Int

    public init(kind: Kind, url: String, underlying: String, attempts: Int) {
        self.kind = kind
        self.url = url
        self.underlying = underlying
        self.attempts = attempts
    }
}

/// An HTTP answer with a status that is not a usable GraphQL response.
public struct HTTPStatusFailure: Sendable, Hashable {
    public var statusCode: Int
    /// The URL requested (scheme, host, port and path only).
    public var url: String
    /// The server's own error message, when its body has one (NestJS `message`, platform `errors[].message`,
    /// an HTML page's title).
    public var serverMessage: String?
    /// The start of the body, whitespace collapsed, secrets redacted.
    public var bodyExcerpt: String
    /// How many times the request was sent.
    public var attempts: Int

    public init(statusCode: Int, url: String, serverMessage: String?, bodyExcerpt: String, attempts: Int) {
        self.statusCode = statusCode
        self.url = url
        self.serverMessage = serverMessage
        self.bodyExcerpt = bodyExcerpt
        self.attempts = attempts
    }
}

/// Credentials that the server refused.
public struct AuthenticationFailure: Sendable, Hashable {
    /// When the refusal happened.
    public enum Stage: String, Sendable, Hashable {
        /// Exchanging the credentials for a bearer token.
        case tokenExchange
        /// Using the token (or key) on the GraphQL endpoint.
        case request
    }

    /// Which credential was refused.
    public var credentialKind: CredentialKind
    /// A safe hint of which credential it was (a key id, an email, a key prefix); never a secret.
    public var credentialHint: String?
    public var stage: Stage
    /// The HTTP status of the refusal, when there was one.
    public var statusCode: Int?
    /// The server's message (redacted), or what was wrong with its answer.
    public var serverMessage: String?
    /// The URL of the refusal (scheme, host, port and path only).
    public var url: String

    public init(
        credentialKind: CredentialKind, credentialHint: String?, stage: Stage, statusCode: Int?,
        serverMessage: String?, url: String
    ) {
        self.credentialKind = credentialKind
        self.credentialHint = credentialHint
        self.stage = stage
        self.statusCode = statusCode
        self.serverMessage = serverMessage
        self.url = url
    }
}

/// A GraphQL response whose `errors` list is not empty.
public struct GraphQLErrorsFailure: Sendable, Hashable {
    public var errors: [GraphQLError]
    /// The partial `data` the server sent alongside the errors, if any.
    public var data: JSONValue?
    public var extensions: JSONObject?
    /// The name of the operation that failed, when known.
    public var operationName: String?

    public init(errors: [GraphQLError], data: JSONValue?, extensions: JSONObject?, operationName: String?) {
        self.errors = errors
        self.data = data
        self.extensions = extensions
        self.operationName = operationName
    }

    /// The partial data decoded as `type` (an operation's `Data`), or `nil` when the server sent none.
    ///
    /// ```swift
    /// catch .graphQL(let failure) {
    ///     let partial = try failure.partialData(as: GetBatchesQuery.Data.self)
    /// }
    /// ```
    public func partialData<T: Decodable>(as type: T.Type) throws(GraphQLClientError) -> T? {
        guard let data, !data.isNull else { return nil }
        return try decodeData(type, from: data)
    }
}

/// A response that could not be read.
public struct DecodingFailure: Sendable, Hashable {
    /// The JSON path that failed, e.g. `data.getBatches.data[3].id`; empty when the whole body was unreadable.
    public var path: String
    /// What was wrong.
    public var message: String
    /// The byte offset of a JSON syntax error, when that was the problem.
    public var byteOffset: Int?
    /// The HTTP status of the response.
    public var statusCode: Int?

    public init(path: String, message: String, byteOffset: Int? = nil, statusCode: Int? = nil) {
        self.path = path
        self.message = message
        self.byteOffset = byteOffset
        self.statusCode = statusCode
    }
}

/// Variables that could not be encoded.
public struct EncodingFailure: Sendable, Hashable {
    public var operationName: String
    public var message: String

    public init(operationName: String, message: String) {
        self.operationName = operationName
        self.message = message
    }
}

/// A setup problem and how to fix it.
public struct ConfigurationFailure: Sendable, Hashable {
    /// What is wrong.
    public var problem: String
    /// What to do about it.
    public var fix: String

    public init(problem: String, fix: String) {
        self.problem = problem
        self.fix = fix
    }
}

/// Decodes an operation's `data` from a parsed response, reporting the JSON path that failed.
func decodeData<T: Decodable>(_ type: T.Type, from data: JSONValue) throws(GraphQLClientError) -> T {
    try decodeJSON(type, from: data, root: "data")
}

/// Decodes `json`, reporting a failure's JSON path from `root` (for example `data.getBatches.data[3].id`).
func decodeJSON<T: Decodable>(_ type: T.Type, from json: JSONValue, root: String) throws(GraphQLClientError) -> T {
    do {
        return try JSONValueDecoder().decode(type, from: json)
    } catch let error as DecodingError {
        throw .decoding(DecodingFailure(decodingError: error, root: root))
    } catch {
        throw .decoding(DecodingFailure(path: root, message: "\(error)"))
    }
}

extension DecodingFailure {
    init(decodingError: DecodingError, root: String) {
        switch decodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            self.init(path: describeCodingPath(context.codingPath, prefix: root), message: context.debugDescription)
        case .keyNotFound(let key, let context):
            self.init(
                path: describeCodingPath(context.codingPath + [key], prefix: root),
                message: "the member \"\(key.stringValue)\" is missing")
        @unknown default:
            self.init(path: root, message: "\(decodingError)")
        }
    }
}
