import Foundation
import Testing
@testable import FlatfileGraphQL

@Suite("Server error bodies")
struct ServerErrorBodyTests {
    @Test("finds the message in each of Flatfile's error shapes", arguments: [
        (#"{"statusCode":401,"message":"Invalid access key","error":"Unauthorized"}"#,
         "Unauthorized: Invalid access key"),
        (#"{"statusCode":400,"message":["expiresIn must not be less than 60","x"],"error":"Bad Request"}"#,
         "Bad Request: expiresIn must not be less than 60; x"),
        (#"{"errors":[{"key":"secret","message":"Invalid credentials"}]}"#, "secret: Invalid credentials"),
        (#"{"errors":[{"message":"Internal server error"}],"data":null}"#, "Internal server error"),
        ("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
         "HTML page \"502 Bad Gateway\""),
    ])
    func findsMessage(body: String, message: String) {
        #expect(ServerErrorBody(Data(body.utf8), redactor: Redactor()).message == message)
    }

    @Test("keeps a short excerpt with whitespace collapsed, and nothing for an empty body")
    func excerpt() {
        let long = ServerErrorBody(Data((String(repeating: "word  \n ", count: 200)).utf8), redactor: Redactor())
        #expect(long.message == nil)
        #expect(long.excerpt.count <= ServerErrorBody.excerptLength + 1)
        #expect(!long.excerpt.contains("\n"))
        #expect(ServerErrorBody(Data(), redactor: Redactor()).excerpt == "")
    }

    @Test("redacts secrets, JWTs and bearer tokens echoed by a server")
    func redacts() {
        let jwt = makeTestJWT(["sub": "1", "exp": 1])
        let body = #"{"message":"bad secret-value-123 for Bearer opaque-xyz and \#(jwt)"}"#
        let read = ServerErrorBody(Data(body.utf8), redactor: Redactor(secrets: ["secret-value-123"]))
        for text in [read.message ?? "", read.excerpt] {
            #expect(!text.contains("secret-value-123"))
            #expect(!text.contains("opaque-xyz"))
            #expect(!text.contains(jwt))
            #expect(text.contains("[redacted]"))
        }
    }
}

@Suite("Error descriptions")
struct ErrorDescriptionTests {
    @Test("each case says what went wrong and what to do", arguments: [
        (GraphQLClientError.transport(TransportFailure(
            kind: .timedOut, url: "https://api.us.flatfile.io/graphql", underlying: "", attempts: 1)),
         ["No answer from https://api.us.flatfile.io/graphql", "GraphQLClientOptions.timeout", "fgql: --timeout SECONDS"]),
        (.transport(TransportFailure(
            kind: .cannotConnect, url: "http://127.0.0.1:1/graphql", underlying: "refused", attempts: 4)),
         ["Could not connect", "after 4 attempts", "Check the URL"]),
        (.httpStatus(HTTPStatusFailure(
            statusCode: 503, url: "https://x/graphql", serverMessage: nil, bodyExcerpt: "down", attempts: 4)),
         ["HTTP 503", "down", "after 4 attempts", "try again later"]),
        (.httpStatus(HTTPStatusFailure(
            statusCode: 404, url: "https://x/graphql", serverMessage: nil, bodyExcerpt: "", attempts: 1)),
         ["HTTP 404", "empty body", "FLATFILE_API_URL"]),
        (.authentication(AuthenticationFailure(
            credentialKind: .accessKey, credentialHint: "key id k1", stage: .tokenExchange, statusCode: 401,
            serverMessage: "Unauthorized: Invalid", url: "https://x/auth/access-key/exchange")),
         ["Flatfile access key", "key id k1", "HTTP 401", "Invalid", "FLATFILE_ACCESS_KEY_ID and FLATFILE_SECRET_ACCESS_KEY"]),
        (.authentication(AuthenticationFailure(
            credentialKind: .accessKey, credentialHint: nil, stage: .request, statusCode: 401, serverMessage: nil,
            url: "https://x/graphql")),
         ["freshly exchanged token was refused too"]),
        (.graphQL(GraphQLErrorsFailure(
            errors: [GraphQLError(message: "Batch not found", locations: [.init(line: 2, column: 3)],
                                  path: [.key("getBatch"), .index(0)])],
            data: ["getBatch": nil], extensions: nil, operationName: "GetBatch")),
         ["GetBatch returned an error (partial data was returned)", "Batch not found (at getBatch[0], line 2, column 3)"]),
        (.decoding(DecodingFailure(path: "data.getBatches.data[3].id", message: "expected a string, found null")),
         ["at data.getBatches.data[3].id", "Regenerate"]),
    ])
    func descriptions(error: GraphQLClientError, fragments: [String]) {
        for fragment in fragments {
            #expect(error.description.contains(fragment), "\(error.description)")
        }
        #expect(error.localizedDescription == error.description)
    }
}

@Suite("GraphQL responses")
struct GraphQLResponseTests {
    @Test("reads errors with locations, mixed paths and extensions, next to partial data")
    func readsErrors() throws {
        let json = try JSONValue(parsing: #"""
            {"errors":[{"message":"boom","locations":[{"line":1,"column":9}],"path":["rows",2,"id"],
                        "extensions":{"code":"X"}},{"nomessage":true}],
             "data":{"rows":[{"id":1},{"id":2},null]}}
            """#)
        let response = try #require(GraphQLResponse(json: json))
        #expect(response.errors.count == 2)
        #expect(response.errors[0].path == [.key("rows"), .index(2), .key("id")])
        #expect(response.errors[0].locations == [.init(line: 1, column: 9)])
        #expect(response.errors[0].extensions?["code"] == "X")
        #expect(response.errors[1].message.contains("without a message"))
        #expect(response.data?["rows"]?[2] == .null)
        #expect(try GraphQLResponse(json: JSONValue(parsing: response.jsonValue.jsonString())) == response)
    }

    @Test("is not a GraphQL response without data or errors")
    func notAResponse() {
        #expect(GraphQLResponse(json: ["statusCode": 500]) == nil)
        #expect(GraphQLResponse(json: [1]) == nil)
        #expect(GraphQLResponse(json: ["data": nil]) != nil)
    }

    @Test("recognises Flatfile's ways of refusing a token")
    func unauthorized() {
        #expect(GraphQLError(message: "Unauthorized").isUnauthorized)
        #expect(GraphQLError(message: "x", extensions: ["response": ["statusCode": 401]]).isUnauthorized)
        #expect(!GraphQLError(message: "Forbidden resource", extensions: ["response": ["statusCode": 403]])
            .isUnauthorized)
    }
}
