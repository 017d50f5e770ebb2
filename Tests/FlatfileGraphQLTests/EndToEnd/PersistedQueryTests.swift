import Crypto
import FlatfileGraphQL
import Foundation
import Hummingbird
import TestSupport
import Testing

/// Automatic persisted queries against a server that behaves as Apollo Server does, checking every hash with
/// swift-crypto's SHA-256 (not the runtime's own): hash first, the document once when the server asks, `GET` for
/// queries, and full documents from then on against servers that refuse or do not know the protocol.
@Suite("Automatic persisted queries")
struct PersistedQueryTests {
    static let query = "query Echo($text: String) { echo(text: $text) }"
    static let mutation = "mutation Rename($text: String) { rename(text: $text) }"

    static func client(_ port: Int, _ persisted: PersistedQueries = .automatic, _ transport: TransportUnderTest = .urlSession) -> GraphQLClient {
        var options = quickRetries
        options.persistedQueries = persisted
        return GraphQLClient(
            endpoint: URL(string: "http://127.0.0.1:\(port)/graphql")!, options: options, transport: transport.transport)
    }

    @Test("an unknown hash is registered with one POST of the document; later the GET of the hash alone is answered",
          arguments: TransportUnderTest.allCases)
    func registersThenHits(transport: TransportUnderTest) async throws {
        try await withPersistedQueryServer(.apollo) { server, port in
            let client = Self.client(port, .automatic, transport)
            let first = try await client.execute(document: Self.query, variables: ["text": "one"])
            let second = try await client.execute(document: Self.query, variables: ["text": "two"])
            #expect(first.data?["echo"]?.stringValue == "one" && second.data?["echo"]?.stringValue == "two")
            #expect(server.requests.map(\.summary) == ["GET hash", "POST hash+document", "GET hash"])
        }
    }

    @Test("a mutation's hash goes by POST, never GET")
    func mutationsPost() async throws {
        try await withPersistedQueryServer(.apollo) { server, port in
            let client = Self.client(port)
            _ = try await client.execute(document: Self.mutation, variables: ["text": "x"])
            _ = try await client.execute(document: Self.mutation, variables: ["text": "y"])
            #expect(server.requests.map(\.summary) == ["POST hash", "POST hash+document", "POST hash"])
        }
    }

    @Test("automaticOverPOST sends a query's hash by POST")
    func queriesOverPOST() async throws {
        try await withPersistedQueryServer(.apollo) { server, port in
            _ = try await Self.client(port, .automaticOverPOST).execute(document: Self.query)
            #expect(server.requests.map(\.summary) == ["POST hash", "POST hash+document"])
        }
    }

    @Test("a server that answers PersistedQueryNotSupported gets the document, and only documents from then on")
    func refusingServer() async throws {
        try await withPersistedQueryServer(.refusing) { server, port in
            let client = Self.client(port)
            let first = try await client.execute(document: Self.query, variables: ["text": "a"])
            let second = try await client.execute(document: Self.query, variables: ["text": "b"])
            #expect(first.errors.isEmpty && second.data?["echo"]?.stringValue == "b")
            #expect(server.requests.map(\.summary) == ["GET hash", "POST document", "POST document"])
        }
    }

    @Test("a server without persisted queries (HTTP 400, no document) gets full documents from then on")
    func plainServer() async throws {
        try await withPersistedQueryServer(.plain) { server, port in
            let client = Self.client(port)
            let first = try await client.execute(document: Self.query, variables: ["text": "a"])
            _ = try await client.execute(document: Self.query, variables: ["text": "b"])
            #expect(first.data?["echo"]?.stringValue == "a" && first.errors.isEmpty)
            #expect(server.requests.map(\.summary) == ["GET hash", "POST document", "POST document"])
        }
    }

    @Test("variables with +, &, = and non-ASCII text travel intact in the GET's query string")
    func getEncoding() async throws {
        try await withPersistedQueryServer(.apollo) { server, port in
            let client = Self.client(port)
            let text = "a+b & c=d ü %20 #frag"
            _ = try await client.execute(document: Self.query, variables: ["text": .string(text)])
            let answer = try await client.execute(document: Self.query, variables: ["text": .string(text)])
            #expect(answer.data?["echo"]?.stringValue == text)
            #expect(server.requests.last?.summary == "GET hash")
        }
    }

