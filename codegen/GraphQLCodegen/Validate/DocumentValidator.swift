import GraphQL

/// Checks operations against the schema: the GraphQL specification's rules (the library's, and the ones GraphQL
/// 4.3.0 leaves out), then, for generating code, the rules codegen needs on top. The one place both `fgql run` and
/// the generator validate, so a document is judged the same way by both.
enum DocumentValidator {
    /// What the document is checked for.
    enum Purpose {
        /// Generating Swift: every operation needs a name, and an unused fragment is only a warning (it is still
        /// generated, for an app that decodes it on its own).
        case generating
        /// Sending it as it is: the specification's rules alone, as the server applies them.
        case running
    }

    static func validate(_ documents: DocumentSet, schema: GraphQLSchema, for purpose: Purpose = .generating) -> [Diagnostic] {
        let files = documents.filesByPath
        var diagnostics: [Diagnostic] = []
        for error in GraphQL.validate(schema: schema, ast: documents.combined) {
            let unused = error.message.hasPrefix("Fragment \"") && error.message.hasSuffix("\" is never used.")
            diagnostics.append(error.diagnostic(in: files, severity: unused && purpose == .generating ? .warning : .error))
        }
        diagnostics += OverlappingFields(schema: schema, documents: documents).diagnostics()
        diagnostics += SingleFieldSubscriptions(schema: schema, documents: documents).diagnostics()
        for error in GraphQL.validate(schema: schema, ast: documents.combined, rules: [NoDeprecatedCustomRule]) {
            diagnostics.append(error.diagnostic(in: files, severity: .warning))
        }
        if purpose == .generating { diagnostics += namedOperations(documents, files: files) }
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
