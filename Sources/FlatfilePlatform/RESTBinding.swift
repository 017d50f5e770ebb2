import GraphQL

/// One field's `@rest` directive: the REST call behind the field, read from the schema (see the directive's
/// description in `queries/platform/schema.graphqls` for what each argument means).
struct RESTBinding: Sendable {
    enum Paging: String, Sendable {
        case none = "NONE", counted = "COUNTED", uncounted = "UNCOUNTED"
    }

    var path: String
    /// `name=source` entries.
    var query: [String]
    var unwrap: String
    var paging: Paging
    var pageSize: Int
    var embedded: String?
    var requirePrefix: String?
    var typename: String?
    var notFoundIsNull: Bool
    /// A list call (`path?query`) whose items the field's own call is made for, one call each.
    var each: String?
    var distinctBy: String?
    /// `key=source`.
    var pick: String?
}

/// One field's `@derived` directive: a value computed from the parent's JSON.
struct Derivation: Sendable {
    enum Rule: String, Sendable {
        case value = "VALUE", actorKind = "ACTOR_KIND", mapEntries = "MAP_ENTRIES", mapEntry = "MAP_ENTRY"
    }

    var from: String
    var rule: Rule
}

/// How a field gets its value.
enum FieldBinding: Sendable {
    /// The REST calls of its `@rest` directives, tried in order (a union field has one per member).
    case rest([RESTBinding])
    case derived(Derivation)
    /// The parent's JSON member of the same name.
    case member
}

/// A directive the schema uses wrongly: a programming error in the bundled schema, caught by the tests.
struct SchemaBindingError: Error, CustomStringConvertible {
    var description: String
}

extension FieldBinding {
    /// Reads the binding from the field's SDL definition.
    init(_ definition: FieldDefinition?, field: String) throws(SchemaBindingError) {
        let directives = definition?.directives ?? []
        let rest = directives.filter { $0.name.value == "rest" }
        if !rest.isEmpty {
            self = .rest(try rest.map { directive throws(SchemaBindingError) in
                try RESTBinding(DirectiveArguments(directive, field: field))
            })
        } else if let derived = directives.first(where: { $0.name.value == "derived" }) {
            self = .derived(try Derivation(DirectiveArguments(derived, field: field)))
        } else {
            self = .member
        }
    }
}

extension RESTBinding {
    init(_ arguments: DirectiveArguments) throws(SchemaBindingError) {
        path = try arguments.requiredString("path")
        query = try arguments.strings("query")
        unwrap = try arguments.string("unwrap") ?? "data"
        let pagingName = try arguments.string("paging") ?? Paging.none.rawValue
        guard let paging = Paging(rawValue: pagingName) else { throw arguments.invalid("paging", pagingName) }
        self.paging = paging
        pageSize = try arguments.int("pageSize") ?? 100
        embedded = try arguments.string("embedded")
        requirePrefix = try arguments.string("requirePrefix")
        typename = try arguments.string("typename")
        notFoundIsNull = try arguments.bool("notFoundIsNull") ?? false
        each = try arguments.string("each")
        distinctBy = try arguments.string("distinctBy")
        pick = try arguments.string("pick")
        if let method = try arguments.string("method"), method != "GET" {
            throw arguments.invalid("method", method)
        }
    }
}

extension Derivation {
    init(_ arguments: DirectiveArguments) throws(SchemaBindingError) {
        from = try arguments.requiredString("from")
        let ruleName = try arguments.string("rule") ?? Rule.value.rawValue
        guard let rule = Rule(rawValue: ruleName) else { throw arguments.invalid("rule", ruleName) }
        self.rule = rule
    }
}

/// A directive's literal arguments by name; absent arguments are `nil` (their defaults live in the callers).
struct DirectiveArguments {
    private let values: [String: Map]
    private let label: String

    init(_ directive: Directive, field: String) throws(SchemaBindingError) {
        label = "@\(directive.name.value) on \(field)"
        var values: [String: Map] = [:]
        for argument in directive.arguments {
            do {
                values[argument.name.value] = try valueFromASTUntyped(valueAST: argument.value)
            } catch {
                throw SchemaBindingError(description: "\(label): argument \(argument.name.value) is not a literal")
            }
        }
        self.values = values
    }

    func invalid(_ name: String, _ value: String) -> SchemaBindingError {
        SchemaBindingError(description: "\(label): unsupported \(name) \"\(value)\"")
    }

    func string(_ name: String) throws(SchemaBindingError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard case .string(let text) = value else { throw invalid(name, "\(value)") }
        return text
    }

    func requiredString(_ name: String) throws(SchemaBindingError) -> String {
        guard let text = try string(name) else {
            throw SchemaBindingError(description: "\(label): \(name) is required")
        }
        return text
    }

    func strings(_ name: String) throws(SchemaBindingError) -> [String] {
        guard let value = values[name], !value.isNull else { return [] }
        switch value {
        case .string(let text): return [text]  // GraphQL list input coercion: a single item is a list of one
        case .array(let items):
            return try items.map { item throws(SchemaBindingError) in
                guard case .string(let text) = item else { throw invalid(name, "\(item)") }
                return text
            }
        default: throw invalid(name, "\(value)")
        }
    }

    func int(_ name: String) throws(SchemaBindingError) -> Int? {
        guard let value = values[name], !value.isNull else { return nil }
        guard case .number(let number) = value else { throw invalid(name, "\(value)") }
        return number.intValue
    }

    func bool(_ name: String) throws(SchemaBindingError) -> Bool? {
        guard let value = values[name], !value.isNull else { return nil }
        guard case .bool(let flag) = value else { throw invalid(name, "\(value)") }
        return flag
    }
}
