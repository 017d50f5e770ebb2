import GraphQL

extension SandboxData {
    /// Builds the demo account: the same seed always gives the same data.
    ///
    /// Two teams; three environments (team 1001 has `SandboxDemo.environmentId` (development) and
    /// `SandboxDemo.productionEnvironmentId`, team 1002 a development one); four workspaces; 60 batches in mixed
    /// statuses (48 under `SandboxDemo.licenseKey`); 25,000 rows with valid and invalid cells; templates, portals,
    /// data hooks.
    static func seeded(seed: UInt64, batchCount: Int = 60, rowCount: Int = 25_000) -> SandboxData {
        var generator = SeededGenerator(seed: seed)
        var data = SandboxData(generator: SeededGenerator(seed: generator.next()))
        data.seedAccount(using: &generator)
        data.seedTemplates()
        data.seedEmbedsAndHooks(using: &generator)
        data.seedBatches(count: batchCount, using: &generator)
        data.seedRows(count: rowCount, using: &generator)
        return data
    }

    static let secondTeamLicenseKey = "5a4db0c0-0000-4000-8000-00000000f12e"

    private mutating func seedAccount(using generator: inout SeededGenerator) {
        teams = [TeamRecord(id: SandboxDemo.teamId, name: "Sandbox Demo"), TeamRecord(id: "1002", name: "Sandbox Partners")]
        environments = [
            EnvironmentRecord(id: SandboxDemo.environmentId, name: "development", teamId: SandboxDemo.teamId),
            EnvironmentRecord(id: SandboxDemo.productionEnvironmentId, name: "production", teamId: SandboxDemo.teamId),
            EnvironmentRecord(id: generator.uuid(), name: "development", teamId: "1002"),
        ]
        licenseKeys = [SandboxDemo.licenseKey: SandboxDemo.teamId, Self.secondTeamLicenseKey: "1002"]
    }

    private mutating func seedTemplates() {
        // Team 1001's development environment has enough templates (some archived) to need paging.
        let plan: [(environment: EnvironmentRecord, variants: Int)] = environments.enumerated().map { index, environment in
            (environment, index == 0 ? 4 : 1)
        }
        for (environment, variants) in plan {
            for variant in 1...variants {
                for blueprint in TemplateBlueprint.all {
                    let suffix = variant == 1 ? "" : " v\(variant)"
                    templates.append(
                        TemplateRecord(
                            id: nextTemplateId,
                            name: blueprint.name + suffix,
                            archived: variant == variants && variants > 1,
                            slug: blueprint.slug + (variant == 1 ? "" : "-v\(variant)"),
                            environmentId: environment.id,
                            teamId: environment.teamId,
                            definition: TemplateField.definition(of: blueprint.fields),
                            fields: blueprint.fields
                        ))
                }
            }
        }
    }

    private mutating func seedEmbedsAndHooks(using generator: inout SeededGenerator) {
        for environment in environments {
            let active = templates.filter { $0.environmentId == environment.id && !$0.archived }
            let portalCount = environment.id == SandboxDemo.environmentId ? 5 : 2
            for number in 1...portalCount {
                let chosen = active.isEmpty ? [] : [active[(number - 1) % active.count].id]
                embeds.append(
                    EmbedRecord(
                        id: generator.uuid(),
                        name: "\(environment.name.capitalized) Portal \(number)",
                        archived: number == portalCount && portalCount > 2,
                        templateIds: chosen,
                        privateKey: Self.privateKey(using: &generator),
                        teamId: environment.teamId,
                        environmentId: environment.id,
                        helpContent: nil
                    ))
            }
        }
        let createdAt = "2024-03-01T09:00:00.000Z"
        for template in templates where !template.archived && template.environmentId == SandboxDemo.environmentId {
            let first = DataHookRecord(
                id: generator.uuid(), templateId: template.id, name: "Clean \(template.name)",
                description: "Trims text and normalizes case", code: "module.exports = ({ recordBatch }) => recordBatch",
                packageJSON: "{\"dependencies\":{}}", archived: false, deploymentState: "deployed",
                lambdaARN: "arn:aws:lambda:us-east-1:000000000000:function:sandbox-hook-\(template.id)",
                createdAt: createdAt, updatedAt: createdAt, rootId: nil, ancestorId: nil, deploymentId: nil)
            dataHooks.append(first)
            if template.name == "Contacts" {
                let second = DataHookRecord(
                    id: generator.uuid(), templateId: template.id, name: first.name + " v2",
                    description: first.description, code: first.code, packageJSON: first.packageJSON, archived: false,
                    deploymentState: "deployed", lambdaARN: first.lambdaARN, createdAt: "2024-04-01T09:00:00.000Z",
                    updatedAt: "2024-04-01T09:00:00.000Z", rootId: first.id, ancestorId: first.id, deploymentId: nil)
                dataHooks.append(second)
            }
        }
    }

