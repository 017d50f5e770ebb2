import GraphQL

// GraphQLSwift 4.3.0 gap: a schema from `buildSchema(source:)` cannot execute a union or interface field (its
// abstract types have no `resolveType`). Every executor of an SDL schema (the platform endpoint, the tests'
// executors) rebuilds the schema here first.

extension GraphQLSchema {
    /// A copy of this schema whose unions and interfaces can be executed.
    ///
    /// `buildSchema(source:)` gives abstract types no `resolveType`, so the executor cannot tell which object type a
    /// union or interface value is and fails every such field. The copy rebuilds the abstract types with a resolver
    /// that asks `typeName` for the concrete type's name, and rebuilds every object and interface type that refers to
    /// them. Field resolvers set before the call are kept; set new ones on the copy. This schema is left unchanged.
    ///
    /// ```swift
    /// let schema = try buildSchema(source: sdl).resolvingAbstractTypes()
    /// // a resolver returns ["__typename": "User", "id": "us_usr_1"] for a field of type `Actor` (a union)
    /// ```
    ///
    /// - Parameter typeName: the concrete type name of a resolved value; the default reads `__typename` from a
    ///   dictionary or `Map` value.
    public func resolvingAbstractTypes(
        by typeName: @escaping @Sendable (any Sendable) -> String? = GraphQLSchema.typeNameField
    ) throws -> GraphQLSchema {
        try AbstractTypeRebuild(schema: self, typeName: typeName).rebuiltSchema()
    }

    /// Reads `__typename` from a `[String: any Sendable]` or a `Map` dictionary.
    public static func typeNameField(of value: any Sendable) -> String? {
        if let dictionary = value as? [String: any Sendable] { return dictionary["__typename"] as? String }
        if case .dictionary(let map) = value as? Map, case .string(let name)? = map["__typename"] { return name }
        return nil
    }
}

/// The rebuild behind `resolvingAbstractTypes(by:)`: every composite output type is created anew so that no path
/// from the new roots reaches an old union or interface (the schema rejects two types of one name).
private final class AbstractTypeRebuild {
    private let schema: GraphQLSchema
    private let typeName: @Sendable (any Sendable) -> String?
    private var objects: [String: GraphQLObjectType] = [:]
    private var interfaces: [String: GraphQLInterfaceType] = [:]
    private var unions: [String: GraphQLUnionType] = [:]

    init(schema: GraphQLSchema, typeName: @escaping @Sendable (any Sendable) -> String?) {
        self.schema = schema
        self.typeName = typeName
    }

    /// The executor reports an error thrown here without its path, so the message names the field.
    private func resolveType(of abstractType: String) -> GraphQLTypeResolve {
        { [typeName] value, info in
            guard let name = typeName(value) else {
                let path = info.path.elements.map(\.description).joined(separator: ".")
                throw GraphQLError(
                    message: "Cannot tell which \(abstractType) the value of \(path) is: it has no __typename")
            }
            return name
        }
    }

    func rebuiltSchema() throws -> GraphQLSchema {
        // The thunks below read the tables lazily, so every type exists before any of them runs.
        for type in schema.typeMap.values {
            switch type {
            case let object as GraphQLObjectType where !object.name.hasPrefix("__"):
                objects[object.name] = try GraphQLObjectType(
                    name: object.name, description: object.description,
                    fields: { try self.fields(of: object.fields()) },
                    interfaces: { try object.interfaces().map(self.interface) },
                    isTypeOf: object.isTypeOf, astNode: object.astNode, extensionASTNodes: object.extensionASTNodes)
            case let interface as GraphQLInterfaceType:
                interfaces[interface.name] = try GraphQLInterfaceType(
                    name: interface.name, description: interface.description,
                    fields: { try self.fields(of: interface.fields()) },
                    interfaces: { try interface.interfaces().map(self.interface) },
                    resolveType: resolveType(of: interface.name), astNode: interface.astNode,
                    extensionASTNodes: interface.extensionASTNodes)
            case let union as GraphQLUnionType:
                unions[union.name] = try GraphQLUnionType(
                    name: union.name, description: union.description, resolveType: resolveType(of: union.name),
                    types: { try union.types().map(self.object) })
            default:
                break
            }
        }
        // The new types' thunks keep this table alive (held strongly: the library may call them late).
        return try GraphQLSchema(
            query: schema.queryType.map(object), mutation: schema.mutationType.map(object),
            subscription: schema.subscriptionType.map(object),
            types: schema.typeMap.values.filter { !$0.name.hasPrefix("__") }.map(replacement),
            directives: schema.directives)
    }

    private func fields(of fields: GraphQLFieldMap) throws -> GraphQLFieldMap {
        var rebuilt = GraphQLFieldMap()
        for (name, field) in fields {
            let copy = GraphQLField(
                type: try outputType(field.type), description: field.description,
                deprecationReason: field.deprecationReason, args: field.args, astNode: field.astNode)
            copy.resolve = field.resolve
            copy.subscribe = field.subscribe
            rebuilt[name] = copy
        }
        return rebuilt
    }

    private func outputType(_ type: GraphQLOutputType) throws -> GraphQLOutputType {
        switch type {
        case let nonNull as GraphQLNonNull:
            guard let inner = nonNull.ofType as? GraphQLOutputType else { return type }
            return try GraphQLNonNull(outputType(inner))
        case let list as GraphQLList:
            guard let inner = list.ofType as? GraphQLOutputType else { return type }
            return GraphQLList(try outputType(inner))
        case let named as GraphQLNamedType:
            return replacement(for: named) as? GraphQLOutputType ?? type
        default:
            return type
        }
    }

    private func replacement(for type: GraphQLNamedType) -> GraphQLNamedType {
        objects[type.name] ?? interfaces[type.name] ?? unions[type.name] ?? type
    }

    private func object(_ type: GraphQLObjectType) -> GraphQLObjectType { objects[type.name] ?? type }
    private func interface(_ type: GraphQLInterfaceType) -> GraphQLInterfaceType { interfaces[type.name] ?? type }
}
