import FlatfileGraphQL
import Foundation
import Hummingbird
import TestSupport
import Testing

/// Runs a GraphQL endpoint on a free loopback port for the duration of `body`, answering each POST to `/graphql`
/// with `answer(request body)`: for responses the sandbox never gives (`"data": null` without errors) and for
/// seeing exactly what the CLI sent.
func withAnsweringServer<Result>(
    _ answer: @escaping @Sendable (JSONValue) -> JSONValue, _ body: (URL) async throws -> Result
) async throws -> Result {
    let router = Router()
    router.post("graphql") { request, _ -> Response in
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let json = answer(try JSONValue(parsing: String(buffer: bytes))).jsonString()
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
    return try await withListener(router) { port in try await body(try #require(URL(string: "http://127.0.0.1:\(port)/graphql"))) }
}

/// Answers with the request's variables as the data: `{"data": {"variables": …}}`.
@Sendable func echoVariables(_ request: JSONValue) -> JSONValue {
    ["data": ["variables": request["variables"] ?? nil]]
}
