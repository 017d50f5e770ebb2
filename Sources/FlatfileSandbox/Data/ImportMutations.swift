import Foundation
import GraphQL

/// Changes to imports: batches, uploads, record states and cell edits.
extension SandboxData {
    /// A new batch in a new workspace of the caller's default environment, following the environment's first
    /// active template.
    mutating func initializeEmptyBatch(importedFromURL: String, synced: Bool?, scope: AccessScope)
        throws(SandboxDataError) -> BatchRecord
    {
        let environment = try defaultEnvironment(team: SandboxDemo.teamId, in: scope)
        guard let template = templates.first(where: { $0.environmentId == environment.id && !$0.archived }) else {
            throw .badInput("The \(environment.name) environment has no active schema to import into; create one first")
        }
        return createBatch(template: template, workspaceId: nil, importedFromURL: importedFromURL)
    }

    mutating func initializeBatchAndUpload(
        templateId: Int?, fileType: String, fileSize: Int, fileName: String, workspaceId: String?, batchId: String?,
        scope: AccessScope
    ) throws(SandboxDataError) -> (batch: BatchRecord, upload: UploadRecord) {
        guard fileSize >= 0 else { throw .badInput("fileSize must be 0 or more bytes, got \(fileSize)") }
        guard !fileName.isEmpty else { throw .badInput("fileName must not be empty") }
        let batch: BatchRecord
        if let batchId {
            let index = try visibleBatchIndex(batchId, in: scope)
            setStatus(.uploading, ofBatchAt: index)
            batch = batches[index]
        } else {
            let template: TemplateRecord
            if let templateId {
                template = templates[try visibleTemplateIndex(templateId, in: scope)]
            } else {
                let environment = try defaultEnvironment(team: SandboxDemo.teamId, in: scope)
                guard let first = templates.first(where: { $0.environmentId == environment.id && !$0.archived }) else {
                    throw .badInput("Pass schemaId: the \(environment.name) environment has no active schema")
                }
                template = first
            }
            if let workspaceId {
                let workspace = workspaces[try visibleWorkspaceIndex(workspaceId, in: scope)]
                guard workspace.environmentId == template.environmentId else {
                    throw .badInput("Workspace \"\(workspaceId)\" and schema \(template.id) belong to different environments")
                }
            }
            batch = createBatch(template: template, workspaceId: workspaceId, importedFromURL: nil)
        }
        let upload = UploadRecord(
            id: generator.uuid(), batchId: batch.id, status: "pending", fileName: fileName, fileType: fileType,
            fileSize: fileSize, receivedBytes: nil)
        uploads.append(upload)
        return (batch, upload)
    }

    mutating func updateUploadStatus(uploadId: String, status: String, scope: AccessScope) throws(SandboxDataError)
        -> UploadRecord
    {
        guard let index = uploads.firstIndex(where: { $0.id == uploadId }) else { throw .notFound("Upload", uploadId) }
        _ = try visibleBatchIndex(uploads[index].batchId, in: scope)
        guard !status.isEmpty else { throw .badInput("status must not be empty; Flatfile's clients send \"uploaded\"") }
        uploads[index].status = status
        if status == "uploaded", let batch = batchIndex(uploads[index].batchId) {
            setStatus(.evaluate, ofBatchAt: batch)
        }
        return uploads[index]
    }

    /// Records the bytes sent to an upload's URL. The URL itself is the credential, as with a pre-signed URL.
    mutating func receiveUpload(id: String, byteCount: Int) throws(SandboxDataError) {
        guard let index = uploads.firstIndex(where: { $0.id == id }) else { throw .notFound("Upload", id) }
        uploads[index].receivedBytes = byteCount
    }

