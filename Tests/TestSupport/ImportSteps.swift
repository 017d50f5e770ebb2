import FlatfileGraphQL

/// Why an import step against the sandbox did not go as the sandbox always answers.
package struct ImportStepFailure: Error, CustomStringConvertible {
    package var description: String
}

/// The import mutations that move a sandbox batch through its statuses: `uploading`, `evaluate`, `submitted`.
package enum ImportSteps {
    package struct Batch {
        package var id: String
        package var workbookId: String
        package var schemaId: Int
        package var uploadId: String?
    }

    package static func newBatch(_ client: GraphQLClient) async throws -> Batch {
        let created = try await data(client, #"mutation { initializeEmptyBatch(importedFromUrl: "https://app.example.com") { batchId } }"#)
        let id = try required(created["initializeEmptyBatch"]?["batchId"]?.stringValue)
        let preflight = try await data(client, "mutation { preflightBatch(batchId: \"\(id)\") { workbookId schemas { id } } }")
        return Batch(
            id: id, workbookId: try required(preflight["preflightBatch"]?["workbookId"]?.stringValue),
            schemaId: try required(preflight["preflightBatch"]?["schemas"]?[0]?["id"]?.stringValue.flatMap { Int($0) }))
    }

    /// `uploading`.
    @discardableResult
    package static func startUpload(into batch: Batch, with client: GraphQLClient) async throws -> Batch {
        let started = try await data(client, """
            mutation { initializeBatchAndUpload(batchId: "\(batch.id)", fileName: "rows.csv", fileType: "text/csv", fileSize: 10) { upload { id } } }
            """)
        var batch = batch
        batch.uploadId = try required(started["initializeBatchAndUpload"]?["upload"]?["id"]?.stringValue)
        return batch
    }

    /// `evaluate` (after `startUpload`).
    package static func markUploaded(_ batch: Batch, with client: GraphQLClient) async throws {
        let uploadId = try required(batch.uploadId, "startUpload(into:with:) first")
        _ = try await data(client, "mutation { updateUploadStatus(uploadId: \"\(uploadId)\", status: \"uploaded\") { upload { id } } }")
    }

    /// `submitted`.
    package static func submit(_ batch: Batch, with client: GraphQLClient) async throws {
        _ = try await data(client, """
            mutation { queueUpdateRecordStatus(workbookId: "\(batch.workbookId)", schemaId: \(batch.schemaId), validationState: "submitted", filter: {}) { id } }
            """)
    }

    package static func runAll(on batch: Batch, with client: GraphQLClient) async throws {
        let uploading = try await startUpload(into: batch, with: client)
        try await markUploaded(uploading, with: client)
        try await submit(uploading, with: client)
    }

    private static func required<Value>(_ value: Value?, _ what: String = "a value the sandbox always sends") throws -> Value {
        guard let value else { throw ImportStepFailure(description: "missing \(what)") }
        return value
    }

    private static func data(_ client: GraphQLClient, _ document: String) async throws -> JSONValue {
        let response = try await client.execute(document: document)
        guard response.errors.isEmpty else { throw ImportStepFailure(description: "\(document): \(response.errors)") }
        return try required(response.data)
    }
}
