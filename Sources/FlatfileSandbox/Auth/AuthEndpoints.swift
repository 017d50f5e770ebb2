import Foundation
import GraphQL
import Hummingbird

/// `POST /auth/access-key/exchange` and `POST /v1/auth`: credentials in, a signed token out.
struct AuthEndpoints: Sendable {
    let issuer: TokenIssuer
    let statistics: SandboxStatistics
    let bodyLimit: Int

    /// Lifetimes Flatfile's legacy exchange accepts, and its default (the official CLI's 5 minutes).
    static let exchangeLifetimes = 60...86_400
    static let defaultExchangeLifetime = 300
    /// The platform's token lifetime (its docs: 24 hours).
    static let platformLifetime = 86_400

    func exchangeAccessKey(_ request: Request) async -> Response {
        let body: Map
        do {
            body = try await RequestBody.json(of: request, limit: bodyLimit)
        } catch {
            return JSONResponses.nestError(error.status, error.message)
        }
        guard let fields = body.dictionary else {
            return JSONResponses.nestError(
                .badRequest, "The body must be a JSON object {\"accessKeyId\", \"secretAccessKey\", \"expiresIn\"?}")
        }
        guard let keyId = fields["accessKeyId"]?.string, !keyId.isEmpty else {
            return JSONResponses.nestError(.badRequest, "accessKeyId must be a non-empty string")
        }
        guard let secret = fields["secretAccessKey"]?.string, !secret.isEmpty else {
            return JSONResponses.nestError(.badRequest, "secretAccessKey must be a non-empty string")
        }
        var lifetime = Self.defaultExchangeLifetime
        if let requested = fields["expiresIn"], !requested.isNull {
            guard case .number(let number) = requested, number.doubleValue.rounded() == number.doubleValue,
                Self.exchangeLifetimes.contains(Int(exactly: number.doubleValue) ?? 0)
            else {
                return JSONResponses.nestError(
                    .badRequest,
                    "expiresIn must be a whole number of seconds between 60 (1 minute) and 86400 (24 hours), got \(requested)")
            }
            lifetime = number.intValue
        }
        guard DemoUser.matches(keyId, SandboxDemo.accessKeyId), DemoUser.matches(secret, SandboxDemo.secretAccessKey) else {
            return JSONResponses.nestError(.unauthorized, "Invalid access key id or secret access key")
        }
        let token = issuer.issue(
            subject: String(DemoUser.legacyId), username: SandboxDemo.email, accessKeyId: keyId,
            requestedLifetime: .seconds(lifetime))
        statistics.recordExchange(on: .accessKeyExchange)
        let user = AccessKeyExchangeResponse.User(lastLoginAt: SandboxData.timestamp())
        return JSONResponses.encode(AccessKeyExchangeResponse(accessToken: token.token, user: user), status: .created)
    }

    func authenticatePlatform(_ request: Request) async -> Response {
        let body: Map
        do {
            body = try await RequestBody.json(of: request, limit: bodyLimit)
        } catch {
            return JSONResponses.platformError(error.status, [.init(message: error.message)])
        }
        guard let fields = body.dictionary else {
            return JSONResponses.platformError(
                .badRequest, [.init(message: "The body must be a JSON object {clientId, secret} or {email, password}")])
        }
        let pairs: [(name: String, secret: String, expected: (String, String))] = [
            ("clientId", "secret", (SandboxDemo.clientId, SandboxDemo.clientSecret)),
            ("email", "password", (SandboxDemo.email, SandboxDemo.password)),
        ]
        guard let pair = pairs.first(where: { fields[$0.name] != nil || fields[$0.secret] != nil }) else {
            return JSONResponses.platformError(
                .badRequest, [.init(message: "Send {\"clientId\", \"secret\"} or {\"email\", \"password\"}")])
        }
        let missing = [pair.name, pair.secret].filter { (fields[$0]?.string ?? "").isEmpty }
        guard missing.isEmpty else {
            return JSONResponses.platformError(
                .badRequest, missing.map { .init(key: $0, message: "\($0) must be a non-empty string") })
        }
        guard DemoUser.matches(fields[pair.name]?.string ?? "", pair.expected.0),
            DemoUser.matches(fields[pair.secret]?.string ?? "", pair.expected.1)
        else {
            return JSONResponses.platformError(.unauthorized, [.init(message: "Invalid credentials")])
        }
        let token = issuer.issue(
            subject: DemoUser.platformUserId, username: SandboxDemo.email, accessKeyId: nil,
            requestedLifetime: .seconds(Self.platformLifetime))
        statistics.recordExchange(on: .platformAuth)
        let data = PlatformAuthResponse.Token(
            accessToken: token.token, expiresIn: Int(token.lifetime.seconds.rounded(.down)),
            expires: PlatformAuthResponse.httpDate(token.expires))
        return JSONResponses.encode(PlatformAuthResponse(data: data), status: .ok)
    }
}
