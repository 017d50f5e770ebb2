import Foundation
import Hummingbird

/// Builds the JSON responses the sandbox sends, in the three error shapes Flatfile's API uses.
enum JSONResponses {
    static func json(_ data: some Collection<UInt8>, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.contentLength] = String(data.count)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func encode(_ value: some Encodable, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // The values encoded here are plain structs of strings and numbers; encoding cannot fail.
        return json((try? encoder.encode(value)) ?? Data("{}".utf8), status: status, headers: headers)
    }

    /// An error in the shape the route's clients expect.
    static func error(
        _ status: HTTPResponse.Status, _ message: String, on route: SandboxRoute, headers: HTTPFields = [:]
    ) -> Response {
        switch route {
        case .accessKeyExchange, .health, .upload:
            return nestError(status, message, headers: headers)
        case .platformAuth, .platformAPI:
            return platformError(status, [.init(message: message)], headers: headers)
        case .graphql:
            return graphQLRequestError(status, message, code: status.code >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST", headers: headers)
        }
    }

    /// NestJS's `HttpException` body, used by the legacy API: `{statusCode, message, error}`.
    static func nestError(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        encode(NestErrorBody(statusCode: status.code, message: message, error: status.reasonPhrase), status: status, headers: headers)
    }

    /// The platform API's error body: `{errors: [{key?, message}]}`.
    static func platformError(
        _ status: HTTPResponse.Status, _ errors: [PlatformErrorBody.Entry], headers: HTTPFields = [:]
    ) -> Response {
        encode(PlatformErrorBody(errors: errors), status: status, headers: headers)
    }

    /// A GraphQL error body for problems found before execution: `{errors: [{message, extensions: {code}}]}`.
    static func graphQLRequestError(
        _ status: HTTPResponse.Status, _ message: String, code: String, headers: HTTPFields = [:]
    ) -> Response {
        encode(
            GraphQLErrorBody(errors: [.init(message: message, extensions: .init(code: code, response: nil))], data: nil),
            status: status, headers: headers)
    }

    /// Flatfile's answer to a GraphQL request without valid credentials: HTTP 200 with an "Unauthorized" error.
    static func graphQLUnauthorized(_ failure: AuthFailure) -> Response {
        let response = NestErrorBody(statusCode: 401, message: failure.message, error: "Unauthorized")
        let error = GraphQLErrorBody.Entry(
            message: "Unauthorized", extensions: .init(code: "UNAUTHENTICATED", response: response))
        return encode(GraphQLErrorBody(errors: [error], data: .null), status: .ok)
    }
}

struct NestErrorBody: Codable, Sendable {
    let statusCode: Int
    let message: String
    let error: String
}

struct PlatformErrorBody: Codable, Sendable {
    struct Entry: Codable, Sendable {
        var key: String?
        let message: String
    }

    let errors: [Entry]
}

struct GraphQLErrorBody: Encodable {
    struct Entry: Encodable {
        let message: String
        let extensions: Extensions
    }

    struct Extensions: Encodable {
        let code: String
        let response: NestErrorBody?
    }

    /// Encodes as an explicit JSON null.
    struct Null: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }

        static let null = Null()
    }

    let errors: [Entry]
    let data: Null?
}