    private mutating func createBatch(template: TemplateRecord, workspaceId: String?, importedFromURL: String?)
        -> BatchRecord
    {
        let workspaceIndex: Int
        if let workspaceId, let existing = workspaces.firstIndex(where: { $0.id == workspaceId }) {
            workspaceIndex = existing
        } else {
            workspaces.append(
                WorkspaceRecord(
                    id: generator.uuid(), teamId: template.teamId, environmentId: template.environmentId,
                    workbookId: generator.uuid(), sheetTemplateIds: [], environmentValues: .dictionary([:])))
            workspaceIndex = workspaces.count - 1
        }
        if !workspaces[workspaceIndex].sheetTemplateIds.contains(template.id) {
            workspaces[workspaceIndex].sheetTemplateIds.append(template.id)
        }
        let licenseKey = licenseKeys.first { $0.value == template.teamId }?.key ?? SandboxDemo.licenseKey
        let batch = BatchRecord(
            id: generator.uuid(), status: "evaluate", workspaceId: workspaces[workspaceIndex].id, licenseKey: licenseKey,
            endUserId: nil, templateId: template.id, createdAt: Int(Date().timeIntervalSince1970),
            importedFromURL: importedFromURL)
        batches.insert(batch, at: 0)
        rowIdsByBatch[batch.id] = []
        return batch
    }

