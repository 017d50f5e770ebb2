import FlatfileGraphQL
import FlatfilePlatform
import FlatfileSandbox
import Foundation
import Testing

/// The in-process endpoint against the sandbox's platform REST API: values match the seed, and the REST requests
/// are exactly the ones the schema's bindings plan (counted by the sandbox).
@Suite("Platform endpoint against the sandbox")
struct PlatformEndpointTests {
    @Test("Spaces across environments: counts and names per environment, 1 + 2 REST calls per environment")
    func spacesAcrossEnvironments() async throws {
        try await withPlatformSandbox { platform in
            let data = try await platform.client.execute(
                document: "{ environments { id name isProd spaceCount spaces { id name } } }"
            ).json()
            let environments = try #require(data["environments"]?.arrayValue)
            #expect(environments.compactMap { $0["id"]?.stringValue } == SandboxDemo.platformEnvironmentIds)
            for environment in environments {
                let id = try #require(environment["id"]?.stringValue)
                let seeded = platform.data.spaces.filter { $0.environmentId == id && $0.archivedAt == nil }
                #expect(environment["spaceCount"]?.intValue == seeded.count)
                #expect(environment["spaces"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == seeded.map(\.id))
                #expect(environment["isProd"]?.boolValue == platform.data.environment(id)?.isProd)
            }
            let environmentCount = SandboxDemo.platformEnvironmentIds.count
            #expect(platform.sandbox.statistics.platformRequests(to: "/v1/environments") == 1)
            #expect(platform.sandbox.statistics.platformRequests(to: "/v1/spaces") == 2 * environmentCount)
            #expect(platform.requests.count == 1 + 2 * environmentCount)
            #expect(Set(platform.targets).count == platform.targets.count, "a REST request was repeated")
            #expect(platform.requests.allSatisfy { $0.disablesHooks }, "X-Disable-Hooks: true on every call")
        }
    }

    @Test("A list field walks every page, and stops at `first`")
    func paging() async throws {
        try await withPlatformSandbox { platform in
            let seeded = platform.data.spaces.filter { $0.archivedAt == nil }.map(\.id)
            let all = try await platform.client.execute(document: "{ spaces(pageSize: 7) { id } }").json()
            #expect(all["spaces"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == seeded)
            let pages = (seeded.count + 6) / 7
            #expect(platform.requests.count == pages)
            #expect(platform.requests.compactMap(\.query).allSatisfy { $0.contains("pageSize=7") })

            let limited = try await platform.client.execute(document: "{ spaces(pageSize: 7, first: 10) { id } }")
                .json()
            #expect(limited["spaces"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Array(seeded.prefix(10)))
            // Pages 1 and 2 again: a new request, a new execution, so nothing is shared with the first one.
            #expect(platform.requests.count == pages + 2)
        }
    }

