import GraphQL

/// What every planning step reads — the schema, the documents' fragments, the configuration — and where each
/// reports its diagnostics. One per generator run.
final class PlanningContext {
    let schema: GraphQLSchema
    let configuration: Configuration
    /// The document files and the schema file, by path, for positioning diagnostics and reading comments.
    let files: [String: SourceFile]
    /// Each fragment by name (a duplicate name is a spec error that validation reports).
    let fragments: [String: FragmentDefinition]
    let fieldMaps = FieldMaps()
    private(set) var diagnostics: [Diagnostic] = []

    init(schema: GraphQLSchema, schemaFile: SourceFile, documents: DocumentSet, configuration: Configuration) {
        self.schema = schema
        self.configuration = configuration
        var files = documents.filesByPath
        files[schemaFile.path] = schemaFile
        self.files = files
        fragments = documents.fragmentsByName
    }

    func report(_ message: String, _ node: Node?, severity: Diagnostic.Severity = .error) {
        diagnostics.append(GraphQLError(message: message, nodes: node.map { [$0] } ?? []).diagnostic(in: files, severity: severity))
    }

    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// The `#` comments above a definition, which become its doc comment.
    func documentation(above node: Node) -> [String] {
        guard let location = node.loc, let file = files[location.source.name] else { return [] }
        return SourceComments.above(offset: location.start, in: file)
    }

    /// A schema description as doc-comment lines.
    static func lines(_ description: String?) -> [String] {
        guard let description, !description.isEmpty else { return [] }
        return description.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }
}
