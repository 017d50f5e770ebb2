import FlatfileSandbox
import Foundation
import Testing

@Suite("Every query of the bundled schema answers from the seeded account")
struct QueryTests {
    static let licenseKey = SandboxDemo.licenseKey

    @Test func getBatchesListsTheLicenseKeysBatchesInMixedStatuses() async throws {
        try await withSandbox { sandbox in
            let data = try await sandbox.data(
                "query($key: String!) { getBatches(licenseKey: $key, take: 100) { data { id status workspaceId } pagination { totalCount onPage nextOffset } } }",
                variables: ["key": Self.licenseKey])
            let batches = try #require(value(data, "getBatches", "data") as? [[String: Any]])
            #expect(batches.count == 48)
            #expect(value(data, "getBatches", "pagination", "totalCount") as? Int == 48)
            #expect(value(data, "getBatches", "pagination", "nextOffset") is NSNull)
            let statuses = Set(batches.compactMap { $0["status"] as? String })
            #expect(statuses == ["evaluate", "submitted", "cancelled"])
            #expect(Set(batches.compactMap { $0["id"] as? String }).count == 48)
        }
    }

    @Test func getBatchesOfAnUnknownLicenseKeyIsANotFoundError() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL(#"{ getBatches(licenseKey: "nope") { data { id } } }"#)
            let error = try #require((try reply.json()["errors"] as? [[String: Any]])?.first)
            #expect(value(error, "extensions", "code") as? String == "NOT_FOUND")
            #expect(value(error, "path", "0") as? String == "getBatches")
        }
    }

    @Test func getBatchReadsOneBatch() async throws {
        try await withSandbox { sandbox in
            let listed = try await firstBatch(sandbox)
            let data = try await sandbox.data(
                "query($id: UUID!) { getBatch(batchId: $id) { id status workspaceId } }", variables: ["id": listed["id"] ?? ""])
            #expect(value(data, "getBatch", "id") as? String == listed["id"])
            #expect(value(data, "getBatch", "status") as? String == listed["status"])
            #expect(value(data, "getBatch", "workspaceId") as? String == listed["workspaceId"])
        }
    }

    @Test func getFinalDatabaseViewReturnsFlatfileRowsWithValidAndInvalidCells() async throws {
        try await withSandbox { sandbox in
            let data = try await sandbox.data("{ getFinalDatabaseView(limit: 25000) { rows totalRows } }")
            #expect(value(data, "getFinalDatabaseView", "totalRows") as? Int == 25_000)
            let rows = try #require(value(data, "getFinalDatabaseView", "rows") as? [[String: Any]])
            #expect(rows.count == 25_000)
            let invalid = rows.filter { $0["valid"] as? Bool == false }
            #expect(!invalid.isEmpty && invalid.count < rows.count / 3)
            for row in invalid.prefix(50) {
                let info = try #require(row["info"] as? [[String: Any]])
                #expect(info.contains { $0["level"] as? String == "error" }, "an invalid row has an error message")
            }
            let levels = Set(rows.flatMap { ($0["info"] as? [[String: Any]] ?? []).compactMap { $0["level"] as? String } })
            #expect(levels == ["error", "warn", "info"])
            let statuses = Set(rows.compactMap { $0["status"] as? String })
            #expect(statuses == ["review", "dismissed", "accepted", "submitted"])
            let first = try #require(rows.first)
            #expect(first["id"] as? Int == 1)
            #expect(first["data"] is [String: Any])
        }
    }

    @Test func getFinalDatabaseViewFiltersByBatchAndStatus() async throws {
        try await withSandbox { sandbox in
            let batch = try await firstBatch(sandbox)
            let query = "query($b: UUID, $s: String) { getFinalDatabaseView(batchId: $b, limit: 100000, status: $s) { rows totalRows } }"
            let all = try await sandbox.data(query, variables: ["b": batch["id"] ?? ""])
            let accepted = try await sandbox.data(query, variables: ["b": batch["id"] ?? "", "s": "accepted"])
            let allRows = try #require(value(all, "getFinalDatabaseView", "rows") as? [[String: Any]])
            let acceptedRows = try #require(value(accepted, "getFinalDatabaseView", "rows") as? [[String: Any]])
            #expect(value(all, "getFinalDatabaseView", "totalRows") as? Int == allRows.count)
            #expect(acceptedRows.count == allRows.filter { $0["status"] as? String == "accepted" }.count)
            #expect(acceptedRows.allSatisfy { $0["status"] as? String == "accepted" })
        }
    }

    @Test func getSchemasListsATeamsTemplates() async throws {
        try await withSandbox { sandbox in
            let data = try await sandbox.data(
                "query($env: UUID) { getSchemas(teamId: 1001, environmentId: $env, archived: false) { data { id name archived environmentId } pagination { totalCount } } }",
                variables: ["env": SandboxDemo.environmentId])
            let schemas = try #require(value(data, "getSchemas", "data") as? [[String: Any]])
            #expect(schemas.count == 9, "12 templates in development, 3 of them archived")
            #expect(schemas.contains { $0["name"] as? String == "Contacts" })
            #expect(schemas.allSatisfy { $0["archived"] as? Bool == false && $0["environmentId"] as? String == SandboxDemo.environmentId })
            #expect(schemas.allSatisfy { Int($0["id"] as? String ?? "") != nil }, "template ids are numeric strings")
        }
    }

    @Test func getEmbedsListsPortalsWithTheirKeysAndTemplates() async throws {
        try await withSandbox { sandbox in
            let data = try await sandbox.data(
                #"{ getEmbeds(teamId: "1001", search: "portal") { data { id name schemas { id name } privateKey { id scope key } privateKeyId teamId team { name } } pagination { totalCount offset onPage } } }"#)
            let embeds = try #require(value(data, "getEmbeds", "data") as? [[String: Any]])
            #expect(embeds.count == 7)
            let first = try #require(embeds.first)
            #expect(value(first, "privateKey", "scope") as? String == "all")
            #expect((value(first, "privateKey", "key") as? String)?.isEmpty == false)
            #expect(value(first, "privateKey", "id") as? String == first["privateKeyId"] as? String)
            #expect((first["schemas"] as? [[String: Any]])?.count == 1)
            #expect(value(first, "team", "name") as? String == "Sandbox Demo")
        }
    }

    @Test func getWorkspaceShowsItsWorkbookAndSheets() async throws {
        try await withSandbox { sandbox in
            let batch = try await firstBatch(sandbox)
            let data = try await sandbox.data(
                "query($id: UUID!) { getWorkspace(workspaceId: $id) { id primaryWorkbookId primaryWorkbook { id sheets { schemaId } } } }",
                variables: ["id": batch["workspaceId"] ?? ""])
            #expect(value(data, "getWorkspace", "id") as? String == batch["workspaceId"])
            #expect(value(data, "getWorkspace", "primaryWorkbookId") as? String == value(data, "getWorkspace", "primaryWorkbook", "id") as? String)
            let sheets = try #require(value(data, "getWorkspace", "primaryWorkbook", "sheets") as? [[String: Any]])
            #expect(!sheets.isEmpty && sheets.allSatisfy { $0["schemaId"] is Int })
        }
    }

    @Test func fetchRowsWithSchemaReturnsInvalidRecordsWithTheirValidations() async throws {
        try await withSandbox { sandbox in
            let sheet = try await firstSheet(sandbox)
            let data = try await sandbox.data(
                "query($s: Int!, $w: String!) { fetchRowsWithSchema(schemaId: $s, workbookId: $w, limit: 20, filter: \"invalid\") { rows { _id status cells validations { error key message } } } }",
                variables: ["s": sheet.schemaId, "w": sheet.workbookId])
            let rows = try #require(value(data, "fetchRowsWithSchema", "rows") as? [[String: Any]])
            #expect(rows.count == 20)
            for row in rows {
                let validations = try #require(row["validations"] as? [[String: Any]])
                #expect(validations.contains { $0["error"] as? String == "error" })
                #expect(row["cells"] is [String: Any])
            }
        }
    }

    @Test func everyRootFieldOfTheBundledSchemaResolves() async throws {
        try await withSandbox { sandbox in
            let data = try await sandbox.data(
                "{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { name } } }")
            let queries = (value(data, "__schema", "queryType", "fields") as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            let mutations = (value(data, "__schema", "mutationType", "fields") as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(queries) == Set(QueryCoverage.queries), "each query has a test in this suite")
            #expect(Set(mutations) == Set(QueryCoverage.mutations), "each mutation has a test in MutationTests")
            #expect(value(data, "__schema", "subscriptionType", "name") as? String == "Subscription")
        }
    }

    /// The first batch of the demo license key: id, status, workspaceId.
    func firstBatch(_ sandbox: SandboxServer) async throws -> [String: String] {
        let data = try await sandbox.data(
            "{ getBatches(licenseKey: \"\(Self.licenseKey)\", take: 1) { data { id status workspaceId } } }")
        return try #require(value(data, "getBatches", "data", "0") as? [String: String])
    }

    func firstSheet(_ sandbox: SandboxServer) async throws -> (schemaId: Int, workbookId: String) {
        let batch = try await firstBatch(sandbox)
        let data = try await sandbox.data(
            "query($id: UUID!) { getWorkspace(workspaceId: $id) { primaryWorkbookId primaryWorkbook { sheets { schemaId } } } }",
            variables: ["id": batch["workspaceId"] ?? ""])
        return (
            try #require(value(data, "getWorkspace", "primaryWorkbook", "sheets", "0", "schemaId") as? Int),
            try #require(value(data, "getWorkspace", "primaryWorkbookId") as? String)
        )
    }
}

/// The root fields the tests cover, compared with the served schema so a new field without a test fails.
enum QueryCoverage {
    static let queries = [
        "getBatches", "getBatch", "getFinalDatabaseView", "getSchemas", "getEmbeds", "getWorkspace", "fetchRowsWithSchema",
    ]
    static let mutations = [
        "initializeEmptyBatch", "preflightBatch", "queueUpdateRecordStatus", "updateWorkbookRows",
        "updateWorkspaceEnvironment", "initializeBatchAndUpload", "updateUploadStatus", "createSchema", "updateSchema",
        "upsertSchema", "createEmbed", "updateEmbed", "upsertEmbed", "createDataHook", "updateDataHook", "upsertDataHook",
        "createDeployment", "updateDeployment", "editTeam",
    ]
}
