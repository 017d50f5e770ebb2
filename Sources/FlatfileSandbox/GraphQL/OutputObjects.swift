import GraphQL
import OrderedCollections

/// Records as the schema's object types, for the executor's default field resolver.
extension SandboxData {
    func output(_ batch: BatchRecord) -> [String: any Sendable] {
        object(["id": batch.id, "status": batch.status, "workspaceId": batch.workspaceId])
    }

    func output(_ template: TemplateRecord) -> [String: any Sendable] {
        object([
            "id": String(template.id), "name": template.name, "archived": template.archived, "slug": template.slug,
            "environmentId": template.environmentId,
        ])
    }

    func output(_ team: TeamRecord) -> [String: any Sendable] {
        object(["id": team.id, "name": team.name])
    }

    func output(_ embed: EmbedRecord) -> [String: any Sendable] {
        let key = embed.privateKey
        return object([
            "id": embed.id, "name": embed.name, "archived": embed.archived,
            "schemas": embed.templateIds.compactMap { template($0).map(output) },
            "privateKey": object(["id": key.id, "scope": key.scope, "key": key.key]),
            "privateKeyId": key.id,
            "team": team(embed.teamId).map(output),
            "teamId": embed.teamId,
        ])
    }

    func output(_ workspace: WorkspaceRecord) -> [String: any Sendable] {
        let sheets = workspace.sheetTemplateIds.map { object(["schemaId": $0]) }
        return object([
            "id": workspace.id, "primaryWorkbookId": workspace.workbookId,
            "primaryWorkbook": object(["id": workspace.workbookId, "sheets": sheets]),
        ])
    }

    func output(_ hook: DataHookRecord) -> [String: any Sendable] {
        let related = { (id: String?) in id.flatMap { id in dataHooks.first { $0.id == id } }.map(output) }
        return object([
            "id": hook.id, "archived": hook.archived, "name": hook.name, "description": hook.description,
            "code": hook.code, "packageJSON": hook.packageJSON, "deploymentState": hook.deploymentState,
            "lambdaARN": hook.lambdaARN, "createdAt": hook.createdAt, "updatedAt": hook.updatedAt,
            "root": related(hook.rootId), "ancestor": related(hook.ancestorId),
        ])
    }

    func dataHookPayload(_ hook: DataHookRecord) -> [String: any Sendable] {
        object(["schema": template(hook.templateId).map(output), "dataHook": output(hook)])
    }

    func output(_ upload: UploadRecord) -> [String: any Sendable] {
        object(["id": upload.id, "status": upload.status])
    }

    /// A row in `getFinalDatabaseView`'s shape: `{id, valid, status, data, info}`.
    func databaseViewRow(_ row: RowRecord, fieldOrder: [String]) -> Map {
        .dictionary([
            "id": .number(Number(row.id)),
            "valid": .bool(row.valid),
            "status": .string(row.status.rawValue),
            "data": cellsMap(row.cells, fieldOrder: fieldOrder),
            "info": .array(row.messages.map { message in
                .dictionary(["level": .string(message.level.rawValue), "key": .string(message.key), "message": .string(message.message)])
            }),
        ])
    }

    /// A row as a workbook record: `{_id, status, cells, validations}`.
    func workbookRow(_ row: RowRecord, fieldOrder: [String]) -> [String: any Sendable] {
        object([
            "_id": row.id,
            "status": row.status.rawValue,
            "cells": cellsMap(row.cells, fieldOrder: fieldOrder),
            "validations": row.messages.map { object(["error": $0.level.rawValue, "key": $0.key, "message": $0.message]) },
        ])
    }

    /// The field keys of each template, in definition order: rows print their cells in that order.
    func fieldOrders() -> [String: [String]] {
        var orders: [String: [String]] = [:]
        let byTemplate = Dictionary(templates.map { ($0.id, $0.fields.map(\.key)) }, uniquingKeysWith: { first, _ in first })
        for batch in batches {
            orders[batch.id] = byTemplate[batch.templateId] ?? []
        }
        return orders
    }

    private func cellsMap(_ cells: [String: CellValue], fieldOrder: [String]) -> Map {
        var ordered: OrderedDictionary<String, Map> = [:]
        ordered.reserveCapacity(cells.count)
        for key in fieldOrder {
            if let value = cells[key] {
                ordered[key] = value.map
            }
        }
        if ordered.count < cells.count {
            for key in cells.keys.sorted() where ordered[key] == nil {
                ordered[key] = cells[key]?.map
            }
        }
        return .dictionary(ordered)
    }
}

extension Page {
    /// A list query's result: `{data: [...], pagination: {...}}`.
    func listObject(_ output: (Item) -> [String: any Sendable]) -> [String: any Sendable] {
        object(["data": items.map(output), "pagination": pagination])
    }

    /// The schema's `Pagination` object.
    var pagination: [String: any Sendable] {
        object([
            "totalCount": total, "limit": limit, "offset": offset, "onPage": items.count,
            "nextOffset": nextOffset, "previousOffset": previousOffset,
        ])
    }
}
