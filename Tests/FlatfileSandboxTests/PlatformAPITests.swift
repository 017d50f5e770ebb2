import FlatfileSandbox
import Foundation
import Testing

@Suite("The platform REST API answers with Flatfile's envelopes, paging and filters")
struct PlatformAPITests {
    static let development = SandboxDemo.platformDevelopmentEnvironmentId

    @Test func theSeedHasSeveralEnvironmentsDozensOfSpacesAgentsInSomeAndThousandsOfEvents() async throws {
        try await withSandbox { sandbox in
            let data = sandbox.platform
            #expect(data.environments.map(\.id) == SandboxDemo.platformEnvironmentIds)
            #expect(Set(data.environments.map(\.isProd)) == [true, false])
            #expect(data.spaces.count >= 36)
            #expect(data.spaces.contains { $0.archivedAt != nil })
            let withAgents = Set(data.agents.map(\.environmentId))
            #expect(withAgents.count > 1 && withAgents.count < data.environments.count)
            #expect(data.agents.allSatisfy { !$0.topics.isEmpty && $0.id.hasPrefix("us_ag_") })
            #expect(data.events.count >= 2_000)
            #expect(Set(data.events.map(\.environmentId)) == Set(SandboxDemo.platformEnvironmentIds))
            // Every actor resolves to a seeded user, guest or agent (or is an API key), and every kind occurs.
            for event in data.events {
                let actor = event.actorId
                let known = data.user(actor) != nil || data.guest(actor) != nil || data.agent(actor) != nil
                    || actor.hasPrefix("us_key_")
                #expect(known, "event \(event.id) has unknown actor \(actor)")
            }
            for prefix in ["us_usr_", "us_g_", "us_ag_", "us_key_"] {
                #expect(data.events.contains { $0.actorId.hasPrefix(prefix) }, "no \(prefix) actor")
            }
            #expect(data.records.count >= 200)
            #expect(data.users.first?.email == SandboxDemo.email)
        }
    }

    @Test func environmentsAreACountedListPagedFromPageOne() async throws {
        try await withSandbox { sandbox in
            let first = try await sandbox.platformJSON("environments?pageSize=2")
            #expect(value(first, "pagination", "currentPage") as? Int == 1)
            #expect(value(first, "pagination", "pageCount") as? Int == 3)
            #expect(value(first, "pagination", "totalCount") as? Int == 5)
            var ids: [String] = []
            for page in 1...3 {
                ids += try await sandbox.platformIds("environments?pageSize=2&pageNumber=\(page)")
            }
            #expect(ids == SandboxDemo.platformEnvironmentIds)
            #expect(try await sandbox.platformIds("environments?pageSize=2&pageNumber=4").isEmpty)
            let defaults = try await sandbox.platformJSON("environments")
            #expect((defaults["data"] as? [Any])?.count == 5, "default pageSize is 10")
            let one = try await sandbox.platformJSON("environments/\(Self.development)")
            #expect(value(one, "data", "name") as? String == "development")
            #expect(value(one, "data", "isProd") as? Bool == false)
            #expect(one["pagination"] == nil)
        }
    }

    @Test func spacesPageToTheEndAndFilterByEnvironmentAndArchived() async throws {
        try await withSandbox { sandbox in
            let active = sandbox.platform.spaces.filter { $0.archivedAt == nil }
            let first = try await sandbox.platformJSON("spaces?pageSize=7")
            let pageCount = try #require(value(first, "pagination", "pageCount") as? Int)
            #expect(value(first, "pagination", "totalCount") as? Int == active.count)
            #expect(pageCount == (active.count + 6) / 7)
            var ids: [String] = []
            for page in 1...pageCount {
                ids += try await sandbox.platformIds("spaces?pageSize=7&pageNumber=\(page)")
            }
            #expect(ids == active.map(\.id), "archived spaces are left out unless asked for")

            let all = try await sandbox.platformJSON("spaces?archived=true&pageSize=1")
            #expect(value(all, "pagination", "totalCount") as? Int == sandbox.platform.spaces.count)
            let production = SandboxDemo.platformProductionEnvironmentId
            let inProduction = try await sandbox.platformIds("spaces?environmentId=\(production)&pageSize=100")
            #expect(inProduction == active.filter { $0.environmentId == production }.map(\.id))
            #expect(try await sandbox.platformIds("spaces").count == 10, "default pageSize is 10")
            let sorted = try await sandbox.platformJSON("spaces?sortField=name&sortDirection=desc&pageSize=100")
            let names = (sorted["data"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == names.sorted(by: >) && names.count == active.count)
        }
    }

    @Test func agentsNeedAnEnvironmentAndSomeEnvironmentsHaveNone() async throws {
        try await withSandbox { sandbox in
            for environment in sandbox.platform.environments {
                let body = try await sandbox.platformJSON("agents?environmentId=\(environment.id)&pageSize=1")
                let expected = sandbox.platform.agents.filter { $0.environmentId == environment.id }
                #expect(value(body, "pagination", "totalCount") as? Int == expected.count, "\(environment.name)")
            }
            let agent = try #require(sandbox.platform.agents.first)
            let one = try await sandbox.platformJSON("agents/\(agent.id)?environmentId=\(agent.environmentId)")
            #expect(value(one, "data", "topics") as? [String] == agent.topics)
            let missing = try await sandbox.platformGET("agents")
            #expect(missing.status == 400)
            #expect(missing.platformError?.key == "environmentId")
            let executions = try await sandbox.platformJSON("agents/executions?environmentId=\(agent.environmentId)&pageSize=5")
            #expect((executions["data"] as? [Any])?.count == 5)
            #expect(value(executions, "pagination", "totalCount") as? Int
                == sandbox.platform.executions.filter { execution in
                    sandbox.platform.agent(execution.agentId)?.environmentId == agent.environmentId
                }.count)
            let versions = try await sandbox.platformJSON("agents/\(agent.id)/versions")
            #expect(value(versions, "data", "0", "agent_id") as? String == agent.id)
        }
    }

