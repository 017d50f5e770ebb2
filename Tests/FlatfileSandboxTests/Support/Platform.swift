import FlatfileSandbox
import Foundation
import Testing

extension SandboxServer {
    /// `GET {baseURL}/v1/{pathAndQuery}` with a bearer credential and `X-Disable-Hooks: true`, as Flatfile's
    /// clients send it.
    func platformGET(
        _ pathAndQuery: String, bearer: String? = SandboxDemo.personalAccessToken, disableHooks: Bool = true,
        http: HTTP = HTTP()
    ) async throws -> HTTP.Reply {
        let url = try #require(URL(string: baseURL.absoluteString + "/v1/" + pathAndQuery))
        var headers: [String: String] = [:]
        headers["Authorization"] = bearer.map { "Bearer \($0)" }
        if disableHooks { headers["X-Disable-Hooks"] = "true" }
        return try await http.send("GET", url, headers: headers)
    }

    /// A platform request that must answer 200; returns its body.
    func platformJSON(
        _ pathAndQuery: String, bearer: String = SandboxDemo.personalAccessToken,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let reply = try await platformGET(pathAndQuery, bearer: bearer)
        #expect(reply.status == 200, "\(pathAndQuery): \(reply.text)", sourceLocation: sourceLocation)
        return try reply.json(sourceLocation: sourceLocation)
    }

    /// The `id`s of a `{data: [...]}` body.
    func platformIds(
        _ pathAndQuery: String, bearer: String = SandboxDemo.personalAccessToken,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        let body = try await platformJSON(pathAndQuery, bearer: bearer, sourceLocation: sourceLocation)
        return (body["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
}

extension HTTP.Reply {
    /// The first `{errors: [{key, message}]}` entry of a platform error body.
    var platformError: (key: String?, message: String)? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let first = (object["errors"] as? [[String: Any]])?.first, let message = first["message"] as? String
        else { return nil }
        return (first["key"] as? String, message)
    }
}
