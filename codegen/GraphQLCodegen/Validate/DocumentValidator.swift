import GraphQL

/// Checks the operations against the schema: the library's spec rules, then the rules codegen needs on top.
enum DocumentValidator {
    static func validate(_ documents: DocumentSet, schema: GraphQLSchema) -> [Diagnostic] {
        let files = documents.filesByPath
        var diagnostics: [Diagnostic] = []
        for error in GraphQL.validate(schema: schema, ast: documents.combined) {
            // DESIGN: a fragment no operation spreads is still generated (an app may decode it on its own).
            let unused = error.message.hasPrefix("Fragment \"") && error.message.hasSuffix("\" is never used.")
            diagnostics.append(error.diagnostic(in: files, severity: unused ? .warning : .error))
        }
        for error in GraphQL.validate(schema: schema, ast: documents.combined, rules: [NoDeprecatedCustomRule]) {
            diagnostics.append(error.diagnostic(in: files, severity: .warning))
        }
        diagnostics += namedOperations(documents, files: files)
        diagnostics += OverlappingFields(schema: schema, documents: documents).diagnostics()
        diagnostics += SingleFieldSubscriptions(schema: schema, documents: documents).diagnostics()
        return diagnostics
    }

    /// fgql rule: every operation has a name, since the name becomes the Swift type's name.
    private static func namedOperations(_ documents: DocumentSet, files: [String: SourceFile]) -> [Diagnostic] {
        documents.combined.definitions.compactMap { definition in
            guard let operation = definition as? OperationDefinition, operation.name == nil else { return nil }
            let kind = operation.operation.rawValue
            return GraphQLError(
                message: "operations must be named, e.g. `\(kind) GetItems { … }`: the name becomes the Swift type (GetItems\(kind.prefix(1).uppercased() + kind.dropFirst()))",
                nodes: [operation]
            ).diagnostic(in: files)
        }
    }
}
