import Foundation
import Testing
@testable import FlatfileGraphQL

@Suite("Credentials from the environment")
struct CredentialsEnvironmentTests {
    @Test("each kind of credential is read from its variables", arguments: [
        (["FLATFILE_ACCESS_KEY_ID": "id1", "FLATFILE_SECRET_ACCESS_KEY": "s1"],
         FlatfileCredentials.accessKey(id: "id1", secret: "s1")),
        (["FLATFILE_API_KEY": "sk_test_1"], .secretKey("sk_test_1")),
        (["FLATFILE_API_KEY": "pk_test_1"], .publishableKey("pk_test_1")),
        (["FLATFILE_API_KEY": "pat_test_1"], .personalAccessToken("pat_test_1")),
        (["FLATFILE_CLIENT_ID": "c", "FLATFILE_CLIENT_SECRET": "cs"], .apiCredentials(clientId: "c", secret: "cs")),
        (["FLATFILE_EMAIL": "a@b.c", "FLATFILE_PASSWORD": "pw"], .user(email: "a@b.c", password: "pw")),
        (["FLATFILE_BEARER_TOKEN": "tok"], .bearer("tok")),
        // First match wins, in the documented order.
        (["FLATFILE_BEARER_TOKEN": "tok", "FLATFILE_API_KEY": "sk_x", "FLATFILE_EMAIL": "a@b.c",
          "FLATFILE_PASSWORD": "pw"], .secretKey("sk_x")),
        // Empty values count as unset.
        (["FLATFILE_ACCESS_KEY_ID": "", "FLATFILE_SECRET_ACCESS_KEY": " ", "FLATFILE_BEARER_TOKEN": "tok"],
         .bearer("tok")),
    ])
    func readsEachKind(environment: [String: String], expected: FlatfileCredentials) throws {
        #expect(try FlatfileCredentials.fromEnvironment(environment) == expected)
    }

    @Test("for the platform API an access key pair comes last: it is the legacy API's credential")
    func platformPrefersPlatformCredentials() throws {
        let both = ["FLATFILE_ACCESS_KEY_ID": "id1", "FLATFILE_SECRET_ACCESS_KEY": "s1", "FLATFILE_API_KEY": "pat_test_1"]
        #expect(try FlatfileCredentials.fromEnvironment(both, for: .platform) == .personalAccessToken("pat_test_1"))
        #expect(try FlatfileCredentials.fromEnvironment(both) == .accessKey(id: "id1", secret: "s1"))
        let onlyAccessKey = ["FLATFILE_ACCESS_KEY_ID": "id1", "FLATFILE_SECRET_ACCESS_KEY": "s1"]
        #expect(try FlatfileCredentials.fromEnvironment(onlyAccessKey, for: .platform) == .accessKey(id: "id1", secret: "s1"))
    }

    /// Every credential set at once; taking away the winner each time walks the documented order.
    static let everyCredential = [
        "FLATFILE_ACCESS_KEY_ID": "id1", "FLATFILE_SECRET_ACCESS_KEY": "s1", "FLATFILE_API_KEY": "sk_x",
        "FLATFILE_CLIENT_ID": "c", "FLATFILE_CLIENT_SECRET": "cs", "FLATFILE_EMAIL": "a@b.c", "FLATFILE_PASSWORD": "pw",
        "FLATFILE_BEARER_TOKEN": "tok",
    ]

