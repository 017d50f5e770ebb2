import Hummingbird

/// `GET /v1/…`: Flatfile's platform REST API over the seeded `SandboxPlatformData`, with its envelopes, paging,
/// filters, errors and credential scopes (platform-api-evidence.md).
struct PlatformEndpoint: Sendable {
    let data: SandboxPlatformData
    let issuer: TokenIssuer

    func respond(to request: Request) -> Response {
        do {
            let access = try PlatformAccess(authorization: request.headers[.authorization], issuer: issuer)
            let components = request.uri.path.split(separator: "/").dropFirst().map(String.init)
            return try route(components, query: PlatformQuery(request), access: access)
        } catch {
            return error.response
        }
    }

    private func route(_ path: [String], query: PlatformQuery, access: PlatformAccess) throws(PlatformFailure)
        -> Response
    {
        let notFound = PlatformFailure(
            status: .notFound, errors: [.init(key: "NotFoundError", message: "Cannot GET /v1/\(path.joined(separator: "/"))")])
        guard path.count <= 3 else { throw notFound }
        let resource = path.first ?? ""
        let id = path.count > 1 ? path[1] : nil
        let sub = path.count > 2 ? path[2] : nil
        switch (resource, id, sub) {
        case ("accounts", "current"?, nil): return single(data.account)
        case ("environments", nil, nil): return try environments(query, access)
        case ("environments", let id?, nil): return single(try environment(id, access))
        case ("spaces", nil, nil): return try spaces(query, access)
        case ("spaces", let id?, nil): return single(try space(id, access))
        case ("agents", nil, nil): return try agents(query, access)
        case ("agents", "executions"?, nil): return try executions(query, access, agentId: query.string("agentId"))
        case ("agents", "logs"?, nil): return try agentLogs(query, access)
        case ("agents", let id?, nil): return single(try agent(id, query, access))
        case ("agents", let id?, "logs"?): return try logs(of: agent(id, query, access), query)
        case ("agents", let id?, "versions"?): return unpaged([version(of: try agent(id, query, access))])
        case ("agents", let id?, "roles"?): return unpaged(try roles(of: agent(id, query, access).id))
        case ("events", nil, nil): return try events(query, access)
        case ("events", let id?, nil): return single(try event(id, access))
        case ("users", nil, nil): return try users(query)
        case ("users", let id?, nil): return single(try user(id))
        case ("users", let id?, "roles"?): return unpaged(try roles(of: user(id).id))
        case ("guests", nil, nil): return try guests(query, access)
        case ("guests", let id?, nil): return single(try guest(id, access))
        case ("guests", let id?, "roles"?): return unpaged(try roles(of: guest(id, access).id))
        case ("workbooks", nil, nil): return try workbooks(query, access)
        case ("workbooks", let id?, nil): return single(try workbook(id, access))
        case ("sheets", nil, nil): return try sheets(query, access)
        case ("sheets", let id?, nil): return single(try sheet(id, access))
        case ("sheets", let id?, "records"?): return try records(of: sheet(id, access), query)
        case ("sheets", let id?, "counts"?): return try counts(of: sheet(id, access), query)
        case ("roles", nil, nil): return unpaged(data.roles)
        case ("secrets", nil, nil): return try secrets(query, access)
        default: throw notFound
        }
    }

    // MARK: Envelopes

    private func single(_ value: some Encodable) -> Response {
        JSONResponses.encode(DataEnvelope(data: value), status: .ok)
    }

    private func unpaged<Item: Encodable>(_ items: [Item]) -> Response {
        JSONResponses.encode(DataEnvelope(data: items), status: .ok)
    }

    private func paged<Item: Encodable & Sendable>(_ items: [Item], _ query: PlatformQuery, defaultSize: Int)
        throws(PlatformFailure) -> Response
    {
        let paging = try query.paging(defaultSize: defaultSize)
        return JSONResponses.encode(PagedEnvelope(items, size: paging.size, number: paging.number), status: .ok)
    }

    // MARK: Environments and spaces

    private func environments(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        try paged(data.environments.filter { access.allows($0.id) }, query, defaultSize: 10)
    }

    private func environment(_ id: String, _ access: PlatformAccess) throws(PlatformFailure)
        -> SandboxPlatformData.Environment
    {
        guard let environment = data.environment(id) else { throw .notFound("Environment", id) }
        try access.require(id, for: "environment \(id)")
        return environment
    }

