import FlatfileSandbox
import Foundation
import Testing

@Suite("Auth endpoints answer like Flatfile's")
struct AuthEndpointTests {
    let http = HTTP()

    @Test func accessKeyExchangeReturns201WithASignedTokenAndTheUser() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(
                sandbox.url("auth/access-key/exchange"),
                ["accessKeyId": SandboxDemo.accessKeyId, "secretAccessKey": SandboxDemo.secretAccessKey])
            #expect(reply.status == 201)
            let json = try reply.json()
            let token = try #require(json["accessToken"] as? String)
            let claims = try #require(jwtClaims(token))
            #expect(claims["sub"] as? String == "4242")
            #expect(claims["username"] as? String == SandboxDemo.email)
            #expect(claims["accessKeyId"] as? String == SandboxDemo.accessKeyId)
            let lifetime = try #require(jwtLifetime(claims))
            #expect((300...301).contains(lifetime), "the exchange's default lifetime is 5 minutes")
            let user = try #require(json["user"] as? [String: Any])
            #expect(user["id"] as? Int == 4242)
            #expect(user["email"] as? String == SandboxDemo.email)
            #expect(user["jobTitle"] is NSNull, "nullable fields are written out as null")
            for key in ["name", "type", "lastLoginAt", "createdAt", "updatedAt", "githubUsername", "trialEndsAt"] {
                #expect(user.keys.contains(key), "user.\(key)")
            }
            #expect(json["expiresIn"] == nil, "Flatfile's exchange response carries no expiry field")
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
        }
    }

    @Test func accessKeyExchangeAcceptsATrailingSlashAndHonoursExpiresIn() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(
                sandbox.url("auth/access-key/exchange/"),
                ["accessKeyId": SandboxDemo.accessKeyId, "secretAccessKey": SandboxDemo.secretAccessKey, "expiresIn": 600])
            #expect(reply.status == 201)
            let token = try #require(try reply.json()["accessToken"] as? String)
            let claims = try #require(jwtClaims(token))
            let lifetime = try #require(jwtLifetime(claims))
            #expect((600...601).contains(lifetime))
        }
    }

    @Test func theConfiguredMaximumCapsTheTokenLifetime() async throws {
        try await withSandbox(SandboxConfiguration(maximumTokenLifetime: .seconds(120))) { sandbox in
            let token = try await sandbox.exchangeToken(expiresIn: 3_600)
            let claims = try #require(jwtClaims(token))
            let lifetime = try #require(jwtLifetime(claims))
            #expect((120...121).contains(lifetime))
        }
    }

    @Test(arguments: [59, 86_401, -5])
    func expiresInOutsideItsRangeIs400(expiresIn: Int) async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(
                sandbox.url("auth/access-key/exchange"),
                ["accessKeyId": SandboxDemo.accessKeyId, "secretAccessKey": SandboxDemo.secretAccessKey, "expiresIn": expiresIn])
            #expect(reply.status == 400)
            let json = try reply.json()
            #expect(json["statusCode"] as? Int == 400)
            #expect(json["error"] as? String == "Bad Request")
            #expect((json["message"] as? String)?.contains("expiresIn") == true)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 0)
        }
    }

    @Test func aWrongSecretIs401InNestShape() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(
                sandbox.url("auth/access-key/exchange"),
                ["accessKeyId": SandboxDemo.accessKeyId, "secretAccessKey": "wrong"])
            #expect(reply.status == 401)
            let json = try reply.json()
            #expect(json["statusCode"] as? Int == 401)
            #expect(json["error"] as? String == "Unauthorized")
            #expect(json["message"] is String)
            #expect(!reply.text.contains(SandboxDemo.secretAccessKey))
        }
    }

    @Test func aMissingAccessKeyIdIs400() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(
                sandbox.url("auth/access-key/exchange"), ["secretAccessKey": SandboxDemo.secretAccessKey])
            #expect(reply.status == 400)
            #expect((try reply.json()["message"] as? String)?.contains("accessKeyId") == true)
        }
    }

    @Test(arguments: [
        ["clientId": SandboxDemo.clientId, "secret": SandboxDemo.clientSecret],
        ["email": SandboxDemo.email, "password": SandboxDemo.password],
    ])
    func platformAuthReturnsTheWrappedToken(credentials: [String: String]) async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(sandbox.url("v1/auth"), credentials)
            #expect(reply.status == 200)
            let data = try #require(try reply.json()["data"] as? [String: Any])
            let token = try #require(data["accessToken"] as? String)
            #expect(jwtClaims(token)?["sub"] as? String == data["userId"] as? String)
            #expect(data["expiresIn"] as? Int == 86_400)
            #expect(data["email"] as? String == SandboxDemo.email)
            #expect((data["accountId"] as? String)?.hasPrefix("us_acc_") == true)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            let expiresText = try #require(data["expires"] as? String)
            let expires = try #require(formatter.date(from: expiresText), "RFC 1123 date: \(expiresText)")
            #expect(abs(expires.timeIntervalSinceNow - 86_400) < 120)
            #expect(sandbox.statistics.exchanges(on: .platformAuth) == 1)
            // The token works on the GraphQL endpoint.
            _ = try await sandbox.data("{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\") { data { id } } }", bearer: token)
        }
    }

    @Test func platformAuthNamesTheMissingField() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(sandbox.url("v1/auth"), ["clientId": SandboxDemo.clientId])
            #expect(reply.status == 400)
            let errors = try #require(try reply.json()["errors"] as? [[String: Any]])
            #expect(errors.first?["key"] as? String == "secret")
            #expect(errors.first?["message"] is String)
        }
    }

    @Test func platformAuthWithNeitherCredentialIs400() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(sandbox.url("v1/auth"), ["user": "x"])
            #expect(reply.status == 400)
            #expect((try reply.json()["errors"] as? [[String: Any]])?.isEmpty == false)
        }
    }

    @Test func platformAuthWithABadPasswordIs401() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.postJSON(sandbox.url("v1/auth"), ["email": SandboxDemo.email, "password": "nope"])
            #expect(reply.status == 401)
            let errors = try #require(try reply.json()["errors"] as? [[String: Any]])
            #expect(errors.first?["message"] as? String == "Invalid credentials")
            #expect(sandbox.statistics.exchanges(on: .platformAuth) == 0)
        }
    }

    @Test func healthAnswersOK() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.send("GET", sandbox.url("health"))
            #expect(reply.status == 200)
            #expect(try reply.json()["status"] as? String == "ok")
        }
    }
}
