import GraphQL

/// A subscription selects exactly one root field (spec §5.2.3.1), a rule `specifiedRules` of GraphQL 4.3.0 leaves
/// out: each event answers one field.
struct SingleFieldSubscriptions {
    let schema: GraphQLSchema
    let documents: DocumentSet

    func diagnostics() -> [Diagnostic] {
        let fragments = documents.fragmentsByName
        var errors: [GraphQLError] = []
        for case let operation as OperationDefinition in documents.combined.definitions
        where operation.operation == .subscription {
            let keys = responseKeys(operation.selectionSet, fragments: fragments, spreading: [])
            guard keys.count > 1 else { continue }
            let name = operation.name.map { "Subscription \"\($0.value)\"" } ?? "An anonymous subscription"
            errors.append(GraphQLError(
                message: "\(name) must select only one top level field, not \(keys.count) (\(keys.joined(separator: ", "))); split it into one subscription per field",
                nodes: [operation]))
        }
        let files = documents.filesByPath
        return errors.map { $0.diagnostic(in: files) }
    }

    /// The response keys `set` selects, fragments expanded, each once in the order first selected. A fragment already
    /// being expanded is skipped, so a fragment cycle (reported by the spec rules) cannot recurse forever.
    private func responseKeys(
        _ set: SelectionSet, fragments: [String: FragmentDefinition], spreading: Set<String>
    ) -> [String] {
        var keys: [String] = []
        func add(_ more: [String]) { keys += more.filter { !keys.contains($0) } }
        for selection in set.selections {
            switch selection {
            case let field as Field:
                add([field.alias?.value ?? field.name.value])
            case let inline as InlineFragment:
                add(responseKeys(inline.selectionSet, fragments: fragments, spreading: spreading))
            case let spread as FragmentSpread:
                let name = spread.name.value
                guard !spreading.contains(name), let fragment = fragments[name] else { continue }
                add(responseKeys(fragment.selectionSet, fragments: fragments, spreading: spreading.union([name])))
            default:
                continue
            }
        }
        return keys
    }
}
