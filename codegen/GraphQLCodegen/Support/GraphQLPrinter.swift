import GraphQL

/// Prints executable GraphQL (operations, fragments, values) in one canonical layout.
///
/// The generator prints documents itself rather than sending the file text: comments and formatting choices do not
/// change the identifier, and `__typename` can be added to the selection sets whose decoder needs it.
struct GraphQLPrinter {
    /// Selection sets (by identity) that get a `__typename` selection added in front.
    var typenameSelectionSets: Set<ObjectIdentifier> = []

    func print(_ definition: Definition) -> String {
        switch definition {
        case let operation as OperationDefinition:
            var head = operation.operation.rawValue
            if let name = operation.name { head += " " + name.value }
            if !operation.variableDefinitions.isEmpty {
                head += "(" + operation.variableDefinitions.map(variableDefinition).joined(separator: ", ") + ")"
            }
            return head + directives(operation.directives) + " " + selectionSet(operation.selectionSet, indent: "")
        case let fragment as FragmentDefinition:
            return "fragment \(fragment.name.value) on \(fragment.typeCondition.name.value)"
                + directives(fragment.directives) + " " + selectionSet(fragment.selectionSet, indent: "")
        default:
            return ""
        }
    }

    private func variableDefinition(_ definition: VariableDefinition) -> String {
        "$\(definition.variable.name.value): \(Self.type(definition.type))"
            + (definition.defaultValue.map { " = " + Self.value($0) } ?? "") + directives(definition.directives)
    }

    private func selectionSet(_ set: SelectionSet, indent: String) -> String {
        let inner = indent + "  "
        var lines: [String] = []
        if typenameSelectionSets.contains(ObjectIdentifier(set)) { lines.append(inner + "__typename") }
        for selection in set.selections {
            switch selection {
            case let field as Field:
                var line = inner + (field.alias.map { $0.value + ": " } ?? "") + field.name.value
                line += Self.arguments(field.arguments) + directives(field.directives)
                if let nested = field.selectionSet { line += " " + selectionSet(nested, indent: inner) }
                lines.append(line)
            case let spread as FragmentSpread:
                lines.append(inner + "..." + spread.name.value + directives(spread.directives))
            case let inline as InlineFragment:
                let condition = inline.typeCondition.map { " on " + $0.name.value } ?? ""
                lines.append(
                    inner + "..." + condition + directives(inline.directives) + " "
                        + selectionSet(inline.selectionSet, indent: inner))
            default:
                continue
            }
        }
        return "{\n" + lines.joined(separator: "\n") + "\n" + indent + "}"
    }

    private func directives(_ directives: [Directive]) -> String {
        directives.map { " @" + $0.name.value + Self.arguments($0.arguments) }.joined()
    }

    static func arguments(_ arguments: [Argument]) -> String {
        arguments.isEmpty ? "" : "(" + arguments.map { "\($0.name.value): \(value($0.value))" }.joined(separator: ", ") + ")"
    }

    static func type(_ type: Type) -> String {
        switch type {
        case let named as NamedType: return named.name.value
        case let list as ListType: return "[" + self.type(list.type) + "]"
        case let nonNull as NonNullType: return self.type(nonNull.type) + "!"
        default: return ""
        }
    }

    static func value(_ value: Value) -> String {
        switch value {
        case let variable as Variable: return "$" + variable.name.value
        case let int as IntValue: return int.value
        case let float as FloatValue: return float.value
        case let string as StringValue: return IntrospectionToSDL.quoted(string.value)
        case let boolean as BooleanValue: return boolean.value ? "true" : "false"
        case is NullValue: return "null"
        case let enumValue as EnumValue: return enumValue.value
        case let list as ListValue: return "[" + list.values.map(self.value).joined(separator: ", ") + "]"
        case let object as ObjectValue:
            return "{" + object.fields.map { "\($0.name.value): \(self.value($0.value))" }.joined(separator: ", ") + "}"
        default: return ""
        }
    }
}
