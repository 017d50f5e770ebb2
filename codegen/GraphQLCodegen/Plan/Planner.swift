import GraphQL

/// Builds the `CodegenPlan` from a validated document set. All naming happens here, deterministically; a name that
/// would not compile or would clash is a diagnostic that says how to fix it.
final class Planner {
    private let schema: GraphQLSchema
    private let documents: DocumentSet
    private let configuration: Configuration
    private let files: [String: SourceFile]
    private let fragments: [String: FragmentDefinition]
    private let reservedNestedNames: Set<String>
    private let builtInScalars = ["ID": "String", "String": "String", "Int": "Int", "Float": "Double", "Boolean": "Bool"]

    private(set) var diagnostics: [Diagnostic] = []
    /// Custom scalars the operations use that `fgql.json` does not map: each gets one warning.
    private var unmappedScalars: Set<String> = []
    /// Selection sets whose printed form gets `__typename` so the decoder can pick type cases.
    private var typenameSelectionSets: Set<ObjectIdentifier> = []
    private var inputObjects: [String: InputObjectPlan] = [:]
    private var enums: [String: EnumPlan] = [:]
    private let fieldMaps = FieldMaps()

    /// Names a generated top-level type must not take: the runtime's and the Swift/Foundation types users use.
    static let reservedTopLevelNames: Set<String> = [
        "GraphQLOperation", "GraphQLQuery", "GraphQLMutation", "GraphQLSubscription", "GraphQLOperationType",
        "GraphQLEnum", "GraphQLNullable", "NoVariables", "JSONValue", "String", "Int", "Double", "Bool", "Optional",
        "Array", "Dictionary", "Data", "Date", "URL", "UUID", "Decimal", "Error", "Variables",
    ]

    init(schema: GraphQLSchema, schemaFile: SourceFile, documents: DocumentSet, configuration: Configuration) {
        self.schema = schema
        self.documents = documents
        self.configuration = configuration
        var files = documents.filesByPath
        files[schemaFile.path] = schemaFile
        self.files = files
        var fragments: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in documents.combined.definitions where fragments[fragment.name.value] == nil {
            fragments[fragment.name.value] = fragment
        }
        self.fragments = fragments
        let scalarTypes = configuration.scalars.values.compactMap { $0.split(separator: ".").first.map(String.init) }
        reservedNestedNames = Set(
            ["Type", "Protocol", "Self", "Any", "CodingKeys", "String", "Int", "Double", "Bool", "Optional", "Array",
             "GraphQLEnum", "GraphQLNullable", "JSONValue", "Decoder", "Encoder", "Swift", "IndirectInput", "Data",
             configuration.namespace] + scalarTypes)
    }

    func plan() -> CodegenPlan {
        checkTopLevelNames()
        var fragmentPlans: [String: FragmentPlan] = [:]
        for fragment in fragments.values.sorted(by: { $0.name.value < $1.name.value }) {
            fragmentPlans[fragment.name.value] = planFragment(fragment)
        }
        var operationPlans: [ObjectIdentifier: OperationPlan] = [:]
        for case let operation as OperationDefinition in documents.combined.definitions {
            if let plan = planOperation(operation) { operationPlans[ObjectIdentifier(operation)] = plan }
        }
        let filePlans = documents.files.map { entry in
            FilePlan(
                sourcePath: entry.file.path, outputFileName: Self.outputFileName(for: entry.file.path),
                definitions: entry.definitions.compactMap { definition -> DefinitionPlan? in
                    switch definition {
                    case let operation as OperationDefinition:
                        return operationPlans[ObjectIdentifier(operation)].map(DefinitionPlan.operation)
                    case let fragment as FragmentDefinition:
                        guard fragments[fragment.name.value] === fragment else { return nil }
                        return fragmentPlans[fragment.name.value].map(DefinitionPlan.fragment)
                    default:
                        return nil
                    }
                })
        }
        markIndirectInputFields()
        warnAboutUnmappedScalars()
        return CodegenPlan(
            files: filePlans,
            schemaTypes: SchemaTypesPlan(
                namespace: configuration.namespace,
                enums: enums.values.sorted { $0.swiftName < $1.swiftName },
                inputObjects: inputObjects.values.sorted { $0.swiftName < $1.swiftName },
                outputFileName: Codegen.schemaTypesFileName),
            accessLevel: configuration.accessLevel, runtimeModule: configuration.runtimeModule)
    }

