import GraphQL

/// Maps GraphQL type references to Swift types, and records the schema's enums and input objects that the
/// operations reach, for the shared schema-types file.
final class SchemaTypePlanner {
    private let context: PlanningContext
    private let names: TypeNames
    private var enums: [String: EnumPlan] = [:]
    private var inputObjects: [String: InputObjectPlan] = [:]
    /// Custom scalars the operations use that `fgql.json` does not map: each gets one warning.
    private var unmappedScalars: Set<String> = []
    private static let builtInScalars = ["ID": "String", "String": "String", "Int": "Int", "Float": "Double", "Boolean": "Bool"]

    init(context: PlanningContext, names: TypeNames) {
        self.context = context
        self.names = names
    }

    private var schema: GraphQLSchema { context.schema }
    private var namespace: String { context.configuration.namespace }

    /// The enums and input objects recorded so far, in a stable order.
    func schemaTypes() -> SchemaTypesPlan {
        markIndirectInputFields()
        return SchemaTypesPlan(
            namespace: namespace,
            enums: enums.values.sorted { $0.swiftName < $1.swiftName },
            inputObjects: inputObjects.values.sorted { $0.swiftName < $1.swiftName },
            outputFileName: Codegen.schemaTypesFileName)
    }

    // MARK: Type references

    /// The Swift type of a response field: `nestedName` for a field with a selection set, otherwise its leaf type.
    func outputType(_ shape: TypeShape, nestedName: String?) -> SwiftType {
        func base(_ shape: TypeShape) -> SwiftType {
            switch shape {
            case .nonNull(let inner): return base(inner)
            case .list(let element): return .list(wrapped(element))
            case .named(let name):
                if let nestedName { return .named(nestedName) }
                if schema.getType(name: name) is GraphQLEnumType {
                    return .named("GraphQLEnum<\(namespace).\(enumPlan(name))>")
                }
                return .named(scalarType(name))
            }
        }
        func wrapped(_ shape: TypeShape) -> SwiftType { shape.isNonNull ? base(shape) : .optional(base(shape)) }
        return wrapped(shape)
    }

    /// A variable or input field: nullable inputs are `GraphQLNullable` (absent or null), non-null ones with a
    /// default are optional (absent means the default).
    func inputField(
        name: String, shape: TypeShape, hasDefault: Bool, deprecationReason: String?, description: String?
    ) -> InputFieldPlan {
        let base = inputBaseType(shape)
        let type: SwiftType = shape.isNonNull ? (hasDefault ? .optional(base) : base) : .nullable(base)
        return InputFieldPlan(
            name: name, type: type, isIndirect: false, deprecationReason: deprecationReason,
            documentation: PlanningContext.lines(description), format: scalarFormat(shape.namedType))
    }

    /// An input type without its outer nullability.
    private func inputBaseType(_ shape: TypeShape) -> SwiftType {
        switch shape {
        case .nonNull(let inner): return inputBaseType(inner)
        case .list(let element): return .list(element.isNonNull ? inputBaseType(element) : .optional(inputBaseType(element)))
        case .named(let name):
            switch schema.getType(name: name) {
            case is GraphQLEnumType: return .named("\(namespace).\(enumPlan(name))")
            case is GraphQLInputObjectType: return .named("\(namespace).\(inputObjectPlan(name))")
            default: return .named(scalarType(name))
            }
        }
    }

    private func scalarType(_ name: String) -> String {
        if let swiftType = Self.builtInScalars[name] ?? context.configuration.scalars[name] { return swiftType }
        unmappedScalars.insert(name)
        return "JSONValue"
    }

    /// The format type a custom scalar's values are coded through, when its Swift type has a wire format.
    func scalarFormat(_ name: String) -> String? {
        guard Self.builtInScalars[name] == nil, schema.getType(name: name) is GraphQLScalarType else { return nil }
        return context.configuration.scalarFormats[name]
    }

    /// One warning per unmapped custom scalar, at its definition, with the `fgql.json` line that maps it.
    func reportUnmappedScalars() {
        for name in unmappedScalars.sorted() {
            let example = "\"scalars\": {\"\(name)\": \"\(Self.suggestedSwiftType(forScalar: name))\"}"
            context.report(
                "custom scalar \"\(name)\" is decoded as JSONValue; map it to a Swift type in fgql.json, e.g. \(example)",
                (schema.getType(name: name) as? GraphQLScalarType)?.astNode, severity: .warning)
        }
    }

