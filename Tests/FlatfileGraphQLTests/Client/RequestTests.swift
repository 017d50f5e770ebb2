import Foundation
import Testing
@testable import FlatfileGraphQL
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("GraphQL requests")
struct GraphQLRequestTests {
    @Test("tells the operation type from the document", arguments: [
        ("{ me { id } }", nil, GraphQLOperationType.query as GraphQLOperationType?),
        ("query GetBatches { getBatches { data { id } } }", nil, .query),
        ("mutation M($a: In = {x: 1}) @live { doIt(a: $a) { id } }", nil, .mutation),
        ("subscription S { batchStatusUpdated(batchId: \"1\") { id } }", nil, .subscription),
        ("# mutation in a comment\nquery Q { f(s: \"mutation {\") }", nil, .query),
        ("fragment F on Batch { id }\nmutation Make { make { ...F } }", nil, .mutation),
        ("query A { a }\nmutation B { b }", "B", .mutation),
        ("query A { a }\nmutation B { b }", "A", .query),
        ("query A { a }\nmutation B { b }", nil, nil),
        ("query A { a }", "Missing", nil),
        ("query @dir { a }", nil, .query),
        ("\"\"\"block } mutation\"\"\" query Q { a }", nil, .query),
    ])
    func operationType(document: String, operationName: String?, expected: GraphQLOperationType?) {
        #expect(GraphQLRequest(query: document, operationName: operationName).operationType == expected)
    }

    struct CreateThing: GraphQLMutation {
        struct Variables: Encodable, Sendable {
            var name: String
            var archived: GraphQLNullable<Bool> = .absent
            var note: GraphQLNullable<String> = .absent

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try container.encode(archived, forKey: .archived)
                try container.encode(note, forKey: .note)
            }

            enum CodingKeys: String, CodingKey { case name, archived, note }
        }

        struct Data: Decodable, Sendable {}

        static let operationName = "CreateThing"
        static let document = "mutation CreateThing($name: String!) { createThing(name: $name) { id } }"
        static let operationIdentifier = ""
        var variables: Variables
    }

    @Test("encodes an operation's variables, leaving absent ones out and sending null ones")
    func encodesOperation() throws {
        let request = try GraphQLRequest(CreateThing(variables: .init(name: "x", note: .null)))
        #expect(request.operationType == .mutation)
        #expect(request.jsonValue.jsonString() == #"{"query":"mutation CreateThing($name: String!) { createThing(name: $name) { id } }","operationName":"CreateThing","variables":{"name":"x","note":null}}"#)
    }
}

@Suite("Retry timing")
struct RetryTimingTests {
    @Test("Retry-After is read as seconds or as an HTTP date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 784_111_770)  // Sun, 06 Nov 1994 08:49:30 GMT
        #expect(RetryAfter.delay(fromHeader: "3", now: now) == .seconds(3))
        #expect(RetryAfter.delay(fromHeader: " 0.5 ", now: now) == .milliseconds(500))
        #expect(RetryAfter.delay(fromHeader: "Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(7))
        #expect(RetryAfter.delay(fromHeader: "Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.delay(fromHeader: "soon", now: now) == nil)
        #expect(RetryAfter.delay(fromHeader: "-1", now: now) == nil)
    }

    @Test("platform token dates parse as RFC 1123 and ISO 8601")
    func dates() {
        #expect(HTTPDate.parse("2022-09-18T00:19:57.007Z")?.timeIntervalSince1970 == 1_663_460_397.007)
        #expect(HTTPDate.parse("2022-09-18T00:19:57Z")?.timeIntervalSince1970 == 1_663_460_397)
        #expect(HTTPDate.parse("Sun, 18 Sep 2022 00:19:57 GMT")?.timeIntervalSince1970 == 1_663_460_397)
    }

    @Test("backoff grows exponentially with jitter and stays under the cap")
    func backoff() {
        let policy = RetryPolicy(initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(500))
        for _ in 0..<50 {
            let first = policy.backoff(beforeRetry: 0)
            let second = policy.backoff(beforeRetry: 1)
            let late = policy.backoff(beforeRetry: 30)
            #expect(first >= .milliseconds(50) && first <= .milliseconds(100))
            #expect(second >= .milliseconds(100) && second <= .milliseconds(200))
            #expect(late >= .milliseconds(250) && late <= .milliseconds(500))
        }
    }

    @Test("only queries are retried unless mutations are opted in")
    func retriedKinds() {
        #expect(RetryPolicy().allowsRetries(for: .query))
        #expect(!RetryPolicy().allowsRetries(for: .mutation))
        #expect(!RetryPolicy().allowsRetries(for: nil))
        #expect(RetryPolicy(retriesMutations: true).allowsRetries(for: .mutation))
    }
}

@Suite("Transport safety")
struct TransportSafetyTests {
    @Test("plain http is allowed only for loopback hosts unless explicitly allowed", arguments: [
        ("http://127.0.0.1:8080/graphql", true), ("http://localhost/graphql", true), ("http://[::1]:9/graphql", true),
        ("http://127.9.9.9/graphql", true), ("https://api.us.flatfile.io/graphql", true),
        ("http://api.us.flatfile.io/graphql", false), ("http://127.0.0.1.example.com/graphql", false),
        ("http://10.0.0.1/graphql", false), ("ftp://localhost/graphql", false),
    ])
    func insecureHTTP(url: String, allowed: Bool) throws {
        let url = try #require(URL(string: url))
        var refused: GraphQLClientError?
        do {
            try EndpointURLRule.check(url, allowInsecureHTTP: false)
        } catch {
            refused = error
        }
        #expect((refused == nil) == allowed)
        if let refused, url.scheme == "http" {
            #expect("\(refused)".contains("allowInsecureHTTP"))
            #expect(throws: Never.self) { try EndpointURLRule.check(url, allowInsecureHTTP: true) }
        }
    }

    @Test("a redirect to another host drops the credentials; a downgrade to http is not followed")
    func redirects() throws {
        var original = URLRequest(url: try #require(URL(string: "https://api.us.flatfile.io/graphql")))
        original.setValue("Bearer secret-token", forHTTPHeaderField: "Authorization")
        var sameHost = original
        sameHost.url = URL(string: "https://api.us.flatfile.io/v2/graphql")
        var otherHost = original
        otherHost.url = URL(string: "https://evil.example.com/graphql")
        var downgrade = original
        downgrade.url = URL(string: "http://api.us.flatfile.io/graphql")

        #expect(RedirectPolicy.request(following: sameHost, from: original)?
            .value(forHTTPHeaderField: "Authorization") == "Bearer secret-token")
        let followed = try #require(RedirectPolicy.request(following: otherHost, from: original))
        #expect(followed.value(forHTTPHeaderField: "Authorization") == nil)
        #expect(followed.url == otherHost.url)
        #expect(RedirectPolicy.request(following: downgrade, from: original) == nil)
    }

    @Test("URLs in messages never carry user info or query strings")
    func safeURL() throws {
        let url = try #require(URL(string: "https://user:pw@api.example.com:8443/graphql?token=abc#frag"))
        #expect(url.safeDescription == "https://api.example.com:8443/graphql")
        #expect(try #require(URL(string: "https://api.us.flatfile.io/")).appendingEndpointPath("graphql")
            .absoluteString == "https://api.us.flatfile.io/graphql")
        #expect(try #require(URL(string: "https://platform.flatfile.com/api")).appendingEndpointPath("/v1/auth")
            .absoluteString == "https://platform.flatfile.com/api/v1/auth")
    }
}
