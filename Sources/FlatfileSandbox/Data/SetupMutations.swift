import Foundation
import GraphQL

/// Changes to an account's setup: templates (schemas), portals (embeds), data hooks, deployments and teams.
extension SandboxData {
    mutating func createTemplate(teamId: String, name: String, definition: Map?, environmentId: String?, scope: AccessScope)
        throws(SandboxDataError) -> TemplateRecord
    {
        _ = try visibleTeam(teamId, in: scope)
        let environment = try chosenEnvironment(environmentId, team: teamId, in: scope)
        return try insertTemplate(name: name, slug: nil, teamId: teamId, environment: environment, definition: definition)
    }

    mutating func updateTemplate(id: Int, definition: Map?, archived: Bool?, scope: AccessScope) throws(SandboxDataError)
        -> TemplateRecord
    {
        let index = try visibleTemplateIndex(id, in: scope)
        if let definition {
            templates[index].fields = try TemplateField.fields(from: definition)
            templates[index].definition = definition
        }
        if let archived {
            templates[index].archived = archived
        }
        return templates[index]
    }

    struct TemplateUpsert: Sendable {
        var slug: String?
        var teamId: String
        var archived: Bool?
        var definition: Map?
        var sheetCompute: Map?
        var name: String?
        var previewFieldKey: String?
        var deploymentId: String?
        var environment: String?
        var code: String?
    }

    /// Updates the team's template with the same slug, or creates one.
    mutating func upsertTemplate(_ upsert: TemplateUpsert, scope: AccessScope) throws(SandboxDataError) -> TemplateRecord {
        _ = try visibleTeam(upsert.teamId, in: scope)
        let environment: EnvironmentRecord
        if let name = upsert.environment {
            guard let named = environments.first(where: { $0.teamId == upsert.teamId && $0.name == name }),
                scope.allows(environment: named.id)
            else { throw .notFound("Environment", name) }
            environment = named
        } else {
            environment = try defaultEnvironment(team: upsert.teamId, in: scope)
        }
        let index: Int
        if let slug = upsert.slug,
            let existing = templates.firstIndex(where: {
                $0.slug == slug && $0.teamId == upsert.teamId && $0.environmentId == environment.id
            })
        {
            index = existing
            if let definition = upsert.definition {
                templates[index].fields = try TemplateField.fields(from: definition)
                templates[index].definition = definition
            }
        } else {
            guard let name = upsert.name ?? upsert.slug else {
                throw .badInput("Pass name or slug: a new schema needs a name")
            }
            _ = try insertTemplate(
                name: name, slug: upsert.slug, teamId: upsert.teamId, environment: environment, definition: upsert.definition)
            index = templates.count - 1
        }
        if let name = upsert.name { templates[index].name = name }
        if let archived = upsert.archived { templates[index].archived = archived }
        if let sheetCompute = upsert.sheetCompute { templates[index].sheetCompute = sheetCompute }
        if let key = upsert.previewFieldKey { templates[index].previewFieldKey = key }
        if let deploymentId = upsert.deploymentId { templates[index].deploymentId = deploymentId }
        if let code = upsert.code { templates[index].code = code }
        return templates[index]
    }

