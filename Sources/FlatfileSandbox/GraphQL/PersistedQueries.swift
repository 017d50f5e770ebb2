import Crypto
import Foundation
import GraphQL
import Hummingbird
import OrderedCollections

/// Automatic persisted queries, as Apollo Server answers them: a request may carry
/// `extensions.persistedQuery.sha256Hash` instead of (or beside) `query`; an unknown hash answers
/// `PersistedQueryNotFound`, a document sent with its hash is checked against it and kept.
final class PersistedQueryStore: Sendable {
    /// Whether the server takes hashes at all; when not, every hash answers `PersistedQueryNotSupported`.
    let isEnabled: Bool
    private let documents = Locked<[String: String]>([:])
    private let statistics: SandboxStatistics

    init(isEnabled: Bool, statistics: SandboxStatistics) {
        self.isEnabled = isEnabled
        self.statistics = statistics
    }

    /// Why a request's persisted-query extension cannot be served, in Apollo's words and codes.
    struct Refusal: Error {
        let message: String
        let code: String
        let status: HTTPResponse.Status
    }

    /// `body` with its document: as sent, or the one its hash names.
    func resolve(_ body: Map) throws(Refusal) -> Map {
        guard var fields = body.dictionary,
              let persisted = fields["extensions"]?.dictionary?["persistedQuery"]?.dictionary
        else { return body }
        guard isEnabled else {
            throw Refusal(message: "PersistedQueryNotSupported", code: "PERSISTED_QUERY_NOT_SUPPORTED", status: .ok)
        }
        guard let hash = persisted["sha256Hash"]?.string, persisted["version"]?.int == 1 else {
            throw Refusal(
                message: "Unsupported persisted query: send {\"version\": 1, \"sha256Hash\": \"…\"}", code: "BAD_REQUEST",
                status: .badRequest)
        }
        if let query = fields["query"]?.string {
            let digest = SHA256.hash(data: Data(query.utf8)).map { String(format: "%02x", $0) }.joined()
            guard digest == hash.lowercased() else {
                throw Refusal(message: "provided sha does not match query", code: "BAD_REQUEST", status: .badRequest)
            }
            documents.withLock { $0[digest] = query }
            statistics.recordPersistedQuery { $0.registered += 1 }
            return body
        }
        guard let query = documents.withLock({ $0[hash.lowercased()] }) else {
            statistics.recordPersistedQuery { $0.misses += 1 }
            throw Refusal(message: "PersistedQueryNotFound", code: "PERSISTED_QUERY_NOT_FOUND", status: .ok)
        }
        statistics.recordPersistedQuery { $0.hits += 1 }
        fields["query"] = .string(query)
        return .dictionary(fields)
    }
}

/// What the sandbox's persisted-query store did, as `SandboxStatistics.persistedQueries` reports it.
public struct PersistedQueryActivity: Sendable, Equatable {
    /// Requests answered from a hash alone.
    public var hits = 0
    /// Hashes it did not know (answered `PersistedQueryNotFound`).
    public var misses = 0
    /// Documents sent with their hash, checked and kept.
    public var registered = 0

    public init() {}
}