    /// Sets the review state of the chosen rows of one sheet; returns the job id (the job is already done).
    mutating func queueUpdateRecordStatus(
        workbookId: String, templateId: Int, state: String, rowIds: [Int]?, filter: Map?, scope: AccessScope
    ) throws(SandboxDataError) -> String {
        guard let newStatus = RowStatus(rawValue: state) else {
            throw .badInput(
                "validationState \"\(state)\" is not a record state; use one of "
                    + RowStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let (valid, status) = try Self.rowFilter(filter)
        guard rowIds != nil || filter != nil else {
            throw .badInput("Pass rowIds, or a filter such as {\"valid\": false}, to choose the records to change")
        }
        let sheetRows = try workbookRows(
            templateId: templateId, workbookId: workbookId, valid: valid, status: status, scope: scope)
        var chosen = Set(sheetRows.map(\.id))
        if let rowIds {
            let unknown = rowIds.filter { !chosen.contains($0) }
            if let first = unknown.first, filter == nil {
                throw .notFound("Record", String(first))
            }
            chosen.formIntersection(rowIds)
        }
        for id in chosen {
            rows[id - 1].status = newStatus
        }
        if newStatus == .submitted, let workspace = workspaces.first(where: { $0.workbookId == workbookId }) {
            for index in batches.indices
            where batches[index].workspaceId == workspace.id && batches[index].templateId == templateId {
                setStatus(.submitted, ofBatchAt: index)
            }
        }
        queuedJobs += 1
        return String(queuedJobs)
    }

    /// The statuses an import moves through in the sandbox (Flatfile's clients see `evaluate`, `submitted` and
    /// `cancelled`; `uploading` stands for a file on its way): a file started into an existing batch makes it
    /// `uploading`, the upload marked `uploaded` makes it `evaluate` again, and submitting the records of its sheet
    /// makes it `submitted`. `batchStatusUpdated` subscribers see each change.
    enum BatchStatus: String {
        case uploading, evaluate, submitted
    }

    /// Sets a batch's status and records the change for the store to publish; setting the same status is no change.
    private mutating func setStatus(_ status: BatchStatus, ofBatchAt index: Int) {
        guard batches[index].status != status.rawValue else { return }
        batches[index].status = status.rawValue
        batchStatusChanges.append(batches[index])
    }

    /// Reads a `queueUpdateRecordStatus` filter: `{"valid": Bool}` and/or `{"status": String}`.
    private static func rowFilter(_ filter: Map?) throws(SandboxDataError) -> (valid: Bool?, status: RowStatus?) {
        guard let filter, !filter.isNull else { return (nil, nil) }
        guard let entries = filter.dictionary else {
            throw .badInput("filter must be an object such as {\"valid\": false} or {\"status\": \"review\"}")
        }
        var valid: Bool?
        var status: RowStatus?
        for (key, value) in entries {
            switch key {
            case "valid":
                guard let flag = value.bool else { throw .badInput("filter.valid must be true or false") }
                valid = flag
            case "status":
                guard let name = value.string, let parsed = RowStatus(rawValue: name) else {
                    throw .badInput("filter.status must be one of " + RowStatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                status = parsed
            default:
                throw .badInput("filter key \"\(key)\" is not supported; use \"valid\" or \"status\"")
            }
        }
        return (valid, status)
    }

    /// Applies record edits in the Flatfile SDK's shape, `{"_id": n, "data": {key: value}, "messages"?: [...]}`
    /// (`cells` is accepted for `data` too), and re-checks the changed rows.
    mutating func updateWorkbookRows(edits: [Map], batchId: String?, scope: AccessScope) throws(SandboxDataError)
        -> [RowRecord]
    {
        let parsed = try edits.enumerated().map { index, edit throws(SandboxDataError) in
            try RecordEdit(edit, index: index)
        }
        let allowedBatch = try batchId.map { id throws(SandboxDataError) in batches[try visibleBatchIndex(id, in: scope)].id }
        // Check every edit before changing anything, so a bad edit changes nothing.
        for edit in parsed {
            guard edit.rowId >= 1, edit.rowId <= rows.count, let batchIndex = batchIndex(rows[edit.rowId - 1].batchId),
                canSee(batches[batchIndex], in: scope), allowedBatch == nil || rows[edit.rowId - 1].batchId == allowedBatch
            else { throw .notFound("Record", String(edit.rowId)) }
        }
        return parsed.map { edit in
            let index = edit.rowId - 1
            for (key, value) in edit.cells {
                rows[index].cells[key] = value
            }
            let checks = fields(ofBatch: rows[index].batchId).messages(for: rows[index].cells, keepingNotesOf: rows[index].messages)
            rows[index].messages = checks + edit.messages.filter { !checks.contains($0) }
            return rows[index]
        }
    }

    func fields(ofBatch batchId: String) -> [TemplateField] {
        batchIndex(batchId).flatMap { template(batches[$0].templateId)?.fields } ?? []
    }

    mutating func updateWorkspaceEnvironment(workspaceId: String, values: Map, scope: AccessScope)
        throws(SandboxDataError)
    {
        let index = try visibleWorkspaceIndex(workspaceId, in: scope)
        guard values.dictionary != nil else { throw .badInput("env must be a JSON object such as {\"region\": \"eu\"}") }
        workspaces[index].environmentValues = values
    }
}

/// One element of `updateWorkbookRows(edits:)`.
private struct RecordEdit {
    let rowId: Int
    let cells: [String: CellValue]
    /// Messages the client adds, e.g. from its own checks: `[{"error": "warn", "key": "email", "message": "…"}]`.
    let messages: [RowMessage]

    init(_ edit: Map, index: Int) throws(SandboxDataError) {
        let shape = "edits[\(index)] must be an object {\"_id\": <record number>, \"data\": {<field key>: <value>}}"
        guard let object = edit.dictionary, let id = object["_id"]?.int,
            let cellMap = (object["data"] ?? object["cells"])?.dictionary
        else { throw .badInput(shape) }
        var cells: [String: CellValue] = [:]
        for (key, value) in cellMap {
            guard let cell = CellValue(value) else {
                throw .badInput("edits[\(index)].data.\(key) must be a string, number, boolean or null")
            }
            cells[key] = cell
        }
        var messages: [RowMessage] = []
        for (position, message) in (object["messages"]?.array ?? []).enumerated() {
            guard let levelName = message["error"].string ?? message["level"].string,
                let level = MessageLevel(rawValue: levelName), let key = message["key"].string,
                let text = message["message"].string
            else {
                throw .badInput(
                    "edits[\(index)].messages[\(position)] must be {\"error\": \"error\" | \"warn\" | \"info\", \"key\": String, \"message\": String}")
            }
            messages.append(RowMessage(level: level, key: key, message: text))
        }
        rowId = id
        self.cells = cells
        self.messages = messages
    }
}

extension CellValue {
    init?(_ map: Map) {
        switch map {
        case .null, .undefined: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number.doubleValue)
        case .string(let text): self = .string(text)
        case .array, .dictionary: return nil
        }
    }

    var map: Map {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? .number(Number(Int(number))) : .number(Number(number))
        case .string(let text): .string(text)
        }
    }
}