    @Test func eventsHaveNoTotalsAndPageUntilAShortPage() async throws {
        try await withSandbox { sandbox in
            let since = "2025-03-01T00:00:00.000Z"
            let expected = sandbox.platform.events.filter { $0.createdAt >= since }
            var ids: [String] = []
            var page = 1
            while true {
                let body = try await sandbox.platformJSON(
                    "events?includeAcknowledged=true&since=\(since)&pageSize=100&pageNumber=\(page)")
                #expect(body["pagination"] == nil, "events carry no pagination")
                let pageIds = (body["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                ids += pageIds
                if pageIds.count < 100 { break }
                page += 1
            }
            #expect(ids == expected.map(\.id))
            #expect(Set(expected.map(\.environmentId)).count == 5, "across all environments")

            let unacknowledged = try await sandbox.platformIds("events?since=\(since)&pageSize=10000")
            #expect(unacknowledged == expected.filter { $0.acknowledgedAt == nil }.map(\.id))
            #expect(unacknowledged.count < expected.count, "acknowledged events need includeAcknowledged=true")
            #expect(try await sandbox.platformIds("events").count == 10, "default pageSize is 10")
            for form in ["2025-03-01T00:00:00Z", "2025-03-01T00%3A00%3A00.000Z", "2025-03-01"] {
                let sameDay = try await sandbox.platformIds("events?includeAcknowledged=true&pageSize=10000&since=\(form)")
                #expect(sameDay == expected.map(\.id), "since=\(form)")
            }

            let event = try #require(expected.first { $0.actorId.hasPrefix("us_g_") })
            let one = try await sandbox.platformJSON("events/\(event.id)")
            #expect(value(one, "data", "context", "actorId") as? String == event.actorId)
            #expect(value(one, "data", "context", "environmentId") as? String == event.environmentId)
            let topic = try await sandbox.platformIds(
                "events?environmentId=\(Self.development)&topic=job:failed&includeAcknowledged=true&pageSize=10000")
            #expect(topic == sandbox.platform.events.filter {
                $0.environmentId == Self.development && $0.topic == "job:failed"
            }.map(\.id))
        }
    }

