import GraphQL

/// Builds the `CodegenPlan` from a validated document set. All naming happens here, deterministically; a name that
/// would not compile or would clash is a diagnostic that says how to fix it.
///
/// Two phases: every response struct is planned first (which decides the selection sets that need `__typename`),
/// then each operation's document text is printed with those additions, so no step depends on the order in which
/// fragments and operations are met.
final class Planner {
    private let documents: DocumentSet
    private let context: PlanningContext
    private let names: TypeNames
    private let types: SchemaTypePlanner
    private let selections: SelectionPlanner

    var diagnostics: [Diagnostic] { context.diagnostics }

    init(schema: GraphQLSchema, schemaFile: SourceFile, documents: DocumentSet, configuration: Configuration) {
        self.documents = documents
        context = PlanningContext(schema: schema, schemaFile: schemaFile, documents: documents, configuration: configuration)
        names = TypeNames(context: context)
        types = SchemaTypePlanner(context: context, names: names)
        selections = SelectionPlanner(context: context, names: names, types: types)
    }

    /// `getBatches.graphql` → `getBatches.graphql.swift`.
    static func outputFileName(for path: String) -> String { TypeNames.outputFileName(for: path) }

    func plan() -> CodegenPlan {
        names.checkTopLevelNames(documents)
        var operations: [ObjectIdentifier: (OperationDefinition, SelectionSetPlan)] = [:]
        for case let operation as OperationDefinition in documents.combined.definitions {
            guard let name = operation.name, let root = SchemaLookup.rootType(of: operation.operation, in: context.schema)
            else { continue }
            let swiftName = TypeNames.operationTypeName(name.value, kind: operation.operation)
            operations[ObjectIdentifier(operation)] = (operation, selections.dataPlan(operation, root: root, operationTypeName: swiftName))
        }
        for name in context.fragments.keys.sorted() { _ = selections.fragmentPlan(name) }

        let printer = OperationDocument(fragments: context.fragments, typenameSelectionSets: selections.typenameSelectionSets)
        let filePlans = documents.files.map { entry in
            FilePlan(
                sourcePath: entry.file.path, outputFileName: TypeNames.outputFileName(for: entry.file.path),
                definitions: entry.definitions.compactMap { definition -> DefinitionPlan? in
                    switch definition {
                    case let operation as OperationDefinition:
                        guard let (operation, data) = operations[ObjectIdentifier(operation)] else { return nil }
                        return .operation(operationPlan(operation, data: data, printer: printer))
                    case let fragment as FragmentDefinition:
                        guard context.fragments[fragment.name.value] === fragment else { return nil }
                        return selections.fragmentPlan(fragment.name.value).map(DefinitionPlan.fragment)
                    default:
                        return nil
                    }
                })
        }
        types.reportUnmappedScalars()
        return CodegenPlan(
            files: filePlans, schemaTypes: types.schemaTypes(),
            accessLevel: context.configuration.accessLevel, runtimeModule: context.configuration.runtimeModule)
    }

    private func operationPlan(_ operation: OperationDefinition, data: SelectionSetPlan, printer: OperationDocument) -> OperationPlan {
        let name = operation.name?.value ?? ""
        let variables = operation.variableDefinitions.map { definition in
            types.inputField(
                name: definition.variable.name.value, shape: TypeShape(definition.type),
                hasDefault: definition.defaultValue != nil, deprecationReason: nil, description: nil)
        }
        let text = printer.text(of: operation)
        return OperationPlan(
            name: name, swiftName: TypeNames.operationTypeName(name, kind: operation.operation),
            kind: operation.operation.rawValue, document: text, identifier: SHA256.hexDigest(of: text),
            variables: variables, data: data, documentation: context.documentation(above: operation))
    }
}
