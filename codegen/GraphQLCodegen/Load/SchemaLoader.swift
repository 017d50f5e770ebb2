import GraphQL

/// A schema ready for validation and planning, with the file it came from.
struct LoadedSchema {
    let schema: GraphQLSchema
    let file: SourceFile
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
        // Positions in the subset mean nothing in the user's file; any diagnostic sends the run back to `load`.
        return LoadedSchema(schema: schema, file: SourceFile(path: file.path, text: text))
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
