import GraphQL

/// A GraphQL type reference reduced to its wrappers and name, from either the schema or a document's AST, so one
/// mapping to Swift serves variables, input fields and response fields.
indirect enum TypeShape: Hashable {
    case nonNull(TypeShape)
    case list(TypeShape)
    case named(String)

    init(_ type: GraphQLType) {
        switch type {
        case let nonNull as GraphQLNonNull: self = .nonNull(TypeShape(nonNull.ofType))
        case let list as GraphQLList: self = .list(TypeShape(list.ofType))
        case let named as GraphQLNamedType: self = .named(named.name)
        default: self = .named("")
        }
    }

    init(_ type: Type) {
        switch type {
        case let nonNull as NonNullType: self = .nonNull(TypeShape(nonNull.type))
        case let list as ListType: self = .list(TypeShape(list.type))
        case let named as NamedType: self = .named(named.name.value)
        default: self = .named("")
        }
    }

    var namedType: String {
        switch self {
        case .nonNull(let inner), .list(let inner): inner.namedType
        case .named(let name): name
        }
    }

    var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// Whether a list wraps the named type (a list keeps a recursive input object finite).
    var containsList: Bool {
        switch self {
        case .list: true
        case .nonNull(let inner): inner.containsList
        case .named: false
        }
    }
}
