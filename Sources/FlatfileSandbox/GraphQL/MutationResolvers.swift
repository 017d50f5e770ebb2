import GraphQL

extension Resolvers {
    static let mutation: [String: RootResolver] = [
        "initializeEmptyBatch": { arguments, context in
            let url = try arguments.requiredString("importedFromUrl")
            return try context.store.mutate { data in
                let batch = try data.initializeEmptyBatch(
                    importedFromURL: url, synced: arguments.bool("synced"), scope: context.scope)
                return object([
                    "batchId": batch.id, "workspaceId": batch.workspaceId,
                    "schemas": [object(["id": String(batch.templateId)])],
                ])
            }
        },

        "preflightBatch": { arguments, context in
            let data = context.store.snapshot()
            let batch = data.batches[try data.visibleBatchIndex(arguments.requiredString("batchId"), in: context.scope)]
            let workspace = data.workspace(batch.workspaceId)
            return object([
                "schemas": (workspace?.sheetTemplateIds ?? [batch.templateId]).map { object(["id": String($0)]) },
                "workbookId": workspace?.workbookId, "workspaceId": batch.workspaceId,
            ])
        },

        "queueUpdateRecordStatus": { arguments, context in
            let rowIds = arguments.list("rowIds")?.compactMap(\.int)
            return try context.store.mutate { data in
                let job = try data.queueUpdateRecordStatus(
                    workbookId: arguments.requiredString("workbookId"), templateId: arguments.requiredInt("schemaId"),
                    state: arguments.requiredString("validationState"), rowIds: rowIds, filter: arguments.json("filter"),
                    scope: context.scope)
                return object(["id": job])
            }
        },

        "updateWorkbookRows": { arguments, context in
            try context.store.mutate { data in
                let rows = try data.updateWorkbookRows(
                    edits: arguments.list("edits") ?? [], batchId: arguments.string("batchId"), scope: context.scope)
                let orders = data.fieldOrders()
                return object(["rows": rows.map { data.workbookRow($0, fieldOrder: orders[$0.batchId] ?? []) }])
            }
        },

        "updateWorkspaceEnvironment": { arguments, context in
            try context.store.mutate { data in
                try data.updateWorkspaceEnvironment(
                    workspaceId: arguments.requiredString("workspaceId"), values: arguments.json("env") ?? .null,
                    scope: context.scope)
                return object(["success": true])
            }
        },

        "initializeBatchAndUpload": { arguments, context in
            try context.store.mutate { data in
                let (batch, upload) = try data.initializeBatchAndUpload(
                    templateId: arguments.templateId("schemaId"), fileType: arguments.requiredString("fileType"),
                    fileSize: arguments.requiredInt("fileSize"), fileName: arguments.requiredString("fileName"),
                    workspaceId: arguments.string("workspaceId"), batchId: arguments.string("batchId"),
                    scope: context.scope)
                return object([
                    "signedUrl": "\(context.baseURL)/uploads/\(upload.id)", "batch": data.output(batch),
                    "upload": data.output(upload),
                ])
            }
        },

        "updateUploadStatus": { arguments, context in
            try context.store.mutate { data in
                let upload = try data.updateUploadStatus(
                    uploadId: arguments.requiredString("uploadId"), status: arguments.requiredString("status"),
                    scope: context.scope)
                return object(["upload": data.output(upload), "view": data.output(upload)])
            }
        },

        "createSchema": { arguments, context in
            try context.store.mutate { data in
                data.output(
                    try data.createTemplate(
                        teamId: arguments.requiredString("teamId"), name: arguments.requiredString("name"),
                        definition: arguments.json("jsonSchema")?["schema"], environmentId: arguments.string("environmentId"),
                        scope: context.scope))
            }
        },

        "updateSchema": { arguments, context in
            try context.store.mutate { data in
                data.output(
                    try data.updateTemplate(
                        id: arguments.requiredTemplateId("schemaId"), definition: arguments.json("jsonSchema")?["schema"],
                        archived: arguments.bool("archived"), scope: context.scope))
            }
        },

        "upsertSchema": { arguments, context in
            let upsert = SandboxData.TemplateUpsert(
                slug: arguments.string("slug"), teamId: try arguments.requiredString("teamId"),
                archived: arguments.bool("archived"), definition: arguments.json("jsonSchema")?["schema"],
                sheetCompute: arguments.json("sheetCompute"), name: arguments.string("name"),
                previewFieldKey: arguments.string("previewFieldKey"), deploymentId: arguments.string("deploymentId"),
                environment: arguments.string("environment"), code: arguments.string("code"))
            return try context.store.mutate { data in data.output(try data.upsertTemplate(upsert, scope: context.scope)) }
        },

        "createEmbed": { arguments, context in
            try context.store.mutate { data in
                let embed = try data.createEmbed(
                    teamId: arguments.requiredString("teamId"), environmentId: arguments.string("environmentId"),
                    templateIds: arguments.templateIds("schemaIds") ?? [], name: arguments.requiredString("name"),
                    scope: context.scope)
                return object(["embed": data.output(embed)])
            }
        },

        "updateEmbed": { arguments, context in
            try context.store.mutate { data in
                data.output(
                    try data.updateEmbed(
                        id: arguments.requiredString("embedId"), templateIds: arguments.templateIds("schemaIds"),
                        archived: arguments.bool("archived"), scope: context.scope))
            }
        },

        "upsertEmbed": { arguments, context in
            try context.store.mutate { data in
                let embed = try data.upsertEmbed(
                    name: arguments.requiredString("name"), teamId: arguments.requiredString("teamId"),
                    templateIds: arguments.templateIds("schemaIds") ?? [],
                    environmentId: arguments.requiredString("environmentId"), archived: arguments.bool("archived"),
                    helpContent: arguments.string("helpContent"), scope: context.scope)
                return object(["embed": data.output(embed), "privateKeyString": embed.privateKey.key])
            }
        },

        "createDataHook": { arguments, context in
            try context.store.mutate { data in
                data.output(try data.createDataHook(templateId: arguments.requiredTemplateId("schemaId"), scope: context.scope))
            }
        },

        "updateDataHook": { arguments, context in
            let changes = dataHookChanges(arguments)
            return try context.store.mutate { data in
                data.dataHookPayload(
                    try data.updateDataHook(id: arguments.requiredString("id"), changes: changes, scope: context.scope))
            }
        },

        "upsertDataHook": { arguments, context in
            let changes = dataHookChanges(arguments)
            return try context.store.mutate { data in
                data.dataHookPayload(
                    try data.upsertDataHook(
                        templateId: arguments.requiredTemplateId("schemaId"), changes: changes, scope: context.scope))
            }
        },

        "createDeployment": { arguments, context in
            let deployment = DeploymentRecord(
                id: "", teamId: try arguments.requiredString("teamId"), version: arguments.string("version"),
                workbook: arguments.string("workbook"), name: arguments.string("name"),
                namespace: arguments.string("namespace"), workbookSheets: arguments.json("workbookSheets"),
                localPackageJSON: arguments.json("localPackageJSON"), environment: arguments.string("environment"))
            return try context.store.mutate { data in
                object(["id": try data.createDeployment(deployment, scope: context.scope).id])
            }
        },

        "updateDeployment": { arguments, context in
            try context.store.mutate { data in
                let deployment = try data.updateDeployment(
                    teamId: arguments.requiredString("teamId"), id: arguments.requiredString("deploymentId"),
                    workbookSheets: arguments.json("workbookSheets"), scope: context.scope)
                return object(["id": deployment.id])
            }
        },

        "editTeam": { arguments, context in
            let input = arguments.json("input")
            guard let id = input?["id"].string else { throw SandboxDataError.badInput("input.id is required") }
            return try context.store.mutate { data in
                data.output(try data.editTeam(id: id, name: input?["name"].string, scope: context.scope))
            }
        },
    ]

    private static func dataHookChanges(_ arguments: Arguments) -> SandboxData.DataHookChanges {
        SandboxData.DataHookChanges(
            name: arguments.string("name"), archived: arguments.bool("archived"),
            description: arguments.string("description"), code: arguments.string("code"),
            packageJSON: arguments.string("packageJSON"), deploymentId: arguments.string("deploymentId"))
    }
}
