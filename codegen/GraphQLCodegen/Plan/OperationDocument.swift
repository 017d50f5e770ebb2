import GraphQL

/// The exact text an operation sends: the operation, then every fragment it spreads (directly or through other
/// fragments) sorted by name, each selection set the decoder needs it in asking for `__typename`.
struct OperationDocument {
    let fragments: [String: FragmentDefinition]
    let typenameSelectionSets: Set<ObjectIdentifier>

    func text(of operation: OperationDefinition) -> String {
        var printer = GraphQLPrinter()
        printer.typenameSelectionSets = typenameSelectionSets
        var text = printer.print(operation)
        for fragment in usedFragments(operation.selectionSet) { text += "\n\n" + printer.print(fragment) }
        return text
    }

    private func usedFragments(_ selectionSet: SelectionSet) -> [FragmentDefinition] {
        var found: Set<String> = []
        func walk(_ set: SelectionSet) {
            for selection in set.selections {
                switch selection {
                case let field as Field: if let nested = field.selectionSet { walk(nested) }
                case let inline as InlineFragment: walk(inline.selectionSet)
                case let spread as FragmentSpread:
                    guard found.insert(spread.name.value).inserted, let fragment = fragments[spread.name.value] else { continue }
                    walk(fragment.selectionSet)
                default: continue
                }
            }
        }
        walk(selectionSet)
        return found.sorted().compactMap { fragments[$0] }
    }
}
