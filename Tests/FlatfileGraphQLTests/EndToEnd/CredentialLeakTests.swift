import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

/// The runtime with distinctive credentials of every kind, accepted and refused: no secret and no issued token in
/// any error's text, nor in the text forms of the credentials, the configuration or the client itself.
@Suite("Secrets never leak from the runtime")
struct CredentialLeakTests {
    static let canaries = [
        "canary-secret-access-key-Q7V3X9", "sk_canary_secret_key_M2K8P4", "pk_canary_publishable_E8G1S5",
        "pat_canary_token_K3L9F2", "canary-client-secret-H4J6N1", "canary-password-B5N2R8",
        "canary-bearer-token-R1T7W3",
    ]

    static let refused: [FlatfileCredentials] = [
        .accessKey(id: SandboxDemo.accessKeyId, secret: canaries[0]), .secretKey(canaries[1]),
        .publishableKey(canaries[2]), .personalAccessToken(canaries[3]),
        .apiCredentials(clientId: SandboxDemo.clientId, secret: canaries[4]),
        .user(email: SandboxDemo.email, password: canaries[5]), .bearer(canaries[6]),
    ]

    static let accepted: [FlatfileCredentials] = [
        .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey), .secretKey(SandboxDemo.secretKey),
        .personalAccessToken(SandboxDemo.personalAccessToken),
        .apiCredentials(clientId: SandboxDemo.clientId, secret: SandboxDemo.clientSecret),
        .user(email: SandboxDemo.email, password: SandboxDemo.password),
    ]

    @Test("refused credentials of every kind fail as authentication errors that never show the secret",
          arguments: refused)
    func refusedCredentials(credentials: FlatfileCredentials) async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox, credentials: credentials)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .authentication = error else {
                Issue.record("expected an authentication error, got \(String(describing: error))")
                return
            }
            expectNoSecrets(in: error, tokens: Self.canaries)
            Self.expectNoSecretsShown(by: credentials, tokens: Self.canaries)
            Self.expectNoSecretsShown(by: client, tokens: Self.canaries)
        }
    }

    @Test("accepted credentials: errors after the exchange and the client itself never show the secret or token",
          arguments: accepted)
    func acceptedCredentials(credentials: FlatfileCredentials) async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox, credentials: credentials)
            _ = try await client.fetch(GetBatchesQuery())
            let token = await currentToken(of: client) ?? ""
            for fault in [SandboxFault.status500, .malformedBody, .status429(retryAfter: 0)] {
                sandbox.faults.enqueue(fault, count: 4, on: .graphql)
                let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
                sandbox.faults.removeAllScripted()
                expectNoSecrets(in: error, tokens: [token])
            }
            let result = try await client.result(for: FoundAndMissingQuery())
            #expect(!result.errors.isEmpty)
            for graphQLError in result.errors { expectNoSecrets(in: graphQLError, tokens: [token]) }
            Self.expectNoSecretsShown(by: credentials, tokens: [])
            Self.expectNoSecretsShown(by: client, tokens: [token])
        }
    }

    @Test("headers given to a client for any endpoint are not shown by its description or dump")
    func customHeaders() throws {
        let client = GraphQLClient(
            endpoint: try #require(URL(string: "https://api.example.com/graphql")),
            headers: ["Authorization": "Bearer \(Self.canaries[6])", "X-Api-Key": Self.canaries[1]])
        Self.expectNoSecretsShown(by: client, tokens: Self.canaries)
    }

    /// `description`, `debugDescription` and `dump` of `value` hold no demo secret and none of `tokens`.
    private static func expectNoSecretsShown(
        by value: Any, tokens: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var dumped = ""
        dump(value, to: &dumped)
        for text in ["\(value)", String(reflecting: value), dumped] {
            for secret in demoSecrets + tokens where !secret.isEmpty && text.contains(secret) {
                Issue.record("text shows a secret: \(text)", sourceLocation: sourceLocation)
            }
        }
    }
}
