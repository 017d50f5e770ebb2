import FlatfileGraphQL
import FlatfilePlatform
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the sandbox never does on its own: a server whose paging metadata is wrong, and a query cancelled while
/// its REST calls are in flight.
@Suite("Platform endpoint robustness")
struct PlatformRobustnessTests {
    @Test("A counted list whose pageCount is absurd stops at the first empty page, with a bounded number of calls")
    func absurdPageCount() async throws {
        let platform = OverclaimingPlatform()
        let client = GraphQLClient(endpoint: FlatfilePlatformEndpoint(
            tokenProvider: nil, platformURL: OverclaimingPlatform.url, transport: platform))
        let response = try await client.execute(document: "{ environments { id } }")
        #expect(response.errors.isEmpty)
        let environments = try response.json()["environments"]?.arrayValue
        #expect(environments?.compactMap { $0["id"]?.stringValue } == ["us_env_only"])
        let requests = await platform.requestedPages
        #expect(requests.first == 1)
        #expect(requests.count < 100, "one call per claimed page: \(requests.count) calls")
    }

    @Test("Cancelling a query cancels its REST call instead of waiting for it")
    func cancellationReachesTheCall() async throws {
        let platform = StallingPlatform()
        let client = GraphQLClient(endpoint: FlatfilePlatformEndpoint(
            tokenProvider: nil, platformURL: OverclaimingPlatform.url, transport: platform))
        let query = Task { try await client.execute(document: "{ environments { id } }") }
        await platform.waitUntilStarted()
        query.cancel()
        _ = await query.result
        #expect(await platform.sawCancellation)
    }
}

/// `GET /v1/environments` whose first page claims `Int.max` pages; every later page is empty.
private actor OverclaimingPlatform: HTTPTransport {
    static let url = URL(string: "https://platform.invalid/api")!
    private(set) var requestedPages: [Int] = []

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let url = try #require(request.url)
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let number = query.first { $0.name == "pageNumber" }?.value.flatMap { Int($0) } ?? 1
        requestedPages.append(number)
        let items = number == 1 ? #"[{"id":"us_env_only","name":"only"}]"# : "[]"
        let body = #"{"data":\#(items),"pagination":{"currentPage":\#(number),"pageCount":\#(Int.max),"totalCount":1}}"#
        return (Data(body.utf8), try #require(HTTPURLResponse(url: url, statusCode: 200, httpVersion: nil, headerFields: nil)))
    }
}

/// A server that never answers: the call ends only when its task is cancelled.
private actor StallingPlatform: HTTPTransport {
    private var started = false
    private var startWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var sawCancellation = false

    /// Returns once a call has arrived.
    func waitUntilStarted() async {
        if started { return }
        await withCheckedContinuation { startWaiters.append($0) }
    }

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        started = true
        startWaiters.forEach { $0.resume() }
        startWaiters = []
        do {
            // Waits for cancellation, which is what the test checks; no answer ever comes.
            try await Task.sleep(for: .seconds(3_600))
        } catch {
            sawCancellation = true
            throw error
        }
        let url = try #require(request.url)
        return (Data(#"{"data":[]}"#.utf8), try #require(HTTPURLResponse(url: url, statusCode: 200, httpVersion: nil, headerFields: nil)))
    }
}