    /// A likely Swift type for a scalar, from its name, for the warning's example.
    static func suggestedSwiftType(forScalar name: String) -> String {
        let lowercased = name.lowercased()
        if lowercased.contains("date") || lowercased.contains("time") { return "Date" }
        if lowercased.contains("uuid") { return "UUID" }
        if lowercased.hasPrefix("ur") { return "URL" }
        if lowercased.contains("decimal") { return "Decimal" }
        if lowercased.contains("json") { return "JSONValue" }
        return "String"
    }

    // MARK: Schema types

    /// Records an enum the operations use; returns its Swift name.
    private func enumPlan(_ name: String) -> String {
        let swiftName = names.schemaTypeName(name)
        guard enums[name] == nil, let type = schema.getType(name: name) as? GraphQLEnumType else { return swiftName }
        var seen: [String: String] = [:]
        let cases = type.values.map { value in
            let caseName = SwiftName.enumCase(value.name)
            if let other = seen[caseName] {
                context.report("enum values \(name).\(other) and \(name).\(value.name) both become the Swift case \(caseName); the schema must be changed for Swift", value.astNode)
            }
            seen[caseName] = value.name
            return EnumPlan.Case(
                swiftName: caseName, rawValue: value.name, deprecationReason: value.deprecationReason,
                documentation: PlanningContext.lines(value.description))
        }
        enums[name] = EnumPlan(swiftName: swiftName, cases: cases, documentation: PlanningContext.lines(type.description))
        return swiftName
    }

    /// Records an input object the operations use (and, through it, the types of its fields); returns its Swift name.
    private func inputObjectPlan(_ name: String) -> String {
        let swiftName = names.schemaTypeName(name)
        guard inputObjects[name] == nil, let type = schema.getType(name: name) as? GraphQLInputObjectType else { return swiftName }
        // Recorded before its fields are planned, so an input object that contains itself stops the recursion.
        inputObjects[name] = InputObjectPlan(swiftName: swiftName, fields: [], isOneOf: type.isOneOf, documentation: PlanningContext.lines(type.description))
        let fields = context.fieldMaps.fields(of: type).map { fieldName, field in
            type.isOneOf
                // A @oneOf member is always nullable in the schema, but the one given is never null.
                ? InputFieldPlan(
                    name: fieldName, type: inputBaseType(TypeShape(field.type)), isIndirect: false,
                    deprecationReason: field.deprecationReason, documentation: PlanningContext.lines(field.description),
                    format: scalarFormat(TypeShape(field.type).namedType))
                : inputField(
                    name: fieldName, shape: TypeShape(field.type), hasDefault: field.defaultValue != nil,
                    deprecationReason: field.deprecationReason, description: field.description)
        }
        inputObjects[name]?.fields = fields
        return swiftName
    }

    /// Marks fields that hold an input object which can contain the field's own object without a list in between;
    /// those need heap storage or the struct would have infinite size.
    private func markIndirectInputFields() {
        func directInputFields(_ name: String) -> [String] {
            guard let type = schema.getType(name: name) as? GraphQLInputObjectType else { return [] }
            return context.fieldMaps.fields(of: type).values.compactMap { field in
                let shape = TypeShape(field.type)
                return !shape.containsList && schema.getType(name: shape.namedType) is GraphQLInputObjectType ? shape.namedType : nil
            }
        }
        func reaches(_ start: String, _ target: String) -> Bool {
            var seen: Set<String> = []
            var stack = [start]
            while let next = stack.popLast() {
                if next == target { return true }
                guard seen.insert(next).inserted else { continue }
                stack += directInputFields(next)
            }
            return false
        }
        for name in inputObjects.keys {
            guard let type = schema.getType(name: name) as? GraphQLInputObjectType else { continue }
            let definitions = context.fieldMaps.fields(of: type)
            for index in inputObjects[name]?.fields.indices ?? 0..<0 {
                guard let field = inputObjects[name]?.fields[index], let definition = definitions[field.name] else { continue }
                let shape = TypeShape(definition.type)
                if !shape.containsList, schema.getType(name: shape.namedType) is GraphQLInputObjectType, reaches(shape.namedType, name) {
                    inputObjects[name]?.fields[index].isIndirect = true
                }
            }
        }
    }
}
