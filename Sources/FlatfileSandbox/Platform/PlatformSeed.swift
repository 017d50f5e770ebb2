import Foundation

extension SandboxPlatformData {
    /// The demo account for a seed, built once per process and shared: the data never changes, and tests start
    /// hundreds of servers.
    static func seeded(seed: UInt64) -> SandboxPlatformData {
        if let cached = cache.withLock({ $0[seed] }) { return cached }
        var builder = PlatformSeed(seed: seed)
        let data = builder.build()
        cache.withLock { $0[seed] = data }
        return data
    }

    private static let cache = Locked<[UInt64: SandboxPlatformData]>([:])
}

/// Builds the platform demo account: 5 environments, 48 spaces (8 archived), 8 agents in 3 environments,
/// 12 users, 30 guests, 3,000 events over 90 days, workbooks with sheets and a few hundred records.
private struct PlatformSeed {
    private var generator: SeededGenerator
    private let accountId = DemoUser.platformAccountId

    /// Name, production flag, space count and agent count of each environment, in
    /// `SandboxDemo.platformEnvironmentIds` order.
    private static let environmentPlan: [(name: String, isProd: Bool, spaces: Int, agents: Int)] = [
        ("development", false, 16, 4), ("production", true, 12, 3), ("staging", false, 8, 0),
        ("production-eu", true, 6, 1), ("qa", false, 6, 0),
    ]
    static let eventCount = 3_000
    /// Events are spread over the 90 days before this instant (2025-04-01T00:00:00Z).
    static let newestEvent = 1_743_465_600
    static let eventPeriod = 90 * 86_400
    private static let created = "2024-06-01T09:00:00.000Z"

