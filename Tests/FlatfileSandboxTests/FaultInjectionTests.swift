import FlatfileSandbox
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Injected faults reach the client over a real socket")
struct FaultInjectionTests {
    static let query = "{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\", take: 1) { data { id } } }"

    @Test func aScripted429CarriesRetryAfterAndOnlyHitsItsRoute() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(.status429(retryAfter: 7), count: 1, on: .graphql)
            let health = try await HTTP().send("GET", sandbox.url("health"))
            #expect(health.status == 200, "another route is not affected")
            let limited = try await sandbox.graphQL(Self.query)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "7")
            #expect((value(try limited.json(), "errors", "0", "message") as? String)?.contains("Too many requests") == true)
            #expect(sandbox.statistics.faultsServed(on: .graphql) == 1)
            let answer = try await sandbox.graphQL(Self.query)
            #expect(answer.status == 200, "the next request succeeds")
            #expect(sandbox.faults.pendingCount == 0)
        }
    }

    @Test func scripted500And503UseTheRoutesErrorShape() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(.status500, on: .accessKeyExchange)
            sandbox.faults.enqueue(.status503, on: .accessKeyExchange)
            let url = sandbox.url("auth/access-key/exchange")
            let body = ["accessKeyId": SandboxDemo.accessKeyId, "secretAccessKey": SandboxDemo.secretAccessKey]
            let failed = try await HTTP().postJSON(url, body)
            #expect(failed.status == 500)
            #expect(try failed.json()["statusCode"] as? Int == 500)
            let unavailable = try await HTTP().postJSON(url, body)
            #expect(unavailable.status == 503)
            #expect(unavailable.header("Retry-After") == "1")
            #expect(try unavailable.json()["error"] as? String == "Service Unavailable")
            let answer = try await HTTP().postJSON(url, body)
            #expect(answer.status == 201)
            #expect(sandbox.statistics.faultsServed() == 2)
            #expect(sandbox.statistics.exchanges(on: .accessKeyExchange) == 1)
        }
    }

    @Test func aDroppedConnectionIsAConnectionErrorNotAResponse() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(.dropConnection, count: 1, on: .graphql)
            do {
                let reply = try await sandbox.graphQL(Self.query, http: .fresh())
                Issue.record("expected a connection error, got HTTP \(reply.status)")
            } catch {
                #expect(error is URLError, "\(error)")
            }
            #expect(sandbox.statistics.faultsServed(on: .graphql) == 1)
            let answer = try await sandbox.graphQL(Self.query)
            #expect(answer.status == 200)
        }
    }

    @Test func aMalformedBodyIsNotJSON() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(.malformedBody, on: .graphql)
            let reply = try await sandbox.graphQL(Self.query)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect((try? JSONSerialization.jsonObject(with: reply.body)) == nil)
        }
    }

    @Test func scriptedAndConfiguredLatencyDelayTheAnswer() async throws {
        try await withSandbox(SandboxConfiguration(faults: FaultInjection(latency: .milliseconds(20)))) { sandbox in
            sandbox.faults.enqueue(.latency(.milliseconds(50)), on: .graphql)
            let reply = try await sandbox.graphQL(Self.query)
            #expect(reply.status == 200, "latency delays, it does not fail")
            #expect(sandbox.statistics.delayedRequests == 1)
            _ = try await HTTP().send("GET", sandbox.url("health"))
            #expect(sandbox.statistics.delayedRequests == 2, "the configured latency applies to every request")
        }
    }

    @Test func randomFaultsRepeatForTheSameSeed() async throws {
        let configuration = SandboxConfiguration(
            faults: FaultInjection(rateLimitedShare: 0.3, unavailableShare: 0.2), seed: 99)
        func statuses() async throws -> [Int] {
            try await withSandbox(configuration) { sandbox in
                var statuses: [Int] = []
                for _ in 0..<30 {
                    statuses.append(try await HTTP().send("GET", sandbox.url("health")).status)
                }
                #expect(sandbox.statistics.faultsServed(on: .health) == statuses.filter { $0 != 200 }.count)
                return statuses
            }
        }
        let first = try await statuses()
        let answer = try await statuses()
        #expect(answer == first)
        #expect(Set(first) == [200, 429, 503])
    }

    @Test func everyRequestFailsWhenTheShareIsOne() async throws {
        try await withSandbox(SandboxConfiguration(faults: FaultInjection(serverErrorShare: 1))) { sandbox in
            for _ in 0..<3 {
                let answer = try await sandbox.graphQL(Self.query)
                #expect(answer.status == 500)
            }
        }
    }

    @Test func invalidSharesAreRefusedAtStart() async throws {
        await #expect(throws: SandboxError.self) {
            try await SandboxServer.start(SandboxConfiguration(faults: FaultInjection(rateLimitedShare: 1.5)))
        }
        await #expect(throws: SandboxError.self) {
            try await SandboxServer.start(SandboxConfiguration(faults: FaultInjection(rateLimitedShare: 0.6, serverErrorShare: 0.6)))
        }
    }
}