    static func privateKey(using generator: inout SeededGenerator) -> PrivateKeyRecord {
        let key = (0..<4).map { _ in String(generator.next(), radix: 16) }.joined()
        return PrivateKeyRecord(id: generator.uuid(), scope: "all", key: key)
    }

    private mutating func seedBatches(count: Int, using generator: inout SeededGenerator) {
        // Workspaces: two in team 1001's development environment, one in its production one, one in team 1002's.
        let homes = [environments[0], environments[0], environments[1], environments[2]]
        workspaces = homes.map { environment in
            WorkspaceRecord(
                id: generator.uuid(), teamId: environment.teamId, environmentId: environment.id,
                workbookId: generator.uuid(), sheetTemplateIds: [], environmentValues: .dictionary([:]))
        }
        let statuses = ["submitted", "evaluate", "submitted", "cancelled", "evaluate", "submitted", "evaluate"]
        let newest = 1_735_689_600  // 2025-01-01T00:00:00Z
        var created: [BatchRecord] = []
        for index in 0..<count {
            // 40% of batches in the first workspace, 20% in each of the others.
            let workspaceIndex = index % 5 < 2 ? 0 : index % 5 - 1
            let workspace = workspaces[workspaceIndex]
            let candidates = templates.filter { $0.environmentId == workspace.environmentId && !$0.archived }
            let template = candidates[index % candidates.count]
            if !workspaces[workspaceIndex].sheetTemplateIds.contains(template.id) {
                workspaces[workspaceIndex].sheetTemplateIds.append(template.id)
            }
            created.append(
                BatchRecord(
                    id: generator.uuid(),
                    status: statuses[index % statuses.count],
                    workspaceId: workspace.id,
                    licenseKey: workspace.teamId == SandboxDemo.teamId ? SandboxDemo.licenseKey : Self.secondTeamLicenseKey,
                    endUserId: "end-user-\(index % 10 + 1)",
                    templateId: template.id,
                    createdAt: newest - index * 86_400 - Int.random(in: 0..<3_600, using: &generator),
                    importedFromURL: "https://app.example.com/import"
                ))
        }
        batches = created.sorted { $0.createdAt > $1.createdAt }
    }

    private mutating func seedRows(count: Int, using generator: inout SeededGenerator) {
        guard !batches.isEmpty else { return }
        let weights = batches.map { _ in Int.random(in: 20...100, using: &generator) }
        let totalWeight = weights.reduce(0, +)
        var counts = weights.map { $0 * count / totalWeight }
        counts[0] += count - counts.reduce(0, +)
        let blueprints = Dictionary(uniqueKeysWithValues: templates.map { template in
            (template.id, TemplateBlueprint.all.first { template.slug?.hasPrefix($0.slug) == true } ?? .contacts)
        })
        rows.reserveCapacity(count)
        for (batch, rowCount) in zip(batches, counts) {
            let blueprint = blueprints[batch.templateId] ?? .contacts
            let fields = blueprint.fields
            var ids: [Int] = []
            ids.reserveCapacity(rowCount)
            for _ in 0..<rowCount {
                var cells = blueprint.cells(using: &generator)
                if generator.chance(0.14) {
                    blueprint.corrupt(&cells, using: &generator)
                }
                var notes: [RowMessage] = []
                if generator.chance(0.05), let first = fields.first {
                    notes.append(RowMessage(level: .info, key: first.key, message: "Surrounding spaces were removed"))
                }
                let messages = fields.messages(for: cells, keepingNotesOf: notes)
                let valid = !messages.contains { $0.level == .error }
                let row = RowRecord(
                    id: rows.count + 1,
                    batchId: batch.id,
                    status: Self.rowStatus(batchStatus: batch.status, valid: valid, using: &generator),
                    cells: cells,
                    messages: messages
                )
                ids.append(row.id)
                rows.append(row)
            }
            rowIdsByBatch[batch.id] = ids
        }
    }

    private static func rowStatus(batchStatus: String, valid: Bool, using generator: inout SeededGenerator) -> RowStatus {
        let roll = Int.random(in: 0..<10, using: &generator)
        switch batchStatus {
        case "submitted":
            return valid ? (roll < 8 ? .submitted : .accepted) : (roll < 6 ? .dismissed : .review)
        case "evaluate":
            return valid ? (roll < 6 ? .review : .accepted) : (roll < 8 ? .review : .dismissed)
        default:
            return .review
        }
    }
}
