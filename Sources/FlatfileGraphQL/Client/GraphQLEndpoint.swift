/// Something that answers GraphQL requests: a remote server over HTTP (`HTTPGraphQLEndpoint`), or an executor in
/// the same process. `GraphQLClient` works the same on any of them.
///
/// An endpoint returns the server's response — `errors` included — and throws only when there is no GraphQL
/// response to return (transport failure, refused credentials, unreadable body).
///
/// ```swift
/// struct FixedEndpoint: GraphQLEndpoint {
///     func send(_ request: GraphQLRequest) async throws(GraphQLClientError) -> GraphQLResponse {
///         GraphQLResponse(data: ["hello": "world"])
///     }
/// }
/// let client = GraphQLClient(endpoint: FixedEndpoint())
/// ```
public protocol GraphQLEndpoint: Sendable {
    func send(_ request: GraphQLRequest) async throws(GraphQLClientError) -> GraphQLResponse
}