    private mutating func insertTemplate(
        name: String, slug: String?, teamId: String, environment: EnvironmentRecord, definition: Map?
    ) throws(SandboxDataError) -> TemplateRecord {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .badInput("name must not be empty") }
        let fields = try definition.map { definition throws(SandboxDataError) in try TemplateField.fields(from: definition) } ?? []
        let template = TemplateRecord(
            id: nextTemplateId, name: name, archived: false, slug: slug, environmentId: environment.id, teamId: teamId,
            definition: definition ?? TemplateField.definition(of: []), fields: fields)
        templates.append(template)
        return template
    }

    mutating func createEmbed(teamId: String, environmentId: String?, templateIds: [Int], name: String, scope: AccessScope)
        throws(SandboxDataError) -> EmbedRecord
    {
        _ = try visibleTeam(teamId, in: scope)
        let environment = try chosenEnvironment(environmentId, team: teamId, in: scope)
        try checkTemplates(templateIds, environment: environment, scope: scope)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .badInput("name must not be empty") }
        let embed = EmbedRecord(
            id: generator.uuid(), name: name, archived: false, templateIds: templateIds,
            privateKey: Self.privateKey(using: &generator), teamId: teamId, environmentId: environment.id, helpContent: nil)
        embeds.append(embed)
        return embed
    }

    mutating func updateEmbed(id: String, templateIds: [Int]?, archived: Bool?, scope: AccessScope)
        throws(SandboxDataError) -> EmbedRecord
    {
        let index = try visibleEmbedIndex(id, in: scope)
        if let templateIds {
            try checkTemplates(templateIds, environment: environment(embeds[index].environmentId), scope: scope)
            embeds[index].templateIds = templateIds
        }
        if let archived {
            embeds[index].archived = archived
        }
        return embeds[index]
    }

    /// Updates the portal with the same name in the environment, or creates one.
    mutating func upsertEmbed(
        name: String, teamId: String, templateIds: [Int], environmentId: String, archived: Bool?, helpContent: String?,
        scope: AccessScope
    ) throws(SandboxDataError) -> EmbedRecord {
        let index: Int
        if let existing = embeds.firstIndex(where: { $0.name == name && $0.teamId == teamId && $0.environmentId == environmentId }),
            scope.allows(environment: environmentId)
        {
            index = existing
            _ = try updateEmbed(id: embeds[index].id, templateIds: templateIds, archived: nil, scope: scope)
        } else {
            _ = try createEmbed(
                teamId: teamId, environmentId: environmentId, templateIds: templateIds, name: name, scope: scope)
            index = embeds.count - 1
        }
        if let archived { embeds[index].archived = archived }
        if let helpContent { embeds[index].helpContent = helpContent }
        return embeds[index]
    }

    private func checkTemplates(_ ids: [Int], environment: EnvironmentRecord?, scope: AccessScope) throws(SandboxDataError) {
        for id in ids {
            let template = templates[try visibleTemplateIndex(id, in: scope)]
            if let environment, template.environmentId != environment.id {
                throw .badInput("Schema \(id) belongs to another environment than the embed (\(environment.name))")
            }
        }
    }

    mutating func createDataHook(templateId: Int, scope: AccessScope) throws(SandboxDataError) -> DataHookRecord {
        let template = templates[try visibleTemplateIndex(templateId, in: scope)]
        return insertDataHook(templateId: template.id, name: "\(template.name) data hook", ancestor: nil)
    }

    struct DataHookChanges: Sendable {
        var name: String?
        var archived: Bool?
        var description: String?
        var code: String?
        var packageJSON: String?
        var deploymentId: String?
    }

    mutating func updateDataHook(id: String, changes: DataHookChanges, scope: AccessScope) throws(SandboxDataError)
        -> DataHookRecord
    {
        guard let index = dataHooks.firstIndex(where: { $0.id == id }) else { throw .notFound("Data hook", id) }
        _ = try visibleTemplateIndex(dataHooks[index].templateId, in: scope)
        try apply(changes, toDataHookAt: index)
        return dataHooks[index]
    }

    /// Changes the template's data hook with the same name, or creates one.
    mutating func upsertDataHook(templateId: Int, changes: DataHookChanges, scope: AccessScope) throws(SandboxDataError)
        -> DataHookRecord
    {
        let template = templates[try visibleTemplateIndex(templateId, in: scope)]
        let name = changes.name ?? "\(template.name) data hook"
        let index: Int
        if let existing = dataHooks.firstIndex(where: { $0.templateId == templateId && $0.name == name }) {
            index = existing
        } else {
            _ = insertDataHook(templateId: templateId, name: name, ancestor: nil)
            index = dataHooks.count - 1
        }
        try apply(changes, toDataHookAt: index)
        return dataHooks[index]
    }

    private mutating func insertDataHook(templateId: Int, name: String, ancestor: DataHookRecord?) -> DataHookRecord {
        let now = Self.timestamp()
        let hook = DataHookRecord(
            id: generator.uuid(), templateId: templateId, name: name, description: nil,
            code: "module.exports = ({ recordBatch }) => recordBatch", packageJSON: "{\"dependencies\":{}}",
            archived: false, deploymentState: "pending", lambdaARN: nil, createdAt: now, updatedAt: now,
            rootId: ancestor?.rootId ?? ancestor?.id, ancestorId: ancestor?.id, deploymentId: nil)
        dataHooks.append(hook)
        return hook
    }

    private mutating func apply(_ changes: DataHookChanges, toDataHookAt index: Int) throws(SandboxDataError) {
        if let packageJSON = changes.packageJSON {
            guard (try? JSONSerialization.jsonObject(with: Data(packageJSON.utf8))) is [String: Any] else {
                throw .badInput("packageJSON must be a JSON object encoded as a string, e.g. \"{\\\"dependencies\\\":{}}\"")
            }
            dataHooks[index].packageJSON = packageJSON
        }
        if let name = changes.name { dataHooks[index].name = name }
        if let archived = changes.archived { dataHooks[index].archived = archived }
        if let description = changes.description { dataHooks[index].description = description }
        if let code = changes.code {
            dataHooks[index].code = code
            dataHooks[index].deploymentState = "deployed"
        }
        if let deploymentId = changes.deploymentId { dataHooks[index].deploymentId = deploymentId }
        dataHooks[index].updatedAt = Self.timestamp()
    }

    mutating func createDeployment(_ deployment: DeploymentRecord, scope: AccessScope) throws(SandboxDataError)
        -> DeploymentRecord
    {
        _ = try visibleTeam(deployment.teamId, in: scope)
        let created = DeploymentRecord(
            id: String(deployments.count + 1), teamId: deployment.teamId, version: deployment.version,
            workbook: deployment.workbook, name: deployment.name, namespace: deployment.namespace,
            workbookSheets: deployment.workbookSheets, localPackageJSON: deployment.localPackageJSON,
            environment: deployment.environment)
        deployments.append(created)
        return created
    }

    mutating func updateDeployment(teamId: String, id: String, workbookSheets: Map?, scope: AccessScope)
        throws(SandboxDataError) -> DeploymentRecord
    {
        _ = try visibleTeam(teamId, in: scope)
        guard let index = deployments.firstIndex(where: { $0.id == id && $0.teamId == teamId }) else {
            throw .notFound("Deployment", id)
        }
        if let workbookSheets { deployments[index].workbookSheets = workbookSheets }
        return deployments[index]
    }

    mutating func editTeam(id: String, name: String?, scope: AccessScope) throws(SandboxDataError) -> TeamRecord {
        _ = try visibleTeam(id, in: scope)
        guard let index = teams.firstIndex(where: { $0.id == id }) else { throw .notFound("Team", id) }
        if let name {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .badInput("name must not be empty") }
            teams[index].name = name
        }
        return teams[index]
    }

    static func timestamp(_ date: Date = Date()) -> String {
        date.ISO8601Format(.init(includingFractionalSeconds: true))
    }
}