    /// The environments a list filtered by `environmentId` covers; an unknown id is a 404.
    private func environmentFilter(_ query: PlatformQuery, _ access: PlatformAccess, required: Bool = false)
        throws(PlatformFailure) -> (String) -> Bool
    {
        let asked: String? = try required ? query.required("environmentId") : query.string("environmentId")
        if let asked { _ = try environment(asked, access) }
        return try access.environments(asked: asked)
    }

    private func spaces(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        let inEnvironment = try environmentFilter(query, access)
        let search = query.string("search")?.lowercased()
        let namespace = query.string("namespace")
        let archived = try query.bool("archived") ?? false
        let collaborative = try query.bool("isCollaborative")
        let appTemplate = try query.bool("isAppTemplate") ?? false
        let app = query.string("app") ?? query.string("appId")
        let sort = try query.sort(fields: [
            "name", "workbooksCount", "filesCount", "environmentId", "createdByUserName", "createdAt", "lastActivityAt",
        ])
        var spaces = data.spaces.filter { space in
            inEnvironment(space.environmentId) && (archived || space.archivedAt == nil)
                && search.map { space.name.lowercased().contains($0) } ?? true
                && namespace.map { space.namespace == $0 } ?? true
                && collaborative.map { space.isCollaborative == $0 } ?? true
                // No seeded space is an app template or belongs to an app.
                && !appTemplate && app == nil
        }
        if let sort {
            spaces = sorted(spaces, ascending: sort.ascending) { space in
                switch sort.field {
                case "name": space.name
                case "workbooksCount": Self.sortable(space.workbooksCount)
                case "filesCount": Self.sortable(space.filesCount)
                case "environmentId": space.environmentId
                case "createdByUserName": space.createdByUserName
                case "lastActivityAt": space.lastActivityAt ?? ""
                default: space.createdAt
                }
            }
        }
        return try paged(spaces, query, defaultSize: 10)
    }

    private func space(_ id: String, _ access: PlatformAccess) throws(PlatformFailure) -> SandboxPlatformData.Space {
        guard let space = data.space(id) else { throw .notFound("Space", id) }
        try access.require(space.environmentId, for: "space \(id) (environment \(space.environmentId))")
        return space
    }

    /// Sorts by a text key; ties keep the seeded order, so paging stays stable.
    private func sorted<Item>(_ items: [Item], ascending: Bool, by key: (Item) -> String) -> [Item] {
        items.enumerated().sorted { left, right in
            let (a, b) = (key(left.element), key(right.element))
            if a == b { return left.offset < right.offset }
            return ascending ? a < b : a > b
        }.map(\.element)
    }

