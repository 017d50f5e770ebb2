import GraphQL

/// The part of a schema a set of operations reaches, written back as SDL: the types they select from, name or
/// spread into, with only the fields they select, plus whatever keeps that part a valid schema.
///
/// Why: the GraphQL library builds every type of a schema up front, in time that grows faster than the schema
/// (GitHub's 1.2 MB SDL costs about ten parses); one target's operations touch a few dozen of its types.
///
/// What makes validating and planning against the subset give the same answers as against the whole schema, for
/// operations that are valid: it keeps every field they select with all its arguments, every type they name,
/// every possible type of each abstract type it keeps, and whole enums, input objects and directive definitions.
/// Descriptions and directives are copied from the original text. Anything it leaves out can only surface as an
/// error, and the generator then starts over with the whole schema, so diagnostics never come from a subset.
enum SchemaSubset {
    /// The subset's SDL, or `nil` when the schema uses definitions the subset does not handle (extensions), in
    /// which case the whole schema is used.
    static func sdl(of schema: Document, text: String, reachedBy documents: DocumentSet) -> String? {
        guard let index = Index(schema) else { return nil }
        var reach = Reach(index: index)
        reach.walk(documents.combined)
        reach.close()
        return index.write(reach, text: Array(text.utf8))
    }

    /// The schema's definitions by name.
    private struct Index {
        var definitions: [Definition] = []
        var objects: [String: ObjectTypeDefinition] = [:]
        var interfaces: [String: InterfaceTypeDefinition] = [:]
        var unions: [String: UnionTypeDefinition] = [:]
        var inputObjects: [String: InputObjectTypeDefinition] = [:]
        /// Interface name → the objects and interfaces that declare it.
        var implementations: [String: [String]] = [:]
        var directives: [DirectiveDefinition] = []
        var rootTypes: [OperationType: String] = [.query: "Query", .mutation: "Mutation", .subscription: "Subscription"]

        init?(_ schema: Document) {
            definitions = schema.definitions
            for definition in schema.definitions {
                switch definition {
                case let object as ObjectTypeDefinition:
                    objects[object.name.value] = object
                    for interface in object.interfaces { implementations[interface.name.value, default: []].append(object.name.value) }
                case let interface as InterfaceTypeDefinition:
                    interfaces[interface.name.value] = interface
                    for parent in interface.interfaces { implementations[parent.name.value, default: []].append(interface.name.value) }
                case let union as UnionTypeDefinition:
                    unions[union.name.value] = union
                case let input as InputObjectTypeDefinition:
                    inputObjects[input.name.value] = input
                case let directive as DirectiveDefinition:
                    directives.append(directive)
                case let root as SchemaDefinition:
                    rootTypes = [:]
                    for operationType in root.operationTypes { rootTypes[operationType.operation] = operationType.type.name.value }
                case is EnumTypeDefinition, is ScalarTypeDefinition:
                    continue
                default:
                    return nil
                }
            }
        }

        func fields(of type: String) -> [FieldDefinition] {
            objects[type]?.fields ?? interfaces[type]?.fields ?? []
        }

        func field(_ name: String, of type: String) -> FieldDefinition? {
            fields(of: type).first { $0.name.value == name }
        }

        func isLeaf(_ type: String) -> Bool {
            objects[type] == nil && interfaces[type] == nil && unions[type] == nil && inputObjects[type] == nil
        }

        /// The definitions in their original order; objects and interfaces cut down to the fields and interfaces
        /// kept, everything else copied as written.
        func write(_ reach: Reach, text: [UInt8]) -> String {
            func slice(_ node: Node) -> String {
                guard let location = node.loc else { return "" }
                return String(decoding: text[location.start..<location.end], as: UTF8.self)
            }
            func header(_ keyword: String, _ description: StringValue?, _ name: Name, _ declared: [NamedType],
                        _ directives: [Directive]) -> String {
                var line = description.map { slice($0) + "\n" } ?? ""
                line += "\(keyword) \(name.value)"
                let interfaces = declared.map(\.name.value).filter(reach.types.contains)
                if !interfaces.isEmpty { line += " implements " + interfaces.joined(separator: " & ") }
                for directive in directives { line += " " + slice(directive) }
                return line
            }
            func body(_ type: String, _ fields: [FieldDefinition]) -> String {
                let kept = reach.fields[type] ?? []
                return " {\n" + fields.filter { kept.contains($0.name.value) }.map { "  " + slice($0) }.joined(separator: "\n") + "\n}"
            }
            var parts: [String] = []
            for definition in definitions {
                switch definition {
                case let object as ObjectTypeDefinition where reach.types.contains(object.name.value):
                    parts.append(header("type", object.description, object.name, object.interfaces, object.directives)
                        + body(object.name.value, object.fields))
                case let interface as InterfaceTypeDefinition where reach.types.contains(interface.name.value):
                    parts.append(header("interface", interface.description, interface.name, interface.interfaces, interface.directives)
                        + body(interface.name.value, interface.fields))
                case let union as UnionTypeDefinition where reach.types.contains(union.name.value):
                    // Written out: the library's location of a union ends before its member list.
                    parts.append(header("union", union.description, union.name, [], union.directives)
                        + " = " + union.types.map(\.name.value).joined(separator: " | "))
                case let named as TypeDefinition where reach.types.contains(named.name.value):
                    parts.append(slice(named))
                case is DirectiveDefinition, is SchemaDefinition:
                    parts.append(slice(definition))
                default:
                    continue
                }
            }
            return parts.joined(separator: "\n\n") + "\n"
        }
    }

