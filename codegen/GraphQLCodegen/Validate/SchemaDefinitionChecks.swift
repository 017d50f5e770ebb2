import GraphQL

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
            let suggestion = NameSuggestion.closest(to: type.name.value, in: (Array(typeNames.keys) + builtInScalars).sorted()).map { " Did you mean \"\($0)\"?" } ?? ""
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
}