    /// A number as text that sorts like the number.
    private static func sortable(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    // MARK: Agents

    private func agents(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        let inEnvironment = try environmentFilter(query, access, required: true)
        let isSystem = try query.bool("isSystem")
        let search = query.string("search")?.lowercased()
        let agents = data.agents.filter { agent in
            inEnvironment(agent.environmentId) && isSystem.map { agent.isSystem == $0 } ?? true
                && search.map { agent.slug.lowercased().contains($0) } ?? true
        }
        return try paged(agents, query, defaultSize: 20)
    }

    /// The agent with `id`; an `environmentId` parameter, when given, must be the agent's.
    private func agent(_ id: String, _ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure)
        -> SandboxPlatformData.Agent
    {
        guard let agent = data.agent(id) else { throw .notFound("Agent", id) }
        try access.require(agent.environmentId, for: "agent \(id) (environment \(agent.environmentId))")
        if let asked = query.string("environmentId"), asked != agent.environmentId {
            throw .notFound("Agent", "\(id) in environment \(asked)")
        }
        return agent
    }

    private func executions(_ query: PlatformQuery, _ access: PlatformAccess, agentId: String?)
        throws(PlatformFailure) -> Response
    {
        try paged(try agentRuns(query, access, agentId: agentId), query, defaultSize: 20)
    }

    /// Execution rows of one environment (required), narrowed by agent, space and outcome.
    private func agentRuns(_ query: PlatformQuery, _ access: PlatformAccess, agentId: String?)
        throws(PlatformFailure) -> [SandboxPlatformData.Execution]
    {
        let inEnvironment = try environmentFilter(query, access, required: true)
        let environmentOfAgent = Dictionary(uniqueKeysWithValues: data.agents.map { ($0.id, $0.environmentId) })
        let spaceId = query.string("spaceId")
        let success = try query.bool("success")
        return data.executions.filter { execution in
            inEnvironment(environmentOfAgent[execution.agentId] ?? "")
                && agentId.map { execution.agentId == $0 } ?? true
                && spaceId.map { execution.spaceId == $0 } ?? true
                && success.map { execution.success == $0 } ?? true
        }
    }

    /// `GET /agents/logs`: `agents.DetailedAgentLog` rows.
    private func agentLogs(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        let rows = try agentRuns(query, access, agentId: nil).map { execution in
            DetailedAgentLog(
                eventId: execution.eventId, success: execution.success, topic: execution.topic,
                createdAt: execution.createdAt, completedAt: execution.completedAt, duration: execution.duration,
                context: ["spaceId": execution.spaceId ?? ""], log: Self.logText(execution))
        }
        return try paged(rows, query, defaultSize: 20)
    }

    /// `GET /agents/{id}/logs`: `agents.AgentLog` rows; REST takes `environmentId` and no paging.
    private func logs(of agent: SandboxPlatformData.Agent, _ query: PlatformQuery) throws(PlatformFailure) -> Response {
        _ = try query.required("environmentId")
        let rows = data.executions.filter { $0.agentId == agent.id }.map { execution in
            AgentLog(
                id: "us_lg_" + execution.eventId.dropFirst("us_evt_".count), agentId: agent.id,
                eventId: execution.eventId, success: execution.success, createdAt: execution.createdAt,
                completedAt: execution.completedAt, log: Self.logText(execution), topic: execution.topic,
                duration: execution.duration)
        }
        return unpaged(rows)
    }

    private static func logText(_ execution: SandboxPlatformData.Execution) -> String {
        execution.success ? "handled \(execution.topic)" : "Error: handler for \(execution.topic) threw"
    }

    private func version(of agent: SandboxPlatformData.Agent) -> AgentVersion {
        AgentVersion(
            id: "us_agv_" + agent.id.dropFirst("us_ag_".count), version: 1, origin: 0, agentId: agent.id,
            topics: agent.topics, compiler: agent.compiler, slug: agent.slug, createdAt: agent.createdAt,
            updatedAt: agent.updatedAt)
    }

    // MARK: Events

    private func events(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        let inEnvironment = try environmentFilter(query, access)
        let spaceId = query.string("spaceId")
        if let spaceId { _ = try space(spaceId, access) }
        let domain = query.string("domain")
        let topic = query.string("topic")
        let since = try query.timestamp("since")
        let includeAcknowledged = try query.bool("includeAcknowledged") ?? false
        let paging = try query.paging(defaultSize: 10)
        let events = data.events.filter { event in
            inEnvironment(event.environmentId) && (includeAcknowledged || event.acknowledgedAt == nil)
                && spaceId.map { event.context.spaceId == $0 } ?? true
                && domain.map { event.domain == $0 } ?? true
                && topic.map { event.topic == $0 } ?? true
                && since.map { event.createdAt >= $0 } ?? true
        }
        return unpaged(events.page(size: paging.size, number: paging.number))
    }

    private func event(_ id: String, _ access: PlatformAccess) throws(PlatformFailure) -> SandboxPlatformData.Event {
        guard let event = data.events.first(where: { $0.id == id }) else { throw .notFound("Event", id) }
        try access.require(event.environmentId, for: "event \(id) (environment \(event.environmentId))")
        return event
    }

    // MARK: Users, guests, roles, secrets

    private func users(_ query: PlatformQuery) throws(PlatformFailure) -> Response {
        let email = query.string("email")?.lowercased()
        let search = query.string("search")?.lowercased()
        let sort = try query.sort(fields: [
            "email", "name", "id", "idp", "idp_ref", "created_at", "updated_at", "last_seen_at", "dashboard",
        ])
        var users = data.users.filter { user in
            email.map { user.email.lowercased() == $0 } ?? true
                && search.map { user.name.lowercased().contains($0) || user.email.lowercased().contains($0) } ?? true
        }
        if let sort {
            users = sorted(users, ascending: sort.ascending) { user in
                switch sort.field {
                case "email": user.email
                case "name": user.name
                case "id": user.id
                case "idp": user.idp
                case "updated_at": user.updatedAt
                case "last_seen_at": user.lastSeenAt ?? ""
                case "dashboard": Self.sortable(user.dashboard ?? 0)
                default: user.createdAt
                }
            }
        }
        return try paged(users, query, defaultSize: 20)
    }

    private func user(_ id: String) throws(PlatformFailure) -> SandboxPlatformData.User {
        guard let user = data.user(id) else { throw .notFound("User", id) }
        return user
    }

    private func guests(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        let space = try space(query.required("spaceId"), access)
        let email = query.string("email")?.lowercased()
        return unpaged(data.guests.filter { guest in
            guest.spaces.contains { $0.id == space.id } && email.map { guest.email.lowercased() == $0 } ?? true
        })
    }

    private func guest(_ id: String, _ access: PlatformAccess) throws(PlatformFailure) -> SandboxPlatformData.Guest {
        guard let guest = data.guest(id) else { throw .notFound("Guest", id) }
        try access.require(guest.environmentId, for: "guest \(id) (environment \(guest.environmentId))")
        return guest
    }

    private func roles(of actorId: String) -> [SandboxPlatformData.ActorRole] {
        data.actorRoles.filter { $0.actorId == actorId }
    }

    private func secrets(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        let inEnvironment = try environmentFilter(query, access)
        let spaceId = query.string("spaceId")
        if let spaceId { _ = try space(spaceId, access) }
        let actorId = query.string("actorId")
        // Environment secrets, with the space's overrides when a space is named; no seeded secret is per actor.
        return unpaged(data.secrets.filter { secret in
            inEnvironment(secret.environmentId) && (secret.spaceId == nil || secret.spaceId == spaceId) && actorId == nil
        })
    }

    // MARK: Workbooks, sheets, records

    private func workbooks(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        let spaceId = query.string("spaceId")
        if let spaceId { _ = try space(spaceId, access) }
        let name = query.string("name")
        let namespace = query.string("namespace")
        let label = query.string("label")
        let treatment = query.string("treatment")
        let includeSheets = try query.bool("includeSheets") ?? true
        let workbooks = data.workbooks.filter { workbook in
            access.allows(workbook.environmentId) && spaceId.map { workbook.spaceId == $0 } ?? true
                && name.map { Self.matches(workbook.name, $0) } ?? true
                && namespace.map { Self.matches(workbook.namespace, $0) } ?? true
                && label.map { wanted in Self.matches(label: wanted, in: workbook.labels) } ?? true
                // No seeded workbook has treatments.
                && treatment == nil
        }
        return unpaged(workbooks.map { workbook in
            var listed = workbook
            if !includeSheets { listed.sheets = nil }
            return listed
        })
    }

    /// Flatfile's workbook filters: an exact match, or with a leading `-` anything but that value.
    private static func matches(_ value: String?, _ filter: String) -> Bool {
        filter.hasPrefix("-") ? value != String(filter.dropFirst()) : value == filter
    }

    private static func matches(label filter: String, in labels: [String]) -> Bool {
        filter.hasPrefix("-") ? !labels.contains(String(filter.dropFirst())) : labels.contains(filter)
    }

    private func workbook(_ id: String, _ access: PlatformAccess) throws(PlatformFailure)
        -> SandboxPlatformData.Workbook
    {
        guard let workbook = data.workbooks.first(where: { $0.id == id }) else { throw .notFound("Workbook", id) }
        try access.require(workbook.environmentId, for: "workbook \(id) (environment \(workbook.environmentId))")
        return workbook
    }

    private func sheets(_ query: PlatformQuery, _ access: PlatformAccess) throws(PlatformFailure) -> Response {
        unpaged(try workbook(query.required("workbookId"), access).sheets ?? [])
    }

    private func sheet(_ id: String, _ access: PlatformAccess) throws(PlatformFailure) -> SandboxPlatformData.Sheet {
        guard let sheet = data.sheets.first(where: { $0.id == id }) else { throw .notFound("Sheet", id) }
        _ = try workbook(sheet.workbookId, access)
        return sheet
    }

    /// The sheet's records narrowed by `filter`, `ids` and `searchValue`/`searchField`.
    private func matchingRecords(of sheet: SandboxPlatformData.Sheet, _ query: PlatformQuery) throws(PlatformFailure)
        -> [SandboxPlatformData.Record]
    {
        let filter = try query.choice("filter", of: ["valid", "error", "all", "none"]) ?? "all"
        let filterField = query.string("filterField")
        let ids = Set(query.strings("ids"))
        guard ids.count <= 100 else { throw .badRequest("ids", "ids takes at most 100 record ids, got \(ids.count)") }
        let searchValue = query.string("searchValue")
        let searchField = query.string("searchField")
        let narrowing = filter != "all" || searchValue != nil
        return data.records.filter { record in
            guard record.sheetId == sheet.id else { return false }
            let valid = filterField.map { record.values[$0]?.valid ?? true } ?? record.valid
            let kept = switch filter {
            case "valid": valid
            case "error": !valid
            case "none": false
            default: true
            }
            // With a filter or search, ids exclude records; without, they select them.
            let chosen = ids.isEmpty || (narrowing ? !ids.contains(record.id) : ids.contains(record.id))
            return kept && chosen && searchValue.map { Self.record(record, matches: $0, in: searchField) } ?? true
        }
    }

    private static func record(_ record: SandboxPlatformData.Record, matches search: String, in field: String?) -> Bool {
        let cells: [SandboxPlatformData.Cell]
        if let field {
            cells = record.values[field].map { [$0] } ?? []
        } else {
            cells = Array(record.values.values)
        }
        let exact = search.count >= 2 && search.hasPrefix("\"") && search.hasSuffix("\"")
        let wanted = exact ? String(search.dropFirst().dropLast()) : search.lowercased()
        return cells.contains { cell in
            let text: String = switch cell.value {
            case .string(let text): text
            case .number(let number): number.rounded() == number ? String(Int(number)) : String(number)
            case .bool(let flag): String(flag)
            case .null: ""
            }
            return exact ? text == wanted : text.lowercased().contains(wanted)
        }
    }

    private func records(of sheet: SandboxPlatformData.Sheet, _ query: PlatformQuery) throws(PlatformFailure)
        -> Response
    {
        let records = try matchingRecords(of: sheet, query)
        let paging = try query.paging(defaultSize: 10_000)
        let includeMessages = try query.bool("includeMessages") ?? false
        let includeLength = try query.bool("includeLength") ?? false
        _ = try query.bool("includeLinks")
        let fields = query.strings("fields")
        let page = records.page(size: paging.size, number: paging.number).map { record in
            RecordPayload(record, fields: fields.isEmpty ? nil : Set(fields), includeMessages: includeMessages)
        }
        let counts = includeLength ? Self.counts(of: records) : nil
        return single(RecordsData(success: true, records: page, counts: counts))
    }

    private func counts(of sheet: SandboxPlatformData.Sheet, _ query: PlatformQuery) throws(PlatformFailure)
        -> Response
    {
        _ = try query.bool("byField")
        return single(CountsData(counts: Self.counts(of: try matchingRecords(of: sheet, query)), success: true))
    }

    private static func counts(of records: [SandboxPlatformData.Record]) -> SandboxPlatformData.RecordCounts {
        let valid = records.filter(\.valid).count
        return .init(total: records.count, valid: valid, error: records.count - valid)
    }
}

// MARK: Wire shapes built per request

/// `{success, records, counts?}` inside `GET /sheets/{id}/records`' `data`.
private struct RecordsData: Encodable {
    let success: Bool
    let records: [RecordPayload]
    let counts: SandboxPlatformData.RecordCounts?
}

private struct CountsData: Encodable {
    let counts: SandboxPlatformData.RecordCounts
    let success: Bool
}

/// A record as a request asked for it: only the chosen `fields`, with cell messages only on `includeMessages`.
private struct RecordPayload: Encodable {
    struct Cell: Encodable {
        let value: SandboxPlatformData.Value
        let valid: Bool
        let messages: [SandboxPlatformData.ValidationMessage]?
    }

