import GraphQL

/// All operations and fragments of a target: one document made of every `.graphql` file, so names are unique
/// across files and a fragment in one file can be spread in another.
struct DocumentSet {
    /// Each input file with its parsed definitions, in the order given.
    let files: [(file: SourceFile, definitions: [Definition])]
    /// Every definition of every file, as one document (each node keeps its own file in `loc.source`).
    let combined: Document

    /// Each fragment by name; where a name is defined twice (UniqueFragmentNames reports it) the first counts.
    var fragmentsByName: [String: FragmentDefinition] {
        var byName: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in combined.definitions where byName[fragment.name.value] == nil {
            byName[fragment.name.value] = fragment
        }
        return byName
    }

    var filesByPath: [String: SourceFile] {
        Dictionary(files.map { ($0.file.path, $0.file) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses every file; a file that fails to read or parse contributes its diagnostic and no definitions.
    static func load(_ sources: [SourceFile]) -> (DocumentSet?, [Diagnostic]) {
        var files: [(SourceFile, [Definition])] = []
        var diagnostics: [Diagnostic] = []
        var first: Document?
        for source in sources {
            switch InputFiles.parseGraphQL(source, expecting: "operation or fragment") {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let document):
                first = first ?? document
                files.append((source, document.definitions))
            }
        }
        guard let first else { return (nil, diagnostics) }
        let combined = first.set(value: .array(files.flatMap(\.1)), key: "definitions")
        return (DocumentSet(files: files, combined: combined), diagnostics)
    }
}
