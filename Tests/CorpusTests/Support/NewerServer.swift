import Foundation
import GraphQL
import GraphQLExecution

/// A stand-in for a newer deployment of the Murmur API: the client's schema plus `Server/additions.graphqls`,
/// run by the GraphQL library's executor with one resolver on every field that makes up data from the schema
/// alone.
///
/// Every value is a function of the field's response path (aliases and list indices included), so a response is
/// the same on every run and in every order the executor resolves fields in:
/// - scalars get a value of their type (custom scalars: a date-time, a URL with the field's arguments as its
///   query, a cursor, an amount, a JSON object);
/// - enums get one of the server's values, the new ones included;
/// - lists get two to four items; abstract items and enum values take consecutive choices, so a list shows several;
/// - nullable fields are sometimes null (never a root field, so every operation gets some data), and so are
///   nullable list items of leaf types (the executor cannot send a null item in a list of objects);
/// - unions and interfaces resolve to one of the server's possible types, the new ones included.
///
/// `Preferences` steer the choices: where some of the possible types or enum values are preferred, the choice is
/// made among those only; nulls can be turned off.
enum NewerServer {
    struct Preferences: Sendable {
        var typeNames: Set<String> = []
        var enumValues: Set<String> = []
        var nulls = true

        static let none = Preferences()
    }

    /// The folder of the corpus: the client's schema, the `.graphql` files, and `Server/`.
    static let corpusFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static let clientSDL = read("schema.graphqls")
    static let additionsSDL = read("Server/additions.graphqls")

    static let schema: GraphQLSchema = {
        do {
            let schema = try buildSchema(source: clientSDL + "\n" + additionsSDL)
            for case let type as GraphQLObjectType in schema.typeMap.values where !type.name.hasPrefix("__") {
                let fields = try type.fields()
                for field in fields.values {
                    field.resolve = fabricate
                }
                type.fields = { fields }
            }
            return try schema.resolvingAbstractTypes(by: { ($0 as? Fabricated)?.typeName })
        } catch {
            preconditionFailure("the newer server's schema does not build: \(error)")
        }
    }()

    /// Executes `document` and returns the whole result (data and errors).
    static func execute(
        _ document: String, variables: [String: Map], operationName: String, preferring preferences: Preferences = .none
    ) async throws -> GraphQLResult {
        try await graphql(
            schema: schema, request: document, context: preferences,
            variableValues: try withInputDefaults(variables, document: document, operationName: operationName),
            operationName: operationName)
    }

    // MARK: Input defaults

    /// The variables with every input object field the client left out that has a default set to it.
    ///
    /// GraphQL 4.3.0 checks variables before it applies input field defaults, so it rejects an input object
    /// without a member for a non-null field that has a default (`CommentOrder.direction: SortDirection! = ASC`),
    /// which the spec's input coercion accepts (and which generated input objects leave out unless set). This
    /// applies the defaults first, as a spec-compliant server would.
    static func withInputDefaults(_ variables: [String: Map], document: String, operationName: String) throws -> [String: Map] {
        let ast = try parse(source: Source(body: document))
        guard let operation = ast.definitions.lazy.compactMap({ $0 as? OperationDefinition })
            .first(where: { $0.name?.value == operationName })
        else { return variables }
        var filled = variables
        for definition in operation.variableDefinitions {
            let name = definition.variable.name.value
            guard let value = variables[name] else { continue }
            filled[name] = try withInputDefaults(value, type: definition.type)
        }
        return filled
    }

    private static func withInputDefaults(_ value: Map, type: Type) throws -> Map {
        switch type {
        case let nonNull as NonNullType: return try withInputDefaults(value, type: nonNull.type)
        case let list as ListType:
            guard case .array(let items) = value else { return try withInputDefaults(value, type: list.type) }
            return .array(try items.map { try withInputDefaults($0, type: list.type) })
        case let named as NamedType:
            guard let input = schema.getType(name: named.name.value) as? GraphQLInputType else { return value }
            return try withInputDefaults(value, input: input)
        default:
            return value
        }
    }

