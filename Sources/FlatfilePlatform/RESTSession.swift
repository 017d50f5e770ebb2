import FlatfileGraphQL
import Foundation
import GraphQL

/// A REST call that did not give a usable answer.
struct RESTFailure: Error, Sendable {
    /// `GET /v1/spaces?…`
    var request: String
    /// The HTTP status, when the server answered.
    var statusCode: Int?
    /// What went wrong, secrets redacted.
    var message: String
    /// The runtime's error when the call got no usable HTTP answer (no connection, refused credentials, …).
    var clientError: GraphQLClientError?

    var isNotFound: Bool { statusCode == 404 }
}

/// The REST side of one GraphQL execution: every distinct request is sent at most once (concurrent askers share
/// the one in flight), at most `limiter`'s count at a time, through the client's authenticated HTTP pipeline.
final class RESTSession: Sendable {
    let baseURL: URL
    private let http: AuthenticatedHTTPClient
    private let limiter: ConcurrencyLimiter
    private let cache = RequestCache()

    init(http: AuthenticatedHTTPClient, baseURL: URL, limiter: ConcurrencyLimiter) {
        self.http = http
        self.baseURL = baseURL
        self.limiter = limiter
    }

    /// The parsed body of `GET request`.
    func body(_ request: RESTRequest) async throws(RESTFailure) -> Map {
        try await cache.outcome(for: request) { [self] in
            await limiter.run { () async -> Result<Map, RESTFailure> in await send(request) }
        }.get()
    }

    /// The runtime errors of calls that got no usable HTTP answer, in the order they happened.
    func clientErrors() async -> [GraphQLClientError] {
        await cache.clientErrors
    }

    private func send(_ request: RESTRequest) async -> Result<Map, RESTFailure> {
        let label = request.description(base: baseURL)
        guard let url = request.url(base: baseURL) else {
            return .failure(RESTFailure(request: label, message: "the request URL could not be formed"))
        }
        let response: AuthenticatedHTTPClient.Response
        do {
            response = try await http.get(url)
        } catch {
            return .failure(RESTFailure(request: label, message: "\(error)", clientError: error))
        }
        guard response.isSuccess else {
            let detail = response.serverMessage ?? (response.bodyExcerpt.isEmpty ? "no body" : response.bodyExcerpt)
            let attempts = response.attempts > 1 ? " after \(response.attempts) attempts" : ""
            return .failure(RESTFailure(
                request: label, statusCode: response.statusCode,
                message: "HTTP \(response.statusCode)\(attempts): \(detail)"))
        }
        do {
            return .success(Map(json: try JSONValue(parsing: response.body)))
        } catch {
            return .failure(RESTFailure(
                request: label, statusCode: response.statusCode, message: "the answer is not JSON (\(error))"))
        }
    }
}

/// Single-flight memo of one execution's REST answers, keyed by request.
///
/// A call runs in its own task, so that every asker shares it; that task is cancelled (and forgotten) once every
/// asker waiting for it has been cancelled, so cancelling a query stops its REST calls and their retries.
private actor RequestCache {
    private struct Entry {
        let call: Task<Result<Map, RESTFailure>, Never>
        /// Askers waiting for `call` that have not been cancelled.
        var waiting: Int
    }

    private var entries: [RESTRequest: Entry] = [:]
    private(set) var clientErrors: [GraphQLClientError] = []

    func outcome(
        for request: RESTRequest, load: @escaping @Sendable () async -> Result<Map, RESTFailure>
    ) async -> Result<Map, RESTFailure> {
        let call: Task<Result<Map, RESTFailure>, Never>
        let isFirst: Bool
        if var entry = entries[request] {
            entry.waiting += 1
            entries[request] = entry
            (call, isFirst) = (entry.call, false)
        } else {
            call = Task { await load() }
            entries[request] = Entry(call: call, waiting: 1)
            isFirst = true
        }
        let outcome = await withTaskCancellationHandler {
            await call.value
        } onCancel: {
            Task { await self.abandon(call, of: request) }
        }
        if isFirst, case .failure(let failure) = outcome, let error = failure.clientError { clientErrors.append(error) }
        return outcome
    }

    /// One asker of `call` was cancelled; the last one cancels the call.
    private func abandon(_ call: Task<Result<Map, RESTFailure>, Never>, of request: RESTRequest) {
        guard var entry = entries[request], entry.call == call else { return }
        entry.waiting -= 1
        if entry.waiting > 0 {
            entries[request] = entry
        } else {
            entries[request] = nil
            call.cancel()
        }
    }
}
