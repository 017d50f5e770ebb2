import FlatfileGraphQL
import Foundation
import Hummingbird
import TestSupport
import Testing

/// Servers that misbehave on purpose, over real sockets: one that echoes the secrets it received into its GraphQL
/// errors, and one that never stops sending.
@Suite("Hostile servers")
struct HostileServerTests {
    static let bearer = "canary-echoed-bearer-E3F8"
    static let headers = [
        "Authorization": "Bearer \(bearer)",
        "X-Hasura-Admin-Secret": "canary-echoed-admin-A7Q2",
        "PRIVATE-TOKEN": "canary-echoed-private-P1M6",
        "X-Request-Source": "canary-echoed-custom-C9Z4",
    ]
    static var secrets: [String] { [bearer] + headers.values.filter { !$0.hasPrefix("Bearer ") } }

    @Test("secrets a server echoes into errors[].message and extensions are redacted, under HTTP 200 and 500",
          arguments: [200, 500])
    func echoedSecretsRedacted(status: Int) async throws {
        try await withEchoingServer { server in
            let url = server.appendingPathComponent("\(status)").appendingPathComponent("graphql")
            let client = GraphQLClient(endpoint: url, headers: Self.headers)

            let response = try await client.execute(document: "{ __typename }")
            #expect(!response.errors.isEmpty, "the server's errors still arrive")
            #expect(response.errors.first?.message.contains("[redacted]") == true)
            Self.expectClean(response.jsonValue.jsonString(), "the response of execute")

            let error = await #expect(throws: GraphQLClientError.self) {
                _ = try await client.fetch(GetBatchesQuery(licenseKey: "key", take: 1))
            }
            guard case .graphQL(let failure) = error else {
                Issue.record("expected GraphQL errors, got \(String(describing: error))")
                return
            }
            Self.expectClean("\(failure)", "GraphQLClientError's description")
            Self.expectClean(String(reflecting: error), "GraphQLClientError's debug description")
            Self.expectClean(failure.errors.map { $0.jsonValue.jsonString() }.joined(), "the errors' JSON")
            Self.expectClean(failure.extensions.map { JSONValue.object($0).jsonString() } ?? "", "the extensions")
        }
    }

    @Test("a Flatfile client's bearer token echoed back by the server is redacted", arguments: [200, 500])
    func echoedTokenRedacted(status: Int) async throws {
        try await withEchoingServer { server in
            let client = GraphQLClient.flatfile(
                credentials: .bearer(Self.bearer), apiURL: server.appendingPathComponent("\(status)"), platformURL: server)
            let response = try await client.execute(document: "{ __typename }")
            #expect(!response.errors.isEmpty)
            Self.expectClean(response.jsonValue.jsonString(), "the response")
        }
    }

    @Test("an endless body fails with responseTooLarge at the cap, quickly", arguments: TransportUnderTest.allCases)
    func endlessBodyIsCut(transport: TransportUnderTest) async throws {
        try await withEndlessServer { server in
            let cap = 4 << 20
            let client = GraphQLClient(
                endpoint: server.appendingPathComponent("endless"),
                options: GraphQLClientOptions(retryPolicy: .never, maximumResponseBytes: cap), transport: transport.transport)
            let start = ContinuousClock.now
            let error = await #expect(throws: GraphQLClientError.self) {
                _ = try await client.execute(document: "{ __typename }")
            }
            let elapsed = ContinuousClock.now - start
            guard case .transport(let failure) = error else {
                Issue.record("expected a transport failure, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .responseTooLarge)
            let text = "\(failure)"
            #expect(text.contains("4 MiB (4194304 bytes)") && text.contains("maximumResponseBytes")
                && text.contains("--max-response-bytes"), "\(text)")
            // Not how much the server wrote: its writes land in its own channel buffers faster than any client
            // reads (154 MB in 70 ms was seen), so that figure measures the server, not the client's memory.
            #expect(elapsed < .seconds(10), "cut off at the cap, not at the deadline: \(elapsed)")
        }
    }

    @Test("a body that declares a length over the cap fails before it is read", arguments: TransportUnderTest.allCases)
    func declaredLengthOverCap(transport: TransportUnderTest) async throws {
        try await withEndlessServer { server in
            let client = GraphQLClient(
                endpoint: server.appendingPathComponent("declared"),
                options: GraphQLClientOptions(retryPolicy: .never, maximumResponseBytes: 1 << 20),
                transport: transport.transport)
            let error = await #expect(throws: GraphQLClientError.self) {
                _ = try await client.execute(document: "{ __typename }")
            }
            guard case .transport(let failure) = error else {
                Issue.record("expected a transport failure, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .responseTooLarge, "\(failure)")
        }
    }

    private static func expectClean(_ text: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets where text.contains(secret) {
            Issue.record("\(place) contains the secret \(secret): \(text)", sourceLocation: sourceLocation)
        }
    }
}

/// A loopback server whose `POST /<status>/graphql` answers with that status and a GraphQL error that repeats the
/// request's headers back: in the message, in the error's extensions and in the response's extensions.
private func withEchoingServer<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let router = Router()
    router.post(":status/graphql") { request, context -> Response in
        headerEchoingAnswer(to: request, status: Int(context.parameters.get("status") ?? "") ?? 200)
    }
    return try await withListener(router) { port in try await body(try #require(URL(string: "http://127.0.0.1:\(port)"))) }
}

/// A loopback server whose `POST /endless` sends the start of a JSON string and then spaces without end — bounded
/// on its side too: it stops after 200 MB or when the client disconnects. `POST /declared` declares a 1 GiB body.
private func withEndlessServer<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let sent = Locked(0)
    let router = Router()
    let stream: @Sendable (inout any ResponseBodyWriter) async throws -> Void = { writer in
        try await writer.write(ByteBuffer(string: #"{"data": {"__typename": ""#))
        let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 << 10)
        while sent.withLock({ $0 }) < 200_000_000 {
            try await writer.write(chunk)
            sent.withLock { $0 += chunk.readableBytes }
        }
        try await writer.finish(nil)
    }
    router.post("endless") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(stream))
    }
    router.post("declared") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(contentLength: 1 << 30, stream))
    }
    return try await withListener(router) { port in
        try await body(try #require(URL(string: "http://127.0.0.1:\(port)")))
    }
}
