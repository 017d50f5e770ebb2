import GraphQL

/// The selection rules `specifiedRules` of GraphQL 4.3.0 leaves out: fields that share a response key must merge
/// (same field, same arguments, compatible types), and a subscription selects exactly one root field.
struct SelectionChecks {
    let schema: GraphQLSchema
    let documents: DocumentSet
    private let fieldMaps = FieldMaps()

    private struct Entry {
        let key: String
        let field: Field
        let parent: GraphQLNamedType
        let definition: GraphQLField?
    }

    private typealias SelectionScope = (selectionSet: SelectionSet, parent: GraphQLNamedType)

    func diagnostics() -> [Diagnostic] {
        var errors: [GraphQLError] = []
        for definition in documents.combined.definitions {
            switch definition {
            case let operation as OperationDefinition:
                guard let root = SchemaLookup.rootType(of: operation.operation, in: schema) else { continue }
                check([(operation.selectionSet, root)], fragmentPath: [], errors: &errors)
                if operation.operation == .subscription {
                    let keys = orderedKeys(collect([(operation.selectionSet, root)], fragmentPath: []))
                    if keys.count > 1 {
                        let name = operation.name.map { "Subscription \"\($0.value)\"" } ?? "An anonymous subscription"
                        errors.append(GraphQLError(message: "\(name) must select only one top level field, not \(keys.count) (\(keys.joined(separator: ", "))); split it into one subscription per field", nodes: [operation]))
                    }
                }
            case let fragment as FragmentDefinition:
                guard let type = schema.getType(name: fragment.typeCondition.name.value) else { continue }
                check([(fragment.selectionSet, type)], fragmentPath: [fragment.name.value], errors: &errors)
            default:
                continue
            }
        }
        return errors.map { $0.diagnostic(in: documents.filesByPath) }
    }

    private var fragments: [String: FragmentDefinition] {
        var byName: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in documents.combined.definitions where byName[fragment.name.value] == nil {
            byName[fragment.name.value] = fragment
        }
        return byName
    }

    /// The fields these selection sets select, with fragments expanded (a fragment already on the path is skipped,
    /// so a fragment cycle — reported by the spec rules — cannot recurse forever).
    private func collect(_ scopes: [SelectionScope], fragmentPath: Set<String>) -> [Entry] {
        let fragments = self.fragments
        var entries: [Entry] = []
        func walk(_ set: SelectionSet, _ parent: GraphQLNamedType, _ path: Set<String>) {
            for selection in set.selections {
                switch selection {
                case let field as Field:
                    let definition = fieldMaps.fields(of: parent)[field.name.value]
                    entries.append(Entry(key: field.alias?.value ?? field.name.value, field: field, parent: parent, definition: definition))
                case let inline as InlineFragment:
                    guard let type = SchemaLookup.conditionType(inline.typeCondition, parent: parent, in: schema) else { continue }
                    walk(inline.selectionSet, type, path)
                case let spread as FragmentSpread:
                    let name = spread.name.value
                    guard !path.contains(name), let fragment = fragments[name],
                        let type = schema.getType(name: fragment.typeCondition.name.value)
                    else { continue }
                    walk(fragment.selectionSet, type, path.union([name]))
                default:
                    continue
                }
            }
        }
        for scope in scopes { walk(scope.selectionSet, scope.parent, fragmentPath) }
        return entries
    }

    private func orderedKeys(_ entries: [Entry]) -> [String] {
        var seen: Set<String> = []
        return entries.map(\.key).filter { seen.insert($0).inserted }
    }

    private func check(_ scopes: [SelectionScope], fragmentPath: Set<String>, errors: inout [GraphQLError]) {
        let entries = collect(scopes, fragmentPath: fragmentPath)
        let groups = Dictionary(grouping: entries, by: \.key)
        for key in orderedKeys(entries) {
            guard let group = groups[key], let first = group.first else { continue }
            for other in group.dropFirst() {
                if let reason = conflict(first, other) {
                    errors.append(GraphQLError(message: "fields \"\(key)\" conflict because \(reason); use different aliases on the fields to fetch both", nodes: [other.field]))
                }
            }
            let children: [SelectionScope] = group.compactMap { entry in
                guard let set = entry.field.selectionSet, let definition = entry.definition,
                    let type = getNamedType(type: definition.type)
                else { return nil }
                return (set, type)
            }
            if !children.isEmpty { check(children, fragmentPath: fragmentPath, errors: &errors) }
        }
    }

    private func conflict(_ first: Entry, _ other: Entry) -> String? {
        let exclusiveParents = first.parent is GraphQLObjectType && other.parent is GraphQLObjectType
            && first.parent.name != other.parent.name
        if !exclusiveParents {
            if first.field.name.value != other.field.name.value {
                return "\"\(first.field.name.value)\" and \"\(other.field.name.value)\" are different fields"
            }
            let firstArguments = GraphQLPrinter.arguments(sorted(first.field.arguments))
            let otherArguments = GraphQLPrinter.arguments(sorted(other.field.arguments))
            if firstArguments != otherArguments {
                return "they have differing arguments (\(firstArguments.isEmpty ? "none" : firstArguments) and \(otherArguments.isEmpty ? "none" : otherArguments))"
            }
        }
        if let a = first.definition?.type, let b = other.definition?.type, !sameShape(a, b) {
            return "they return conflicting types \"\(SchemaLookup.spelling(a))\" and \"\(SchemaLookup.spelling(b))\""
        }
        return nil
    }

    private func sorted(_ arguments: [Argument]) -> [Argument] { arguments.sorted { $0.name.value < $1.name.value } }

    /// Whether two field types decode into the same Swift shape: same list and null wrappers, same leaf type.
    private func sameShape(_ a: GraphQLType, _ b: GraphQLType) -> Bool {
        switch (a, b) {
        case let (a as GraphQLNonNull, b as GraphQLNonNull): return sameShape(a.ofType, b.ofType)
        case let (a as GraphQLList, b as GraphQLList): return sameShape(a.ofType, b.ofType)
        case (is GraphQLNonNull, _), (_, is GraphQLNonNull), (is GraphQLList, _), (_, is GraphQLList): return false
        case let (a as GraphQLNamedType, b as GraphQLNamedType):
            if a is GraphQLLeafType || b is GraphQLLeafType { return a.name == b.name }
            return true
        default: return false
        }
    }
}
