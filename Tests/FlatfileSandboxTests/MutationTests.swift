import FlatfileSandbox
import Foundation
import Testing

@Suite("Every mutation changes the account, and later queries see the change")
struct MutationTests {
    let queries = QueryTests()

    @Test func queueUpdateRecordStatusChangesTheChosenRecords() async throws {
        try await withSandbox { sandbox in
            let sheet = try await queries.firstSheet(sandbox)
            let fetch = "query($s: Int!, $w: String!, $st: String) { fetchRowsWithSchema(schemaId: $s, workbookId: $w, status: $st, limit: 100000) { rows { _id status } } }"
            let before = try await sandbox.data(fetch, variables: ["s": sheet.schemaId, "w": sheet.workbookId, "st": "review"])
            let ids = Array((value(before, "fetchRowsWithSchema", "rows") as? [[String: Any]] ?? []).compactMap { $0["_id"] as? Int }.prefix(3))
            try #require(ids.count == 3)
            let job = try await sandbox.data(
                "mutation($w: String!, $s: Int!, $ids: [Int!]) { queueUpdateRecordStatus(workbookId: $w, schemaId: $s, validationState: \"accepted\", rowIds: $ids) { id } }",
                variables: ["w": sheet.workbookId, "s": sheet.schemaId, "ids": ids])
            #expect(value(job, "queueUpdateRecordStatus", "id") is String)
            let after = try await sandbox.data(fetch, variables: ["s": sheet.schemaId, "w": sheet.workbookId, "st": "accepted"])
            let accepted = Set((value(after, "fetchRowsWithSchema", "rows") as? [[String: Any]] ?? []).compactMap { $0["_id"] as? Int })
            #expect(accepted.isSuperset(of: ids))
        }
    }

    @Test func queueUpdateRecordStatusRefusesAnUnknownState() async throws {
        try await withSandbox { sandbox in
            let sheet = try await queries.firstSheet(sandbox)
            let reply = try await sandbox.graphQL(
                "mutation($w: String!, $s: Int!) { queueUpdateRecordStatus(workbookId: $w, schemaId: $s, validationState: \"approved\", rowIds: [1]) { id } }",
                variables: ["w": sheet.workbookId, "s": sheet.schemaId])
            let error = try #require((try reply.json()["errors"] as? [[String: Any]])?.first)
            #expect(value(error, "extensions", "code") as? String == "BAD_USER_INPUT")
            #expect((error["message"] as? String)?.contains("review, dismissed, accepted, submitted") == true)
        }
    }

