import FlatfileQueries
import FlatfileSandbox
import Testing

/// Each saved mutation, run through its generated type, changes the sandbox's data so that a query sees it.
@Suite("Saved mutations through the typed API")
struct SavedMutationTests {
    @Test("InitializeEmptyBatchMutation creates a batch that GetBatchQuery and GetBatchesQuery then see")
    func initializeEmptyBatch() async throws {
        try await withSandboxClient { client, _ in
            let created = try #require(try await client.fetch(
                InitializeEmptyBatchMutation(importedFromUrl: "https://app.example.com/import", synced: true)
            ).initializeEmptyBatch)
            #expect(created.schemas.map(\.id) == [Seeded.contactsSchemaId])

            let batch = try #require(try await client.fetch(GetBatchQuery(batchId: created.batchId)).getBatch)
            #expect(batch.status == "evaluate")
            #expect(batch.workspaceId == created.workspaceId)
            let newest = try await client.fetch(GetBatchesQuery(licenseKey: SandboxDemo.licenseKey, take: 1))
            #expect(newest.getBatches?.data?.first?.id == created.batchId)
            #expect(newest.getBatches?.pagination?.totalCount == Seeded.licenseKeyBatchCount + 1)
        }
    }

    @Test("UpdateWorkbookRowsMutation changes cells, revalidates them, and GetFinalDatabaseViewQuery reads the change")
    func updateWorkbookRows() async throws {
        try await withSandboxClient { client, _ in
            let edits: [JSONValue] = [
                ["_id": 1, "data": ["firstName": "Ada", "email": "ada.lovelace@example.com"]],
                ["_id": 2, "data": ["email": "not-an-email"]],
            ]
            let changed = try #require(try await client.fetch(
                UpdateWorkbookRowsMutation(batchId: .value(Seeded.newestBatchId), edits: edits)
            ).updateWorkbookRows?.decodedRows())
            #expect(changed.map(\.id) == [1, 2])
            #expect(changed[0]["firstName"] == "Ada" && changed[0].valid)
            #expect(!changed[1].valid)
            #expect(changed[1].info.contains { $0.level == .error && $0.key == "email" })

            let page = try await client.fetch(
                GetFinalDatabaseViewQuery(batchId: .value(Seeded.newestBatchId), limit: 2))
            let rows = try #require(try page.getFinalDatabaseView?.decodedRows())
            #expect(rows.map { $0["email"] } == ["ada.lovelace@example.com", "not-an-email"])
            #expect(rows.map(\.valid) == [true, false])
        }
    }

    @Test("QueueUpdateRecordStatusMutation sets the records' review state, as FetchRowsWithSchemaQuery then shows")
    func queueUpdateRecordStatus() async throws {
        try await withSandboxClient { client, _ in
            let schemaId = try #require(Int(Seeded.contactsSchemaId))
            let job = try await client.fetch(QueueUpdateRecordStatusMutation(
                workbookId: Seeded.workbookId, schemaId: schemaId, validationState: "dismissed", rowIds: [1, 2, 3]))
            #expect(job.queueUpdateRecordStatus?.id.isEmpty == false)

            let dismissed = try await client.fetch(FetchRowsWithSchemaQuery(
                schemaId: schemaId, workbookId: Seeded.workbookId, limit: 1000, status: "dismissed"))
            let ids = try #require(try dismissed.fetchRowsWithSchema?.decodedRows()).map(\.id)
            #expect(Set([1, 2, 3]).isSubset(of: ids))
            let page = try await client.fetch(
                GetFinalDatabaseViewQuery(batchId: .value(Seeded.newestBatchId), limit: 3))
            #expect(try page.getFinalDatabaseView?.decodedRows().map(\.status) == Array(repeating: .case(.dismissed), count: 3))
        }
    }

    @Test("CreateSchemaMutation creates a template that GetSchemasQuery finds; UpdateSchemaMutation archives it")
    func createAndUpdateSchema() async throws {
        try await withSandboxClient { client, _ in
            let definition: JSONValue = [
                "type": "object",
                "properties": ["name": ["type": "string", "label": "Name"], "email": ["type": "string", "label": "Email"]],
                "required": ["email"],
            ]
            let created = try #require(try await client.fetch(CreateSchemaMutation(
                teamId: SandboxDemo.teamId, name: "Customers",
                jsonSchema: .value(FlatfileSchema.JsonSchemaDto(schema: definition)))
            ).createSchema)
            #expect(created.name == "Customers" && created.archived == false)
            #expect(created.environmentId == SandboxDemo.environmentId)

            let found = try await client.fetch(GetSchemasQuery(teamId: SandboxDemo.teamId, search: "customers"))
            #expect(found.getSchemas?.data?.map(\.id) == [created.id])

            let archived = try #require(try await client.fetch(
                UpdateSchemaMutation(schemaId: created.id, archived: true)).updateSchema)
            #expect(archived.id == created.id && archived.archived == true)
            let archivedList = try await client.fetch(GetSchemasQuery(teamId: SandboxDemo.teamId, archived: true))
            #expect(archivedList.getSchemas?.data?.contains { $0.id == created.id } == true)
        }
    }

    @Test("CreateEmbedMutation creates a portal that GetEmbedsQuery finds; UpdateEmbedMutation changes its templates")
    func createAndUpdateEmbed() async throws {
        try await withSandboxClient { client, _ in
            let embed = try #require(try await client.fetch(CreateEmbedMutation(
                teamId: SandboxDemo.teamId, name: "Customer import", schemaIds: [Seeded.contactsSchemaId])
            ).createEmbed?.embed)
            #expect(embed.name == "Customer import" && embed.archived == false)
            #expect(embed.schemas?.map(\.name) == ["Contacts"])
            #expect(embed.privateKeyId != nil)

            let updated = try #require(try await client.fetch(
                UpdateEmbedMutation(embedId: embed.id, schemaIds: [Seeded.contactsSchemaId, "203502"])).updateEmbed)
            #expect(updated.schemas?.map(\.name) == ["Contacts", "Products"])

            let found = try await client.fetch(GetEmbedsQuery(teamId: SandboxDemo.teamId, search: "customer import"))
            let listed = try #require(found.getEmbeds?.data?.first)
            #expect(listed.id == embed.id)
            #expect(listed.schemas?.map(\.id) == [Seeded.contactsSchemaId, "203502"])
        }
    }
}
