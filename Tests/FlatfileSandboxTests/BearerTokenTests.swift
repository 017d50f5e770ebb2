import FlatfileSandbox
import Foundation
import Testing

@Suite("The GraphQL endpoint accepts the sandbox's credentials and refuses everything else")
struct BearerTokenTests {
    static let query = "{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\", take: 1) { pagination { totalCount } } }"

    @Test(arguments: [SandboxDemo.secretKey, SandboxDemo.publishableKey, SandboxDemo.personalAccessToken])
    func keysAndThePersonalAccessTokenAreBearerTokens(key: String) async throws {
        try await withSandbox { sandbox in
            let data = try await sandbox.data(Self.query, bearer: key)
            #expect(value(data, "getBatches", "pagination", "totalCount") as? Int ?? 0 > 0)
        }
    }

    @Test func anExchangedTokenIsABearerToken() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.exchangeToken()
            _ = try await sandbox.data(Self.query, bearer: token)
        }
    }

    /// Flatfile answers HTTP 200 with an "Unauthorized" GraphQL error carrying the NestJS response.
    func expectUnauthorized(
        _ reply: HTTP.Reply, mentioning detail: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(reply.status == 200, sourceLocation: sourceLocation)
        let json = try reply.json()
        #expect(json["data"] is NSNull, "data is an explicit null", sourceLocation: sourceLocation)
        let error = try #require((json["errors"] as? [[String: Any]])?.first, sourceLocation: sourceLocation)
        #expect(error["message"] as? String == "Unauthorized", sourceLocation: sourceLocation)
        #expect(value(error, "extensions", "response", "statusCode") as? Int == 401, sourceLocation: sourceLocation)
        #expect(value(error, "extensions", "response", "error") as? String == "Unauthorized", sourceLocation: sourceLocation)
        let message = try #require(value(error, "extensions", "response", "message") as? String, sourceLocation: sourceLocation)
        if let detail {
            #expect(message.localizedCaseInsensitiveContains(detail), "\(message)", sourceLocation: sourceLocation)
        }
    }

    @Test func aMissingTokenIsUnauthorized() async throws {
        try await withSandbox { sandbox in
            try expectUnauthorized(try await sandbox.graphQL(Self.query, bearer: nil), mentioning: "missing")
        }
    }

    @Test func aNonBearerSchemeIsUnauthorized() async throws {
        try await withSandbox { sandbox in
            let reply = try await HTTP().postJSON(
                sandbox.graphQLURL, ["query": Self.query], headers: ["Authorization": "Basic dXNlcjpwYXNz"])
            try expectUnauthorized(reply, mentioning: "Bearer")
        }
    }

    @Test(arguments: ["not-a-key", "eyJhbGciOiJIUzI1NiJ9", "a.b.c", "sk_sandbox_wrong"])
    func malformedOrUnknownTokensAreUnauthorized(token: String) async throws {
        try await withSandbox { sandbox in
            try expectUnauthorized(try await sandbox.graphQL(Self.query, bearer: token))
        }
    }

    @Test func aTokenFromAnotherSandboxIsUnauthorized() async throws {
        let foreign = try await withSandbox { try await $0.exchangeToken() }
        try await withSandbox { sandbox in
            try expectUnauthorized(try await sandbox.graphQL(Self.query, bearer: foreign), mentioning: "signature")
        }
    }

    @Test func aTamperedTokenIsUnauthorized() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.exchangeToken()
            var parts = token.split(separator: ".").map(String.init)
            let longer = #"{"exp":9999999999,"iat":0,"jti":"1","sub":"4242"}"#
            parts[1] = Data(longer.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            try expectUnauthorized(try await sandbox.graphQL(Self.query, bearer: parts.joined(separator: ".")), mentioning: "signature")
        }
    }

    /// "expired" is only reported for a token this server signed and did not revoke, so the test needs no
    /// timing-dependent "works before" step.
    @Test func anExpiredTokenIsUnauthorized() async throws {
        let clock = ManualClock()
        try await withSandbox(SandboxConfiguration(maximumTokenLifetime: .seconds(1), now: clock.now)) { sandbox in
            let token = try await sandbox.exchangeToken()
            #expect(jwtClaims(token).flatMap(jwtLifetime).map { (1...2).contains($0) } == true)
            clock.advance(by: .seconds(2.2))
            try expectUnauthorized(try await sandbox.graphQL(Self.query, bearer: token), mentioning: "expired")
        }
    }

    @Test func revokedTokensAreUnauthorizedAndNewOnesWork() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.exchangeToken()
            _ = try await sandbox.data(Self.query, bearer: token)
            sandbox.revokeIssuedTokens()
            try expectUnauthorized(try await sandbox.graphQL(Self.query, bearer: token), mentioning: "revoked")
            _ = try await sandbox.data(Self.query, bearer: SandboxDemo.personalAccessToken)
            _ = try await sandbox.data(Self.query, bearer: try await sandbox.exchangeToken())
        }
    }

    @Test func aSecretKeySeesOnlyItsEnvironmentWhileThePersonalAccessTokenSeesTheAccount() async throws {
        try await withSandbox { sandbox in
            let query = "{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\") { pagination { totalCount } } }"
            let account = try await sandbox.data(query, bearer: SandboxDemo.personalAccessToken)
            let environment = try await sandbox.data(query, bearer: SandboxDemo.secretKey)
            #expect(value(account, "getBatches", "pagination", "totalCount") as? Int == 48)
            #expect(value(environment, "getBatches", "pagination", "totalCount") as? Int == 36)
        }
    }
}
