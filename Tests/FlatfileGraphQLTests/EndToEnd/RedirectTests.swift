import FlatfileGraphQL
import Foundation
import Hummingbird
import TestSupport
import Testing

/// Redirects over real sockets: the credentials go along only while the scheme, host and port stay the same.
@Suite("Redirects never carry credentials to another origin")
struct RedirectTests {
    static let secret = "canary-redirect-token-P6D2K8"

    @Test("a redirect to another host arrives without Authorization or X-Api-Key; the same origin keeps them",
          arguments: TransportUnderTest.allCases, [("cross-host", false), ("cross-port", false), ("same-origin", true)])
    func credentialHeaders(transport: TransportUnderTest, route: (String, Bool)) async throws {
        let (route, keepsCredentials) = route
        try await withRedirectingServer { server in
            let client = GraphQLClient(
                endpoint: server.appendingPathComponent(route).appendingPathComponent("graphql"),
                headers: ["Authorization": "Bearer \(Self.secret)", "X-Api-Key": Self.secret], transport: transport.transport)
            let response = try await client.execute(document: "{ echo }")
            let received = try #require(response.data)
            #expect(received["path"]?.stringValue == "/echo", "the redirect was followed")
            #expect(received["authorization"]?.stringValue == (keepsCredentials ? "Bearer \(Self.secret)" : nil))
            #expect(received["apiKey"]?.stringValue == (keepsCredentials ? Self.secret : nil))
            #expect(received["body"]?.stringValue?.contains("{ echo }") == true, "the POST body was sent again")
        }
    }

    /// Headers a user or a credential adds that are no standard credential header, but carry one all the same.
    static let customSecretHeaders = [
        "X-Hasura-Admin-Secret": "canary-hasura-admin-S3K9",
        "X-Auth-Token": "canary-auth-token-T8W2",
        "PRIVATE-TOKEN": "canary-private-token-G5L1",
        "Authorization": "Bearer \(secret)",
        "X-Api-Key": secret,
        "Cookie": "session=canary-cookie-C4N7",
    ]

    @Test("a redirect to another origin carries only the request's content headers; the same origin keeps them all",
          arguments: TransportUnderTest.allCases, [("cross-host", false), ("cross-port", false), ("same-origin", true)])
    func customSecretHeaders(transport: TransportUnderTest, route: (String, Bool)) async throws {
        let (route, keepsHeaders) = route
        try await withRedirectingServer { server in
            let client = GraphQLClient(
                endpoint: server.appendingPathComponent(route).appendingPathComponent("graphql"),
                headers: Self.customSecretHeaders, transport: transport.transport)
            let response = try await client.execute(document: "{ echo }")
            let received = try #require(response.data?["headers"]?.objectValue)
            #expect(response.data?["path"]?.stringValue == "/echo", "the redirect was followed")
            for (name, value) in Self.customSecretHeaders {
                let arrived = received[name.lowercased()]?.stringValue
                #expect(arrived == (keepsHeaders ? value : nil), "\(name) after a \(route) redirect")
            }
            // The request's own headers always travel: the body must still be understood.
            #expect(received["content-type"]?.stringValue == "application/json")
            #expect(received["accept"]?.stringValue?.contains("application/json") == true)
            #expect(received["user-agent"]?.stringValue == "fgql/\(FGQLVersion.current)")
            let names = Set(received.keys)
            // Besides the content headers, only what the transport adds to every request by itself.
            let allowed: Set<String> = ["content-type", "accept", "content-length", "user-agent", "host",
                                        "transfer-encoding", "accept-encoding", "accept-language", "connection", "expect"]
            if !keepsHeaders { #expect(names.subtracting(allowed).isEmpty, "unexpected headers: \(names)") }
        }
    }

    @Test("a redirect to plain http:// off this machine fails before any connection, naming the rule and the option",
          arguments: ["http://example.invalid/graphql", "http://0.0.0.0:{echo}/echo", "ftp://127.0.0.1/graphql"])
    func insecureRedirectRefused(target: String) async throws {
        try await withRedirectingServer { server in
            let client = GraphQLClient(
                endpoint: server.appendingPathComponent("to").appendingPathComponent("graphql"),
                headers: ["Authorization": "Bearer \(Self.secret)"])
            let error = await #expect(throws: GraphQLClientError.self) {
                _ = try await client.execute(document: "{ echo }", variables: ["target": .string(target)])
            }
            guard case .configuration(let failure) = error else {
                Issue.record("expected a configuration error, got \(String(describing: error))")
                return
            }
            let text = "\(failure)"
            #expect(text.contains("redirect from http://127.0.0.1:"), "\(text)")
            if target.hasPrefix("http:") {
                #expect(text.contains("plain http:// is allowed only to this machine"), "\(text)")
                #expect(text.contains("allowInsecureHTTP") && text.contains("--allow-insecure"), "\(text)")
            } else {
                #expect(text.contains("Unsupported URL"), "\(text)")
            }
            #expect(!text.contains(Self.secret))
        } echoed: { echoRequests in
            #expect(echoRequests == 0, "nothing was sent to the refused hop")
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
/// machine (`cross-host`), on another port (`cross-port`, a second listener), or on itself (`same-origin`); `POST
/// /to/graphql` redirects to the request's `variables.target` (`{echo}` standing for the second listener's port).
/// `/echo` answers with the headers and body it received; `echoed` gets how many requests reached the second
/// listener.
private func withRedirectingServer<Result>(
    _ body: (URL) async throws -> Result, echoed: (Int) -> Void = { _ in }
) async throws -> Result {
    let echoRequests = Locked(0)
    let result = try await withEchoListener(counting: echoRequests) { otherPort in
        let port = Locked(0)
        let router = Router()
        router.post(":route/graphql") { request, context -> Response in
            let here = port.withLock { $0 }
            let target: String
            switch context.parameters.get("route") ?? "" {
            case "cross-host": target = "http://localhost:\(here)/echo"
            case "cross-port": target = "http://127.0.0.1:\(otherPort)/echo"
            case "to":
                let bytes = try await request.body.collect(upTo: 1 << 20)
                let json = try JSONValue(parsing: Data(String(buffer: bytes).utf8))
                target = (json["variables"]?["target"]?.stringValue ?? "")
                    .replacingOccurrences(of: "{echo}", with: String(otherPort))
            default: target = "http://127.0.0.1:\(here)/echo"
            }
            return Response(status: .temporaryRedirect, headers: [.location: target])
        }
        router.post("echo", use: echo)
        return try await withListener(router) { bound in
            port.withLock { $0 = bound }
            return try await body(try #require(URL(string: "http://127.0.0.1:\(bound)")))
        }
    }
    echoed(echoRequests.withLock { $0 })
    return result
}

private func withEchoListener<Result>(counting requests: Locked<Int>, _ body: (Int) async throws -> Result) async throws -> Result {
    let router = Router()
    router.post("echo") { request, context -> Response in
        requests.withLock { $0 += 1 }
        return try await echo(request, context)
    }
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
        "headers": .object(JSONObject(request.headers.map { ($0.name.canonicalName, JSONValue.string($0.value)) })),
    ]
    let json = JSONValue.object(["data": received]).jsonString()
    return Response(
        status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
}
