import GraphQL

/// Everything the sandbox account holds. A value type: `SandboxStore` owns the live copy.
struct SandboxData: Sendable {
    var teams: [TeamRecord] = []
    var environments: [EnvironmentRecord] = []
    /// License key → team id.
    var licenseKeys: [String: String] = [:]
    var templates: [TemplateRecord] = []
    var embeds: [EmbedRecord] = []
    var workspaces: [WorkspaceRecord] = []
    /// Newest first.
    var batches: [BatchRecord] = []
    /// `rows[id - 1]` is the row with that id.
    var rows: [RowRecord] = []
    var rowIdsByBatch: [String: [Int]] = [:]
    var dataHooks: [DataHookRecord] = []
    var deployments: [DeploymentRecord] = []
    var uploads: [UploadRecord] = []
    var queuedJobs = 0
    /// Batches whose status changed in the mutation under way, in order; the store publishes and clears them.
    var batchStatusChanges: [BatchRecord] = []
    /// Makes the ids of things that mutations create, so they repeat from run to run too.
    var generator: SeededGenerator

    init(generator: SeededGenerator) {
        self.generator = generator
    }

    var nextTemplateId: Int { (templates.map(\.id).max() ?? 203_500) + 1 }

    func environment(_ id: String) -> EnvironmentRecord? {
        environments.first { $0.id == id }
    }

    func team(_ id: String) -> TeamRecord? {
        teams.first { $0.id == id }
    }

    func template(_ id: Int) -> TemplateRecord? {
        templates.first { $0.id == id }
    }

    func workspace(_ id: String) -> WorkspaceRecord? {
        workspaces.first { $0.id == id }
    }

    func batchIndex(_ id: String) -> Int? {
        batches.firstIndex { $0.id == id }
    }
}
