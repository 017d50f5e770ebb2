import Foundation

/// Why a GraphQL request's credentials were refused; `message` goes into the Unauthorized error's
/// `extensions.response.message`, as Flatfile's NestJS guard reports it.
enum AuthFailure: Error, Equatable {
    case missing
    case notBearer
    case unknownKey
    case token(TokenRejection)

    var message: String {
        switch self {
        case .missing: "Missing bearer token: send the header Authorization: Bearer <token>"
        case .notBearer: "The Authorization header must use the Bearer scheme"
        case .unknownKey: "Unknown API key or token"
        case .token(.malformed): "Malformed token"
        case .token(.foreignSignature): "Invalid token signature: the token was not issued by this server"
        case .token(.expired): "Token expired: exchange your credentials for a new one"
        case .token(.revoked): "Token revoked: exchange your credentials for a new one"
        }
    }
}

/// Issues and checks the bearer tokens of one sandbox server.
final class TokenIssuer: Sendable {
    private struct Issued {
        var count = 0
        var revokedThrough = 0
    }

    private let signer = TokenSigner()
    private let maximumLifetime: Duration
    private let now: @Sendable () -> Date
    private let issued = Locked(Issued())

    init(maximumLifetime: Duration, now: @escaping @Sendable () -> Date) {
        self.maximumLifetime = maximumLifetime
        self.now = now
    }

    /// A new token living `min(requested, maximum)`; the returned lifetime is what the token really gets.
    func issue(subject: String, username: String?, accessKeyId: String?, requestedLifetime: Duration)
        -> (token: String, lifetime: Duration, expires: Date)
    {
        let lifetime = min(requestedLifetime, maximumLifetime)
        let now = self.now()
        let expires = now.addingTimeInterval(lifetime.seconds)
        let sequence = issued.withLock { state in
            state.count += 1
            return state.count
        }
        let claims = TokenClaims(
            sub: subject,
            iat: Int(now.timeIntervalSince1970),
            exp: Int(expires.timeIntervalSince1970.rounded(.up)),
            jti: String(sequence),
            username: username,
            accessKeyId: accessKeyId
        )
        return (signer.sign(claims), lifetime, expires)
    }

    /// Refuses every token issued so far; tokens issued later work.
    func revokeIssuedTokens() {
        issued.withLock { $0.revokedThrough = $0.count }
    }

    /// What an `Authorization` header value lets the caller see.
    func scope(forAuthorization header: String?) throws(AuthFailure) -> AccessScope {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missing }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw .notBearer }
        let credential = parts[1].trimmingCharacters(in: .whitespaces)
        switch credential {
        case SandboxDemo.secretKey, SandboxDemo.publishableKey:
            return .environment(SandboxDemo.environmentId)
        case SandboxDemo.personalAccessToken:
            return .account
        default:
            guard credential.split(separator: ".").count == 3 else {
                // Not shaped like a JWT: an unknown API key, or a truncated token.
                throw credential.hasPrefix("ey") ? .token(.malformed) : .unknownKey
            }
            let claims: TokenClaims
            do {
                claims = try signer.verify(credential)
            } catch {
                throw .token(error)
            }
            guard now().timeIntervalSince1970 < Double(claims.exp) else { throw .token(.expired) }
            let revokedThrough = issued.withLock { $0.revokedThrough }
            guard let sequence = Int(claims.jti), sequence > revokedThrough else { throw .token(.revoked) }
            return .account
        }
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