    private static func withInputDefaults(_ value: Map, input: GraphQLInputType) throws -> Map {
        switch input {
        case let nonNull as GraphQLNonNull:
            guard let inner = nonNull.ofType as? GraphQLInputType else { return value }
            return try withInputDefaults(value, input: inner)
        case let list as GraphQLList:
            guard let inner = list.ofType as? GraphQLInputType else { return value }
            guard case .array(let items) = value else { return try withInputDefaults(value, input: inner) }
            return .array(try items.map { try withInputDefaults($0, input: inner) })
        case let object as GraphQLInputObjectType:
            guard case .dictionary(var members) = value else { return value }
            for (name, field) in try object.fields() {
                if let member = members[name] {
                    members[name] = try withInputDefaults(member, input: field.type)
                } else if let defaultValue = field.defaultValue {
                    members[name] = defaultValue
                }
            }
            return .dictionary(members)
        default:
            return value
        }
    }

    /// The object types this server has and the client's schema does not.
    static let addedTypeNames: Set<String> = objectTypeNames(of: schema).subtracting(clientObjectTypeNames)
    /// The object types of the client's schema.
    static let clientObjectTypeNames: Set<String> = objectTypeNames(of: ClientView.clientSchema)
    /// The enum values this server has and the client's schema does not.
    static let addedEnumValues: Set<String> = enumValues(of: schema).subtracting(enumValues(of: ClientView.clientSchema))

    /// The object types with a field of an enum that has added values: where those values can show up.
    static let typesWithAddedEnumValues: Set<String> = {
        let enums = Set(addedEnumValues.map { String($0.split(separator: ".")[0]) })
        var owners: Set<String> = []
        for case let object as GraphQLObjectType in schema.typeMap.values where !object.name.hasPrefix("__") {
            let fields = (try? object.fields()) ?? [:]
            if fields.values.contains(where: { enums.contains(Site.named(unwrappingLists: $0.type).name) }) {
                owners.insert(object.name)
            }
        }
        return owners
    }()

    private static func objectTypeNames(of schema: GraphQLSchema) -> Set<String> {
        Set(schema.typeMap.values.compactMap { $0 is GraphQLObjectType && !$0.name.hasPrefix("__") ? $0.name : nil })
    }

    /// Qualified by their enum (`Theme.DARK`): a value new to one enum may be known in another.
    private static func enumValues(of schema: GraphQLSchema) -> Set<String> {
        var values: Set<String> = []
        for case let enumeration as GraphQLEnumType in schema.typeMap.values where !enumeration.name.hasPrefix("__") {
            values.formUnion(enumeration.values.map { "\(enumeration.name).\($0.name)" })
        }
        return values
    }

    private static func read(_ path: String) -> String {
        do {
            return try String(contentsOf: corpusFolder.appendingPathComponent(path), encoding: .utf8)
        } catch {
            preconditionFailure("cannot read \(path) of the corpus: \(error)")
        }
    }

    // MARK: Fabrication

    /// The value of an object-typed field: which object it is. Its own fields are resolved from their paths.
    struct Fabricated: Sendable {
        let typeName: String
    }

    /// Lists and nesting are bounded by the documents already; this only guards against a runaway cycle.
    private static let maximumDepth = 24

    private static let fabricate: GraphQLFieldResolve = { _, arguments, context, info in
        let preferences = context as? Preferences ?? .none
        let path = info.path.elements.map(\.description)
        // Siblings in a list take consecutive choices: the choice is made from the path without its innermost list
        // index, plus that index.
        let innermostIndex = path.lastIndex { Int($0) != nil }
        let rotation = innermostIndex.map { index in
            var shared = path
            shared[index] = "*"
            return stableHash(shared.joined(separator: ".")) / 16 + UInt64(path[index])!
        } ?? stableHash(path.joined(separator: ".")) / 16
        let site = Site(
            schema: info.schema, fieldName: info.fieldName, parentName: info.parentType.name,
            depth: path.count, rotation: rotation, query: query(arguments), preferences: preferences)
        return site.value(of: info.returnType, seed: stableHash(path.joined(separator: ".")), nullable: true)
    }

