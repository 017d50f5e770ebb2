import Foundation

/// Automatic persisted queries, as Apollo defines them: a client sends the SHA-256 of the document instead of the
/// document; a server that has not seen it answers `PersistedQueryNotFound`, and the client sends the document
/// once with the hash, which the server keeps. Queries can then travel as short `GET`s that a CDN can cache.
///
/// ```swift
/// var options = GraphQLClientOptions()
/// options.persistedQueries = .automatic      // hashes first; queries by GET
/// let client = GraphQLClient(endpoint: url, options: options)
/// ```
///
/// A server that says `PersistedQueryNotSupported`, or refuses a request without a document (HTTP 4xx with no
/// data, as servers without persisted queries do), gets full documents from then on: turning this on never
/// breaks a client, it only costs one round trip against such a server.
public struct PersistedQueries: Sendable, Hashable {
    /// Whether the hash is sent first.
    public var isEnabled: Bool
    /// Whether a query's hash-only request is a `GET` (mutations and subscriptions always `POST`); a `GET` whose
    /// URL would pass `maximumGETLength` goes as a `POST`.
    public var usesGETForQueries: Bool

    /// Full documents, every time (the default).
    public static let off = PersistedQueries(isEnabled: false, usesGETForQueries: false)
    /// Hashes first, queries by `GET`.
    public static let automatic = PersistedQueries(isEnabled: true, usesGETForQueries: true)
    /// Hashes first, every request by `POST` (for servers or proxies that refuse `GET`).
    public static let automaticOverPOST = PersistedQueries(isEnabled: true, usesGETForQueries: false)

    /// Longer URLs than this go as `POST`: many servers and proxies refuse request lines past 8 KiB.
    public static let maximumGETLength = 8_000

    public init(isEnabled: Bool, usesGETForQueries: Bool) {
        self.isEnabled = isEnabled
        self.usesGETForQueries = usesGETForQueries
    }

    /// The protocol's `extensions` member for a document's hash.
    static func extensions(hash: String) -> JSONObject {
        ["persistedQuery": ["version": 1, "sha256Hash": .string(hash)]]
    }

    /// What a server said to a request that carried only the hash.
    enum Outcome: Equatable {
        /// It knew the hash and ran the operation (whatever the operation's own result).
        case answered
        /// It does not know the hash yet: send the document with it.
        case notFound
        /// It does not do persisted queries: send documents from now on.
        case notSupported
    }

    static func outcome(of response: GraphQLResponse, statusCode: Int) -> Outcome {
        func says(_ message: String, _ code: String) -> Bool {
            response.errors.contains { $0.message == message || $0.extensions?["code"]?.stringValue == code }
        }
        if says("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND") { return .notFound }
        if says("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED") { return .notSupported }
        // "Must provide query string" and the like: a server that needs the document and ran nothing.
        if (400..<500).contains(statusCode), response.data?.isNull ?? true, !response.errors.isEmpty { return .notSupported }
        return .answered
    }
}

/// Remembers, for one endpoint and every client copy sharing it, that the server refused persisted queries.
final class PersistedQuerySupport: @unchecked Sendable {
    private let lock = NSLock()
    private var refused = false

    var isRefused: Bool { lock.withLock { refused } }
    func markRefused() { lock.withLock { refused = true } }
}
