import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A plain HTTP client for talking to a sandbox the way any Flatfile client would.
struct HTTP: Sendable {
    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        /// The body as a JSON object; fails the test when it is not one.
        func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let value = try JSONSerialization.jsonObject(with: body)
            return try #require(value as? [String: Any], "body is not a JSON object: \(text)", sourceLocation: sourceLocation)
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// One session for all tests: each sandbox has its own port, so connections are never shared between them.
    static let shared = HTTP(session: makeSession())

    /// A session of its own, whose first request opens a new connection (clients retry a request silently when
    /// a reused keep-alive connection drops, which would hide a dropped-connection fault).
    static func fresh() -> HTTP { HTTP(session: makeSession()) }

    let session: URLSession

    init(session: URLSession = HTTP.shared.session) {
        self.session = session
    }

    private static func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }

    func send(
        _ method: String, _ url: URL, body: Data? = nil, contentType: String? = "application/json",
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if let contentType, body != nil {
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields["\(name)"] = "\(value)"
        }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    func postJSON(_ url: URL, _ object: Any, headers: [String: String] = [:]) async throws -> Reply {
        try await send("POST", url, body: JSONSerialization.data(withJSONObject: object), headers: headers)
    }
}
