import FlatfilePlatformQueries
import FlatfileSandbox
import Foundation
import Testing

/// Each saved platform query in queries/platform, run through its generated type against the sandbox.
@Suite("Saved platform queries through the typed API")
struct SavedPlatformQueryTests {
    @Test("AuditLogQuery returns every event since the date, across environments, each with its actor")
    func auditLog() async throws {
        try await withPlatformSandbox { platform in
            let since = try savedVariables("auditLog")["since"]?.stringValue ?? ""
            let events = try #require(try await platform.client.fetch(AuditLogQuery(since: since)).events)
            let seeded = platform.data.events.filter { $0.createdAt >= since }
            #expect(events.map(\.id) == seeded.map(\.id))
            #expect(Set(events.map(\.context.environmentId)) == Set(SandboxDemo.platformEnvironmentIds))
            for event in events {
                let actorId = try #require(event.context.actorId)
                switch event.actorKind.value {
                case .user: #expect(event.actor?.asUser?.email == platform.data.user(actorId)?.email)
                case .guest: #expect(event.actor?.asGuest?.email == platform.data.guest(actorId)?.email)
                case .agent: #expect(event.actor?.asAgent?.topics == platform.data.agent(actorId)?.topics)
                case .apiKey: #expect(event.actor == nil)
                case .unknown, nil: Issue.record("unknown actor \(actorId)")
                }
                #expect(event.environment?.id == event.context.environmentId)
            }
            #expect(Set(platform.targets).count == platform.targets.count, "a REST request was repeated")

            let first = try await platform.client.fetch(AuditLogQuery(since: since, first: 5))
            #expect(first.events?.map(\.id) == Array(seeded.prefix(5).map(\.id)))
        }
    }

    @Test("SpacesAcrossEnvironmentsQuery counts and names each environment's spaces, development and production")
    func spacesAcrossEnvironments() async throws {
        try await withPlatformSandbox { platform in
            let environments = try #require(try await platform.client.fetch(SpacesAcrossEnvironmentsQuery()).environments)
            #expect(environments.map(\.id) == SandboxDemo.platformEnvironmentIds)
            #expect(environments.contains { $0.isProd } && environments.contains { !$0.isProd })
            for environment in environments {
                let seeded = platform.data.spaces.filter { $0.environmentId == environment.id && $0.archivedAt == nil }
                #expect(environment.spaceCount == seeded.count)
                #expect(environment.spaces?.map(\.name) == seeded.map(\.name))
            }
            #expect(platform.requests.count == 1 + 2 * SandboxDemo.platformEnvironmentIds.count)
        }
    }

    @Test("AgentsAcrossEnvironmentsQuery shows which environments have agents, and their topics")
    func agentsAcrossEnvironments() async throws {
        try await withPlatformSandbox { platform in
            let environments = try #require(try await platform.client.fetch(AgentsAcrossEnvironmentsQuery()).environments)
            let withAgents = Set(environments.filter { $0.agents?.isEmpty == false }.map(\.id))
            #expect(withAgents == Set(platform.data.agents.map(\.environmentId)))
            #expect(withAgents.count < environments.count, "some environments have no agents")
            for environment in environments {
                let seeded = platform.data.agents.filter { $0.environmentId == environment.id }
                #expect(environment.agents?.map(\.id) == seeded.map(\.id))
                #expect(environment.agents?.map(\.topics) == seeded.map(\.topics))
            }
            #expect(platform.requests.count == 1 + SandboxDemo.platformEnvironmentIds.count)
        }
    }

    @Test("UsersQuery lists every user; GuestsQuery every guest once, with the names of their spaces")
    func usersAndGuests() async throws {
        try await withPlatformSandbox { platform in
            let users = try #require(try await platform.client.fetch(UsersQuery()).users)
            #expect(users.map(\.id) == platform.data.users.map(\.id))
            #expect(users.map(\.email) == platform.data.users.map(\.email))

            let development = SandboxDemo.platformDevelopmentEnvironmentId
            let guests = try #require(
                try await platform.client.fetch(GuestsQuery(environmentId: .value(development))).allGuests)
            let expected = platform.data.guests.filter { guest in
                guest.environmentId == development
                    && guest.spaces.contains { platform.data.space($0.id)?.archivedAt == nil }
            }
            #expect(Set(guests.map(\.id)) == Set(expected.map(\.id)))
            #expect(guests.count == expected.count)
            for guest in guests {
                for grant in guest.spaces {
                    #expect(grant.space?.name == platform.data.space(grant.id)?.name)
                }
            }
            #expect(Set(platform.targets).count == platform.targets.count, "a REST request was repeated")
        }
    }

    @Test("SheetRecordsQuery returns a sheet's records, their cells and counts; filter: error keeps the invalid ones")
    func sheetRecords() async throws {
        try await withPlatformSandbox { platform in
            // The sidecar names a seeded sheet with invalid records (the demo seed is fixed).
            let sheetId = try savedVariables("sheetRecords")["sheetId"]?.stringValue ?? ""
            let sheet = try #require(platform.data.sheets.first { $0.id == sheetId })
            #expect(sheet.recordCounts.error > 0)
            let records = platform.data.records.filter { $0.sheetId == sheet.id }
            let data = try await platform.client.fetch(SheetRecordsQuery(sheetId: sheet.id))
            let returned = try #require(data.sheet)
            #expect(returned.name == sheet.name)
            #expect(returned.counts?.total == records.count)
            #expect(returned.records?.map(\.id) == records.map(\.id))
            let firstCells = try #require(returned.records?.first?.cells)
            #expect(Set(firstCells.map(\.key)) == Set(records[0].values.keys))

            let firstFive = try await platform.client.fetch(SheetRecordsQuery(sheetId: sheet.id, first: 5))
            #expect(firstFive.sheet?.records?.map(\.id) == records.prefix(5).map(\.id))

            let errors = try await platform.client.fetch(SheetRecordsQuery(sheetId: sheet.id, filter: .value(.error)))
            #expect(errors.sheet?.records?.map(\.id) == records.filter { !$0.valid }.map(\.id))
            #expect(errors.sheet?.records?.allSatisfy { $0.valid == false } == true)
        }
    }
}

/// A saved query's sidecar variables (`queries/platform/NAME.variables.json`).
private func savedVariables(_ name: String) throws -> JSONObject {
    let url = packageRoot.appendingPathComponent("queries/platform/\(name).variables.json")
    return try JSONValue(parsing: Data(contentsOf: url)).objectValue ?? [:]
}
