import FlatfileSandbox
import Foundation
import Testing


extension SandboxServer {
    func url(_ path: String) -> URL {
        baseURL.appendingPathComponent(path)
    }

    /// Exchanges the demo access key for a token.
    func exchangeToken(expiresIn: Int? = nil, http: HTTP = HTTP()) async throws -> String {
        var body: [String: Any] = ["accessKeyId": SandboxDemo.accessKeyId, "secretAccessKey": SandboxDemo.secretAccessKey]
        body["expiresIn"] = expiresIn
        let reply = try await http.postJSON(url("auth/access-key/exchange"), body)
        #expect(reply.status == 201, "\(reply.text)")
        return try #require(try reply.json()["accessToken"] as? String)
    }

    /// Sends a GraphQL request with a bearer credential.
    func graphQL(
        _ query: String, variables: [String: Any] = [:], bearer: String? = SandboxDemo.personalAccessToken,
        operationName: String? = nil, http: HTTP = HTTP()
    ) async throws -> HTTP.Reply {
        var body: [String: Any] = ["query": query, "variables": variables]
        body["operationName"] = operationName
        return try await http.postJSON(graphQLURL, body, headers: bearer.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    /// Sends a query that must succeed and returns its `data`.
    func data(
        _ query: String, variables: [String: Any] = [:], bearer: String = SandboxDemo.personalAccessToken,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let reply = try await graphQL(query, variables: variables, bearer: bearer)
        let json = try reply.json()
        #expect(reply.status == 200, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(json["errors"] == nil, "\(reply.text)", sourceLocation: sourceLocation)
        return try #require(json["data"] as? [String: Any], "\(reply.text)", sourceLocation: sourceLocation)
    }
}

/// Reads nested JSON: `value(json, "getBatches", "data")`.
func value(_ root: Any?, _ path: String...) -> Any? {
    path.reduce(root) { current, key in
        if let index = Int(key), let array = current as? [Any] { return index < array.count ? array[index] : nil }
        return (current as? [String: Any])?[key]
    }
}
