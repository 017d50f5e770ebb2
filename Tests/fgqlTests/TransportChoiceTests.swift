import Testing

@testable import fgql

/// Which HTTP stack the CLI sends with: the one decision, in `PlatformTransport`.
@Suite struct TransportChoiceTests {
    #if os(Linux)
    @Test func linuxSendsWithAsyncHTTPClientWhenNoProxyIsSet() {
        #expect(PlatformTransport.make(environment: ["PATH": "/usr/bin", "HTTP_PROXY": ""]).name == "AsyncHTTPClient")
    }

    @Test("a proxy in the environment, upper or lower case, sends with URLSession, which honours it",
          arguments: ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
    func aProxySendsWithURLSession(variable: String) {
        let name = PlatformTransport.make(environment: [variable: "http://proxy.example:3128"]).name
        #expect(name.hasPrefix("URLSession (a proxy is set: \(variable.lowercased())"), "\(name)")
    }
    #else
    @Test func applePlatformsSendWithURLSession() {
        #expect(PlatformTransport.make(environment: ["HTTPS_PROXY": "http://proxy.example:3128"]).name == "URLSession")
    }
    #endif
}
