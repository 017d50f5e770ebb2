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
    /// schema text that passed them in an earlier run. `nil` when the subset cannot be made; use `load` then.
    static func loadSubset(of file: SourceFile, reachedBy documents: DocumentSet) -> LoadedSchema? {
        guard let document = try? InputFiles.parseGraphQL(file, expecting: "type definitions").get(),
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

/// The SDL rules the library checks without reporting positions (`buildSchema` joins their messages), redone here
/// so each error points at its definition.
enum SchemaDefinitionChecks {
    private static let builtInScalars: Set<String> = ["String", "Int", "Float", "Boolean", "ID"]

    static func check(_ document: Document, file: SourceFile) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var typeNames: [String: Name] = [:]
        var memberNames: [String: [String: Name]] = [:]
        var referenced: [NamedType] = []

        func error(_ message: String, _ name: Name) {
            diagnostics.append(.error(message, in: file, at: name.loc?.start))
        }
        func line(of name: Name) -> Int { file.position(ofUTF8Offset: name.loc?.start ?? 0).line }
        func declareType(_ name: Name) {
            if let first = typeNames[name.value] {
                error("there can be only one type named \"\(name.value)\" (first defined on line \(line(of: first)))", name)
            } else {
                typeNames[name.value] = name
            }
        }
        func declareMember(_ name: Name, of type: String, kind: String) {
            if let first = memberNames[type, default: [:]][name.value] {
                error("\(kind) \"\(type).\(name.value)\" is defined more than once (first on line \(line(of: first))); remove one", name)
            } else {
                memberNames[type, default: [:]][name.value] = name
            }
        }
        func checkArguments(_ arguments: [InputValueDefinition], of owner: String) {
            var seen: [String: Name] = [:]
            for argument in arguments {
                if let first = seen[argument.name.value] {
                    error("argument \"\(owner)(\(argument.name.value):)\" is defined more than once (first on line \(line(of: first)))", argument.name)
                }
                seen[argument.name.value] = argument.name
                referenced += namedTypes(argument.type)
            }
        }
        func fields(_ fields: [FieldDefinition], of type: String) {
            for field in fields {
                declareMember(field.name, of: type, kind: "field")
                checkArguments(field.arguments, of: "\(type).\(field.name.value)")
                referenced += namedTypes(field.type)
            }
        }
        func inputFields(_ fields: [InputValueDefinition], of type: String) {
            for field in fields {
                declareMember(field.name, of: type, kind: "input field")
                referenced += namedTypes(field.type)
            }
        }

        for definition in document.definitions {
            switch definition {
            case let object as ObjectTypeDefinition:
                declareType(object.name)
                fields(object.fields, of: object.name.value)
                referenced += object.interfaces
            case let interface as InterfaceTypeDefinition:
                declareType(interface.name)
                fields(interface.fields, of: interface.name.value)
                referenced += interface.interfaces
            case let union as UnionTypeDefinition:
                declareType(union.name)
                referenced += union.types
            case let enumType as EnumTypeDefinition:
                declareType(enumType.name)
                for value in enumType.values { declareMember(value.name, of: enumType.name.value, kind: "enum value") }
            case let input as InputObjectTypeDefinition:
                declareType(input.name)
                inputFields(input.fields, of: input.name.value)
            case let scalar as ScalarTypeDefinition:
                if builtInScalars.contains(scalar.name.value) { continue }
                declareType(scalar.name)
            case let directive as DirectiveDefinition:
                checkArguments(directive.arguments, of: "@\(directive.name.value)")
            case let extended as TypeExtensionDefinition:
                fields(extended.definition.fields, of: extended.definition.name.value)
                referenced += extended.definition.interfaces
            case let extended as InterfaceExtensionDefinition:
                fields(extended.definition.fields, of: extended.definition.name.value)
            case let extended as InputObjectExtensionDefinition:
                inputFields(extended.definition.fields, of: extended.definition.name.value)
            case let extended as EnumExtensionDefinition:
                for value in extended.definition.values {
                    declareMember(value.name, of: extended.definition.name.value, kind: "enum value")
                }
            case let extended as UnionExtensionDefinition:
                referenced += extended.definition.types
            case is OperationDefinition, is FragmentDefinition:
                diagnostics.append(
                    .error(
                        "a schema file holds type definitions only; move operations and fragments to .graphql files",
                        in: file, at: definition.loc?.start))
            default:
                continue
            }
        }
        for type in referenced where typeNames[type.name.value] == nil && !builtInScalars.contains(type.name.value) {
            let suggestion = closest(to: type.name.value, in: (Array(typeNames.keys) + builtInScalars).sorted()).map { " Did you mean \"\($0)\"?" } ?? ""
            error("unknown type \"\(type.name.value)\".\(suggestion)", type.name)
        }
        return diagnostics
    }

    /// The named type inside list and non-null wrappers (an array of one, to append directly).
    static func namedTypes(_ type: Type) -> [NamedType] {
        switch type {
        case let list as ListType: return namedTypes(list.type)
        case let nonNull as NonNullType: return namedTypes(nonNull.type)
        case let named as NamedType: return [named]
        default: return []
        }
    }

    /// The most similar name within a small edit distance, for "did you mean" hints.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= max(1, target.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1]
            for (j, right) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