    /// The field's scalar arguments as a URL query (`?size=64`), so URLs show what they were asked with.
    private static func query(_ arguments: Map) -> String {
        guard case .dictionary(let members) = arguments else { return "" }
        let pairs = members.keys.sorted().compactMap { key -> String? in
            switch members[key] {
            case .number(let number)?: "\(key)=\(number.intValue)"
            case .string(let string)?: "\(key)=\(string)"
            case .bool(let bool)?: "\(key)=\(bool)"
            default: nil
            }
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// Where a value is made: what the choices depend on besides the seed.
    private struct Site {
        let schema: GraphQLSchema
        let fieldName: String
        let parentName: String
        let depth: Int
        /// The choice of type or enum value for the field's own value (a list's items count on from it).
        var rotation: UInt64
        /// Appended to URLs.
        let query: String
        let preferences: Preferences

        func value(of type: GraphQLType, seed: UInt64, nullable: Bool) -> (any Sendable)? {
            if let nonNull = type as? GraphQLNonNull {
                return value(of: nonNull.ofType, seed: seed, nullable: false)
            }
            if nullable, depth > 1, preferences.nulls, seed % 7 == 3 || depth > maximumDepth {
                return nil
            }
            switch type {
            case let list as GraphQLList:
                let count = depth > maximumDepth ? 0 : 2 + Int(seed / 7 % 3)
                // GraphQL 4.3.0 fails a whole response (MapError.incompatibleType) that has a null item in a list
                // of objects, so only items of leaf types are ever null.
                let item = Self.named(list.ofType)
                return (0..<count).map { index -> (any Sendable)? in
                    var site = self
                    site.rotation = rotation + UInt64(index)
                    return site.value(of: list.ofType, seed: mix(seed, UInt64(index + 1)), nullable: !(item is GraphQLCompositeType))
                }
            case let object as GraphQLObjectType:
                return Fabricated(typeName: object.name)
            case let abstract as GraphQLAbstractType:
                return Fabricated(typeName: choose(among: possibleTypes(of: abstract), choice: rotation, preferred: preferences.typeNames))
            case let enumeration as GraphQLEnumType:
                return choose(among: enumeration.values.map(\.name), choice: rotation, preferred: preferences.enumValues)
            case let scalar as GraphQLScalarType:
                let value = Self.scalar(scalar.name, fieldName: fieldName, parentName: parentName, seed: seed)
                return scalar.name == "URL" ? "\(value ?? "")\(query)" : value
            default:
                return nil
            }
        }

        private func possibleTypes(of abstract: GraphQLAbstractType) -> [String] {
            schema.getPossibleTypes(abstractType: abstract).map(\.name).sorted()
        }

        private func choose(among names: [String], choice: UInt64, preferred: Set<String>) -> String {
            let candidates = names.contains(where: preferred.contains) ? names.filter(preferred.contains) : names
            return candidates[Int(choice % UInt64(candidates.count))]
        }

        private static func named(_ type: GraphQLType) -> GraphQLType {
            if let nonNull = type as? GraphQLNonNull { return named(nonNull.ofType) }
            return type
        }

        static func named(unwrappingLists type: GraphQLType) -> GraphQLNamedType {
            if let nonNull = type as? GraphQLNonNull { return named(unwrappingLists: nonNull.ofType) }
            if let list = type as? GraphQLList { return named(unwrappingLists: list.ofType) }
            return type as! GraphQLNamedType
        }

        static func scalar(_ name: String, fieldName: String, parentName: String, seed: UInt64) -> (any Sendable)? {
            switch name {
            case "ID": return "\(parentName.lowercased())_\(seed % 100_000)"
            case "String": return "\(fieldName) \(seed % 1000)"
            case "Int": return Int(seed % 1000)
            // Never integral: Foundation writes 12.0 as 12, which would read back as an Int.
            case "Float": return Double(seed % 1000) + 0.5
            case "Boolean": return seed % 2 == 0
            case "DateTime": return "2026-0\(1 + seed % 9)-1\(seed % 10)T\(10 + seed % 14):00:00Z"
            case "URL": return "https://murmur.example/\(fieldName)/\(seed % 1000)"
            case "Cursor": return "cursor:\(seed % 10_000)"
            case "Money": return "\(seed % 500).\(10 + seed % 90)"
            case "JSON":
                return Map.dictionary([
                    "event": .string(fieldName), "sequence": .number(Number(Int(seed % 100))),
                    "tags": .array([.string("a"), .bool(seed % 2 == 0), .null]),
                ])
            default: return "\(name) \(seed % 1000)"
            }
        }
    }

    /// FNV-1a: stable across runs and processes (unlike `Hasher`).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return mix(hash, 0)
    }

    /// A finaliser (SplitMix64) so consecutive paths do not give correlated choices.
    static func mix(_ value: UInt64, _ salt: UInt64) -> UInt64 {
        var z = value &+ salt &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
