import GraphQL

/// Questions the validator and planner ask the schema, answered without throwing.
enum SchemaLookup {
    /// The fields of an object or interface type; empty for other types.
    static func fields(of type: GraphQLNamedType) -> GraphQLFieldMap {
        switch type {
        case let object as GraphQLObjectType: return (try? object.fields()) ?? [:]
        case let interface as GraphQLInterfaceType: return (try? interface.fields()) ?? [:]
        default: return [:]
        }
    }

    /// The names of the object types a value of `type` can be, sorted.
    static func possibleTypeNames(of type: GraphQLNamedType, in schema: GraphQLSchema) -> [String] {
        if let abstract = type as? GraphQLAbstractType {
            return schema.getPossibleTypes(abstractType: abstract).map(\.name).sorted()
        }
        return [type.name]
    }

    /// The type a selection's type condition names, or `parent` when it names none.
    static func conditionType(_ condition: NamedType?, parent: GraphQLNamedType, in schema: GraphQLSchema)
        -> GraphQLNamedType?
    {
        guard let condition else { return parent }
        return schema.getType(name: condition.name.value)
    }

    /// `String`, `[Int!]!`: the GraphQL spelling of a type.
    static func spelling(_ type: GraphQLType) -> String {
        switch type {
        case let nonNull as GraphQLNonNull: return spelling(nonNull.ofType) + "!"
        case let list as GraphQLList: return "[" + spelling(list.ofType) + "]"
        case let named as GraphQLNamedType: return named.name
        default: return "?"
        }
    }

    /// The root type an operation selects from.
    static func rootType(of operation: OperationType, in schema: GraphQLSchema) -> GraphQLObjectType? {
        switch operation {
        case .query: return schema.queryType
        case .mutation: return schema.mutationType
        case .subscription: return schema.subscriptionType
        }
    }
}
