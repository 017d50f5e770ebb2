import Foundation
import GraphQL

/// Attaches one generic resolver to every field of the platform schema, driven by the field's `@rest` or
/// `@derived` directive (or, without either, reading the parent's JSON member of the same name).
enum FieldResolvers {
    static func attach(to schema: GraphQLSchema) throws {
        for case let type as GraphQLObjectType in schema.typeMap.values where !type.name.hasPrefix("__") {
            let fields = try type.fields()
            for (name, field) in fields {
                let binding = try FieldBinding(field.astNode, field: "\(type.name).\(name)")
                field.resolve = resolver(for: binding)
            }
            type.fields = { fields }
        }
    }

    private static func resolver(for binding: FieldBinding) -> GraphQLFieldResolve {
        switch binding {
        case .member:
            return { source, _, _, info in
                executorValue((source as? Map)?.value(at: info.fieldName) ?? .undefined, for: info.returnType)
            }
        case .derived(let derivation):
            return { source, arguments, _, info in
                executorValue(derivation.value(in: source as? Map ?? .undefined, arguments: arguments), for: info.returnType)
            }
        case .rest(let bindings):
            return { source, arguments, context, info in
                guard let session = context as? RESTSession else {
                    throw GraphQLError(message: "internal: the platform schema runs only inside FlatfilePlatformEndpoint")
                }
                let scope = TemplateScope(arguments: arguments, parent: source as? Map ?? .undefined)
                do {
                    let value = try await RESTFieldFetch(session: session, scope: scope).value(of: bindings)
                    return executorValue(value, for: info.returnType)
                } catch let failure as RESTFailure {
                    throw GraphQLError(
                        message: "\(failure.request) failed: \(failure.message)", nodes: info.fieldASTs,
                        path: info.path, extensions: failure.extensions)
                }
            }
        }
    }
}

/// What the executor expects for a field's type: a Swift array for a list (null becomes `[]`: REST sends
/// `data: null` for an empty agent list), `nil` for null, the `Map` itself otherwise.
private func executorValue(_ value: Map, for type: GraphQLOutputType) -> (any Sendable)? {
    let isList = ((type as? GraphQLNonNull)?.ofType ?? type) is GraphQLList
    switch value {
    case .array(let items) where isList: return items.map { item -> (any Sendable)? in item }
    case .undefined, .null: return isList ? [(any Sendable)?]() : nil
    default: return value
    }
}

extension RESTFailure {
    /// `REST_<status>` for an answer, `unreachableErrorCode` for no answer, `REST_FAILED` for anything else.
    private var code: String {
        if let statusCode { return "REST_\(statusCode)" }
        if case .transport = clientError { return FlatfilePlatformEndpoint.unreachableErrorCode }
        return "REST_FAILED"
    }

    var extensions: [String: Map] {
        var extensions: [String: Map] = ["code": .string(code), "request": .string(request)]
        if let statusCode { extensions["status"] = .number(Number(statusCode)) }
        return extensions
    }
}

extension Derivation {
    func value(in parent: Map, arguments: Map) -> Map {
        let value = parent.value(at: from)
        switch rule {
        case .value:
            return value
        case .actorKind:
            guard let id = value.string else { return .string("unknown") }
            let kinds = [("us_usr_", "user"), ("us_g_", "guest"), ("us_ag_", "agent"), ("us_key_", "api_key")]
            return .string(kinds.first { id.hasPrefix($0.0) }?.1 ?? "unknown")
        case .mapEntries:
            guard case .dictionary(let members) = value else { return .array([]) }
            return .array(members.map { Self.entry(key: $0.key, value: $0.value) })
        case .mapEntry:
            guard let key = arguments.value(at: "key").string, case .dictionary(let members) = value,
                  let member = members[key] else { return .null }
            return Self.entry(key: key, value: member)
        }
    }

    /// A map member as an object with its key: `{key, …members}`, or `{key, value}` for a bare value.
    private static func entry(key: String, value: Map) -> Map {
        guard case .dictionary(var members) = value else {
            return .dictionary(["key": .string(key), "value": value])
        }
        members.removeValue(forKey: "key")
        members.updateValue(.string(key), forKey: "key", insertingAt: 0)
        return .dictionary(members)
    }
}