    @Test("Audit log: every event since the date across all environments, its actor resolved, each REST request once")
    func auditLog() async throws {
        try await withPlatformSandbox { platform in
            let since = "2025-03-25T00:00:00.000Z"
            let response = try await platform.client.execute(
                document: """
                    query ($since: DateTime!) {
                      events(since: $since) {
                        id topic context { environmentId actorId } environment { name } actorKind
                        actor { __typename ... on User { id email } ... on Guest { id email } ... on Agent { id slug } }
                      }
                    }
                    """,
                variables: ["since": .string(since)])
            #expect(response.errors.isEmpty, "\(response.errors.map(\.message))")
            let events = try #require(try response.json()["events"]?.arrayValue)
            let seeded = platform.data.events.filter { $0.createdAt >= since }
            #expect(seeded.count > 100, "the window spans several REST pages")
            #expect(events.compactMap { $0["id"]?.stringValue } == seeded.map(\.id))
            #expect(Set(seeded.map(\.environmentId)).count == SandboxDemo.platformEnvironmentIds.count)

            for (event, expected) in zip(events, seeded) {
                let actorId = expected.actorId
                let actor = event["actor"]
                switch event["actorKind"]?.stringValue {
                case "user":
                    #expect(actor?["__typename"]?.stringValue == "User")
                    #expect(actor?["email"]?.stringValue == platform.data.user(actorId)?.email)
                case "guest":
                    #expect(actor?["__typename"]?.stringValue == "Guest")
                    #expect(actor?["email"]?.stringValue == platform.data.guest(actorId)?.email)
                case "agent":
                    #expect(actor?["__typename"]?.stringValue == "Agent")
                    #expect(actor?["slug"]?.stringValue == platform.data.agent(actorId)?.slug)
                case "api_key":
                    #expect(actorId.hasPrefix("us_key_"))
                    #expect(actor?.isNull ?? true)
                default:
                    Issue.record("unexpected actor kind for \(actorId)")
                }
                #expect(event["environment"]?["name"]?.stringValue
                    == platform.data.environment(expected.environmentId)?.name)
            }

            // The plan: the event pages, then one GET per distinct actor and per environment, and nothing twice.
            let eventPages = seeded.count / 100 + 1
            let actors = Set(seeded.map(\.actorId))
            #expect(platform.sandbox.statistics.platformRequests(to: "/v1/events") == eventPages)
            #expect(platform.targets.count { $0.hasPrefix("GET /v1/users/") }
                == actors.count { $0.hasPrefix("us_usr_") })
            #expect(platform.targets.count { $0.hasPrefix("GET /v1/guests/") }
                == actors.count { $0.hasPrefix("us_g_") })
            #expect(platform.targets.count { $0.hasPrefix("GET /v1/agents/") }
                == actors.count { $0.hasPrefix("us_ag_") })
            #expect(platform.targets.count { $0.hasPrefix("GET /v1/environments/") }
                == SandboxDemo.platformEnvironmentIds.count)
            #expect(Set(platform.targets).count == platform.targets.count, "a REST request was repeated")
        }
    }

    @Test("Every guest of every space, each once: 1 + S calls for S spaces")
    func allGuests() async throws {
        try await withPlatformSandbox { platform in
            let data = try await platform.client.execute(document: "{ allGuests { id email spaces { id } } }").json()
            let guests = try #require(data["allGuests"]?.arrayValue)
            let invited = platform.data.guests.filter { guest in
                guest.spaces.contains { grant in platform.data.space(grant.id)?.archivedAt == nil }
            }
            #expect(Set(guests.compactMap { $0["id"]?.stringValue }) == Set(invited.map(\.id)))
            #expect(guests.count == invited.count, "each guest once")
            let spaces = platform.data.spaces.count { $0.archivedAt == nil }
            #expect(platform.sandbox.statistics.platformRequests(to: "/v1/guests") == spaces)
            #expect(platform.sandbox.statistics.platformRequests(to: "/v1/spaces") == 1)
        }
    }

    @Test("A sheet's records and cells, counts and the role lookup table fetched once")
    func sheetRecords() async throws {
        try await withPlatformSandbox { platform in
            let sheet = try #require(platform.data.sheets.first { $0.recordCounts.total > 0 })
            let records = platform.data.records.filter { $0.sheetId == sheet.id }
            let data = try await platform.client.execute(
                document: """
                    query ($id: ID!) { sheet(id: $id) {
                      name counts { total valid error } records { id valid cells { key value } }
                    } }
                    """,
                variables: ["id": .string(sheet.id)]
            ).json()
            #expect(data["sheet"]?["name"]?.stringValue == sheet.name)
            #expect(data["sheet"]?["counts"]?["total"]?.intValue == records.count)
            #expect(data["sheet"]?["counts"]?["valid"]?.intValue == records.count { $0.valid })
            let returned = try #require(data["sheet"]?["records"]?.arrayValue)
            #expect(returned.compactMap { $0["id"]?.stringValue } == records.map(\.id))
            let first = try #require(returned.first)
            #expect(Set(first["cells"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? [])
                == Set(records[0].values.keys))

            _ = try await platform.client.execute(document: "{ users { id roles { role { name } } } }").json()
            #expect(platform.sandbox.statistics.platformRequests(to: "/v1/roles") == 1)
        }
    }

    @Test("Independent calls overlap, never more than the bound at once")
    func concurrency() async throws {
        let document = "{ environments { agents { id } spaceCount } }"
        try await withPlatformSandbox(faults: FaultInjection(latency: .milliseconds(200))) { platform in
            _ = try await platform.client.execute(document: document).json()
            // 1 + 2 calls per environment: every environment's two calls are independent of the others.
            #expect(platform.requests.count == 1 + 2 * SandboxDemo.platformEnvironmentIds.count)
            #expect(platform.sandbox.statistics.peakConcurrentPlatformRequests
                == min(8, 2 * SandboxDemo.platformEnvironmentIds.count))
        }
        try await withPlatformSandbox(
            faults: FaultInjection(latency: .milliseconds(50)), maximumConcurrentRequests: 2
        ) { platform in
            _ = try await platform.client.execute(document: document).json()
            #expect(platform.sandbox.statistics.peakConcurrentPlatformRequests == 2)
        }
    }
}