    /// `getBatches.graphql` → `getBatches.graphql.swift`.
    static func outputFileName(for path: String) -> String {
        (path.split(separator: "/").last.map(String.init) ?? path) + ".swift"
    }

    // MARK: Names

    static func operationTypeName(_ name: String, kind: OperationType) -> String {
        let suffix = SwiftName.upperFirst(kind.rawValue)
        let base = SwiftName.upperFirst(name)
        return base.hasSuffix(suffix) ? base : base + suffix
    }

    private func report(_ message: String, _ node: Node?, severity: Diagnostic.Severity = .error) {
        diagnostics.append(GraphQLError(message: message, nodes: node.map { [$0] } ?? []).diagnostic(in: files, severity: severity))
    }

    private func checkTopLevelNames() {
        var taken: [String: String] = [:]
        var outputs: [String: String] = [:]
        for entry in documents.files {
            let output = Self.outputFileName(for: entry.file.path)
            if let other = outputs[output.lowercased()] {
                diagnostics.append(.error("generates \(output) like \(other) does; rename one of the files (Swift needs distinct file names in a module)", in: entry.file))
            }
            outputs[output.lowercased()] = entry.file.path
        }
        for definition in documents.combined.definitions {
            let swiftName: String
            let what: String
            let nameNode: Name
            switch definition {
            case let operation as OperationDefinition:
                guard let name = operation.name else { continue }
                swiftName = Self.operationTypeName(name.value, kind: operation.operation)
                what = "\(operation.operation.rawValue) \"\(name.value)\""
                nameNode = name
            case let fragment as FragmentDefinition:
                swiftName = SwiftName.upperFirst(fragment.name.value)
                what = "fragment \"\(fragment.name.value)\""
                nameNode = fragment.name
            default:
                continue
            }
            if let other = taken[swiftName] {
                if other != what {  // same-name duplicates are already reported by the spec rules
                    report("\(what) generates the Swift type \(swiftName), as \(other) does; rename one of them", nameNode)
                }
            } else if Self.reservedTopLevelNames.contains(swiftName) || swiftName == configuration.namespace {
                report("\(what) would generate the Swift type \(swiftName), which would hide the runtime's, Swift's or the schema namespace's type of that name; rename it", nameNode)
            } else if SwiftName.keywords.contains(swiftName) {
                report("\(what) would generate the Swift type \(swiftName), a Swift keyword; rename it", nameNode)
            }
            taken[swiftName] = taken[swiftName] ?? what
        }
    }

    // MARK: Operations and fragments

    private func planOperation(_ operation: OperationDefinition) -> OperationPlan? {
        guard let name = operation.name, let root = SchemaLookup.rootType(of: operation.operation, in: schema) else { return nil }
        let swiftName = Self.operationTypeName(name.value, kind: operation.operation)
        let data = planSelectionSet(
            scopes: [operation.selectionSet], parent: root, swiftName: "Data",
            visibleTypeNames: [swiftName, "Data", "Variables"])
        let variables = operation.variableDefinitions.map { definition in
            inputField(
                name: definition.variable.name.value, shape: TypeShape(definition.type),
                hasDefault: definition.defaultValue != nil, deprecationReason: nil, description: nil)
        }

        var printer = GraphQLPrinter()
        printer.typenameSelectionSets = typenameSelectionSets
        var text = printer.print(operation)
        for fragment in usedFragments(operation.selectionSet) { text += "\n\n" + printer.print(fragment) }
        return OperationPlan(
            name: name.value, swiftName: swiftName, kind: operation.operation.rawValue, document: text,
            identifier: SHA256.hexDigest(of: text), variables: variables, data: data,
            documentation: documentation(above: operation))
    }

    private func planFragment(_ fragment: FragmentDefinition) -> FragmentPlan? {
        guard let type = schema.getType(name: fragment.typeCondition.name.value) else { return nil }
        let swiftName = SwiftName.upperFirst(fragment.name.value)
        var selection = planSelectionSet(
            scopes: [fragment.selectionSet], parent: type, swiftName: swiftName, visibleTypeNames: [swiftName])
        selection.documentation = documentation(above: fragment)
        return FragmentPlan(name: fragment.name.value, selection: selection, documentation: selection.documentation)
    }

