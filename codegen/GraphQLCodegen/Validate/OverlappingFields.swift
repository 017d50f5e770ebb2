import GraphQL

/// GraphQL's OverlappingFieldsCanBeMerged rule (spec §5.3.2, FieldsInSetCanMerge and SameResponseShape), which
/// GraphQL 4.3.0's `specifiedRules` leaves out: fields that share a response key must be one field with the same
/// arguments, unless their parent types are distinct object types, and must return the same shape either way.
///
/// Every selection set of the document is checked once, in document order, and each conflict is reported once, at
/// the first of the two fields (where graphql-js reports it, so editors show the same place).
struct OverlappingFields {
    let schema: GraphQLSchema
    let documents: DocumentSet
    private let fieldMaps = FieldMaps()

    func diagnostics() -> [Diagnostic] {
        let finder = FieldConflictFinder(schema: schema, fragments: documents.fragmentsByName, fieldMaps: fieldMaps)
        var errors: [GraphQLError] = []
        for definition in documents.combined.definitions {
            switch definition {
            case let operation as OperationDefinition:
                let root = SchemaLookup.rootType(of: operation.operation, in: schema)
                visit(operation.selectionSet, parentType: root, finder: finder, errors: &errors)
            case let fragment as FragmentDefinition:
                let type = schema.getType(name: fragment.typeCondition.name.value)
                visit(fragment.selectionSet, parentType: type as? GraphQLCompositeType, finder: finder, errors: &errors)
            default:
                continue
            }
        }
        let files = documents.filesByPath
        return errors.map { $0.diagnostic(in: files) }
    }

    /// Checks `set`, then every selection set nested in it; a fragment's own selection set is checked where the
    /// fragment is defined, not at each spread.
    private func visit(
        _ set: SelectionSet, parentType: GraphQLCompositeType?, finder: FieldConflictFinder, errors: inout [GraphQLError]
    ) {
        for conflict in finder.conflicts(within: set, parentType: parentType) {
            errors.append(GraphQLError(message: conflict.message, nodes: conflict.firstFields + conflict.secondFields))
        }
        for selection in set.selections {
            switch selection {
            case let field as Field:
                guard let nested = field.selectionSet else { continue }
                visit(nested, parentType: selectedType(of: field, on: parentType), finder: finder, errors: &errors)
            case let inline as InlineFragment:
                let type: GraphQLNamedType? =
                    if let condition = inline.typeCondition { schema.getType(name: condition.name.value) } else { parentType }
                visit(inline.selectionSet, parentType: type as? GraphQLCompositeType, finder: finder, errors: &errors)
            default:
                continue
            }
        }
    }

    /// The composite type a field's selection set selects from, introspection fields included.
    private func selectedType(of field: Field, on parentType: GraphQLCompositeType?) -> GraphQLCompositeType? {
        guard let parentType else { return nil }
        let name = field.name.value
        let isQueryRoot = parentType.name == schema.queryType?.name
        if isQueryRoot, name == "__schema" { return schema.getType(name: "__Schema") as? GraphQLCompositeType }
        if isQueryRoot, name == "__type" { return schema.getType(name: "__Type") as? GraphQLCompositeType }
        let type = fieldMaps.fields(of: parentType)[name]?.type
        return getNamedType(type: type) as? GraphQLCompositeType
    }
}

/// Two fields with one response key that cannot be merged, and why.
struct FieldConflict {
    indirect enum Reason {
        case differentFields(String, String)
        case differingArguments
        case conflictingTypes(GraphQLType, GraphQLType)
        /// Their selection sets conflict: the subfields' conflicts, in the order found.
        case subfields([FieldConflict])
    }

    let responseKey: String
    let reason: Reason
    let first: Field
    let second: Field

    var message: String {
        "Fields \"\(responseKey)\" conflict because \(Self.explanation(reason)). "
            + "Use different aliases on the fields to fetch both if this was intentional."
    }

    /// The first field, then the first field of each subfield conflict, depth first.
    var firstFields: [Field] {
        guard case .subfields(let conflicts) = reason else { return [first] }
        return [first] + conflicts.flatMap(\.firstFields)
    }

    /// The second field, then the second field of each subfield conflict, depth first.
    var secondFields: [Field] {
        guard case .subfields(let conflicts) = reason else { return [second] }
        return [second] + conflicts.flatMap(\.secondFields)
    }

    private static func explanation(_ reason: Reason) -> String {
        switch reason {
        case let .differentFields(first, second): return "\"\(first)\" and \"\(second)\" are different fields"
        case .differingArguments: return "they have differing arguments"
        case let .conflictingTypes(first, second):
            return "they return conflicting types \"\(SchemaLookup.spelling(first))\" and \"\(SchemaLookup.spelling(second))\""
        case let .subfields(conflicts):
            return conflicts.map { "subfields \"\($0.responseKey)\" conflict because \(explanation($0.reason))" }
                .joined(separator: " and ")
        }
    }
}
