import GraphQL

/// What every resolver gets: the caller's scope, the account, and the server's address (for upload URLs).
struct ResolverContext: Sendable {
    let scope: AccessScope
    let store: SandboxStore
    let baseURL: String
}

/// Resolves one root field from its arguments.
typealias RootResolver = @Sendable (Arguments, ResolverContext) async throws -> (any Sendable)?

/// A root field's arguments, already coerced to their schema types by the executor.
struct Arguments: Sendable {
    private let values: Map

    init(_ values: Map) {
        self.values = values
    }

    private func value(_ name: String) -> Map? {
        guard let value = values.dictionary?[name], !value.isNull, !value.isUndefined else { return nil }
        return value
    }

    func string(_ name: String) -> String? {
        value(name)?.string
    }

    func requiredString(_ name: String) throws(SandboxDataError) -> String {
        guard let text = string(name) else { throw .badInput("\(name) is required") }
        return text
    }

    func int(_ name: String) -> Int? {
        value(name)?.int
    }

    func requiredInt(_ name: String) throws(SandboxDataError) -> Int {
        guard let number = int(name) else { throw .badInput("\(name) is required") }
        return number
    }

    func bool(_ name: String) -> Bool? {
        value(name)?.bool
    }

    /// A JSON argument as given.
    func json(_ name: String) -> Map? {
        value(name)
    }

    func list(_ name: String) -> [Map]? {
        value(name)?.array
    }

    /// A template (schema) id: an `ID`, `Int` or `String` argument holding a number such as `203501`.
    func templateId(_ name: String) throws(SandboxDataError) -> Int? {
        guard let value = value(name) else { return nil }
        return try Self.templateId(value, name: name)
    }

    func requiredTemplateId(_ name: String) throws(SandboxDataError) -> Int {
        guard let id = try templateId(name) else { throw .badInput("\(name) is required") }
        return id
    }

    func templateIds(_ name: String) throws(SandboxDataError) -> [Int]? {
        guard let items = list(name) else { return nil }
        return try items.map { item throws(SandboxDataError) in try Self.templateId(item, name: name) }
    }

    private static func templateId(_ value: Map, name: String) throws(SandboxDataError) -> Int {
        if case .number(let number) = value { return number.intValue }
        guard let text = value.string, let id = Int(text) else {
            throw .badInput("\(name) must be a schema id, a number such as \"203501\"; got \(value)")
        }
        return id
    }

    /// The page window of a list query: `offset` (default 0) and `limit` (default and maximum given).
    func window(offset offsetName: String, limit limitName: String, defaultLimit: Int, maximumLimit: Int?)
        throws(SandboxDataError) -> (offset: Int, limit: Int)
    {
        let offset = int(offsetName) ?? 0
        let limit = int(limitName) ?? defaultLimit
        try Page<Int>.validate(
            offset: offset, limit: limit, offsetName: offsetName, limitName: limitName, maximumLimit: maximumLimit)
        return (offset, limit)
    }

    /// A record state argument (`review`, `dismissed`, `accepted`, `submitted`).
    func rowStatus(_ name: String) throws(SandboxDataError) -> RowStatus? {
        guard let text = string(name) else { return nil }
        guard let status = RowStatus(rawValue: text) else {
            throw .badInput(
                "\(name) \"\(text)\" is not a record state; use one of "
                    + RowStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return status
    }
}

/// An output object for the executor's default resolver: a dictionary without the absent (nil) values.
func object(_ entries: KeyValuePairs<String, (any Sendable)?>) -> [String: any Sendable] {
    var result: [String: any Sendable] = [:]
    for (key, value) in entries {
        if let value {
            result[key] = value
        }
    }
    return result
}