    private func documentation(above node: Node) -> [String] {
        guard let location = node.loc, let file = files[location.source.name] else { return [] }
        return SourceComments.above(offset: location.start, in: file)
    }

    /// The fragments an operation spreads, directly or through other fragments, sorted by name.
    private func usedFragments(_ selectionSet: SelectionSet) -> [FragmentDefinition] {
        var found: Set<String> = []
        func walk(_ set: SelectionSet) {
            for selection in set.selections {
                switch selection {
                case let field as Field: if let nested = field.selectionSet { walk(nested) }
                case let inline as InlineFragment: walk(inline.selectionSet)
                case let spread as FragmentSpread:
                    guard found.insert(spread.name.value).inserted, let fragment = fragments[spread.name.value] else { continue }
                    walk(fragment.selectionSet)
                default: continue
                }
            }
        }
        walk(selectionSet)
        return found.sorted().compactMap { fragments[$0] }
    }

    // MARK: Selection sets

    private struct FieldOccurrence {
        let field: Field?  // nil: the `__typename` the generator adds
        let isConditional: Bool
        /// The type the field was selected on: the parent, or a fragment's type that always matches it.
        let scope: GraphQLNamedType
    }

    private struct Collected {
        var fieldKeys: [String] = []
        var fields: [String: [FieldOccurrence]] = [:]
        var fragmentNames: [String] = []
        var fragmentUses: [String: [(spread: FragmentSpread, presence: Presence)]] = [:]
        var caseTypes: [String] = []
        var cases: [String: [(fragment: InlineFragment, isConditional: Bool)]] = [:]
    }

    private static func isConditional(_ directives: [Directive]) -> Bool {
        directives.contains { $0.name.value == "include" || $0.name.value == "skip" }
    }

    /// The `__typename` values for which a fragment on `condition` applies inside `parent`; `nil` when it always does.
    private func narrowing(_ condition: GraphQLNamedType, within parent: GraphQLNamedType) -> [String]? {
        let parentTypes = SchemaLookup.possibleTypeNames(of: parent, in: schema)
        let conditionTypes = Set(SchemaLookup.possibleTypeNames(of: condition, in: schema))
        if parentTypes.allSatisfy(conditionTypes.contains) { return nil }
        return parentTypes.filter(conditionTypes.contains)
    }

    private func collect(_ scopes: [SelectionSet], parent: GraphQLNamedType) -> Collected {
        var collected = Collected()
        func walk(_ set: SelectionSet, scope: GraphQLNamedType, conditional: Bool) {
            for selection in set.selections {
                switch selection {
                case let field as Field:
                    let key = field.alias?.value ?? field.name.value
                    if collected.fields[key] == nil { collected.fieldKeys.append(key) }
                    collected.fields[key, default: []].append(
                        FieldOccurrence(field: field, isConditional: conditional || Self.isConditional(field.directives), scope: scope))
                case let inline as InlineFragment:
                    guard let type = SchemaLookup.conditionType(inline.typeCondition, parent: parent, in: schema) else { continue }
                    let isConditional = conditional || Self.isConditional(inline.directives)
                    if narrowing(type, within: parent) == nil {
                        walk(inline.selectionSet, scope: type, conditional: isConditional)
                    } else {
                        if collected.cases[type.name] == nil { collected.caseTypes.append(type.name) }
                        collected.cases[type.name, default: []].append((inline, isConditional))
                    }
                case let spread as FragmentSpread:
                    guard let fragment = fragments[spread.name.value],
                        let type = schema.getType(name: fragment.typeCondition.name.value)
                    else { continue }
                    let presence = Presence(
                        typenames: narrowing(type, within: parent),
                        isConditional: conditional || Self.isConditional(spread.directives))
                    if collected.fragmentUses[spread.name.value] == nil { collected.fragmentNames.append(spread.name.value) }
                    collected.fragmentUses[spread.name.value, default: []].append((spread, presence))
                default:
                    continue
                }
            }
        }
        for scope in scopes { walk(scope, scope: parent, conditional: false) }

        let needsTypename = !collected.cases.isEmpty
            || collected.fragmentUses.values.contains { $0.contains { $0.presence.typenames != nil } }
        let hasTypename = collected.fields["__typename"]?.contains {
            $0.field?.name.value == "__typename" && !$0.isConditional
        } ?? false
        if needsTypename, !hasTypename, let first = scopes.first {
            typenameSelectionSets.insert(ObjectIdentifier(first))
            if collected.fields["__typename"] == nil { collected.fieldKeys.insert("__typename", at: 0) }
            collected.fields["__typename", default: []].insert(FieldOccurrence(field: nil, isConditional: false, scope: parent), at: 0)
        }
        return collected
    }