    @Test("with every credential set, each API takes them in the order fromEnvironment documents", arguments: [
        (FlatfileAPI.legacyGraphQL, [CredentialKind.accessKey, .secretKey, .apiCredentials, .user, .bearer]),
        (FlatfileAPI.platform, [CredentialKind.secretKey, .apiCredentials, .user, .bearer, .accessKey]),
    ])
    func precedence(api: FlatfileAPI, documentedOrder: [CredentialKind]) throws {
        var environment = Self.everyCredential
        var taken: [CredentialKind] = []
        while let winner = try? FlatfileCredentials.fromEnvironment(environment, for: api) {
            taken.append(winner.kind)
            let source = try #require(EnvironmentCredential.allCases.first { source in
                (try? source.read(from: EnvironmentVariables(environment))) == winner
            })
            for variable in source.variables { environment[variable] = nil }
        }
        #expect(taken == documentedOrder)
        #expect(environment.isEmpty, "left unread: \(environment.keys.sorted())")
    }

    @Test("half a pair names exactly the missing variable", arguments: [
        ("FLATFILE_ACCESS_KEY_ID", "FLATFILE_SECRET_ACCESS_KEY"),
        ("FLATFILE_SECRET_ACCESS_KEY", "FLATFILE_ACCESS_KEY_ID"),
        ("FLATFILE_CLIENT_ID", "FLATFILE_CLIENT_SECRET"),
        ("FLATFILE_CLIENT_SECRET", "FLATFILE_CLIENT_ID"),
        ("FLATFILE_EMAIL", "FLATFILE_PASSWORD"),
        ("FLATFILE_PASSWORD", "FLATFILE_EMAIL"),
    ])
    func incompletePair(set: String, missing: String) {
        // Even with another complete credential present, half a pair is reported rather than silently ignored.
        let environment = [set: "value", "FLATFILE_BEARER_TOKEN": "tok"]
        #expect {
            try FlatfileCredentials.fromEnvironment(environment)
        } throws: { error in
            guard case .configuration(let failure) = error as? GraphQLClientError else { return false }
            return failure.problem == "\(set) is set but \(missing) is missing."
                && failure.fix.contains("Set \(missing)")
        }
    }

    @Test("no credentials at all lists every way to provide them")
    func nothingSet() {
        #expect {
            try FlatfileCredentials.fromEnvironment(["HOME": "/root"])
        } throws: { error in
            let text = "\(error)"
            return ["FLATFILE_ACCESS_KEY_ID", "FLATFILE_SECRET_ACCESS_KEY", "FLATFILE_API_KEY", "FLATFILE_CLIENT_ID",
                    "FLATFILE_CLIENT_SECRET", "FLATFILE_EMAIL", "FLATFILE_PASSWORD", "FLATFILE_BEARER_TOKEN"]
                .allSatisfy(text.contains)
        }
    }

    @Test("an API key without a known prefix is refused with the alternatives")
    func unknownAPIKeyPrefix() {
        #expect {
            try FlatfileCredentials.fromEnvironment(["FLATFILE_API_KEY": "abc123"])
        } throws: { error in
            "\(error)".contains("sk_, pk_ or pat_") && "\(error)".contains("FLATFILE_BEARER_TOKEN")
                && !"\(error)".contains("abc123")
        }
    }

    @Test("URLs come from FLATFILE_API_URL and FLATFILE_PLATFORM_URL, with defaults")
    func urls() throws {
        let defaults = try FlatfileConfiguration.fromEnvironment(["FLATFILE_BEARER_TOKEN": "t"])
        #expect(defaults.apiURL.absoluteString == "https://api.us.flatfile.io")
        #expect(defaults.platformURL.absoluteString == "https://platform.flatfile.com/api")
        let custom = try FlatfileConfiguration.fromEnvironment([
            "FLATFILE_BEARER_TOKEN": "t", "FLATFILE_API_URL": "http://127.0.0.1:8080",
            "FLATFILE_PLATFORM_URL": "https://api.x.flatfile.com",
        ])
        #expect(custom.apiURL.absoluteString == "http://127.0.0.1:8080")
        #expect(custom.platformURL.absoluteString == "https://api.x.flatfile.com")
        #expect {
            try FlatfileConfiguration.fromEnvironment(["FLATFILE_BEARER_TOKEN": "t", "FLATFILE_API_URL": "api.us"])
        } throws: { error in
            "\(error)".contains("Unsupported URL \"api.us\" in FLATFILE_API_URL: it has no scheme (https://)")
        }
    }
}

@Suite("Credentials never show secrets")
struct CredentialsDescriptionTests {
    static let all: [FlatfileCredentials] = [
        .accessKey(id: "key-id-1", secret: "secret-value-1", expiresIn: 600),
        .secretKey("sk_test_secretvalue2"),
        .publishableKey("pk_test_secretvalue3"),
        .personalAccessToken("pat_secretvalue4"),
        .bearer("opaque-bearer-value5"),
        .apiCredentials(clientId: "client-id-6", secret: "secret-value-6"),
        .user(email: "someone@example.com", password: "password-value-7"),
    ]

    @Test("description, debugDescription, dump and string interpolation hide the secret", arguments: all)
    func hidesSecrets(credentials: FlatfileCredentials) {
        var dumped = ""
        dump(credentials, to: &dumped)
        let texts = ["\(credentials)", String(reflecting: credentials), dumped, credentials.publicHint,
                     "\([credentials])"]
        for secret in credentials.secrets {
            for text in texts { #expect(!text.contains(secret), "\(text)") }
        }
    }

    @Test("the public part stays visible so people can tell credentials apart")
    func showsPublicPart() {
        #expect("\(Self.all[0])".contains("key-id-1"))
        #expect("\(Self.all[1])".contains("sk_"))
        #expect("\(Self.all[5])".contains("client-id-6"))
        #expect("\(Self.all[6])".contains("someone@example.com"))
    }
}
