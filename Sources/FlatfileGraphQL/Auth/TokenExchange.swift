import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Turns exchangeable credentials into a bearer token with one HTTP request.
///
/// - Access key: `POST {api}/auth/access-key/exchange` `{accessKeyId, secretAccessKey, expiresIn?}` → any 2xx
///   with `accessToken` (the answer has no expiry: it comes from the JWT's `exp`, else the requested `expiresIn`).
/// - API credentials / user: `POST {platform}/v1/auth` `{clientId, secret}` or `{email, password}` →
///   `{data: {accessToken, expiresIn, expires}}` or the same object unwrapped.
struct TokenExchange: Sendable {
    /// Lifetimes assumed when neither the token nor the answer says: the legacy CLI's documented default of five
    /// minutes (short on purpose: refreshing early is harmless), and the platform's documented 24 hours.
    static let assumedAccessKeyLifetime: TimeInterval = 300
    static let assumedPlatformLifetime: TimeInterval = 86_400

    /// Statuses that mean the credentials themselves were refused.
    static let refusalStatusCodes: Set<Int> = [400, 401, 403, 404, 422]

    let credentials: FlatfileCredentials
    let url: URL
    private let body: JSONObject
    private let requestedLifetime: TimeInterval?
    private let pipeline: HTTPPipeline
    private let redactor: Redactor

    /// The exchange for `credentials`, or `nil` for kinds that are used directly.
    init?(credentials: FlatfileCredentials, apiURL: URL, platformURL: URL, pipeline: HTTPPipeline) {
        switch credentials {
        case .accessKey(let id, let secret, let expiresIn):
            url = apiURL.appendingEndpointPath("auth/access-key/exchange")
            var body: JSONObject = ["accessKeyId": .string(id), "secretAccessKey": .string(secret)]
            if let expiresIn { body["expiresIn"] = .int(expiresIn) }
            self.body = body
            requestedLifetime = expiresIn.map(TimeInterval.init)
        case .apiCredentials(let clientId, let secret):
            url = platformURL.appendingEndpointPath("v1/auth")
            body = ["clientId": .string(clientId), "secret": .string(secret)]
            requestedLifetime = nil
        case .user(let email, let password):
            url = platformURL.appendingEndpointPath("v1/auth")
            body = ["email": .string(email), "password": .string(password)]
            requestedLifetime = nil
        case .secretKey, .publishableKey, .personalAccessToken, .bearer:
            return nil
        }
        self.credentials = credentials
        self.pipeline = pipeline
        redactor = Redactor(secrets: credentials.secrets)
    }

    /// The public part of where tokens for these credentials are persisted: the exchange URL and the credential's
    /// public id (`FlatfileTokenStore` adds the secret's fingerprint).
    var persistenceKey: String {
        "\(credentials.kind.rawValue) \(url.safeDescription) \(credentials.publicHint)"
    }

    func exchange() async throws(GraphQLClientError) -> AccessToken {
        let request = HTTPRequestBuilder.request(
            "POST", url, accept: HTTPRequestBuilder.jsonAccept, jsonBody: JSONValue.object(body).jsonData(),
            options: pipeline.options)
        let obtainedAt = pipeline.options.clock.now()
        let answer = try await pipeline.send(request, retryable: true)

        guard answer.isSuccess else {
            let error = ServerErrorBody(answer.body, redactor: redactor)
            if Self.refusalStatusCodes.contains(answer.statusCode) {
                throw refusal(statusCode: answer.statusCode, message: error.message ?? nonEmpty(error.excerpt))
            }
            throw .httpStatus(HTTPStatusFailure(
                statusCode: answer.statusCode, url: url.safeDescription, serverMessage: error.message,
                bodyExcerpt: error.excerpt, attempts: answer.attempts))
        }
        guard let json = try? JSONValue(parsing: answer.body) else {
            throw refusal(statusCode: answer.statusCode, message: "the answer was not JSON: "
                + ServerErrorBody(answer.body, redactor: redactor).excerpt)
        }
        let payload = json["data"]?.objectValue.map(JSONValue.object) ?? json
        guard let token = payload["accessToken"]?.stringValue ?? json["accessToken"]?.stringValue, !token.isEmpty
        else {
            throw refusal(statusCode: answer.statusCode, message: "the answer has no accessToken")
        }
        return AccessToken(
            value: token, expiresAt: expiry(of: token, answer: payload, obtainedAt: obtainedAt), obtainedAt: obtainedAt)
    }

    /// The JWT's `exp`; else the answer's `expires` date; else its `expiresIn` (number or numeric string); else the
    /// lifetime requested; else the documented one.
    private func expiry(of token: String, answer: JSONValue, obtainedAt: Date) -> Date {
        if let expiresAt = JSONWebTokenClaims(token: token)?.expiresAt { return expiresAt }
        if let text = answer["expires"]?.stringValue, let date = HTTPDate.parse(text) { return date }
        let answeredLifetime: TimeInterval? = switch answer["expiresIn"] {
        case .int(let seconds): TimeInterval(seconds)
        case .double(let seconds): seconds
        case .string(let text): TimeInterval(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
        let lifetime = answeredLifetime ?? requestedLifetime ?? (credentials.kind == .accessKey
            ? Self.assumedAccessKeyLifetime : Self.assumedPlatformLifetime)
        return obtainedAt.addingTimeInterval(lifetime)
    }

    private func refusal(statusCode: Int?, message: String?) -> GraphQLClientError {
        .authentication(AuthenticationFailure(
            credentialKind: credentials.kind, credentialHint: credentials.publicHint, stage: .tokenExchange,
            statusCode: statusCode, serverMessage: message.map(redactor.redact), url: url.safeDescription))
    }

    private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