    @Test("a GET whose URL would pass 8,000 bytes goes as a POST")
    func longGETPosts() async throws {
        try await withPersistedQueryServer(.apollo) { server, port in
            let client = Self.client(port)
            let long = String(repeating: "x", count: 9_000)
            _ = try await client.execute(document: Self.query, variables: ["text": .string(long)])
            #expect(server.requests.first?.summary == "POST hash")
        }
    }

    @Test("off by default: every request is a POST carrying the document and no hash")
    func offByDefault() async throws {
        try await withPersistedQueryServer(.apollo) { server, port in
            _ = try await Self.client(port, .off).execute(document: Self.query)
            #expect(server.requests.map(\.summary) == ["POST document"])
        }
    }
}

// MARK: - A server that behaves like Apollo Server

private enum PersistedQueryServerKind: Sendable {
    /// Apollo Server with its default in-memory persisted-query cache.
    case apollo
    /// Apollo Server with `persistedQueries: false`.
    case refusing
    /// A server that knows nothing of the protocol: it needs `query`.
    case plain
}

private struct ReceivedRequest: Sendable {
    var method: String
    var hasHash: Bool
    var hasDocument: Bool

    var summary: String {
        method + " " + [hasHash ? "hash" : nil, hasDocument ? "document" : nil].compactMap { $0 }.joined(separator: "+")
    }
}

private final class PersistedQueryServer: Sendable {
    let kind: PersistedQueryServerKind
    private let state = Locked<(documents: [String: String], requests: [ReceivedRequest])>(([:], []))

    init(kind: PersistedQueryServerKind) { self.kind = kind }

    var requests: [ReceivedRequest] { state.withLock { $0.requests } }

    func answer(_ members: JSONObject, method: String) -> (status: Int, body: JSONValue) {
        let document = members["query"]?.stringValue
        let hash = members["extensions"]?["persistedQuery"]?["sha256Hash"]?.stringValue
        state.withLock { $0.requests.append(ReceivedRequest(method: method, hasHash: hash != nil, hasDocument: document != nil)) }
        func failure(_ status: Int, _ message: String, code: String) -> (Int, JSONValue) {
            (status, ["errors": [["message": .string(message), "extensions": ["code": .string(code)]]]])
        }
        var text = document
        if let hash, kind != .plain {
            guard kind == .apollo else { return failure(200, "PersistedQueryNotSupported", code: "PERSISTED_QUERY_NOT_SUPPORTED") }
            if let document {
                let digest = SHA256.hash(data: Data(document.utf8)).map { String(format: "%02x", $0) }.joined()
                guard digest == hash else { return failure(400, "provided sha does not match query", code: "BAD_REQUEST") }
                state.withLock { $0.documents[hash] = document }
            } else {
                text = state.withLock { $0.documents[hash] }
                guard text != nil else { return failure(200, "PersistedQueryNotFound", code: "PERSISTED_QUERY_NOT_FOUND") }
            }
        }
        guard let text, !text.isEmpty else {
            return failure(400, "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.", code: "BAD_REQUEST")
        }
        let field = text.hasPrefix("mutation") ? "rename" : "echo"
        return (200, ["data": .object([field: members["variables"]?["text"] ?? .null])])
    }
}

private func withPersistedQueryServer<Result>(
    _ kind: PersistedQueryServerKind, _ body: (PersistedQueryServer, Int) async throws -> Result
) async throws -> Result {
    let server = PersistedQueryServer(kind: kind)
    let router = Router()
    @Sendable func respond(_ answer: (status: Int, body: JSONValue)) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body.jsonString())))
    }
    router.post("graphql") { request, _ -> Response in
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let members = (try? JSONValue(parsing: Data(bytes.readableBytesView)))?.objectValue ?? [:]
        return respond(server.answer(members, method: "POST"))
    }
    router.get("graphql") { request, _ -> Response in
        // GET members are strings; variables and extensions are JSON text, as the protocol sends them.
        var members = JSONObject()
        for (name, value) in request.uri.queryParameters {
            let text = String(value)
            members[String(name)] = name == "variables" || name == "extensions"
                ? (try? JSONValue(parsing: Data(text.utf8))) ?? .string(text) : .string(text)
        }
        return respond(server.answer(members, method: "GET"))
    }
    return try await withListener(router) { port in try await body(server, port) }
}