    let id: String
    let values: [String: Cell]
    let valid: Bool
    let metadata: [String: String]
    let messages: [SandboxPlatformData.ValidationMessage]?

    init(_ record: SandboxPlatformData.Record, fields: Set<String>?, includeMessages: Bool) {
        id = record.id
        valid = record.valid
        metadata = record.metadata
        var values: [String: Cell] = [:]
        for (key, cell) in record.values where fields?.contains(key) ?? true {
            values[key] = Cell(value: cell.value, valid: cell.valid, messages: includeMessages ? cell.messages : nil)
        }
        self.values = values
        messages = includeMessages ? record.values.values.flatMap(\.messages) : nil
    }
}

/// `agents.AgentLog`.
private struct AgentLog: Encodable, Sendable {
    let id: String
    let agentId: String
    let eventId: String
    let success: Bool
    let createdAt: String
    let completedAt: String
    let log: String
    let topic: String
    let duration: Double
}

/// `agents.DetailedAgentLog`.
private struct DetailedAgentLog: Encodable, Sendable {
    let eventId: String
    let success: Bool
    let topic: String
    let createdAt: String
    let completedAt: String
    let duration: Double
    let context: [String: String]
    let log: String
}

/// `agents.AgentVersion`; `agent_id` is snake_case on the wire.
private struct AgentVersion: Encodable, Sendable {
    let id: String
    let version: Int
    let origin: Int
    let agentId: String
    let topics: [String]
    let compiler: String
    let slug: String
    let createdAt: String
    let updatedAt: String

    private enum CodingKeys: String, CodingKey {
        case id, version, origin, agentId = "agent_id", topics, compiler, slug, createdAt, updatedAt
    }
}