    @Test func usersGuestsWorkbooksSheetsAndRolesUseTheirEnvelopes() async throws {
        try await withSandbox { sandbox in
            let users = try await sandbox.platformJSON("users?pageSize=5&pageNumber=3")
            #expect(value(users, "pagination", "totalCount") as? Int == sandbox.platform.users.count)
            #expect((users["data"] as? [Any])?.count == sandbox.platform.users.count - 10)
            let demo = try await sandbox.platformJSON("users?email=\(SandboxDemo.email)")
            #expect(value(demo, "data", "0", "name") as? String == "Sandbox Demo")

            let guest = try #require(sandbox.platform.guests.first)
            let space = guest.spaces[0].id
            let guests = try await sandbox.platformJSON("guests?spaceId=\(space)")
            #expect(guests["pagination"] == nil)
            let guestIds = (guests["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(guestIds == sandbox.platform.guests.filter { $0.spaces.contains { $0.id == space } }.map(\.id))
            let guestRoles = try await sandbox.platformJSON("guests/\(guest.id)/roles")
            #expect(value(guestRoles, "data", "0", "actorId") as? String == guest.id)

            let workbook = try #require(sandbox.platform.workbooks.first)
            let workbooks = try await sandbox.platformJSON("workbooks?spaceId=\(workbook.spaceId)")
            #expect(workbooks["pagination"] == nil)
            #expect(value(workbooks, "data", "0", "sheets", "0", "id") as? String == workbook.sheets?.first?.id)
            let bare = try await sandbox.platformJSON("workbooks?spaceId=\(workbook.spaceId)&includeSheets=false")
            #expect(value(bare, "data", "0", "id") as? String == workbook.id)
            #expect(value(bare, "data", "0", "sheets") == nil)
            let sheets = try await sandbox.platformIds("sheets?workbookId=\(workbook.id)")
            #expect(sheets == workbook.sheets?.map(\.id))

            let roles = try await sandbox.platformJSON("roles")
            #expect(roles["pagination"] == nil)
            #expect((roles["data"] as? [Any])?.count == sandbox.platform.roles.count)
            let account = try await sandbox.platformJSON("accounts/current")
            #expect(value(account, "data", "id") as? String == sandbox.platform.account.id)
        }
    }

    @Test func recordsAreWrappedInDataAndPageWithoutTotals() async throws {
        try await withSandbox { sandbox in
            let sheet = try #require(sandbox.platform.sheets.first { sheet in
                sheet.recordCounts.total > 20 && sheet.config.fields.contains { $0.key == "email" }
            })
            let records = sandbox.platform.records.filter { $0.sheetId == sheet.id }
            let all = try await sandbox.platformJSON("sheets/\(sheet.id)/records")
            #expect(value(all, "data", "success") as? Bool == true)
            let ids = (value(all, "data", "records") as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == records.map(\.id))
            let second = try await sandbox.platformJSON("sheets/\(sheet.id)/records?pageSize=10&pageNumber=2")
            let secondIds = (value(second, "data", "records") as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(secondIds == Array(records.map(\.id)[10..<20]))
            let errors = try await sandbox.platformJSON("sheets/\(sheet.id)/records?filter=error&includeLength=true")
            #expect(value(errors, "data", "counts", "total") as? Int == records.filter { !$0.valid }.count)
            let chosen = [records[3].id, records[1].id]
            let selected = try await sandbox.platformJSON(
                "sheets/\(sheet.id)/records?ids=\(chosen[0])&ids=\(chosen[1])&fields=email")
            let selectedRecords = value(selected, "data", "records") as? [[String: Any]] ?? []
            #expect(selectedRecords.compactMap { $0["id"] as? String } == [records[1].id, records[3].id])
            #expect(selectedRecords.allSatisfy { ($0["values"] as? [String: Any])?.keys.sorted() == ["email"] })
            let counts = try await sandbox.platformJSON("sheets/\(sheet.id)/counts")
            #expect(value(counts, "data", "counts", "total") as? Int == records.count)
            #expect(value(counts, "data", "counts", "valid") as? Int == records.filter(\.valid).count)
        }
    }

    @Test func unknownIdsAndPathsAre404WithAnErrorsBody() async throws {
        try await withSandbox { sandbox in
            for path in ["spaces/us_sp_missing", "environments/us_env_missing", "events/us_evt_missing",
                "users/us_usr_missing", "guests/us_g_missing", "workbooks/us_wb_missing", "sheets/us_sh_missing/records",
                "agents/us_ag_missing", "nothing-here"]
            {
                let reply = try await sandbox.platformGET(path)
                #expect(reply.status == 404, "\(path): \(reply.text)")
                #expect(reply.platformError?.message.isEmpty == false, "\(path): \(reply.text)")
            }
            let missing = try await sandbox.platformGET("spaces/us_sp_missing")
            #expect(missing.platformError?.message == "Space us_sp_missing not found")
        }
    }

    @Test func badParametersAre400NamingTheParameter() async throws {
        try await withSandbox { sandbox in
            let cases: [(path: String, key: String)] = [
                ("spaces?pageSize=0", "pageSize"), ("spaces?pageNumber=first", "pageNumber"),
                ("events?since=yesterday", "since"), ("spaces?archived=maybe", "archived"),
                ("guests", "spaceId"), ("sheets", "workbookId"), ("agents/executions", "environmentId"),
                ("spaces?sortField=name", "sortDirection"), ("users?sortField=age&sortDirection=asc", "sortField"),
            ]
            for (path, key) in cases {
                let reply = try await sandbox.platformGET(path)
                #expect(reply.status == 400, "\(path): \(reply.text)")
                #expect(reply.platformError?.key == key, "\(path): \(reply.text)")
            }
        }
    }
}