    private func planSelectionSet(
        scopes: [SelectionSet], parent: GraphQLNamedType, swiftName: String, visibleTypeNames: Set<String>
    ) -> SelectionSetPlan {
        let collected = collect(scopes, parent: parent)

        let propertyNames = checkedPropertyNames(collected, parent: parent)
        let nestedNames = nestedTypeNames(collected, parent: parent, propertyNames: propertyNames)
        let visible = visibleTypeNames.union([swiftName]).union(nestedNames.values)

        var members: [Member] = []
        for key in collected.fieldKeys {
            guard let occurrences = collected.fields[key], let member = planField(key, occurrences, nestedName: nestedNames[key], visible: visible) else { continue }
            members.append(.field(member))
        }
        for name in collected.fragmentNames {
            guard let uses = collected.fragmentUses[name] else { continue }
            let typeName = SwiftName.upperFirst(name)
            if visible.contains(typeName) {
                report("fragment \"\(name)\" is spread where the generated type \(typeName) already names another type; rename the fragment (e.g. \"\(name)Fields\") or alias the field whose type it shares a name with", uses.first?.spread)
            }
            let typenames = uses.allSatisfy { $0.presence.typenames != nil }
                ? Array(Set(uses.flatMap { $0.presence.typenames ?? [] })).sorted() : nil
            members.append(.fragment(FragmentUsePlan(
                propertyName: SwiftName.lowerFirst(name), fragmentSwiftName: typeName,
                presence: Presence(typenames: typenames, isConditional: uses.allSatisfy(\.presence.isConditional)))))
        }
        for typeName in collected.caseTypes {
            guard let cases = collected.cases[typeName], let type = schema.getType(name: typeName),
                let nested = nestedNames["as" + typeName]
            else { continue }
            let selection = planSelectionSet(
                scopes: cases.map(\.fragment.selectionSet), parent: type, swiftName: nested, visibleTypeNames: visible)
            members.append(.typeCase(TypeCasePlan(
                propertyName: "as" + SwiftName.upperFirst(typeName), selection: selection,
                presence: Presence(typenames: narrowing(type, within: parent), isConditional: cases.allSatisfy(\.isConditional)))))
        }
        return SelectionSetPlan(swiftName: swiftName, graphQLType: parent.name, members: members)
    }

    /// The struct's property names (fields, fragments, type cases); a duplicate is reported with the fix.
    private func checkedPropertyNames(_ collected: Collected, parent: GraphQLNamedType) -> Set<String> {
        var properties: [(name: String, node: Node?)] = collected.fieldKeys.map { key in
            (key, collected.fields[key]?.lazy.compactMap(\.field).last.map { $0 as Node })
        }
        properties += collected.fragmentNames.map { (SwiftName.lowerFirst($0), collected.fragmentUses[$0]?.last.map { $0.spread as Node }) }
        properties += collected.caseTypes.map { ("as" + SwiftName.upperFirst($0), collected.cases[$0]?.last.map { $0.fragment as Node }) }
        checkPropertyNames(properties, owner: "the selection on \(parent.name)", reserved: ["hashValue"])
        return Set(properties.map(\.name))
    }

