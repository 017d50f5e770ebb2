import FlatfileGraphQL
import FlatfilePlatform
import FlatfileSandbox
import Foundation
import Testing

/// REST failures: one field's error leaves the rest of the result intact; retries; refused credentials; secrets.
@Suite("Platform endpoint failures")
struct PlatformFailureTests {
    @Test("A secret key asking for another environment gets an error at that path; the rest is returned")
    func secretKeyScope() async throws {
        try await withPlatformSandbox(credentials: .secretKey(SandboxDemo.secretKey)) { platform in
            let response = try await platform.client.execute(
                document: """
                    query ($dev: ID!, $prod: ID!) {
                      dev: environment(id: $dev) { id name spaceCount }
                      prod: environment(id: $prod) { id name }
                      prodSpaces: spaceCount(environmentId: $prod)
                    }
                    """,
                variables: [
                    "dev": .string(SandboxDemo.platformDevelopmentEnvironmentId),
                    "prod": .string(SandboxDemo.platformProductionEnvironmentId),
                ])
            let data = try response.json()
            #expect(data["dev"]?["id"]?.stringValue == SandboxDemo.platformDevelopmentEnvironmentId)
            #expect(data["dev"]?["spaceCount"]?.intValue
                == platform.data.spaces.count {
                    $0.environmentId == SandboxDemo.platformDevelopmentEnvironmentId && $0.archivedAt == nil
                })
            #expect(data["prod"]?.isNull == true)
            #expect(data["prodSpaces"]?.isNull == true)
            #expect(Set(response.errors.map(\.pathDescription)) == ["prod", "prodSpaces"])
            for error in response.errors {
                #expect(error.extensions?["code"]?.stringValue == "REST_403")
                #expect(error.message.contains(SandboxDemo.platformProductionEnvironmentId))
                #expect(!error.message.contains(SandboxDemo.secretKey))
            }
        }
    }

    @Test("429 answers are retried after their Retry-After and the query succeeds")
    func rateLimitRetried() async throws {
        try await withPlatformSandbox { platform in
            platform.sandbox.faults.enqueue(.status429(retryAfter: 1), count: 2, on: .platformAPI)
            let data = try await platform.client.execute(document: "{ environments { id } }").json()
            #expect(data["environments"]?.arrayValue?.count == SandboxDemo.platformEnvironmentIds.count)
            #expect(platform.requests.map(\.status) == [429, 429, 200])
        }
    }

    @Test("A REST failure that outlasts the retries is an error at its field, with the status")
    func persistentFailureAtField() async throws {
        try await withPlatformSandbox(options: GraphQLClientOptions(retryPolicy: .never)) { platform in
            let id = SandboxDemo.platformDevelopmentEnvironmentId
            platform.sandbox.faults.enqueue(.status503, count: 1, on: .platformAPI)
            let response = try await platform.client.execute(
                document: "{ environment(id: \"\(id)\") { id } users { id } }")
            // Which of the two concurrent calls met the 503 is up to the scheduler; exactly one field failed.
            #expect(response.errors.count == 1)
            let error = try #require(response.errors.first)
            #expect(error.extensions?["code"]?.stringValue == "REST_503")
            let failed = error.pathDescription
            let data = try response.json()
            #expect(["environment", "users"].contains(failed))
            #expect((failed == "environment" ? data["users"] : data["environment"]).map { !$0.isNull } == true)
        }
    }

    @Test("A REST call that gets no answer is an error at its field coded REST_UNREACHABLE; the rest is returned")
    func unansweredCallAtField() async throws {
        try await withPlatformSandbox(options: GraphQLClientOptions(retryPolicy: .never)) { platform in
            let id = SandboxDemo.platformDevelopmentEnvironmentId
            platform.sandbox.faults.enqueue(.dropConnection, count: 1, on: .platformAPI)
            let response = try await platform.client.execute(
                document: "{ environment(id: \"\(id)\") { id } users { id } }")
            #expect(response.errors.count == 1)
            let error = try #require(response.errors.first)
            #expect(error.extensions?["code"]?.stringValue == FlatfilePlatformEndpoint.unreachableErrorCode)
            let data = try response.json()
            #expect((error.pathDescription == "environment" ? data["users"] : data["environment"]).map { !$0.isNull } == true)
        }
    }

    @Test("When no root field could be answered for want of a connection, the request fails as a transport error")
    func nothingAnsweredIsTransportFailure() async throws {
        try await withPlatformSandbox(options: GraphQLClientOptions(retryPolicy: .never)) { platform in
            platform.sandbox.faults.enqueue(.dropConnection, count: 1, on: .platformAPI)
            do throws(GraphQLClientError) {
                let response = try await platform.client.execute(document: "{ users { id } }")
                Issue.record("expected a transport error, got \(response.jsonValue)")
            } catch {
                guard case .transport = error else {
                    Issue.record("expected a transport error, got \(error)")
                    return
                }
            }
        }
    }

    @Test("A refused token fails the whole request as an authentication error that never shows the token")
    func refusedToken() async throws {
        let wrong = "pat_not_a_real_token_1234567890"
        try await withPlatformSandbox(credentials: .personalAccessToken(wrong)) { platform in
            do throws(GraphQLClientError) {
                _ = try await platform.client.execute(document: "{ environments { id } }")
                Issue.record("expected an authentication error")
            } catch {
                guard case .authentication(let failure) = error else {
                    Issue.record("expected an authentication error, got \(error)")
                    return
                }
                #expect(failure.statusCode == 401)
                #expect(failure.credentialKind == .personalAccessToken)
                #expect(!"\(error)".contains(wrong))
            }
        }
    }

    @Test("Client id and secret are exchanged at /v1/auth and the token is used for every REST call")
    func exchangedCredentials() async throws {
        try await withPlatformSandbox(
            credentials: .apiCredentials(clientId: SandboxDemo.clientId, secret: SandboxDemo.clientSecret)
        ) { platform in
            let data = try await platform.client.execute(document: "{ environments { id } users { id } }").json()
            #expect(data["environments"]?.arrayValue?.count == SandboxDemo.platformEnvironmentIds.count)
            #expect(data["users"]?.arrayValue?.count == platform.data.users.count)
            #expect(platform.sandbox.statistics.exchanges(on: .platformAuth) == 1)
        }
    }

    @Test("An access key pair is exchanged at the configured API URL, never at Flatfile's production one")
    func accessKeyExchangeUsesTheConfiguredAPI() async throws {
        try await withSandbox { sandbox in
            let configuration = FlatfileConfiguration(
                credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
                apiURL: sandbox.baseURL, platformURL: sandbox.baseURL)
            var options = GraphQLClientOptions()
            options.retryPolicy = .never
            let client = GraphQLClient.flatfilePlatform(configuration, options: options)
            let data = try await client.execute(document: "{ environments { id } }").json()
            #expect(data["environments"]?.arrayValue?.count == SandboxDemo.platformEnvironmentIds.count)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
        }
    }

    @Test("A syntax error and an unknown field come back as GraphQL errors, with no REST call")
    func invalidDocuments() async throws {
        try await withPlatformSandbox { platform in
            let syntax = try await platform.client.execute(document: "{ environments { id ")
            #expect(syntax.data == nil)
            #expect(syntax.errors.first?.message.contains("Syntax Error") == true)
            let unknown = try await platform.client.execute(document: "{ environmentz { id } }")
            #expect(unknown.errors.first?.message.contains("environmentz") == true)
            #expect(platform.requests.isEmpty)
        }
    }

    @Test("A platform URL the URL rule refuses fails the request with the GraphQL endpoint's own refusal, before any REST call",
          arguments: ["https://someone:url-password@platform.example.test/api", "ftp://platform.example.test/api",
                      "http://platform.example.test/api"])
    func refusedPlatformURL(text: String) async throws {
        let url = try #require(URL(string: text))
        func refusal(_ client: GraphQLClient) async -> ConfigurationFailure? {
            do {
                _ = try await client.execute(document: "{ environments { id } }")
            } catch {
                if case .configuration(let failure) = error { return failure }
            }
            return nil
        }
        let platform = try #require(await refusal(GraphQLClient.flatfilePlatform(
            credentials: .personalAccessToken("pat_not_sent"), platformURL: url)))
        let graphQL = try #require(await refusal(GraphQLClient(endpoint: url)))
        // The same rule and fix; only the URL named differs (the REST call's path below the platform URL).
        #expect(platform.fix == graphQL.fix)
        func withoutURL(_ problem: String) -> String {
            problem.replacingOccurrences(of: #"[a-z]+://[^ :]+"#, with: "URL", options: .regularExpression)
        }
        #expect(withoutURL(platform.problem) == withoutURL(graphQL.problem), "\(platform) vs \(graphQL)")
        #expect(!"\(platform)".contains("url-password") && !"\(platform)".contains("pat_not_sent"))
    }

    @Test("Errors after non-ASCII text are located at their line and column in characters, as graphql-core locates them")
    func errorLocationsAfterNonASCIIText() async throws {
        try await withPlatformSandbox { platform in
            // The GraphQL library alone counts "é" and "✓" as more than one character and says line 3, column 3 of
            // this two-line document.
            let unknown = try await platform.client.execute(document: "# café ✓✓✓✓\n{ nope }\n")
            #expect(unknown.errors.map(\.locations) == [[GraphQLError.Location(line: 2, column: 3)]])
            let syntax = try await platform.client.execute(document: "# café ✓✓✓✓\n{ environments { id ] }\n")
            #expect(syntax.errors.map(\.locations) == [[GraphQLError.Location(line: 2, column: 21)]])
            let crlf = try await platform.client.execute(document: "# café ✓\r\n{ nope }\n")
            #expect(crlf.errors.map(\.locations) == [[GraphQLError.Location(line: 2, column: 3)]])
        }
    }

    @Test("A document nested 10,000 levels deep is an error at the first level too deep, never a stack overflow")
    func deeplyNestedDocument() async throws {
        try await withPlatformSandbox { platform in
            let document = String(repeating: "{ a ", count: 10_000) + String(repeating: "}", count: 10_000)
            let response = try await platform.client.execute(document: document)
            #expect(response.data == nil)
            let error = try #require(response.errors.first)
            #expect(error.message.contains("nests deeper than 100 levels"))
            // Level 101 opens after 100 "{ a ".
            #expect(error.locations == [GraphQLError.Location(line: 1, column: 401)])
            #expect(platform.requests.isEmpty)
        }
    }
}
