import Foundation
import Hummingbird
import Testing

/// Runs `router` on a free loopback port for the duration of `body`.
func withListener<Result>(
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
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
