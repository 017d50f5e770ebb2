import FlatfileGraphQL
import Foundation
import Hummingbird
import Testing

/// Redirects over real sockets: the credentials go along only while the scheme, host and port stay the same.
@Suite("Redirects never carry credentials to another origin")
struct RedirectTests {
    static let secret = "canary-redirect-token-P6D2K8"

    @Test("a redirect to another host arrives without Authorization or X-Api-Key; the same origin keeps them",
          arguments: [("cross-host", false), ("cross-port", false), ("same-origin", true)])
    func credentialHeaders(route: String, keepsCredentials: Bool) async throws {
        try await withRedirectingServer { server in
            let client = GraphQLClient(
                endpoint: server.appendingPathComponent(route).appendingPathComponent("graphql"),
                headers: ["Authorization": "Bearer \(Self.secret)", "X-Api-Key": Self.secret])
            let response = try await client.execute(document: "{ echo }")
            let received = try #require(response.data)
            #expect(received["path"]?.stringValue == "/echo", "the redirect was followed")
            #expect(received["authorization"]?.stringValue == (keepsCredentials ? "Bearer \(Self.secret)" : nil))
            #expect(received["apiKey"]?.stringValue == (keepsCredentials ? Self.secret : nil))
            #expect(received["body"]?.stringValue?.contains("{ echo }") == true, "the POST body was sent again")
        }
    }

    @Test("a Flatfile client's bearer token does not follow a redirect to another host")
    func flatfileBearer() async throws {
        try await withRedirectingServer { server in
            let client = GraphQLClient.flatfile(
                credentials: .bearer(Self.secret), apiURL: server.appendingPathComponent("cross-host"), platformURL: server)
            let response = try await client.execute(document: "{ echo }")
            #expect(response.data?["path"]?.stringValue == "/echo")
            #expect(response.data?["authorization"]?.isNull == true)
        }
    }
}

/// A loopback server whose `POST /<route>/graphql` answers 307 to `/echo` on another host name for the same
/// machine (`cross-host`), on another port (`cross-port`, a second listener), or on itself (`same-origin`);
/// `/echo` answers with the credential headers and body it received.
private func withRedirectingServer<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    try await withEchoListener { otherPort in
        let port = Locked(0)
        let router = Router()
        router.post(":route/graphql") { request, context -> Response in
            let here = port.withLock { $0 }
            let target = switch context.parameters.get("route") ?? "" {
            case "cross-host": "http://localhost:\(here)/echo"
            case "cross-port": "http://127.0.0.1:\(otherPort)/echo"
            default: "http://127.0.0.1:\(here)/echo"
            }
            return Response(status: .temporaryRedirect, headers: [.location: target])
        }
        router.post("echo", use: echo)
        return try await withListener(router) { bound in
            port.withLock { $0 = bound }
            return try await body(try #require(URL(string: "http://127.0.0.1:\(bound)")))
        }
    }
}

private func withEchoListener<Result>(_ body: (Int) async throws -> Result) async throws -> Result {
    let router = Router()
    router.post("echo", use: echo)
    return try await withListener(router, body)
}

/// Answers with a GraphQL response whose data is what arrived: path, credential headers and body.
@Sendable private func echo(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let bytes = try await request.body.collect(upTo: 1 << 20)
    let received: JSONValue = [
        "path": .string(request.uri.path),
        "authorization": request.headers[.authorization].map(JSONValue.string) ?? .null,
        "apiKey": request.headers.first { $0.name.canonicalName == "x-api-key" }.map { .string($0.value) } ?? .null,
        "body": .string(String(buffer: bytes)),
    ]
    let json = JSONValue.object(["data": received]).jsonString()
    return Response(
        status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
}

/// Runs `router` on a free loopback port for the duration of `body`.
private func withListener<Result>(
    _ router: Router<BasicRequestContext>, _ body: (Int) async throws -> Result
) async throws -> Result {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
        router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
    let running = Task { try await application.runService(gracefulShutdownSignals: []) }
    defer { running.cancel() }
    var iterator = ports.makeAsyncIterator()
    let port = try #require(await iterator.next())
    let result = try await body(port)
    running.cancel()
    _ = await running.result
    return result
}

/// A value shared between a test and its server's handlers.
private final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
