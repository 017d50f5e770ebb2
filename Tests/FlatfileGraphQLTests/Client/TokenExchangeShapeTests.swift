import Foundation
import Testing
@testable import FlatfileGraphQL
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Answers every request with one fixed response and remembers what was sent. Used only for answer shapes the
/// sandbox does not produce (the bare platform token, string lifetimes, HTML pages); everything else is tested
/// against the sandbox over real sockets.
final class FixedAnswerTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [URLRequest] = []
    let status: Int
    let body: String
    let headers: [String: String]

    init(status: Int, body: String, headers: [String: String] = ["Content-Type": "application/json"]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    var requests: [URLRequest] { lock.withLock { sent } }

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        lock.withLock { sent.append(request) }
        guard let url = request.url,
              let response = HTTPURLResponse(url: url, statusCode: status, httpVersion: "HTTP/1.1", headerFields: headers)
        else { throw URLError(.badURL) }
        return (Data(body.utf8), response)
    }
}

@Suite("Token exchange answer shapes")
struct TokenExchangeShapeTests {
    private let api = URL(string: "https://api.example.test")!

    private func store(_ credentials: FlatfileCredentials, _ transport: FixedAnswerTransport) -> FlatfileTokenStore {
        FlatfileTokenStore(
            credentials: credentials, apiURL: api, platformURL: api.appendingPathComponent("api"),
            options: GraphQLClientOptions(retryPolicy: .never), transport: transport)
    }

    @Test("the access-key exchange sends Flatfile's field names and reads a 201 with a numeric user id")
    func accessKeyExchange() async throws {
        let transport = FixedAnswerTransport(status: 201, body: #"{"accessToken":"opaque-1","user":{"id":123}}"#)
        let token = try await store(.accessKey(id: "k", secret: "s3cret-value", expiresIn: 600), transport)
            .accessToken()
        #expect(token.value == "opaque-1")
        // No JWT and no lifetime in the answer: the requested one is used.
        #expect(try #require(token.expiresAt).timeIntervalSince(token.obtainedAt) == 600)
        let request = try #require(transport.requests.first)
        #expect(request.url?.absoluteString == "https://api.example.test/auth/access-key/exchange")
        #expect(request.httpMethod == "POST")
        let body = try JSONValue(parsing: try #require(request.httpBody))
        #expect(body == ["accessKeyId": "k", "secretAccessKey": "s3cret-value", "expiresIn": 600])
    }

    @Test("the platform answer is read wrapped in data or bare, with expiresIn as a number or a string", arguments: [
        #"{"data":{"accessToken":"opaque-2","expiresIn":3600}}"#,
        #"{"accessToken":"opaque-2","expiresIn":"3600"}"#,
        #"{"data":{"accessToken":"opaque-2","expiresIn":"3600","expires":"not a date"}}"#,
    ])
    func platformShapes(body: String) async throws {
        let transport = FixedAnswerTransport(status: 200, body: body)
        let token = try await store(.apiCredentials(clientId: "c", secret: "client-secret-1"), transport).accessToken()
        #expect(token.value == "opaque-2")
        #expect(try #require(token.expiresAt).timeIntervalSince(token.obtainedAt) == 3600)
        #expect(transport.requests.first?.url?.absoluteString == "https://api.example.test/api/v1/auth")
    }

    @Test("an expires date wins over expiresIn, and a JWT's exp wins over both")
    func expiryPrecedence() async throws {
        let dated = FixedAnswerTransport(
            status: 200, body: #"{"data":{"accessToken":"opaque-3","expiresIn":60,"expires":"Sun, 18 Sep 2033 00:19:57 GMT"}}"#)
        let token = try await store(.user(email: "a@b.c", password: "password-1"), dated).accessToken()
        #expect(token.expiresAt == HTTPDate.parse("2033-09-18T00:19:57Z"))

        let jwt = makeTestJWT(["sub": "1", "exp": 2_000_000_000])
        let signed = FixedAnswerTransport(status: 200, body: #"{"accessToken":"\#(jwt)","expiresIn":60}"#)
        let jwtToken = try await store(.user(email: "a@b.c", password: "password-1"), signed).accessToken()
        #expect(jwtToken.expiresAt == Date(timeIntervalSince1970: 2_000_000_000))
    }

    @Test("refusals and unreadable answers become authentication errors that name the credential", arguments: [
        (400, #"{"errors":[{"key":"email","message":"email is required"}]}"#, "email: email is required"),
        (401, #"{"statusCode":401,"message":"Invalid credentials","error":"Unauthorized"}"#, "Invalid credentials"),
        (200, #"{"invalid":true}"#, "no accessToken"),
        (200, "<html><title>Login</title></html>", "not JSON"),
    ])
    func refusals(status: Int, body: String, message: String) async {
        let transport = FixedAnswerTransport(status: status, body: body)
        let error = await #expect(throws: GraphQLClientError.self) {
            try await store(.user(email: "a@b.c", password: "password-2"), transport).accessToken()
        }
        guard case .authentication(let failure) = error else {
            Issue.record("expected an authentication error, got \(String(describing: error))")
            return
        }
        #expect(failure.credentialKind == .user)
        #expect(failure.stage == .tokenExchange)
        #expect(failure.serverMessage?.contains(message) == true)
        #expect(!"\(failure)".contains("password-2"))
    }

    @Test("an HTML error page from a proxy becomes an HTTP error with the page title")
    func htmlPage() async {
        let transport = FixedAnswerTransport(
            status: 502, body: "<html><head><title>502 Bad Gateway</title></head></html>", headers: [:])
        let error = await #expect(throws: GraphQLClientError.self) {
            try await store(.accessKey(id: "k", secret: "secret-value-9"), transport).accessToken()
        }
        guard case .httpStatus(let failure) = error else {
            Issue.record("expected an HTTP error, got \(String(describing: error))")
            return
        }
        #expect(failure.statusCode == 502)
        #expect(failure.serverMessage == "HTML page \"502 Bad Gateway\"")
    }
}
