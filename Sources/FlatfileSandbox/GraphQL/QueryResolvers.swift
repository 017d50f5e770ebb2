import GraphQL

/// The root fields' resolvers, by field name.
enum Resolvers {
    /// Page sizes: defaults when the caller names none, and the largest page a list query returns.
    static let defaultListLimit = 50
    static let maximumListLimit = 1_000
    static let defaultSheetLimit = 1_000

    static let query: [String: RootResolver] = [
        "getBatches": { arguments, context in
            let data = context.store.snapshot()
            let window = try arguments.window(
                offset: "skip", limit: "take", defaultLimit: defaultListLimit, maximumLimit: maximumListLimit)
            let batches = try data.batches(
                licenseKey: arguments.requiredString("licenseKey"), workspaceId: arguments.string("workspaceId"),
                endUserId: arguments.string("endUserId"), search: arguments.string("search"), scope: context.scope)
            return Page(batches, offset: window.offset, limit: window.limit).listObject(data.output)
        },

        "getBatch": { arguments, context in
            let data = context.store.snapshot()
            return data.output(data.batches[try data.visibleBatchIndex(arguments.requiredString("batchId"), in: context.scope)])
        },

        "getFinalDatabaseView": { arguments, context in
            let data = context.store.snapshot()
            let window = try arguments.window(offset: "skip", limit: "limit", defaultLimit: 1_000, maximumLimit: nil)
            let rows = try data.rows(
                batchId: arguments.string("batchId"), status: arguments.rowStatus("status"), scope: context.scope)
            let page = Page(rows, offset: window.offset, limit: window.limit)
            let orders = data.fieldOrders()
            let outputs = page.items.map { data.databaseViewRow($0, fieldOrder: orders[$0.batchId] ?? []) }
            let cells = zip(page.items, outputs).map { row, output in (row.valid, output["data"]) }
            return object([
                "rows": Map.array(outputs),
                "totalRows": page.total,
                "validData": Map.array(cells.filter(\.0).map(\.1)),
                "invalidData": Map.array(cells.filter { !$0.0 }.map(\.1)),
            ])
        },

        "getSchemas": { arguments, context in
            let data = context.store.snapshot()
            let window = try arguments.window(
                offset: "offset", limit: "limit", defaultLimit: defaultListLimit, maximumLimit: maximumListLimit)
            let templates = try data.templates(
                teamId: arguments.requiredString("teamId"), environmentId: arguments.string("environmentId"),
                archived: arguments.bool("archived"), search: arguments.string("search"), scope: context.scope)
            return Page(templates, offset: window.offset, limit: window.limit).listObject(data.output)
        },

        "getEmbeds": { arguments, context in
            let data = context.store.snapshot()
            let window = try arguments.window(
                offset: "offset", limit: "limit", defaultLimit: defaultListLimit, maximumLimit: maximumListLimit)
            let embeds = try data.embeds(
                teamId: arguments.requiredString("teamId"), environmentId: arguments.string("environmentId"),
                archived: arguments.bool("archived"), search: arguments.string("search"), scope: context.scope)
            return Page(embeds, offset: window.offset, limit: window.limit).listObject(data.output)
        },

        "getWorkspace": { arguments, context in
            let data = context.store.snapshot()
            let index = try data.visibleWorkspaceIndex(arguments.requiredString("workspaceId"), in: context.scope)
            return data.output(data.workspaces[index])
        },

        "fetchRowsWithSchema": { arguments, context in
            let data = context.store.snapshot()
            let window = try arguments.window(
                offset: "skip", limit: "limit", defaultLimit: defaultSheetLimit, maximumLimit: nil)
            let valid: Bool?
            switch arguments.string("filter") {
            case nil: valid = nil
            case "valid": valid = true
            case "invalid": valid = false
            case let other?: throw SandboxDataError.badInput("filter \"\(other)\" is not supported; use \"valid\" or \"invalid\"")
            }
            let rows = try data.workbookRows(
                templateId: arguments.requiredInt("schemaId"), workbookId: arguments.requiredString("workbookId"),
                valid: valid, status: arguments.rowStatus("status"), scope: context.scope)
            let page = Page(rows, offset: window.offset, limit: window.limit)
            let orders = data.fieldOrders()
            return object(["rows": page.items.map { data.workbookRow($0, fieldOrder: orders[$0.batchId] ?? []) }])
        },
    ]
}
