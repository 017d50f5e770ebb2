/// What a caller's credentials can see.
///
/// Secret and publishable keys belong to one environment and see only its data; a Personal Access Token and the
/// tokens from `/auth/access-key/exchange` and `/v1/auth` belong to the user and see the whole account.
struct AccessScope: Sendable, Equatable {
    /// The environments the caller may see; nil means every environment of the account.
    let environmentIds: Set<String>?

    static let account = AccessScope(environmentIds: nil)

    static func environment(_ id: String) -> AccessScope {
        AccessScope(environmentIds: [id])
    }

    func allows(environment id: String) -> Bool {
        environmentIds?.contains(id) ?? true
    }
}

extension SandboxData {
    func canSee(team id: String, in scope: AccessScope) -> Bool {
        environments.contains { $0.teamId == id && scope.allows(environment: $0.id) }
    }

    func canSee(_ batch: BatchRecord, in scope: AccessScope) -> Bool {
        workspace(batch.workspaceId).map { scope.allows(environment: $0.environmentId) } ?? false
    }

    func visibleTeam(_ id: String, in scope: AccessScope) throws(SandboxDataError) -> TeamRecord {
        guard let team = team(id), canSee(team: id, in: scope) else { throw .notFound("Team", id) }
        return team
    }

    func visibleBatchIndex(_ id: String, in scope: AccessScope) throws(SandboxDataError) -> Int {
        guard let index = batchIndex(id), canSee(batches[index], in: scope) else { throw .notFound("Batch", id) }
        return index
    }

    func visibleWorkspaceIndex(_ id: String, in scope: AccessScope) throws(SandboxDataError) -> Int {
        guard let index = workspaces.firstIndex(where: { $0.id == id }),
            scope.allows(environment: workspaces[index].environmentId)
        else { throw .notFound("Workspace", id) }
        return index
    }

    func visibleWorkbookIndex(_ workbookId: String, in scope: AccessScope) throws(SandboxDataError) -> Int {
        guard let index = workspaces.firstIndex(where: { $0.workbookId == workbookId }),
            scope.allows(environment: workspaces[index].environmentId)
        else { throw .notFound("Workbook", workbookId) }
        return index
    }

    func visibleTemplateIndex(_ id: Int, in scope: AccessScope) throws(SandboxDataError) -> Int {
        guard let index = templates.firstIndex(where: { $0.id == id }),
            scope.allows(environment: templates[index].environmentId)
        else { throw .notFound("Schema", String(id)) }
        return index
    }

    func visibleEmbedIndex(_ id: String, in scope: AccessScope) throws(SandboxDataError) -> Int {
        guard let index = embeds.firstIndex(where: { $0.id == id }), scope.allows(environment: embeds[index].environmentId)
        else { throw .notFound("Embed", id) }
        return index
    }

    /// The environment a new object goes to when the caller names none: the key's own environment, else the
    /// team's development environment.
    func defaultEnvironment(team teamId: String, in scope: AccessScope) throws(SandboxDataError) -> EnvironmentRecord {
        let candidates = environments.filter { $0.teamId == teamId && scope.allows(environment: $0.id) }
        guard let chosen = candidates.first(where: { $0.name == "development" }) ?? candidates.first else {
            throw .notFound("Team", teamId)
        }
        return chosen
    }

    /// The named environment if `id` is given, else the default one.
    func chosenEnvironment(_ id: String?, team teamId: String, in scope: AccessScope) throws(SandboxDataError)
        -> EnvironmentRecord
    {
        guard let id else { return try defaultEnvironment(team: teamId, in: scope) }
        return try visibleEnvironment(id, team: teamId, in: scope)
    }

    func visibleEnvironment(_ id: String, team teamId: String, in scope: AccessScope) throws(SandboxDataError)
        -> EnvironmentRecord
    {
        guard let environment = environment(id), environment.teamId == teamId, scope.allows(environment: id) else {
            throw .notFound("Environment", id)
        }
        return environment
    }
}
