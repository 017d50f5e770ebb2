import GraphQL

/// A schema ready for validation and planning, with the file it came from.
struct LoadedSchema {
    let schema: GraphQLSchema
    let file: SourceFile
    /// For a subset (`SchemaLoader.loadSubset`): where each of its definitions starts in the user's file, keyed by
    /// where it starts in the subset's own text.
    var originalDefinitionStarts: [Position: Position] = [:]

    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// `diagnostics` made against a subset, placed in the user's file at `originalPath`; `nil` when one is an error or
    /// does not sit at the start of a definition, which only the whole schema can place. Warnings at definitions
    /// (an unmapped custom scalar) are what planning a subset reports.
    func relocated(_ diagnostics: [Diagnostic], to originalPath: String) -> [Diagnostic]? {
        var placed: [Diagnostic] = []
        for diagnostic in diagnostics {
            guard !diagnostic.isError else { return nil }
            guard diagnostic.path == file.path else {
                placed.append(diagnostic)
                continue
            }
            guard let line = diagnostic.line, let column = diagnostic.column,
                  let start = originalDefinitionStarts[Position(line: line, column: column)]
            else { return nil }
            placed.append(Diagnostic(
                severity: diagnostic.severity, message: diagnostic.message, path: originalPath, line: start.line,
                column: start.column))
        }
        return placed
    }
}

/// Every problem found in a schema file.
struct SchemaErrors: Error {
    let diagnostics: [Diagnostic]
}

/// Loads a schema from SDL (`.graphqls`, `.graphql`) or introspection JSON (`.json`).
enum SchemaLoader {
    static func load(_ file: SourceFile) -> Result<LoadedSchema, SchemaErrors> {
        if file.path.lowercased().hasSuffix(".json") {
            switch IntrospectionToSDL.convert(file) {
            case .failure(let diagnostic): return .failure(SchemaErrors(diagnostics: [diagnostic]))
            case .success(let sdl):
                // Positions in converted text mean nothing to the user: report against the JSON file itself.
                return loadSDL(SourceFile(path: file.path, text: sdl), positioned: false)
            }
        }
        return loadSDL(file, positioned: true)
    }

    /// The part of an SDL schema that `documents` reach (see `SchemaSubset`), built without the checks: only for a
    /// schema text that passed them in an earlier run. `nil` when the subset cannot be made (introspection JSON, or
    /// text that does not parse); use `load` then.
    static func loadSubset(of file: SourceFile, reachedBy documents: DocumentSet) -> LoadedSchema? {
        guard !file.path.lowercased().hasSuffix(".json"),
            let document = try? InputFiles.parseGraphQL(file, expecting: "type definitions").get(),
            let text = SchemaSubset.sdl(of: document, text: file.text, reachedBy: documents),
            let subset = try? parse(source: Source(body: text, name: file.path)),
            let schema = try? buildASTSchema(documentAST: subset, assumeValidSDL: true)
        else { return nil }
        return LoadedSchema(
            schema: schema, file: SourceFile(path: file.path, text: text),
            originalDefinitionStarts: definitionStarts(of: subset, text: text, in: document, file))
    }

    /// A subset `loadSubset` built in an earlier run (`SchemaCache`), from its SDL.
    static func loadSubset(
        sdl: String, path: String, originalDefinitionStarts: [LoadedSchema.Position: LoadedSchema.Position]
    ) -> LoadedSchema? {
        guard let subset = try? parse(source: Source(body: sdl, name: path)),
              let schema = try? buildASTSchema(documentAST: subset, assumeValidSDL: true)
        else { return nil }
        return LoadedSchema(
            schema: schema, file: SourceFile(path: path, text: sdl), originalDefinitionStarts: originalDefinitionStarts)
    }

    private static func definitionStarts(
        of subset: Document, text: String, in document: Document, _ file: SourceFile
    ) -> [LoadedSchema.Position: LoadedSchema.Position] {
        // Positions in the subset mean nothing in the user's file: only definitions' starts are carried over.
        let subsetFile = SourceFile(path: file.path, text: text)
        var originals: [String: Int] = [:]
        for definition in document.definitions {
            if let name = definitionName(definition), let start = definition.loc?.start { originals[name] = start }
        }
        var starts: [LoadedSchema.Position: LoadedSchema.Position] = [:]
        for definition in subset.definitions {
            guard let name = definitionName(definition), let start = definition.loc?.start, let original = originals[name]
            else { continue }
            let from = subsetFile.position(ofUTF8Offset: start)
            let to = file.position(ofUTF8Offset: original)
            starts[LoadedSchema.Position(line: from.line, column: from.column)] = LoadedSchema.Position(line: to.line, column: to.column)
        }
        return starts
    }

    private static func definitionName(_ definition: Definition) -> String? {
        switch definition {
        case let scalar as ScalarTypeDefinition: scalar.name.value
        case let object as ObjectTypeDefinition: object.name.value
        case let interface as InterfaceTypeDefinition: interface.name.value
        case let union as UnionTypeDefinition: union.name.value
        case let enumeration as EnumTypeDefinition: enumeration.name.value
        case let input as InputObjectTypeDefinition: input.name.value
        default: nil
        }
    }

    private static func loadSDL(_ file: SourceFile, positioned: Bool) -> Result<LoadedSchema, SchemaErrors> {
        let document: Document
        switch InputFiles.parseGraphQL(file, expecting: "type definitions") {
        case .failure(let diagnostic): return .failure(SchemaErrors(diagnostics: [diagnostic]))
        case .success(let parsed): document = parsed
        }
        let files = [file.path: file]
        func unpositioned(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
            positioned ? diagnostics : diagnostics.map { Diagnostic(severity: $0.severity, message: $0.message, path: file.path) }
        }
        let sdlErrors = SchemaDefinitionChecks.check(document, file: file)
        if !sdlErrors.isEmpty { return .failure(SchemaErrors(diagnostics: unpositioned(sdlErrors))) }

        let schema: GraphQLSchema
        do {
            schema = try buildASTSchema(documentAST: document)
        } catch let error as GraphQLError {
            return .failure(SchemaErrors(diagnostics: unpositioned([error.diagnostic(in: files)].map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.path == nil { diagnostic.path = file.path }
                return diagnostic
            })))
        } catch {
            return .failure(SchemaErrors(diagnostics: [Diagnostic(severity: .error, message: "invalid schema: \(error)", path: file.path)]))
        }
        let schemaErrors = validateSchema(schema: schema)
        if !schemaErrors.isEmpty {
            return .failure(SchemaErrors(diagnostics: unpositioned(schemaErrors.map { error in
                var diagnostic = error.diagnostic(in: files)
                if diagnostic.path == nil { diagnostic.path = file.path }
                return diagnostic
            })))
        }
        return .success(LoadedSchema(schema: schema, file: file))
    }
}
