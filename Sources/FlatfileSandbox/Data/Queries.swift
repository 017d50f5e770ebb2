/// The read side of the account: pure functions over a snapshot, so requests never wait on each other.
extension SandboxData {
    func batches(licenseKey: String, workspaceId: String?, endUserId: String?, search: String?, scope: AccessScope)
        throws(SandboxDataError) -> [BatchRecord]
    {
        guard licenseKeys[licenseKey] != nil else {
            throw .notFound("License key", licenseKey)
        }
        let needle = search?.lowercased()
        return batches.filter { batch in
            batch.licenseKey == licenseKey && canSee(batch, in: scope)
                && (workspaceId == nil || batch.workspaceId == workspaceId)
                && (endUserId == nil || batch.endUserId == endUserId)
                && (needle == nil || needle!.isEmpty || batch.id.contains(needle!) || batch.workspaceId.contains(needle!))
        }
    }

    /// Rows in id order: one batch's, or every visible batch's when `batchId` is nil.
    func rows(batchId: String?, status: RowStatus?, scope: AccessScope) throws(SandboxDataError) -> [RowRecord] {
        let selected: [RowRecord]
        if let batchId {
            let batch = batches[try visibleBatchIndex(batchId, in: scope)]
            selected = (rowIdsByBatch[batch.id] ?? []).map { rows[$0 - 1] }
        } else {
            let visible = Set(batches.filter { canSee($0, in: scope) }.map(\.id))
            selected = visible.count == batches.count ? rows : rows.filter { visible.contains($0.batchId) }
        }
        guard let status else { return selected }
        return selected.filter { $0.status == status }
    }

    /// The rows of one sheet (template) of a workbook, optionally only valid or only invalid ones.
    func workbookRows(templateId: Int, workbookId: String, valid: Bool?, status: RowStatus?, scope: AccessScope)
        throws(SandboxDataError) -> [RowRecord]
    {
        let workspace = workspaces[try visibleWorkbookIndex(workbookId, in: scope)]
        guard workspace.sheetTemplateIds.contains(templateId) else {
            throw .notFound("Sheet for schema", String(templateId))
        }
        let batchIds = batches.filter { $0.workspaceId == workspace.id && $0.templateId == templateId }.map(\.id)
        return batchIds.flatMap { rowIdsByBatch[$0] ?? [] }.sorted().map { rows[$0 - 1] }.filter { row in
            (valid == nil || row.valid == valid) && (status == nil || row.status == status)
        }
    }

    func templates(teamId: String, environmentId: String?, archived: Bool?, search: String?, scope: AccessScope)
        throws(SandboxDataError) -> [TemplateRecord]
    {
        _ = try visibleTeam(teamId, in: scope)
        return templates.filter { template in
            template.teamId == teamId && scope.allows(environment: template.environmentId)
                && matches(environmentId: environmentId, template.environmentId)
                && (archived == nil || template.archived == archived)
                && Self.matches(search: search, template.name)
        }
    }

    func embeds(teamId: String, environmentId: String?, archived: Bool?, search: String?, scope: AccessScope)
        throws(SandboxDataError) -> [EmbedRecord]
    {
        _ = try visibleTeam(teamId, in: scope)
        return embeds.filter { embed in
            embed.teamId == teamId && scope.allows(environment: embed.environmentId)
                && matches(environmentId: environmentId, embed.environmentId)
                && (archived == nil || embed.archived == archived)
                && Self.matches(search: search, embed.name)
        }
    }

    private func matches(environmentId wanted: String?, _ actual: String) -> Bool {
        wanted == nil || wanted == actual
    }

    private static func matches(search: String?, _ name: String) -> Bool {
        guard let search, !search.isEmpty else { return true }
        return name.localizedCaseInsensitiveContains(search)
    }
}
