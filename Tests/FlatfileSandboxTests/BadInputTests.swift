import FlatfileSandbox
import Foundation
import Testing

@Suite("Bad requests get the status and error body Flatfile would send")
struct BadInputTests {
    let http = HTTP()

    @Test func malformedJSONIs400InEachRoutesShape() async throws {
        try await withSandbox { sandbox in
            let body = Data(#"{"accessKeyId": "#.utf8)
            let exchange = try await http.send("POST", sandbox.url("auth/access-key/exchange"), body: body)
            #expect(exchange.status == 400)
            #expect(try exchange.json()["statusCode"] as? Int == 400)
            let platform = try await http.send("POST", sandbox.url("v1/auth"), body: body)
            #expect(platform.status == 400)
            #expect((try platform.json()["errors"] as? [[String: Any]])?.first?["message"] is String)
            let graphQL = try await http.send(
                "POST", sandbox.graphQLURL, body: body, headers: ["Authorization": "Bearer \(SandboxDemo.personalAccessToken)"])
            #expect(graphQL.status == 400)
            #expect((value(try graphQL.json(), "errors", "0", "message") as? String)?.contains("not valid JSON") == true)
        }
    }

    @Test func aBodyThatIsNotAnObjectIs400() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.send("POST", sandbox.graphQLURL, body: Data("[1, 2]".utf8))
            #expect(reply.status == 400)
            #expect((value(try reply.json(), "errors", "0", "message") as? String)?.contains("\"query\"") == true)
            let noQuery = try await http.postJSON(sandbox.graphQLURL, ["variables": [:] as [String: Any]])
            #expect(noQuery.status == 400)
        }
    }

    @Test func aWrongContentTypeIs415() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.send(
                "POST", sandbox.url("auth/access-key/exchange"), body: Data("accessKeyId=x".utf8),
                contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == 415)
            #expect((try reply.json()["message"] as? String)?.contains("application/json") == true)
        }
    }

    @Test func anOversizeBodyIs413() async throws {
        try await withSandbox(SandboxConfiguration(maximumBodySize: 4_096)) { sandbox in
            let big = try JSONSerialization.data(withJSONObject: ["query": String(repeating: "x", count: 10_000)])
            let reply = try await http.send("POST", sandbox.graphQLURL, body: big)
            #expect(reply.status == 413)
            #expect((value(try reply.json(), "errors", "0", "message") as? String)?.contains("4096") == true)
            let answer = try await http.send("GET", sandbox.url("health"))
            #expect(answer.status == 200, "the server still answers")
        }
    }

    @Test func deeplyNestedInputIs400NotACrash() async throws {
        try await withSandbox { sandbox in
            let deepJSON = Data((String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)).utf8)
            let answer = try await http.send("POST", sandbox.graphQLURL, body: deepJSON)
            #expect(answer.status == 400)
            let deepQuery = String(repeating: "{ a ", count: 5_000) + String(repeating: "}", count: 5_000)
            let reply = try await sandbox.graphQL(deepQuery)
            #expect(reply.status == 400)
            #expect((value(try reply.json(), "errors", "0", "message") as? String)?.contains("nests") == true)
        }
    }

    @Test func anUnknownRouteIs404InNestShape() async throws {
        try await withSandbox { sandbox in
            let reply = try await http.send("GET", sandbox.url("rest/batches"))
            #expect(reply.status == 404)
            let json = try reply.json()
            #expect(json["statusCode"] as? Int == 404)
            #expect(json["message"] as? String == "Cannot GET /rest/batches")
            #expect(json["error"] as? String == "Not Found")
        }
    }

    @Test func aWrongMethodIs405WithAllow() async throws {
        try await withSandbox { sandbox in
            // GET /graphql carries queries (persisted by hash or not); anything but GET and POST is refused.
            let reply = try await http.send("PUT", sandbox.graphQLURL)
            #expect(reply.status == 405)
            #expect(reply.header("Allow") == "GET, POST")
            #expect(try reply.json()["statusCode"] as? Int == 405)
            let health = try await http.send("POST", sandbox.url("health"), body: Data("{}".utf8))
            #expect(health.status == 405)
        }
    }

    @Test func aSyntaxErrorIs400WithItsLocation() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL("query {\n  getBatches(licenseKey: \"é\" {\n}")
            #expect(reply.status == 400)
            let error = try #require(value(try reply.json(), "errors", "0") as? [String: Any])
            #expect(value(error, "extensions", "code") as? String == "GRAPHQL_PARSE_FAILED")
            #expect(value(error, "locations", "0", "line") as? Int == 2)
            #expect(value(error, "locations", "0", "column") as? Int == 30, "columns count characters, not UTF-8 bytes (31)")
        }
    }

    @Test func aValidationErrorIs400WithItsLocation() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL("{\n  getBatch(batchId: \"\(SandboxDemo.licenseKey)\") { id colour }\n}")
            #expect(reply.status == 400)
            let json = try reply.json()
            #expect(json["data"] == nil)
            let error = try #require(value(json, "errors", "0") as? [String: Any])
            #expect(value(error, "extensions", "code") as? String == "GRAPHQL_VALIDATION_FAILED")
            #expect((error["message"] as? String)?.contains("colour") == true)
            #expect(value(error, "locations", "0", "line") as? Int == 2)
        }
    }

    @Test func aMalformedUUIDLiteralFailsValidation() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL(#"{ getBatch(batchId: "batch-1") { id } }"#)
            #expect(reply.status == 400)
            #expect((value(try reply.json(), "errors", "0", "message") as? String)?.contains("UUID") == true)
        }
    }

    @Test func wrongVariablesAndUnknownOperationsAre400() async throws {
        try await withSandbox { sandbox in
            let badVariable = try await sandbox.graphQL(
                "query($id: UUID!) { getBatch(batchId: $id) { id } }", variables: ["id": 42])
            #expect(badVariable.status == 400)
            #expect(value(try badVariable.json(), "errors", "0", "extensions", "code") as? String == "BAD_USER_INPUT")
            let unknown = try await sandbox.graphQL("query A { __typename }", operationName: "B")
            #expect(unknown.status == 400)
        }
    }

    @Test func anExecutionErrorIs200WithPathAndCode() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL(
                "{ getBatch(batchId: \"00000000-0000-4000-8000-000000000000\") { id } }")
            #expect(reply.status == 200)
            let json = try reply.json()
            #expect(value(json, "data", "getBatch") is NSNull)
            #expect(value(json, "errors", "0", "path", "0") as? String == "getBatch")
            #expect(value(json, "errors", "0", "extensions", "code") as? String == "NOT_FOUND")
        }
    }

    @Test func subscriptionsOverHTTPAreRefusedClearly() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL(
                "subscription { batchStatusUpdated(batchId: \"\(SandboxDemo.licenseKey)\") { id status } }")
            #expect(reply.status == 400)
            #expect((value(try reply.json(), "errors", "0", "message") as? String)?.contains("WebSocket") == true)
        }
    }
}
