import Hummingbird

/// Hummingbird's per-request context, able to close the request's connection for the dropped-connection fault.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the connection without an answer.
    let dropConnection: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        let channel = source.channel
        dropConnection = { channel.close(promise: nil) }
    }
}
