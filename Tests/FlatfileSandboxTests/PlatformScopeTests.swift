import FlatfileSandbox
import Foundation
import Testing

@Suite("Platform API credentials: a secret key sees one environment, a PAT the account")
struct PlatformScopeTests {
    static let development = SandboxDemo.platformDevelopmentEnvironmentId
    static let production = SandboxDemo.platformProductionEnvironmentId

    @Test func aSecretKeySeesOnlyItsEnvironment() async throws {
        try await withSandbox { sandbox in
            let key = SandboxDemo.secretKey
            #expect(try await sandbox.platformIds("environments", bearer: key) == [Self.development])
            let spaces = try await sandbox.platformJSON("spaces?pageSize=1", bearer: key)
            let developmentSpaces = sandbox.platform.spaces.filter {
                $0.environmentId == Self.development && $0.archivedAt == nil
            }
            #expect(value(spaces, "pagination", "totalCount") as? Int == developmentSpaces.count)
            let events = try await sandbox.platformIds("events?includeAcknowledged=true&pageSize=10000", bearer: key)
            #expect(events == sandbox.platform.events.filter { $0.environmentId == Self.development }.map(\.id))
        }
    }

    @Test func aSecretKeyAskingForAnotherEnvironmentGets403WithAClearMessage() async throws {
        try await withSandbox { sandbox in
            let key = SandboxDemo.secretKey
            let productionSpace = try #require(sandbox.platform.spaces.first { $0.environmentId == Self.production })
            let productionAgent = try #require(sandbox.platform.agents.first { $0.environmentId == Self.production })
            for path in [
                "environments/\(Self.production)", "spaces?environmentId=\(Self.production)",
                "agents?environmentId=\(Self.production)", "events?environmentId=\(Self.production)",
                "spaces/\(productionSpace.id)", "guests?spaceId=\(productionSpace.id)", "agents/\(productionAgent.id)",
            ] {
                let reply = try await sandbox.platformGET(path, bearer: key)
                #expect(reply.status == 403, "\(path): \(reply.text)")
                let message = try #require(reply.platformError?.message, "\(path): \(reply.text)")
                #expect(message.contains("Personal Access Token"), "\(message)")
                #expect(!reply.text.contains(key), "the key is never echoed")
            }
        }
    }

    @Test func aPATAndAnExchangedTokenSeeEveryEnvironment() async throws {
        try await withSandbox { sandbox in
            #expect(try await sandbox.platformIds("environments") == SandboxDemo.platformEnvironmentIds)
            let auth = try await HTTP().postJSON(
                sandbox.url("v1/auth"), ["clientId": SandboxDemo.clientId, "secret": SandboxDemo.clientSecret])
            let token = try #require(value(try auth.json(), "data", "accessToken") as? String)
            #expect(try await sandbox.platformIds("environments", bearer: token) == SandboxDemo.platformEnvironmentIds)
            let production = try await sandbox.platformJSON("spaces?environmentId=\(Self.production)", bearer: token)
            #expect((production["data"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func missingOrUnknownCredentialsAre401AndAPublishableKeyCannotRead() async throws {
        try await withSandbox { sandbox in
            let missing = try await sandbox.platformGET("environments", bearer: nil)
            #expect(missing.status == 401)
            #expect(missing.platformError?.message.contains("Authorization: Bearer") == true, "\(missing.text)")
            let unknown = try await sandbox.platformGET("environments", bearer: "pat_not_a_real_token")
            #expect(unknown.status == 401)
            #expect(!unknown.text.contains("pat_not_a_real_token"))
            let publishable = try await sandbox.platformGET("spaces", bearer: SandboxDemo.publishableKey)
            #expect(publishable.status == 403)
            #expect(publishable.platformError?.message.contains("only create spaces") == true)
        }
    }
}

@Suite("Platform API statistics and fault injection")
struct PlatformStatisticsTests {
    @Test func everyRequestIsRecordedWithItsQueryAndHooksHeader() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.platformGET("environments?pageSize=100")
            _ = try await sandbox.platformGET("events?since=2025-03-01T00:00:00.000Z&pageNumber=2", disableHooks: false)
            _ = try await sandbox.platformGET("spaces/us_sp_missing")
            let requests = sandbox.statistics.platformRequests
            #expect(requests.map(\.target) == [
                "GET /v1/environments?pageSize=100", "GET /v1/events?since=2025-03-01T00:00:00.000Z&pageNumber=2",
                "GET /v1/spaces/us_sp_missing",
            ])
            #expect(requests.map(\.disablesHooks) == [true, false, true])
            #expect(requests.map(\.status) == [200, 200, 404])
            #expect(sandbox.statistics.platformRequests(to: "/v1/events") == 1)
            #expect(sandbox.statistics.requests(on: .platformAPI) == 3)
            #expect(sandbox.statistics.requests(on: .platformAuth) == 0, "/v1/auth stays its own route")
        }
    }

    @Test func scripted429And503OnlyHitThePlatformRoute() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(.status429(retryAfter: 2), count: 1, on: .platformAPI)
            sandbox.faults.enqueue(.status503, count: 1, on: .platformAPI)
            let health = try await HTTP().send("GET", sandbox.url("health"))
            #expect(health.status == 200)
            let limited = try await sandbox.platformGET("environments")
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "2")
            #expect(limited.platformError?.message.contains("Too many requests") == true)
            let unavailable = try await sandbox.platformGET("environments")
            #expect(unavailable.status == 503)
            #expect(unavailable.header("Retry-After") == "1")
            let answer = try await sandbox.platformGET("environments")
            #expect(answer.status == 200)
            #expect(sandbox.statistics.faultsServed(on: .platformAPI) == 2)
            #expect(sandbox.statistics.platformRequests.map(\.status) == [429, 503, 200])
            #expect(sandbox.statistics.platformRequests.map(\.fault) == [
                SandboxFault.status429(retryAfter: 2).description, SandboxFault.status503.description, nil,
            ])
        }
    }

    @Test func aDroppedConnectionIsRecordedWithoutAStatus() async throws {
        try await withSandbox { sandbox in
            sandbox.faults.enqueue(.dropConnection, count: 1, on: .platformAPI)
            do {
                let reply = try await sandbox.platformGET("environments", http: .fresh())
                Issue.record("expected a connection error, got HTTP \(reply.status)")
            } catch {
                #expect(error is URLError, "\(error)")
            }
            #expect(sandbox.statistics.platformRequests.first?.status == nil)
            #expect(sandbox.statistics.platformRequests.first?.fault == SandboxFault.dropConnection.description)
        }
    }

    @Test func injectedLatencyDoesNotSerialiseConcurrentRequests() async throws {
        let configuration = SandboxConfiguration(faults: FaultInjection(latency: .milliseconds(200)))
        try await withSandbox(configuration) { sandbox in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for environment in SandboxDemo.platformEnvironmentIds {
                    group.addTask { try await sandbox.platformGET("spaces?environmentId=\(environment)", http: .fresh()).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: SandboxDemo.platformEnvironmentIds.count))
            #expect(sandbox.statistics.delayedRequests == SandboxDemo.platformEnvironmentIds.count)
            #expect(sandbox.statistics.peakConcurrentPlatformRequests > 1, "requests overlapped during their latency")
        }
    }
}