    /// Topics an event can have, with their wire domain (records and commit events belong to workbooks).
    private static let topics: [(topic: String, domain: String)] = [
        ("workbook:created", "workbook"), ("workbook:updated", "workbook"), ("sheet:updated", "sheet"),
        ("records:created", "workbook"), ("records:updated", "workbook"), ("records:deleted", "workbook"),
        ("commit:created", "workbook"), ("job:created", "job"), ("job:ready", "job"), ("job:completed", "job"),
        ("job:failed", "job"), ("space:created", "space"), ("space:updated", "space"), ("space:guestAdded", "space"),
        ("file:created", "file"), ("snapshot:created", "sheet"),
    ]
    private static let agentTopics = [
        ["workbook:updated", "records:created"], ["job:ready"], ["space:created", "file:created"],
        ["records:updated", "commit:created", "job:completed"],
    ]

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed ^ 0x9_1A7F)
    }

    mutating func build() -> SandboxPlatformData {
        let account = SandboxPlatformData.Account(
            id: accountId, name: "Sandbox Demo", subdomain: "sandbox-demo", metadata: [:], createdAt: Self.created,
            updatedAt: Self.created)
        let environments = zip(SandboxDemo.platformEnvironmentIds, Self.environmentPlan).map { id, plan in
            SandboxPlatformData.Environment(
                id: id, accountId: accountId, name: plan.name, isProd: plan.isProd,
                guestAuthentication: ["shared_link", "magic_link"], features: [:], metadata: [:], namespaces: nil)
        }
        let users = makeUsers()
        var spaces: [SandboxPlatformData.Space] = []
        var agents: [SandboxPlatformData.Agent] = []
        for (environment, plan) in zip(environments, Self.environmentPlan) {
            spaces += makeSpaces(count: plan.spaces, in: environment, users: users)
            agents += makeAgents(count: plan.agents, in: environment)
        }
        let (workbooks, records) = makeWorkbooks(for: spaces)
        let guests = makeGuests(count: 30, environments: environments, spaces: spaces)
        let (events, executions) = makeEvents(
            spaces: spaces, agents: agents, users: users, guests: guests, workbooks: workbooks)
        let roles = ["Administrator", "Member", "Guest"].map { name in
            SandboxPlatformData.Role(
                id: id("us_rol_"), name: name, accountId: accountId, createdAt: Self.created, updatedAt: Self.created)
        }
        var actorRoles = users.enumerated().map { index, user in
            actorRole(roles[index < 3 ? 0 : 1], for: user.id, on: accountId)
        }
        for guest in guests {
            actorRoles += guest.spaces.map { actorRole(roles[2], for: guest.id, on: $0.id) }
        }
        return SandboxPlatformData(
            account: account, environments: environments, spaces: spaces, agents: agents, events: events,
            users: users, guests: guests, workbooks: workbooks, records: records, roles: roles,
            actorRoles: actorRoles, secrets: makeSecrets(environments: environments, spaces: spaces),
            executions: executions)
    }

    /// A Flatfile-style id: the prefix and 8 random letters and digits.
    private mutating func id(_ prefix: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return prefix + String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    private static func timestamp(_ seconds: Int, milliseconds: Int = 0) -> String {
        SandboxData.timestamp(Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1_000))
    }

    private static func pick<Element>(_ elements: [Element], using generator: inout SeededGenerator) -> Element {
        elements[Int.random(in: 0..<elements.count, using: &generator)]
    }

    private mutating func makeUsers() -> [SandboxPlatformData.User] {
        var users = [
            SandboxPlatformData.User(
                id: DemoUser.platformUserId, email: SandboxDemo.email, name: DemoUser.name, accountId: accountId,
                idp: "FRONTEGG", metadata: [:], dashboard: 2, createdAt: DemoUser.createdAt,
                updatedAt: DemoUser.createdAt, lastSeenAt: "2025-03-31T17:00:00.000Z")
        ]
        for number in 1...11 {
            let first = Self.pick(Words.firstNames, using: &generator)
            let last = Self.pick(Words.lastNames, using: &generator)
            let joined = Self.timestamp(1_717_232_400 + number * 604_800)
            users.append(
                SandboxPlatformData.User(
                    id: id("us_usr_"), email: "\(first).\(last)\(number)@sandbox.fgql.invalid".lowercased(),
                    name: "\(first) \(last)", accountId: accountId, idp: "FRONTEGG", metadata: [:],
                    dashboard: number % 3 == 0 ? nil : 2, createdAt: joined, updatedAt: joined,
                    lastSeenAt: number % 4 == 0 ? nil : "2025-03-\(10 + number)T12:00:00.000Z"))
        }
        return users
    }

    private mutating func makeSpaces(
        count: Int, in environment: SandboxPlatformData.Environment, users: [SandboxPlatformData.User]
    ) -> [SandboxPlatformData.Space] {
        let themes = ["Customer Onboarding", "Vendor Import", "Payroll Upload", "Product Catalog", "Lead Intake",
            "Inventory Sync", "Benefits Enrollment", "Partner Contacts"]
        return (1...count).map { number in
            let creator = users[(number - 1) % users.count]
            let createdAt = Self.newestEvent - Self.eventPeriod - (count - number) * 86_400
            // Every fifth space is archived; every fourth is collaborative.
            let archived = number % 5 == 0
            return SandboxPlatformData.Space(
                id: id("us_sp_"), name: "\(themes[(number - 1) % themes.count]) \(number)",
                environmentId: environment.id, namespace: number % 3 == 0 ? "portal" : nil,
                guestAuthentication: ["shared_link", "magic_link"], isCollaborative: number % 4 == 0,
                workbooksCount: archived ? 0 : 1, filesCount: number % 3, createdByUserId: creator.id,
                createdByUserName: creator.name, primaryWorkbookId: nil, createdAt: Self.timestamp(createdAt),
                updatedAt: Self.timestamp(createdAt + 3_600), lastActivityAt: Self.timestamp(Self.newestEvent - number * 3_600),
                archivedAt: archived ? Self.timestamp(Self.newestEvent - 86_400 * number) : nil)
        }
    }

    private mutating func makeAgents(count: Int, in environment: SandboxPlatformData.Environment)
        -> [SandboxPlatformData.Agent]
    {
        guard count > 0 else { return [] }
        return (0..<count).map { index in
            let createdAt = Self.timestamp(Self.newestEvent - Self.eventPeriod - 86_400 * (index + 1))
            return SandboxPlatformData.Agent(
                id: id("us_ag_"), accountId: accountId, environmentId: environment.id,
                topics: Self.agentTopics[index % Self.agentTopics.count], compiler: "js",
                slug: index == 0 ? "default" : "\(environment.name)-listener-\(index)", isSystem: false,
                source: "module.exports = function (listener) { /* sandbox agent \(index + 1) */ }",
                createdAt: createdAt, updatedAt: createdAt)
        }
    }

    /// One workbook per active space, with one or two sheets; the first six workbooks' sheets hold records.
    private mutating func makeWorkbooks(for spaces: [SandboxPlatformData.Space])
        -> ([SandboxPlatformData.Workbook], [SandboxPlatformData.Record])
    {
        var workbooks: [SandboxPlatformData.Workbook] = []
        var records: [SandboxPlatformData.Record] = []
        for space in spaces where space.archivedAt == nil {
            let workbookId = id("us_wb_")
            let blueprints = workbooks.count % 2 == 0
                ? [TemplateBlueprint.contacts] : [TemplateBlueprint.products, TemplateBlueprint.employees]
            var sheets: [SandboxPlatformData.Sheet] = []
            for blueprint in blueprints {
                let sheetId = id("us_sh_")
                let rowCount = workbooks.count < 6 ? Int.random(in: 30...70, using: &generator) : 0
                let rows = (0..<rowCount).map { _ in makeRecord(of: blueprint, in: sheetId) }
                records += rows
                let valid = rows.filter(\.valid).count
                sheets.append(
                    SandboxPlatformData.Sheet(
                        id: sheetId, workbookId: workbookId, name: blueprint.name, slug: blueprint.slug,
                        config: SandboxPlatformData.SheetConfig(
                            name: blueprint.name, slug: blueprint.slug, fields: blueprint.fields.map(Self.field)),
                        recordCounts: .init(total: rows.count, valid: valid, error: rows.count - valid),
                        createdAt: space.createdAt, updatedAt: space.updatedAt))
            }
            workbooks.append(
                SandboxPlatformData.Workbook(
                    id: workbookId, name: "\(space.name) Workbook", spaceId: space.id,
                    environmentId: space.environmentId, labels: workbooks.count % 3 == 0 ? ["primary"] : [],
                    namespace: space.namespace, sheets: sheets, createdAt: space.createdAt, updatedAt: space.updatedAt))
        }
        return (workbooks, records)
    }

    private static func field(_ field: TemplateField) -> SandboxPlatformData.Field {
        let type = switch (field.kind, field.format) {
        case (_, .date): "date"
        case (.number, _), (.integer, _): "number"
        case (.boolean, _): "boolean"
        case (.string, _): "string"
        }
        return SandboxPlatformData.Field(
            key: field.key, type: type, label: field.label, constraints: field.required ? [.init(type: "required")] : nil)
    }

    private mutating func makeRecord(of blueprint: TemplateBlueprint, in sheetId: String) -> SandboxPlatformData.Record {
        var cells = blueprint.cells(using: &generator)
        if generator.chance(0.15) {
            blueprint.corrupt(&cells, using: &generator)
        }
        let messages = blueprint.fields.messages(for: cells)
        var values: [String: SandboxPlatformData.Cell] = [:]
        for field in blueprint.fields {
            let problems = messages.filter { $0.key == field.key }.map { message in
                SandboxPlatformData.ValidationMessage(
                    type: message.level.rawValue, source: field.required ? "required-constraint" : "custom-logic",
                    message: message.message)
            }
            values[field.key] = SandboxPlatformData.Cell(
                value: Self.value(cells[field.key] ?? .null), valid: !problems.contains { $0.type == "error" },
                messages: problems)
        }
        return SandboxPlatformData.Record(
            id: id("us_rc_"), sheetId: sheetId, values: values, valid: !messages.contains { $0.level == .error },
            metadata: [:])
    }

    private static func value(_ cell: CellValue) -> SandboxPlatformData.Value {
        switch cell {
        case .null: .null
        case .string(let text): .string(text)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        }
    }

    /// Guests spread over the environments, each invited to one to three active spaces of its environment.
    private mutating func makeGuests(
        count: Int, environments: [SandboxPlatformData.Environment], spaces: [SandboxPlatformData.Space]
    ) -> [SandboxPlatformData.Guest] {
        (0..<count).map { index in
            let environment = environments[index % environments.count]
            let candidates = spaces.filter { $0.environmentId == environment.id && $0.archivedAt == nil }
            let grantCount = min(candidates.count, 1 + index % 3)
            let start = (index / environments.count) % candidates.count
            let granted = (0..<grantCount).map { candidates[(start + $0) % candidates.count] }
            let first = Self.pick(Words.firstNames, using: &generator)
            let last = Self.pick(Words.lastNames, using: &generator)
            let invited = Self.timestamp(Self.newestEvent - Self.eventPeriod - 3_600 * (index + 1))
            return SandboxPlatformData.Guest(
                id: id("us_g_"), environmentId: environment.id,
                email: "\(first).\(last).guest\(index + 1)@partner.example".lowercased(), name: "\(first) \(last)",
                spaces: granted.enumerated().map { offset, space in
                    .init(id: space.id, lastAccessed: offset == 0 ? "2025-03-2\(index % 9)T08:30:00.000Z" : nil)
                },
                createdAt: invited, updatedAt: invited)
        }
    }

    /// Events of every environment with users, guests, agents and API keys as actors. Most events whose topic an
    /// agent of their environment listens to are acknowledged by that agent (and give an execution row).
    private mutating func makeEvents(
        spaces: [SandboxPlatformData.Space], agents: [SandboxPlatformData.Agent], users: [SandboxPlatformData.User],
        guests: [SandboxPlatformData.Guest], workbooks: [SandboxPlatformData.Workbook]
    ) -> ([SandboxPlatformData.Event], [SandboxPlatformData.Execution]) {
        // Environment weights: 40% development, 25% production, 15% staging, 10% each of the others.
        let weights = [40, 25, 15, 10, 10]
        let environmentIds = SandboxDemo.platformEnvironmentIds
        let workbookBySpace = Dictionary(workbooks.map { ($0.spaceId, $0) }, uniquingKeysWith: { first, _ in first })
        let keyIds = environmentIds.map { _ in id("us_key_") }
        var events: [SandboxPlatformData.Event] = []
        var executions: [SandboxPlatformData.Execution] = []
        for _ in 0..<Self.eventCount {
            var roll = Int.random(in: 0..<100, using: &generator)
            let environmentIndex = weights.firstIndex { weight in
                defer { roll -= weight }
                return roll < weight
            } ?? 0
            let environmentId = environmentIds[environmentIndex]
            let environmentSpaces = spaces.filter { $0.environmentId == environmentId }
            let environmentAgents = agents.filter { $0.environmentId == environmentId }
            let environmentGuests = guests.filter { $0.environmentId == environmentId }
            var space = Self.pick(environmentSpaces, using: &generator)
            let actorRoll = Int.random(in: 0..<100, using: &generator)
            let actorId: String
            if actorRoll < 20, !environmentAgents.isEmpty {
                actorId = Self.pick(environmentAgents, using: &generator).id
            } else if actorRoll < 45, !environmentGuests.isEmpty {
                // A guest acts only in a space it was invited to.
                let guest = Self.pick(environmentGuests, using: &generator)
                actorId = guest.id
                space = spaces.first { $0.id == guest.spaces[0].id } ?? space
            } else if actorRoll < 50 {
                actorId = keyIds[environmentIndex]
            } else {
                actorId = Self.pick(users, using: &generator).id
            }
            let (topic, domain) = Self.pick(Self.topics, using: &generator)
            let workbook = workbookBySpace[space.id]
            let touchesWorkbook = ["workbook", "sheet"].contains(domain)
            let createdSeconds = Self.newestEvent - Int.random(in: 1...Self.eventPeriod, using: &generator)
            let milliseconds = Int.random(in: 0..<1_000, using: &generator)
            let eventId = id("us_evt_")
            var acknowledgedAt: String?
            var acknowledgedBy: String?
            // Most events an agent listens to are handled (acknowledged) by it.
            let listeners = environmentAgents.filter { $0.topics.contains(topic) }
            if !listeners.isEmpty, generator.chance(0.8) {
                let agent = Self.pick(listeners, using: &generator)
                let duration = Double(Int.random(in: 120...4_800, using: &generator))
                acknowledgedAt = Self.timestamp(createdSeconds + 5, milliseconds: milliseconds)
                acknowledgedBy = agent.id
                executions.append(
                    SandboxPlatformData.Execution(
                        agentId: agent.id, eventId: eventId, success: !generator.chance(0.1), spaceId: space.id,
                        topic: topic, createdAt: Self.timestamp(createdSeconds, milliseconds: milliseconds),
                        completedAt: acknowledgedAt ?? "", duration: duration))
            }
            events.append(
                SandboxPlatformData.Event(
                    id: eventId, topic: topic, domain: domain,
                    createdAt: Self.timestamp(createdSeconds, milliseconds: milliseconds),
                    acknowledgedAt: acknowledgedAt, acknowledgedBy: acknowledgedBy,
                    payload: topic.hasPrefix("records:") ? ["recordsAffected": Int.random(in: 1...500, using: &generator)] : [:],
                    context: SandboxPlatformData.EventContext(
                        accountId: accountId, environmentId: environmentId, spaceId: space.id,
                        workbookId: touchesWorkbook ? workbook?.id : nil,
                        sheetId: touchesWorkbook ? workbook?.sheets?.first?.id : nil, actorId: actorId),
                    namespaces: [domain], callbackUrl: "", dataUrl: ""))
        }
        let newestFirst: (String, String, String, String) -> Bool = { $0 != $2 ? $0 > $2 : $1 < $3 }
        events.sort { newestFirst($0.createdAt, $0.id, $1.createdAt, $1.id) }
        executions.sort { newestFirst($0.createdAt, $0.eventId, $1.createdAt, $1.eventId) }
        return (events, executions)
    }

    private mutating func actorRole(_ role: SandboxPlatformData.Role, for actorId: String, on resourceId: String)
        -> SandboxPlatformData.ActorRole
    {
        SandboxPlatformData.ActorRole(
            id: id("us_acr_"), roleId: role.id, actorId: actorId, resourceId: resourceId, createdAt: Self.created,
            updatedAt: Self.created)
    }

    private mutating func makeSecrets(
        environments: [SandboxPlatformData.Environment], spaces: [SandboxPlatformData.Space]
    ) -> [SandboxPlatformData.Secret] {
        var secrets: [SandboxPlatformData.Secret] = []
        for environment in environments {
            for name in ["CRM_API_URL", "WEBHOOK_SIGNING_NAME"] {
                secrets.append(
                    .init(id: id("us_sec_"), name: name, value: "sandbox-demo-value-\(secrets.count + 1)",
                        environmentId: environment.id, spaceId: nil))
            }
        }
        if let space = spaces.first {
            secrets.append(
                .init(id: id("us_sec_"), name: "CRM_API_URL", value: "sandbox-demo-value-\(secrets.count + 1)",
                    environmentId: space.environmentId, spaceId: space.id))
        }
        return secrets
    }
}
