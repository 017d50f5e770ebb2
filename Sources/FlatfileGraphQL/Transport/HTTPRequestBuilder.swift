import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Builds every HTTP request the runtime sends — a GraphQL operation, a REST call of an endpoint built on
/// `AuthenticatedHTTPClient`, a token exchange — so each carries the same standard headers in the same order:
/// `Accept`, `Content-Type` when there is a body, `User-Agent` (`GraphQLClientOptions.userAgent`, by default
/// `fgql/<FGQLVersion.current>`), then the caller's headers (which may override any of them), then the bearer token.
///
/// The URL is checked by `EndpointURLRule` when `HTTPPipeline` sends the request, for the first hop and every
/// redirect alike.
enum HTTPRequestBuilder {
    /// What GraphQL requests accept: the GraphQL-over-HTTP media type first, JSON for servers that predate it.
    static let graphQLAccept = "application/graphql-response+json, application/json"
    static let jsonAccept = "application/json"

    static func request(
        _ method: String, _ url: URL, accept: String, jsonBody: Data? = nil, headers: [String: String] = [:],
        token: AccessToken? = nil, options: GraphQLClientOptions
    ) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue(accept, forHTTPHeaderField: "Accept")
        if let jsonBody {
            request.httpBody = jsonBody
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        request.setValue(options.userAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let token { request.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization") }
        return request
    }
}
