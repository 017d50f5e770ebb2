import FlatfileGraphQL
import FlatfileGraphQLNIO
import Testing

/// Each HTTP transport fgql ships, for the tests that hold every transport to the same contract over real sockets
/// (bodies with a `Content-Length`, no resend behind the client's back, redirects returned for the client to follow,
/// the response cap): URLSession is the reference, AsyncHTTPClient must behave the same.
enum TransportUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case urlSession = "URLSession"
    case asyncHTTPClient = "AsyncHTTPClient"

    var transport: any HTTPTransport {
        switch self {
        case .urlSession: URLSessionTransport.shared
        case .asyncHTTPClient: AsyncHTTPClientTransport.shared
        }
    }

    var testDescription: String { rawValue }
}