    /// The types and fields kept, grown from what the operations use until the subset is a valid schema.
    private struct Reach {
        let index: Index
        private(set) var types: Set<String> = []
        private(set) var fields: [String: Set<String>] = [:]
        private var pendingTypes: [String] = []
        private var pendingFields: [(type: String, field: String)] = []

        init(index: Index) {
            self.index = index
        }

        mutating func walk(_ document: Document) {
            for root in index.rootTypes.values { keep(type: root) }
            for directive in index.directives {
                for argument in directive.arguments { keep(type: argument.type) }
            }
            for definition in document.definitions {
                switch definition {
                case let operation as OperationDefinition:
                    guard let root = index.rootTypes[operation.operation] else { continue }
                    for variable in operation.variableDefinitions { keep(type: variable.type) }
                    walk(operation.selectionSet, parent: root)
                case let fragment as FragmentDefinition:
                    // Each fragment is walked once on its own type condition, so spreads need no following.
                    keep(type: fragment.typeCondition.name.value)
                    walk(fragment.selectionSet, parent: fragment.typeCondition.name.value)
                default:
                    continue
                }
            }
        }

        private mutating func walk(_ selectionSet: SelectionSet, parent: String) {
            for selection in selectionSet.selections {
                switch selection {
                case let field as Field:
                    let name = field.name.value
                    if name.hasPrefix("__") { continue }  // introspection: defined by the library, not the schema
                    keep(field: name, of: parent)
                    if let nested = field.selectionSet, let definition = index.field(name, of: parent) {
                        walk(nested, parent: Self.namedType(definition.type))
                    }
                case let inline as InlineFragment:
                    let condition = inline.typeCondition?.name.value ?? parent
                    keep(type: condition)
                    walk(inline.selectionSet, parent: condition)
                default:
                    continue
                }
            }
        }

        /// Adds what the kept types and fields need until nothing changes: possible types of abstract types,
        /// interface fields on their implementations, argument and input field types, and at least one field
        /// on every object and interface.
        mutating func close() {
            repeat {
                while !pendingTypes.isEmpty || !pendingFields.isEmpty {
                    while let type = pendingTypes.popLast() { expand(type: type) }
                    while let (type, field) = pendingFields.popLast() { expand(field: field, of: type) }
                }
                for type in types where fields[type, default: []].isEmpty {
                    let candidates = index.fields(of: type)
                    guard let first = candidates.first else { continue }
                    let leaf = candidates.first { index.isLeaf(Self.namedType($0.type)) }
                    keep(field: (leaf ?? first).name.value, of: type)
                }
            } while !pendingTypes.isEmpty || !pendingFields.isEmpty
        }

        private mutating func expand(type: String) {
            if index.interfaces[type] != nil {
                for implementation in index.implementations[type] ?? [] {
                    keep(type: implementation)
                    for field in fields[type] ?? [] { keep(field: field, of: implementation) }
                }
            }
            if let union = index.unions[type] {
                for member in union.types { keep(type: member.name.value) }
            }
            if let input = index.inputObjects[type] {
                for field in input.fields { keep(type: field.type) }
            }
        }

        private mutating func expand(field name: String, of type: String) {
            guard let definition = index.field(name, of: type) else { return }
            keep(type: definition.type)
            for argument in definition.arguments { keep(type: argument.type) }
            if index.interfaces[type] != nil {
                for implementation in index.implementations[type] ?? [] { keep(field: name, of: implementation) }
            }
        }

        private mutating func keep(type: Type) {
            keep(type: Self.namedType(type))
        }

        private mutating func keep(type name: String) {
            if types.insert(name).inserted { pendingTypes.append(name) }
        }

        private mutating func keep(field: String, of type: String) {
            keep(type: type)
            if fields[type, default: []].insert(field).inserted { pendingFields.append((type, field)) }
        }

        static func namedType(_ type: Type) -> String {
            switch type {
            case let list as ListType: return namedType(list.type)
            case let nonNull as NonNullType: return namedType(nonNull.type)
            case let named as NamedType: return named.name.value
            default: return ""
            }
        }
    }
}
