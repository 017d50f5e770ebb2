import Foundation
import Testing
@testable import FlatfileGraphQL
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One request builder and one URL rule behind every request the runtime sends: a GraphQL operation
/// (`HTTPGraphQLEndpoint`), a REST call (`AuthenticatedHTTPClient`, which the platform endpoint uses) and a token
/// exchange (`FlatfileTokenStore`).
@Suite("One request builder, one URL rule")
struct RequestBuilderTests {
    /// What each path sends to `base`, or the error it throws, with the transport that saw what was sent.
    enum Path: String, CaseIterable, CustomStringConvertible {
        case graphQLEndpoint, restClient, tokenExchange
        var description: String { rawValue }

        func send(to base: URL, _ transport: FixedAnswerTransport) async -> GraphQLClientError? {
            let options = GraphQLClientOptions(retryPolicy: .never)
            do {
                switch self {
                case .graphQLEndpoint:
                    _ = try await GraphQLClient(endpoint: base, headers: ["X-Custom": "1"], options: options, transport: transport)
                        .execute(document: "{ me { id } }")
                case .restClient:
                    _ = try await AuthenticatedHTTPClient(
                        tokenProvider: nil, headers: ["X-Custom": "1"], options: options, transport: transport
                    ).get(base)
                case .tokenExchange:
                    _ = try await FlatfileTokenStore(
                        credentials: .accessKey(id: "key-id", secret: "exchange-secret"), apiURL: base, platformURL: base,
                        options: options, transport: transport
                    ).accessToken()
                }
                return nil
            } catch {
                return error
            }
        }
    }

    static let badURLs: [(url: String, reason: String)] = [
        ("ftp://api.example.test/graphql", "the scheme must be https:// or http://, not ftp://"),
        ("https://someone:url-password@api.example.test/graphql", "it holds a user name or password (user:password@)"),
        ("https://api.example.test/graphql#section", "it has a #fragment, which is never sent"),
    ]

    @Test("the same bad URL gives the same error, saying how to fix it, from every path and before anything is sent",
          arguments: badURLs.map(\.url))
    func sameRefusalEverywhere(url text: String) async throws {
        let url = try #require(URL(string: text))
        let reason = try #require(Self.badURLs.first { $0.url == text }).reason
        for path in Path.allCases {
            let transport = FixedAnswerTransport(status: 200, body: #"{"data":{"me":null}}"#)
            guard case .configuration(let failure)? = await path.send(to: url, transport) else {
                Issue.record("\(path): expected a configuration error")
                continue
            }
            #expect(failure.problem.hasPrefix("Unsupported URL https://api.example.test/")
                        || failure.problem.hasPrefix("Unsupported URL ftp://api.example.test/"), "\(path): \(failure)")
            #expect(failure.problem.hasSuffix(": \(reason)."), "\(path): \(failure)")
            #expect(failure.fix == EndpointURLRule.fix, "\(path)")
            #expect(!"\(failure)".contains("url-password"), "\(path): the URL's password is shown")
            #expect(transport.requests.isEmpty, "\(path): a request was sent")
        }
        // The URLs users give (--endpoint, FLATFILE_API_URL) are held to the same rule when they are read.
        #expect {
            try FlatfileConfiguration.fromEnvironment(["FLATFILE_BEARER_TOKEN": "t", "FLATFILE_API_URL": text])
        } throws: { error in
            guard case .configuration(let failure) = error as? GraphQLClientError else { return false }
            return failure.problem.hasSuffix(" in FLATFILE_API_URL: \(reason).") && failure.fix == EndpointURLRule.fix
                && !failure.problem.contains("url-password")
        }
    }

    @Test("plain http:// off this machine is refused alike on every path, naming --allow-insecure")
    func plainHTTPEverywhere() async throws {
        let url = try #require(URL(string: "http://api.example.test/graphql"))
        for path in Path.allCases {
            let transport = FixedAnswerTransport(status: 200, body: #"{"data":{"me":null}}"#)
            guard case .configuration(let failure)? = await path.send(to: url, transport) else {
                Issue.record("\(path): expected a configuration error")
                continue
            }
            #expect(failure.problem.contains("plain http:// is allowed only to this machine"), "\(path): \(failure)")
            #expect(failure.fix.contains("--allow-insecure"), "\(path)")
            #expect(transport.requests.isEmpty, "\(path)")
        }
    }

    @Test("a URL that is not a URL at all hides what may be a password", arguments: [
        ("https://me:hunter2@exa mple.test/x", "hunter2"), ("api.us?key=sk_abc", "sk_abc"),
    ])
    func unusableTextHidesSecrets(text: String, secret: String) {
        #expect {
            try EndpointURLRule.parse(text, source: "--endpoint")
        } throws: { error in
            let shown = "\(error)"
            return shown.contains("Unsupported URL") && shown.contains("in --endpoint") && !shown.contains(secret)
        }
    }

    @Test("every path sends the standard headers: Accept, Content-Type with a body, User-Agent fgql/<version>")
    func standardHeaders() async throws {
        let base = try #require(URL(string: "https://api.example.test"))
        let userAgent = "fgql/\(FGQLVersion.current)"
        let expected: [Path: (method: String, accept: String, contentType: String?)] = [
            .graphQLEndpoint: ("POST", "application/graphql-response+json, application/json", "application/json"),
            .restClient: ("GET", "application/json", nil),
            .tokenExchange: ("POST", "application/json", "application/json"),
        ]
        for path in Path.allCases {
            let transport = FixedAnswerTransport(status: 200, body: #"{"data":{"me":null},"accessToken":"t"}"#)
            _ = await path.send(to: base, transport)
            let request = try #require(transport.requests.first, "\(path)")
            let want = try #require(expected[path])
            #expect(request.httpMethod == want.method, "\(path)")
            #expect(request.value(forHTTPHeaderField: "User-Agent") == userAgent, "\(path)")
            #expect(request.value(forHTTPHeaderField: "Accept") == want.accept, "\(path)")
            #expect(request.value(forHTTPHeaderField: "Content-Type") == want.contentType, "\(path)")
            if path != .tokenExchange {
                #expect(request.value(forHTTPHeaderField: "X-Custom") == "1", "\(path): the caller's headers")
            }
        }
    }

    @Test("the caller's headers override the standard ones; the bearer token comes last")
    func headerOrder() throws {
        let request = HTTPRequestBuilder.request(
            "POST", try #require(URL(string: "https://api.example.test/graphql")), accept: HTTPRequestBuilder.jsonAccept,
            jsonBody: Data("{}".utf8), headers: ["User-Agent": "my-app/2", "Authorization": "Basic x"],
            token: AccessToken(value: "tok", expiresAt: nil, obtainedAt: Date(timeIntervalSince1970: 0)),
            options: GraphQLClientOptions())
        #expect(request.value(forHTTPHeaderField: "User-Agent") == "my-app/2")
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Bearer tok")
        #expect(request.httpBody == Data("{}".utf8))
    }
}
