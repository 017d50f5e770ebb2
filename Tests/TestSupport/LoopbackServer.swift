import FlatfileGraphQL
import Foundation
import Hummingbird

/// Small servers of the tests' own, for answers the sandbox never gives: hostile ones that echo secrets, stream
/// without end or redirect where they should not, and plain ones that answer `"data": null` or echo a request.

/// Runs `router` on a free loopback port for the duration of `body`.
package func withListener<Result>(
    _ router: Router<BasicRequestContext>, _ body: (Int) async throws -> Result
) async throws -> Result {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
        router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
    let running = Task { try await application.runService(gracefulShutdownSignals: []) }
    defer { running.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port != 0 else { throw LoopbackServerError.didNotStart }
    let result = try await body(port)
    running.cancel()
    _ = await running.result
    return result
}

package enum LoopbackServerError: Error { case didNotStart }

/// A GraphQL answer with status `status` whose error repeats every header the request carried — in its message,
/// in its extensions and in the response's extensions — as a server that leaks what it was sent would.
package func headerEchoingAnswer(to request: Request, status: Int) -> Response {
    let received = JSONObject(request.headers.map { ($0.name.canonicalName, JSONValue.string($0.value)) })
    let everything = received.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ", ")
    let json: JSONValue = [
        "data": nil,
        "errors": [[
            "message": .string("access denied for the headers you sent: \(everything)"),
            "extensions": ["code": "FORBIDDEN", "received": .object(received)],
        ]],
        "extensions": ["debug": .object(received)],
    ]
    return Response(
        status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: json.jsonString())))
}

/// A value shared between a test and its server's handlers.
package final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    package init(_ value: Value) { self.value = value }
    package func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
