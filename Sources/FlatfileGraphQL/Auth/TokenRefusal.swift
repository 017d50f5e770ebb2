import Foundation

/// What one authorised attempt came to: a value, or the server refusing the token it carried.
enum AuthorizedAttempt<Value> {
    case done(Value)
    /// HTTP 401, or an API's own way of saying the token is not accepted.
    case refused(statusCode: Int?, message: String?)
}

extension Optional where Wrapped == any AccessTokenProvider {
    /// Runs `attempt` with a current token; when the server refuses it, replaces the token once and runs `attempt`
    /// again, then reports a second refusal (or one for a token that cannot be replaced) as an authentication failure.
    ///
    /// One rule for every request the client sends, so a token that expired early costs one retry, never a loop.
    func withTokenReplacedOnce<Value>(
        for url: URL, _ attempt: (AccessToken?) async throws(GraphQLClientError) -> AuthorizedAttempt<Value>
    ) async throws(GraphQLClientError) -> Value {
        var replaced = false
        while true {
            let token = try await self?.accessToken()
            switch try await attempt(token) {
            case .done(let value):
                return value
            case .refused(let statusCode, let message):
                if !replaced, let token, let provider = self, await provider.invalidate(token) {
                    replaced = true
                    continue
                }
                throw .authentication(AuthenticationFailure(
                    credentialKind: self?.credentialKind ?? .customHeaders, credentialHint: self?.credentialHint,
                    stage: .request, statusCode: statusCode, serverMessage: message, url: url.safeDescription))
            }
        }
    }
}