    /// The nested struct name for each field with a selection (by response key) and each type case (by "as" +
    /// type name). A name that would hide a type the code refers to, or clash with a property, gets a trailing `_`.
    private func nestedTypeNames(_ collected: Collected, parent: GraphQLNamedType, propertyNames: Set<String>) -> [String: String] {
        func available(_ base: String) -> String {
            var name = SwiftName.upperFirst(base)
            while reservedNestedNames.contains(name) || propertyNames.contains(name) { name += "_" }
            return name
        }
        var names: [String: String] = [:]
        // A list's element type reads better singular (`batches: [Batch]`), unless another field has that name.
        let plainNames = Set(collected.fieldKeys.map(SwiftName.upperFirst))
        for key in collected.fieldKeys {
            guard let occurrence = collected.fields[key]?.first(where: { $0.field?.selectionSet != nil }),
                let field = occurrence.field
            else { continue }
            let isList = fieldMaps.fields(of: occurrence.scope)[field.name.value].map { TypeShape($0.type).containsList } ?? false
            let singular = isList ? SwiftName.singular(key) : key
            names[key] = available(singular != key && plainNames.contains(SwiftName.upperFirst(singular)) ? key : singular)
        }
        for type in collected.caseTypes { names["as" + type] = available("As" + SwiftName.upperFirst(type)) }

        var owners: [String: String] = [:]  // type name → the key that generates it
        for (owner, name) in names.sorted(by: { $0.key < $1.key }) {
            if let other = owners[name] {
                let node = collected.fields[owner]?.lazy.compactMap(\.field).first ?? collected.fields[other]?.lazy.compactMap(\.field).first
                report("\"\(other)\" and \"\(owner)\" in the selection on \(parent.name) would both generate the nested type \(name); alias one of the fields", node)
            }
            owners[name] = owner
        }
        return names
    }

    private func planField(
        _ key: String, _ occurrences: [FieldOccurrence], nestedName: String?,
        visible: Set<String>
    ) -> FieldPlan? {
        let isConditional = occurrences.allSatisfy(\.isConditional)
        let selected = occurrences.first { $0.field != nil }
        let fieldName = selected?.field?.name.value ?? "__typename"
        if fieldName == "__typename" {
            let type: SwiftType = isConditional ? .optional(.named("String")) : .named("String")
            return FieldPlan(responseKey: key, type: type, selection: nil, isConditional: isConditional, deprecationReason: nil, documentation: [])
        }
        guard let scope = selected?.scope, let definition = fieldMaps.fields(of: scope)[fieldName] else {
            report("introspection field \"\(fieldName)\" cannot be generated; fetch the schema with `fgql schema fetch` instead", occurrences.lazy.compactMap(\.field).first)
            return nil
        }
        let shape = TypeShape(definition.type)
        var selection: SelectionSetPlan?
        if let nestedName, let type = schema.getType(name: shape.namedType) {
            selection = planSelectionSet(
                scopes: occurrences.compactMap(\.field?.selectionSet), parent: type, swiftName: nestedName,
                visibleTypeNames: visible)
        }
        var type = outputType(shape, nestedName: nestedName)
        if isConditional, case .optional = type {} else if isConditional { type = .optional(type) }
        return FieldPlan(
            responseKey: key, type: type, selection: selection, isConditional: isConditional,
            deprecationReason: definition.deprecationReason, documentation: lines(definition.description),
            format: nestedName == nil ? scalarFormat(shape.namedType) : nil)
    }

    private func checkPropertyNames(_ properties: [(name: String, node: Node?)], owner: String, reserved: Set<String>) {
        var seen: Set<String> = []
        for property in properties {
            if reserved.contains(property.name) {
                report("\(owner) would generate a property named \"\(property.name)\", which Swift reserves; alias it", property.node)
            } else if !seen.insert(property.name).inserted {
                report("\(owner) would generate two properties named \"\(property.name)\" (a field and a fragment spread or type case); alias the field", property.node)
            }
        }
    }

    // MARK: Types

    private func outputType(_ shape: TypeShape, nestedName: String?) -> SwiftType {
        func base(_ shape: TypeShape) -> SwiftType {
            switch shape {
            case .nonNull(let inner): return base(inner)
            case .list(let element): return .list(wrapped(element))
            case .named(let name):
                if let nestedName { return .named(nestedName) }
                if schema.getType(name: name) is GraphQLEnumType {
                    return .named("GraphQLEnum<\(configuration.namespace).\(enumPlan(name))>")
                }
                return .named(scalarType(name))
            }
        }
        func wrapped(_ shape: TypeShape) -> SwiftType { shape.isNonNull ? base(shape) : .optional(base(shape)) }
        return wrapped(shape)
    }

    private func scalarType(_ name: String) -> String {
        if let swiftType = builtInScalars[name] ?? configuration.scalars[name] { return swiftType }
        unmappedScalars.insert(name)
        return "JSONValue"
    }

