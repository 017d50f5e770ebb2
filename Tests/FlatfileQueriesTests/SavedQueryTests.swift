import FlatfileQueries
import FlatfileSandbox
import Testing

/// Each saved query, run through its generated type against a sandbox, returns the seeded account's data.
@Suite("Saved queries through the typed API")
struct SavedQueryTests {
    @Test("GetBatchesQuery lists the license key's 48 batches, newest first, a page at a time")
    func getBatches() async throws {
        try await withSandboxClient { client, _ in
            let data = try await client.fetch(GetBatchesQuery(licenseKey: SandboxDemo.licenseKey, take: 3))
            let batches = try #require(data.getBatches?.data)
            #expect(batches.map(\.id).first == Seeded.newestBatchId)
            #expect(batches.count == 3)
            #expect(batches.allSatisfy { ["submitted", "evaluate", "cancelled"].contains($0.status ?? "") })
            #expect(data.getBatches?.pagination?.totalCount == Seeded.licenseKeyBatchCount)
            #expect(data.getBatches?.pagination?.nextOffset == 3)
        }
    }

    @Test("GetBatchQuery reads one batch's status and workspace")
    func getBatch() async throws {
        try await withSandboxClient { client, _ in
            let batch = try #require(try await client.fetch(GetBatchQuery(batchId: Seeded.newestBatchId)).getBatch)
            #expect(batch.id == Seeded.newestBatchId)
            #expect(batch.status == "submitted")
            #expect(batch.workspaceId == Seeded.workspaceId)
        }
    }

    @Test("GetFinalDatabaseViewQuery returns a page of typed records and the batch's total")
    func getFinalDatabaseView() async throws {
        try await withSandboxClient { client, _ in
            let data = try await client.fetch(
                GetFinalDatabaseViewQuery(batchId: .value(Seeded.newestBatchId), skip: 0, limit: 100))
            let view = try #require(data.getFinalDatabaseView)
            #expect(view.totalRows == Seeded.newestBatchRowCount)
            let rows = try view.decodedRows()
            #expect(rows.map(\.id) == Array(1...100))
            let first = try #require(rows.first)
            #expect(first.valid && first.status == .submitted)
            #expect(first["firstName"] == "John" && first["lastName"] == "Ritchie")
            #expect(first.data.keys == ["firstName", "lastName", "email", "phone", "age", "subscribed"])
            // The raw JSON stays available next to the typed records.
            #expect(view.rows?[0]?["data"]?["firstName"] == "John")
            // Invalid records carry their error messages, and `valid` agrees with them.
            #expect(rows.allSatisfy { $0.valid == !$0.info.contains { $0.level == .error } })
            #expect(rows.contains { !$0.valid })
        }
    }

    @Test("GetFinalDatabaseViewQuery with status and skip returns only records in that state, from that offset")
    func getFinalDatabaseViewFiltered() async throws {
        try await withSandboxClient { client, _ in
            let all = try await client.fetch(
                GetFinalDatabaseViewQuery(batchId: .value(Seeded.newestBatchId), limit: 1000))
            let dismissed = try await client.fetch(GetFinalDatabaseViewQuery(
                batchId: .value(Seeded.newestBatchId), skip: 1, limit: 1000, status: "dismissed"))
            let expected = try #require(try all.getFinalDatabaseView?.decodedRows()).filter { $0.status == .dismissed }
            let rows = try #require(try dismissed.getFinalDatabaseView?.decodedRows())
            #expect(!expected.isEmpty)
            #expect(dismissed.getFinalDatabaseView?.totalRows == expected.count)
            #expect(rows == Array(expected.dropFirst()))
        }
    }

    @Test("GetSchemasQuery lists team 1001's templates: 15 in all, 12 in development, 9 of those active")
    func getSchemas() async throws {
        try await withSandboxClient { client, _ in
            let all = try await client.fetch(GetSchemasQuery(teamId: SandboxDemo.teamId))
            #expect(all.getSchemas?.pagination?.totalCount == 15)
            let development = try await client.fetch(
                GetSchemasQuery(teamId: SandboxDemo.teamId, environmentId: .value(SandboxDemo.environmentId)))
            #expect(development.getSchemas?.pagination?.totalCount == 12)
            let active = try await client.fetch(GetSchemasQuery(
                teamId: SandboxDemo.teamId, environmentId: .value(SandboxDemo.environmentId), archived: false, limit: 5))
            let page = try #require(active.getSchemas?.data)
            #expect(page.map(\.name) == ["Contacts", "Products", "Employees", "Contacts v2", "Products v2"])
            #expect(page.first?.id == Seeded.contactsSchemaId && page.first?.slug == "contacts")
            #expect(page.allSatisfy { $0.archived == false && $0.environmentId == SandboxDemo.environmentId })
            #expect(active.getSchemas?.pagination?.totalCount == 9)
            #expect(active.getSchemas?.pagination?.nextOffset == 5)
        }
    }

    @Test("GetEmbedsQuery lists the five portals of team 1001's development environment with their templates")
    func getEmbeds() async throws {
        try await withSandboxClient { client, _ in
            let data = try await client.fetch(
                GetEmbedsQuery(teamId: SandboxDemo.teamId, environmentId: .value(SandboxDemo.environmentId)))
            let portals = try #require(data.getEmbeds?.data)
            #expect(data.getEmbeds?.pagination?.totalCount == 5)
            #expect(portals.map(\.name) == (1...5).map { "Development Portal \($0)" })
            #expect(portals.map(\.archived) == [false, false, false, false, true])
            #expect(portals.first?.id == Seeded.firstPortalId)
            #expect(portals.first?.schemas?.map(\.name) == ["Contacts"])
            #expect(portals.allSatisfy { $0.teamId == SandboxDemo.teamId })
        }
    }

    @Test("GetWorkspaceQuery reads the workspace's primary workbook and its sheets' templates")
    func getWorkspace() async throws {
        try await withSandboxClient { client, _ in
            let workspace = try #require(try await client.fetch(GetWorkspaceQuery(workspaceId: Seeded.workspaceId)).getWorkspace)
            #expect(workspace.id == Seeded.workspaceId)
            #expect(workspace.primaryWorkbookId == Seeded.workbookId)
            #expect(workspace.primaryWorkbook?.id == Seeded.workbookId)
            let sheets = try #require(workspace.primaryWorkbook?.sheets).compactMap(\.schemaId)
            #expect(sheets.count == 9)
            #expect(sheets.contains(Int(Seeded.contactsSchemaId) ?? 0))
        }
    }

    @Test("FetchRowsWithSchemaQuery with filter invalid returns only records with an error, as typed rows")
    func fetchRowsWithSchema() async throws {
        try await withSandboxClient { client, _ in
            let schemaId = try #require(Int(Seeded.contactsSchemaId))
            let data = try await client.fetch(FetchRowsWithSchemaQuery(
                schemaId: schemaId, workbookId: Seeded.workbookId, limit: 50, filter: "invalid"))
            let raw = try #require(data.fetchRowsWithSchema?.rows)
            let rows = try #require(try data.fetchRowsWithSchema?.decodedRows())
            #expect(rows.count == 50)
            #expect(rows.map(\.id) == raw.compactMap(\._id))
            #expect(rows.first?.id == 4)
            #expect(rows.allSatisfy { !$0.valid && $0.info.contains { $0.level == .error } })
            #expect(rows.allSatisfy { $0.data["email"] != nil })
        }
    }
}