    @Test func updateWorkbookRowsFixesACellAndRevalidates() async throws {
        // The edit shape of Flatfile's SDK (RecordMutation.toGraphQLEdits): {_id, data, messages}.
        try await withSandbox { sandbox in
            // Find an invalid Contacts row whose email is wrong.
            let view = try await sandbox.data("{ getFinalDatabaseView(limit: 25000) { rows } }")
            let rows = value(view, "getFinalDatabaseView", "rows") as? [[String: Any]] ?? []
            let broken = try #require(rows.first { row in
                (row["info"] as? [[String: Any]] ?? []).contains { $0["key"] as? String == "email" && $0["level"] as? String == "error" }
                    && (row["info"] as? [[String: Any]] ?? []).filter { $0["level"] as? String == "error" }.count == 1
            })
            let id = try #require(broken["id"] as? Int)
            let updated = try await sandbox.data(
                "mutation($edits: [JSON!]!) { updateWorkbookRows(edits: $edits) { rows { _id cells validations { error key message } } } }",
                variables: ["edits": [[
                    "_id": id, "data": ["email": "fixed@example.com"],
                    "messages": [["error": "warn", "key": "email", "message": "Checked by hand"]],
                ]]])
            let row = try #require(value(updated, "updateWorkbookRows", "rows", "0") as? [String: Any])
            #expect(value(row, "cells", "email") as? String == "fixed@example.com")
            let validations = row["validations"] as? [[String: Any]] ?? []
            #expect(!validations.contains { $0["error"] as? String == "error" })
            #expect(validations.contains { $0["message"] as? String == "Checked by hand" }, "client messages are kept")
            let after = try await sandbox.data("{ getFinalDatabaseView(limit: 25000) { rows } }")
            let reread = (value(after, "getFinalDatabaseView", "rows") as? [[String: Any]])?.first { $0["id"] as? Int == id }
            #expect(reread?["valid"] as? Bool == true)
        }
    }

    @Test func initializeEmptyBatchCreatesABatchThatPreflightAndGetBatchSee() async throws {
        try await withSandbox { sandbox in
            let created = try await sandbox.data(
                #"mutation { initializeEmptyBatch(importedFromUrl: "https://app.example.com", synced: true) { batchId workspaceId schemas { id } } }"#)
            let batchId = try #require(value(created, "initializeEmptyBatch", "batchId") as? String)
            let batch = try await sandbox.data("query($id: UUID!) { getBatch(batchId: $id) { status workspaceId } }", variables: ["id": batchId])
            #expect(value(batch, "getBatch", "status") as? String == "evaluate")
            #expect(value(batch, "getBatch", "workspaceId") as? String == value(created, "initializeEmptyBatch", "workspaceId") as? String)
            let preflight = try await sandbox.data(
                "mutation($id: String!) { preflightBatch(batchId: $id) { schemas { id } workbookId workspaceId } }", variables: ["id": batchId])
            #expect(value(preflight, "preflightBatch", "workspaceId") as? String == value(created, "initializeEmptyBatch", "workspaceId") as? String)
            #expect(value(preflight, "preflightBatch", "workbookId") is String)
            #expect(value(preflight, "preflightBatch", "schemas", "0", "id") as? String == value(created, "initializeEmptyBatch", "schemas", "0", "id") as? String)
            let list = try await sandbox.data("{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\") { pagination { totalCount } data { id } } }")
            #expect(value(list, "getBatches", "pagination", "totalCount") as? Int == 49)
            #expect(value(list, "getBatches", "data", "0", "id") as? String == batchId, "newest first")
        }
    }

    @Test func initializeBatchAndUploadThenUpdateUploadStatus() async throws {
        try await withSandbox { sandbox in
            let started = try await sandbox.data(
                #"mutation { initializeBatchAndUpload(fileType: "csv", fileSize: 1024, fileName: "contacts.csv") { signedUrl batch { id status } upload { id status } } }"#)
            let uploadId = try #require(value(started, "initializeBatchAndUpload", "upload", "id") as? String)
            #expect(value(started, "initializeBatchAndUpload", "upload", "status") as? String == "pending")
            let signedURL = try #require(URL(string: value(started, "initializeBatchAndUpload", "signedUrl") as? String ?? ""))
            #expect(signedURL.absoluteString.hasPrefix(sandbox.baseURL.absoluteString))
            let put = try await HTTP().send("PUT", signedURL, body: Data("email\nada@example.com\n".utf8), contentType: "text/csv")
            #expect(put.status == 200, "the signed URL accepts the file")
            let unknown = try await HTTP().send("PUT", sandbox.url("uploads/nope"), body: Data("x".utf8), contentType: "text/csv")
            #expect(unknown.status == 404)
            let updated = try await sandbox.data(
                "mutation($id: String!) { updateUploadStatus(uploadId: $id, status: \"uploaded\") { upload { id status } view { id status } } }",
                variables: ["id": uploadId])
            #expect(value(updated, "updateUploadStatus", "upload", "status") as? String == "uploaded")
            #expect(value(updated, "updateUploadStatus", "view", "status") as? String == "uploaded")
        }
    }

    @Test func updateWorkspaceEnvironmentAcceptsAnObjectOnly() async throws {
        try await withSandbox { sandbox in
            let workspaceId = try #require(try await queries.firstBatch(sandbox)["workspaceId"])
            let mutation = "mutation($id: UUID!, $env: JSON!) { updateWorkspaceEnvironment(workspaceId: $id, env: $env) { success } }"
            let done = try await sandbox.data(mutation, variables: ["id": workspaceId, "env": ["region": "eu"]])
            #expect(value(done, "updateWorkspaceEnvironment", "success") as? Bool == true)
            let refused = try await sandbox.graphQL(mutation, variables: ["id": workspaceId, "env": [1, 2]])
            #expect((try refused.json()["errors"] as? [[String: Any]])?.isEmpty == false)
        }
    }

    @Test func schemasAreCreatedUpdatedAndUpsertedBySlug() async throws {
        try await withSandbox { sandbox in
            let definition: [String: Any] = ["schema": ["type": "object", "properties": ["email": ["type": "string", "label": "Email", "format": "email"]], "required": ["email"]]]
            let created = try await sandbox.data(
                "mutation($def: JsonSchemaDto) { createSchema(teamId: 1001, name: \"Leads\", jsonSchema: $def) { id name archived environmentId } }",
                variables: ["def": definition])
            let id = try #require(value(created, "createSchema", "id") as? String)
            #expect(value(created, "createSchema", "environmentId") as? String == SandboxDemo.environmentId)
            let found = try await sandbox.data(#"{ getSchemas(teamId: 1001, search: "leads") { data { id } } }"#)
            #expect(value(found, "getSchemas", "data", "0", "id") as? String == id)

            let archived = try await sandbox.data("mutation($id: ID!) { updateSchema(schemaId: $id, archived: true) { id archived } }", variables: ["id": id])
            #expect(value(archived, "updateSchema", "archived") as? Bool == true)

            let upsert = "mutation($name: String) { upsertSchema(slug: \"leads-v2\", teamId: 1001, name: $name) { id slug environmentId } }"
            let first = try await sandbox.data(upsert, variables: ["name": "Leads v2"])
            let second = try await sandbox.data(upsert, variables: ["name": "Leads v2 renamed"])
            #expect(value(first, "upsertSchema", "id") as? String == value(second, "upsertSchema", "id") as? String)
            #expect(value(first, "upsertSchema", "slug") as? String == "leads-v2")

            let bad = try await sandbox.graphQL(
                "mutation { createSchema(teamId: 1001, name: \"Broken\", jsonSchema: { schema: { type: \"object\" } }) { id } }")
            #expect((value(try bad.json(), "errors", "0", "message") as? String)?.contains("properties") == true)
        }
    }

    @Test func embedsAreCreatedUpdatedAndUpsertedByName() async throws {
        try await withSandbox { sandbox in
            let schemas = try await sandbox.data(#"{ getSchemas(teamId: 1001, environmentId: "\#(SandboxDemo.environmentId)", archived: false, limit: 2) { data { id } } }"#)
            let schemaIds = (value(schemas, "getSchemas", "data") as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let created = try await sandbox.data(
                "mutation($ids: [ID!]) { createEmbed(teamId: 1001, schemaIds: $ids, name: \"Partner import\") { embed { id name schemas { id } privateKey { key } } } }",
                variables: ["ids": schemaIds])
            let embedId = try #require(value(created, "createEmbed", "embed", "id") as? String)
            #expect((value(created, "createEmbed", "embed", "schemas") as? [Any])?.count == 2)
            let listed = try await sandbox.data(#"{ getEmbeds(teamId: 1001, search: "partner import") { data { id } } }"#)
            #expect(value(listed, "getEmbeds", "data", "0", "id") as? String == embedId)

            let updated = try await sandbox.data(
                "mutation($id: UUID!, $ids: [ID!]) { updateEmbed(embedId: $id, schemaIds: $ids, archived: true) { id archived schemas { id } } }",
                variables: ["id": embedId, "ids": Array(schemaIds.prefix(1))])
            #expect(value(updated, "updateEmbed", "archived") as? Bool == true)
            #expect((value(updated, "updateEmbed", "schemas") as? [Any])?.count == 1)

            let upsert = "mutation($ids: [ID!]!, $env: UUID!) { upsertEmbed(name: \"CLI portal\", teamId: 1001, schemaIds: $ids, environmentId: $env, helpContent: \"Hi\") { embed { id team { id name } teamId privateKey { id } privateKeyId } privateKeyString } }"
            let first = try await sandbox.data(upsert, variables: ["ids": schemaIds, "env": SandboxDemo.environmentId])
            let second = try await sandbox.data(upsert, variables: ["ids": schemaIds, "env": SandboxDemo.environmentId])
            #expect(value(first, "upsertEmbed", "embed", "id") as? String == value(second, "upsertEmbed", "embed", "id") as? String)
            #expect((value(first, "upsertEmbed", "privateKeyString") as? String)?.isEmpty == false)
            #expect(value(first, "upsertEmbed", "embed", "team", "id") as? String == "1001")
        }
    }

    @Test func dataHooksAreCreatedUpdatedAndUpserted() async throws {
        try await withSandbox { sandbox in
            let schemas = try await sandbox.data(#"{ getSchemas(teamId: 1001, search: "Contacts", limit: 1) { data { id } } }"#)
            let schemaId = try #require(value(schemas, "getSchemas", "data", "0", "id") as? String)
            let created = try await sandbox.data("mutation($id: ID!) { createDataHook(schemaId: $id) { id deploymentState } }", variables: ["id": schemaId])
            let hookId = try #require(value(created, "createDataHook", "id") as? String)
            let fields = "schema { id } dataHook { id name description code packageJSON archived deploymentState lambdaARN createdAt updatedAt root { id } ancestor { id } }"
            let updated = try await sandbox.data(
                "mutation($id: UUID!) { updateDataHook(id: $id, name: \"Trim\", code: \"module.exports = x => x\", packageJSON: \"{}\") { \(fields) } }",
                variables: ["id": hookId])
            #expect(value(updated, "updateDataHook", "dataHook", "name") as? String == "Trim")
            #expect(value(updated, "updateDataHook", "dataHook", "deploymentState") as? String == "deployed")
            #expect(value(updated, "updateDataHook", "schema", "id") as? String == schemaId)

            let upsert = "mutation($id: String) { upsertDataHook(name: \"Trim\", schemaId: $id, description: \"upserted\") { \(fields) } }"
            let upserted = try await sandbox.data(upsert, variables: ["id": schemaId])
            #expect(value(upserted, "upsertDataHook", "dataHook", "id") as? String == hookId, "same name updates the hook")
            #expect(value(upserted, "upsertDataHook", "dataHook", "description") as? String == "upserted")

            let badPackage = try await sandbox.graphQL(
                "mutation($id: UUID!) { updateDataHook(id: $id, packageJSON: \"not json\") { dataHook { id } } }", variables: ["id": hookId])
            #expect((value(try badPackage.json(), "errors", "0", "message") as? String)?.contains("packageJSON") == true)
        }
    }

    @Test func deploymentsAreCreatedAndUpdated() async throws {
        try await withSandbox { sandbox in
            let created = try await sandbox.data(
                #"mutation { createDeployment(teamId: 1001, version: "1.0.0", name: "contacts", workbookSheets: {contacts: {}}, environment: "development") { id } }"#)
            let id = try #require(value(created, "createDeployment", "id") as? String)
            let updated = try await sandbox.data(
                "mutation($id: ID!) { updateDeployment(teamId: 1001, deploymentId: $id, workbookSheets: {}) { id } }", variables: ["id": id])
            #expect(value(updated, "updateDeployment", "id") as? String == id)
            let missing = try await sandbox.graphQL(#"mutation { updateDeployment(teamId: 1001, deploymentId: "999") { id } }"#)
            #expect(value(try missing.json(), "errors", "0", "extensions", "code") as? String == "NOT_FOUND")
        }
    }

    @Test func editTeamRenamesTheTeam() async throws {
        try await withSandbox { sandbox in
            let renamed = try await sandbox.data(#"mutation { editTeam(input: {id: "1001", name: "Renamed"}) { id name } }"#)
            #expect(value(renamed, "editTeam", "name") as? String == "Renamed")
            let embeds = try await sandbox.data(#"{ getEmbeds(teamId: 1001, limit: 1) { data { team { name } } } }"#)
            #expect(value(embeds, "getEmbeds", "data", "0", "team", "name") as? String == "Renamed")
        }
    }

    @Test func aSecretKeyCannotChangeAnotherEnvironment() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL(
                "mutation($env: UUID) { createSchema(teamId: 1001, name: \"Prod only\", environmentId: $env) { id } }",
                variables: ["env": SandboxDemo.productionEnvironmentId], bearer: SandboxDemo.secretKey)
            #expect(value(try reply.json(), "errors", "0", "extensions", "code") as? String == "NOT_FOUND")
        }
    }
}
