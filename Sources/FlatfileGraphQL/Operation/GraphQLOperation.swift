/// The kind of a GraphQL operation, as written before its name in the document.
public enum GraphQLOperationType: String, Sendable, Hashable {
    case query
    case mutation
    case subscription
}

/// A GraphQL operation with typed variables and a typed response.
///
/// The codegen emits one conforming struct per operation in a `.graphql` file; apps rarely write one by hand.
///
/// ```swift
/// let client = GraphQLClient.flatfile(credentials: try .fromEnvironment())
/// let data = try await client.fetch(GetBatchesQuery(licenseKey: "lic_123", take: 50))
/// print(data.getBatches?.data?.map(\.id) ?? [])
/// ```
public protocol GraphQLOperation: Sendable {
    /// The variables sent with the document; `NoVariables` when the operation declares none.
    associatedtype Variables: Encodable & Sendable
    /// The `data` member of a successful response.
    associatedtype Data: Decodable & Sendable

    /// The operation's name, sent as `operationName`.
    static var operationName: String { get }
    /// Whether this is a query, a mutation or a subscription.
    static var operationType: GraphQLOperationType { get }
    /// The exact document text sent to the server: the operation, the fragments it uses, and any `__typename`
    /// selections the decoder needs.
    static var document: String { get }
    /// Lower-case hexadecimal SHA-256 of `document`, usable as a persisted-query identifier.
    static var operationIdentifier: String { get }

    /// The variables of this instance.
    var variables: Variables { get }
}

/// An operation answered by exactly one response: a query or a mutation. What `GraphQLClient.fetch(_:)` and
/// `result(for:)` take, so a subscription passed to them is a compile-time error rather than one POST that
/// pretends to be a stream.
public protocol GraphQLFetchableOperation: GraphQLOperation {}

/// A read-only operation. Safe to retry on transient failures.
public protocol GraphQLQuery: GraphQLFetchableOperation {}

/// An operation with side effects. Never retried unless the caller opts in.
public protocol GraphQLMutation: GraphQLFetchableOperation {}

/// A long-lived operation that delivers a stream of results. Not a `GraphQLFetchableOperation`: one request
/// cannot run it.
public protocol GraphQLSubscription: GraphQLOperation {}

extension GraphQLQuery {
    public static var operationType: GraphQLOperationType { .query }
}

extension GraphQLMutation {
    public static var operationType: GraphQLOperationType { .mutation }
}

extension GraphQLSubscription {
    public static var operationType: GraphQLOperationType { .subscription }
}

/// The variables of an operation that declares none; encodes as `{}`.
public struct NoVariables: Encodable, Sendable, Hashable {
    public init() {}
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }
    private enum NoKeys: CodingKey {}
}

extension GraphQLOperation where Variables == NoVariables {
    public var variables: NoVariables { NoVariables() }
}
