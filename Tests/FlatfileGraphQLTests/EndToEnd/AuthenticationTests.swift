import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

@Suite("Authentication against the sandbox")
struct AuthenticationTests {
    static let exchanged: [(FlatfileCredentials, SandboxRoute)] = [
        (.accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey), .accessKeyExchange),
        (.accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey, expiresIn: 120),
         .accessKeyExchange),
        (.apiCredentials(clientId: SandboxDemo.clientId, secret: SandboxDemo.clientSecret), .platformAuth),
        (.user(email: SandboxDemo.email, password: SandboxDemo.password), .platformAuth),
    ]

    @Test("exchanged credentials get a token once and reach the GraphQL endpoint", arguments: exchanged)
    func exchangedCredentials(credentials: FlatfileCredentials, route: SandboxRoute) async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox, credentials: credentials)
            let first = try await client.fetch(GetBatchesQuery())
            let second = try await client.fetch(GetBatchesQuery())
            #expect(first.getBatches?.data?.isEmpty == false)
            #expect(first == second)
            #expect(sandbox.statistics.exchanges(on: route) == 1)
            #expect(sandbox.statistics.graphQLRequests == 2)
            let token = try #require(await (client.tokenProvider as? FlatfileTokenStore)?.cachedToken())
            #expect(token.expiresAt != nil)
        }
    }

    static let direct: [FlatfileCredentials] = [
        .secretKey(SandboxDemo.secretKey), .publishableKey(SandboxDemo.publishableKey),
        .personalAccessToken(SandboxDemo.personalAccessToken),
    ]

    @Test("keys are sent as the bearer token without any exchange", arguments: direct)
    func directCredentials(credentials: FlatfileCredentials) async throws {
        try await withSandbox { sandbox in
            let data = try await sandboxClient(sandbox, credentials: credentials).fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 0)
            #expect(sandbox.statistics.exchanges(on: .platformAuth) == 0)
        }
    }

    @Test("a bearer token obtained elsewhere is used as is")
    func bearerToken() async throws {
        try await withSandbox { sandbox in
            let store = FlatfileTokenStore(
                credentials: .user(email: SandboxDemo.email, password: SandboxDemo.password),
                apiURL: sandbox.baseURL, platformURL: sandbox.baseURL)
            let token = try await store.accessToken()
            let data = try await sandboxClient(sandbox, credentials: .bearer(token.value)).fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)
            #expect(sandbox.statistics.exchanges(on: .platformAuth) == 1)
        }
    }

    static let refused: [(FlatfileCredentials, AuthenticationFailure.Stage, Int?)] = [
        (.accessKey(id: SandboxDemo.accessKeyId, secret: "wrong-secret-access-key"), .tokenExchange, 401),
        (.accessKey(id: "unknown-key-id", secret: SandboxDemo.secretAccessKey), .tokenExchange, 401),
        (.apiCredentials(clientId: SandboxDemo.clientId, secret: "wrong-client-secret"), .tokenExchange, 401),
        (.user(email: SandboxDemo.email, password: "wrong-password-1"), .tokenExchange, 401),
        (.secretKey("sk_sandbox_wrongwrongwrong"), .request, nil),
        (.publishableKey("pk_sandbox_wrongwrongwrong"), .request, nil),
        (.personalAccessToken("pat_sandbox_wrongwrongwrong"), .request, nil),
        (.bearer("not-a-real-bearer-token"), .request, nil),
    ]

    @Test("refused credentials fail with an authentication error naming their kind", arguments: refused)
    func refusedCredentials(
        credentials: FlatfileCredentials, stage: AuthenticationFailure.Stage, statusCode: Int?
    ) async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox, credentials: credentials)
            let error = await expectFailure { try await client.fetch(GetBatchesQuery()) }
            guard case .authentication(let failure) = error else {
                Issue.record("expected an authentication error, got \(String(describing: error))")
                return
            }
            #expect(failure.credentialKind == credentials.kind)
            #expect(failure.stage == stage)
            #expect(failure.statusCode == statusCode)
            #expect(failure.serverMessage?.isEmpty == false)
            #expect("\(failure)".contains(credentials.kind.description))
            expectNoSecrets(in: error, tokens: credentials.secretParts)
            // A refused key is not retried: one request, no loop.
            #expect(sandbox.statistics.graphQLRequests == (stage == .request ? 1 : 0))
        }
    }
}

extension FlatfileCredentials {
    /// The secret parts, for checking that none leaks.
    var secretParts: [String] {
        switch self {
        case .accessKey(_, let secret, _), .apiCredentials(_, let secret), .user(_, let secret): [secret]
        case .secretKey(let key), .publishableKey(let key), .personalAccessToken(let key), .bearer(let key): [key]
        }
    }
}
