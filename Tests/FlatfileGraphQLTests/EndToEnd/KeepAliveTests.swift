import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

/// The transport against servers that read only `Content-Length` and that close kept-alive connections, over
/// real sockets (`StrictHTTPServer`).
@Suite("Content-Length and kept-alive connections")
struct KeepAliveTests {
    static let queryAnswer = #"{"data":{"getBatches":{"data":[{"id":"b1","status":"ok"}],"pagination":{"totalCount":1}}}}"#
    static let mutationAnswer = #"{"data":{"initializeEmptyBatch":{"batchId":"b2","workspaceId":"w1"}}}"#

    /// Answers `/mutation/graphql` with the mutation's data and everything else with the query's.
    static func answer(_ path: String) -> String {
        path.hasPrefix("/mutation/") ? mutationAnswer : queryAnswer
    }

    /// `quickRetries` with a timeout short enough that a request hanging on a bodiless resend fails the test soon.
    static let options = {
        var options = quickRetries
        options.timeout = .seconds(10)
        return options
    }()

    static func client(_ server: URL, path: String = "query", _ transport: TransportUnderTest) -> GraphQLClient {
        GraphQLClient(
            endpoint: server.appendingPathComponent(path).appendingPathComponent("graphql"), options: options,
            transport: transport.transport)
    }

    /// Every request arrived with a `Content-Length` and no chunked encoding, and every complete one with a body of
    /// that length. One cut short has no body at all: libcurl's resend after a broken kept-alive connection, which
    /// the transport refuses (cancelled before its body could follow).
    static func expectContentLength(
        _ requests: [StrictHTTPServer.Received], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for request in requests {
            let which = "request \(request.indexOnConnection) on connection \(request.connection): \(request.headers)"
            #expect(request.contentLength != nil && request.headers["transfer-encoding"] == nil, "\(which)",
                    sourceLocation: sourceLocation)
            #expect(request.isComplete ? !request.body.isEmpty : request.body.isEmpty, "\(which)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("20 queries in a row to a server that reads only Content-Length all succeed on kept-alive connections", arguments: TransportUnderTest.allCases)
    func contentLengthOnlyServer(transport: TransportUnderTest) async throws {
        try await withStrictServer(answer: Self.answer) { server, url in
            let client = Self.client(url, transport)
            for _ in 0..<20 {
                let data = try await client.fetch(GetBatchesQuery())
                #expect(data.getBatches?.data?.first?.id == "b1")
            }
            let requests = server.requests
            #expect(requests.count == 20 && requests.allSatisfy(\.isComplete))
            Self.expectContentLength(requests)
            #expect(server.connectionCount < 20, "connections were kept alive: \(server.connectionCount)")
        }
    }

    @Test("20 queries to a server that closes every connection after its answer all succeed", arguments: TransportUnderTest.allCases)
    func serverClosesAfterEachAnswer(transport: TransportUnderTest) async throws {
        try await withStrictServer(afterAnswer: .close, answer: Self.answer) { server, url in
            let client = Self.client(url, transport)
            for _ in 0..<20 {
                let data = try await client.fetch(GetBatchesQuery())
                #expect(data.getBatches?.data?.first?.id == "b1")
            }
            let requests = server.requests
            #expect(requests.count { $0.isComplete } == 20)
            Self.expectContentLength(requests)
        }
    }

    @Test("20 queries that each meet a kept-alive connection closed under them all succeed, sent again in full", arguments: TransportUnderTest.allCases)
    func queriesResentAfterStaleConnection(transport: TransportUnderTest) async throws {
        try await withStrictServer(answer: Self.answer) { server, url in
            let client = Self.client(url, transport)
            _ = try await client.fetch(GetBatchesQuery())  // a connection to reuse
            for _ in 0..<20 {
                server.dropNext(1)
                let data = try await client.fetch(GetBatchesQuery())
                #expect(data.getBatches?.data?.first?.id == "b1")
            }
            let requests = server.requests
            // Each query: once read and dropped, once answered — the retry, in full on a new connection.
            #expect(requests.count { $0.isComplete } == 1 + 2 * 20)
            Self.expectContentLength(requests)
        }
    }

    @Test("a mutation that meets a dropped connection fails as a lost connection and reached the server once",
          arguments: TransportUnderTest.allCases, [false, true])
    func mutationSentAtMostOnce(transport: TransportUnderTest, afterQuery: Bool) async throws {
        try await withStrictServer(answer: Self.answer) { server, url in
            let client = Self.client(url, path: "mutation", transport)
            if afterQuery {
                // A kept-alive connection the mutation could reuse (same transport, same session).
                _ = try await Self.client(url, transport).fetch(GetBatchesQuery())
            }
            server.dropNext(1)
            let error = await expectFailure { try await client.fetch(InitializeEmptyBatchMutation()) }
            guard case .transport(let failure) = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .connectionLost && failure.attempts == 1, "\(failure)")
            // Every request head counts, even one without its body.
            let mutations = server.requests.count { $0.path.hasPrefix("/mutation/") }
            #expect(mutations == 1, "the mutation arrived \(mutations) times")
            Self.expectContentLength(server.requests)

            // The next mutation goes through.
            let data = try await client.fetch(InitializeEmptyBatchMutation())
            #expect(data.initializeEmptyBatch?.batchId == "b2")
        }
    }
}