    /// The format type a custom scalar's values are coded through, when its Swift type has a wire format.
    private func scalarFormat(_ name: String) -> String? {
        guard builtInScalars[name] == nil, schema.getType(name: name) is GraphQLScalarType else { return nil }
        return configuration.scalarFormats[name]
    }

    /// One warning per unmapped custom scalar, at its definition, with the `fgql.json` line that maps it.
    private func warnAboutUnmappedScalars() {
        for name in unmappedScalars.sorted() {
            let example = "\"scalars\": {\"\(name)\": \"\(Self.suggestedSwiftType(forScalar: name))\"}"
            report(
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
        return "String"
    }

    private func inputField(
        name: String, shape: TypeShape, hasDefault: Bool, deprecationReason: String?, description: String?
    ) -> InputFieldPlan {
        func base(_ shape: TypeShape) -> SwiftType {
            switch shape {
            case .nonNull(let inner): return base(inner)
            case .list(let element): return .list(element.isNonNull ? base(element) : .optional(base(element)))
            case .named(let name):
                switch schema.getType(name: name) {
                case is GraphQLEnumType: return .named("\(configuration.namespace).\(enumPlan(name))")
                case is GraphQLInputObjectType: return .named("\(configuration.namespace).\(inputObjectPlan(name))")
                default: return .named(scalarType(name))
                }
            }
        }
        let type: SwiftType = shape.isNonNull ? (hasDefault ? .optional(base(shape)) : base(shape)) : .nullable(base(shape))
        return InputFieldPlan(
            name: name, type: type, isIndirect: false, deprecationReason: deprecationReason,
            documentation: lines(description), format: scalarFormat(shape.namedType))
    }

    private func schemaTypeName(_ name: String) -> String {
        var swiftName = name
        while reservedNestedNames.contains(swiftName) || SwiftName.keywords.contains(swiftName) { swiftName += "_" }
        return swiftName
    }

    /// Records an enum the operations use; returns its Swift name.
    private func enumPlan(_ name: String) -> String {
        let swiftName = schemaTypeName(name)
        guard enums[name] == nil, let type = schema.getType(name: name) as? GraphQLEnumType else { return swiftName }
        var seen: [String: String] = [:]
        let cases = type.values.map { value in
            let caseName = SwiftName.enumCase(value.name)
            if let other = seen[caseName] {
                report("enum values \(name).\(other) and \(name).\(value.name) both become the Swift case \(caseName); the schema must be changed for Swift", value.astNode)
            }
            seen[caseName] = value.name
            return EnumPlan.Case(
                swiftName: caseName, rawValue: value.name, deprecationReason: value.deprecationReason,
                documentation: lines(value.description))
        }
        enums[name] = EnumPlan(swiftName: swiftName, cases: cases, documentation: lines(type.description))
        return swiftName
    }

    /// Records an input object the operations use (and, through it, the types of its fields); returns its Swift name.
    private func inputObjectPlan(_ name: String) -> String {
        let swiftName = schemaTypeName(name)
        guard inputObjects[name] == nil, let type = schema.getType(name: name) as? GraphQLInputObjectType else { return swiftName }
        inputObjects[name] = InputObjectPlan(swiftName: swiftName, fields: [], documentation: lines(type.description))
        let definitions = fieldMaps.fields(of: type)
        let fields = definitions.map { fieldName, field in
            inputField(
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
            return fieldMaps.fields(of: type).values.compactMap { field in
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
        for (name, _) in inputObjects {
            guard let type = schema.getType(name: name) as? GraphQLInputObjectType else { continue }
            let definitions = fieldMaps.fields(of: type)
            for index in inputObjects[name]?.fields.indices ?? 0..<0 {
                guard let field = inputObjects[name]?.fields[index], let definition = definitions[field.name] else { continue }
                let shape = TypeShape(definition.type)
                if !shape.containsList, schema.getType(name: shape.namedType) is GraphQLInputObjectType, reaches(shape.namedType, name) {
                    inputObjects[name]?.fields[index].isIndirect = true
                }
            }
        }
    }

    private func lines(_ description: String?) -> [String] {
        guard let description, !description.isEmpty else { return [] }
        return description.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }
}
