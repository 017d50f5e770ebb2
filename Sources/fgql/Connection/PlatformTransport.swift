import FlatfileGraphQL
import Foundation
#if canImport(FlatfileGraphQLNIO)
import FlatfileGraphQLNIO
#endif

/// The HTTP transport the CLI sends with: the one decision about which networking stack a platform gets.
enum PlatformTransport {
    /// On Linux, AsyncHTTPClient: FoundationNetworking runs every request through libcurl on threads of its own,
    /// which measured ~30 ms and most of a run's CPU time. Elsewhere — and on Linux when the environment names a
    /// proxy, which libcurl honours (`HTTPS_PROXY`, `NO_PROXY`, …) and AsyncHTTPClient does not read — URLSession.
    static func make(environment: [String: String] = ProcessInfo.processInfo.environment) -> (any HTTPTransport, name: String) {
        #if canImport(FlatfileGraphQLNIO)
        let proxies = ["http_proxy", "https_proxy", "all_proxy"].filter { name in
            [name, name.uppercased()].contains { environment[$0]?.isEmpty == false }
        }
        if proxies.isEmpty { return (AsyncHTTPClientTransport.shared, "AsyncHTTPClient") }
        return (URLSessionTransport.shared, "URLSession (a proxy is set: \(proxies.joined(separator: ", ")))")
        #else
        return (URLSessionTransport.shared, "URLSession")
        #endif
    }

    /// What opens the WebSockets of subscriptions: SwiftNIO's on Linux, where FoundationNetworking's fails ("WebSockets
    /// not supported by libcurl"); URLSession's elsewhere.
    static func webSocket() -> any WebSocketConnector {
        #if canImport(FlatfileGraphQLNIO)
        NIOWebSocketConnector()
        #else
        URLSessionWebSocketConnector()
        #endif
    }
}
