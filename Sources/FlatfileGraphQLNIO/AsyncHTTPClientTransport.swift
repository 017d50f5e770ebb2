import AsyncHTTPClient
import FlatfileGraphQL
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `HTTPTransport` on AsyncHTTPClient (SwiftNIO), for Linux servers and tools.
///
/// On Linux, `URLSessionTransport` runs on FoundationNetworking, which drives libcurl from threads of its own: about
/// 30 ms and most of a request's CPU time go there. This transport moves the same bytes on SwiftNIO's event loops —
/// what server-side Swift apps already run — and can share an app's own `HTTPClient`:
///
/// ```swift
/// import FlatfileGraphQL
/// import FlatfileGraphQLNIO
///
/// let client = GraphQLClient.flatfile(try .fromEnvironment(), transport: AsyncHTTPClientTransport.shared)
/// ```
///
/// What it keeps of the runtime's contract: the request goes out as given (its `Content-Length` body, its headers)
/// and exactly once — AsyncHTTPClient retries establishing a connection, never a request; a redirect comes back
/// as the answer, for the client to follow under its own rules; the body stops at `ResponseBodyLimit`; cancelling
/// the task cancels the request. Compressed answers (`gzip`, `deflate`) are asked for and decompressed, as
/// URLSession does. Failures are reported as the `URLError` codes URLSession would use, so retries and messages
/// are the same whichever transport a client has.
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// A transport over a client of its own on SwiftNIO's shared event loops, created on first use and kept for the
    /// life of the process (like `HTTPClient.shared`, it is never shut down).
    public static let shared = AsyncHTTPClientTransport(client: HTTPClient(
        eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: AsyncHTTPClientTransport.configuration))

    /// The client configuration this transport needs: redirects returned rather than followed (the runtime
    /// follows 307/308 itself and decides which headers may go to another origin), a refused connection reported
    /// at once rather than retried until the deadline, and compressed answers decompressed.
    public static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, decompression: .enabled(limit: .none))
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    private let client: HTTPClient

    /// A transport over `client`, which the caller owns and shuts down. Create it with `configuration` (or start
    /// from it): a client that follows redirects itself would send every header — `Authorization` among them — to
    /// wherever a server points, before fgql's redirect rules could look at the hop.
    public init(client: HTTPClient) {
        self.client = client
    }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        guard let url = request.url else { throw URLError(.badURL) }
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.httpMethod ?? "GET")
        // The body's length and framing are AsyncHTTPClient's to write: a second Content-Length would be refused.
        for (name, value) in request.allHTTPHeaderFields ?? [:]
        where !["content-length", "transfer-encoding", "host"].contains(name.lowercased()) {
            outgoing.headers.add(name: name, value: value)
        }
        if !outgoing.headers.contains(name: "Accept-Encoding") {
            outgoing.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        }
        if let body = request.httpBody {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let timeout = request.timeoutInterval > 0 ? request.timeoutInterval : 60
        let maximumBytes = ResponseBodyLimit.maximumBytes
        do {
            let response = try await client.execute(outgoing, timeout: .milliseconds(Int64(timeout * 1000)))
            if let maximumBytes, let length = response.headers.first(name: "Content-Length").flatMap(Int.init),
               length > maximumBytes
            {
                throw ResponseBodyTooLarge(maximumBytes: maximumBytes)
            }
            var body = Data()
            for try await chunk in response.body {
                if let maximumBytes, body.count + chunk.readableBytes > maximumBytes {
                    throw ResponseBodyTooLarge(maximumBytes: maximumBytes)
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            guard let answer = HTTPURLResponse(
                url: url, statusCode: Int(response.status.code), httpVersion: "HTTP/\(response.version.major).\(response.version.minor)",
                headerFields: Self.headerFields(response.headers))
            else { throw URLError(.badServerResponse) }
            return (body, answer)
        } catch let tooLarge as ResponseBodyTooLarge {
            throw tooLarge
        } catch {
            throw Self.urlError(for: error)
        }
    }

    /// One field per name, repeated fields joined with ", " as HTTP allows and `HTTPURLResponse` does.
    private static func headerFields(_ headers: HTTPHeaders) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in headers {
            if let existing = fields[name] { fields[name] = existing + ", " + value } else { fields[name] = value }
        }
        return fields
    }

    /// The `URLError` URLSession reports for the same failure, which `HTTPPipeline` classifies (retry a lost
    /// connection, report a refused one at once, a TLS failure as such).
    static func urlError(for error: any Error) -> any Error {
        if error is CancellationError { return error }
        let code: URLError.Code
        switch error {
        case let failure as HTTPClientError:
            switch failure {
            case .cancelled, .requestStreamCancelled: return CancellationError()
            case .deadlineExceeded, .readTimeout, .writeTimeout: code = .timedOut
            case .connectTimeout, .getConnectionFromPoolTimeout: code = .cannotConnectToHost
            case .tlsHandshakeTimeout: code = .secureConnectionFailed
            case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch: code = .networkConnectionLost
            case .invalidURL, .emptyHost, .emptyScheme: code = .badURL
            default: code = .badServerResponse
            }
        case let failure as NIOConnectionError:
            code = failure.dnsAError != nil && failure.dnsAAAAError != nil ? .cannotFindHost : .cannotConnectToHost
        case let failure as IOError:
            switch failure.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH: code = .cannotConnectToHost
            default: code = .networkConnectionLost
            }
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError: code = .secureConnectionFailed
        case is HTTPParserError: code = .cannotParseResponse
        case let failure as ChannelError:
            if case .connectTimeout = failure { code = .cannotConnectToHost } else { code = .networkConnectionLost }
        default: code = .unknown
        }
        return URLError(code, userInfo: [NSLocalizedDescriptionKey: "\(error)"])
    }
}
