import GraphQL

/// Plans response structs: which fields, fragment views and type cases each selection set becomes, with their Swift
/// names and types, and which selection sets must ask for `__typename` so the decoder can pick type cases.
final class SelectionPlanner {
    private let context: PlanningContext
    private let names: TypeNames
    private let types: SchemaTypePlanner
    /// Selection sets whose printed form gets `__typename` so the decoder can pick type cases.
    private(set) var typenameSelectionSets: Set<ObjectIdentifier> = []
    /// Each fragment's struct, planned once on first use (fragments spread fragments in any order).
    private var fragmentPlans: [String: FragmentPlan?] = [:]

    init(context: PlanningContext, names: TypeNames, types: SchemaTypePlanner) {
        self.context = context
        self.names = names
        self.types = types
    }

    private var schema: GraphQLSchema { context.schema }

    // MARK: Fragments and operations

    /// The struct of fragment `name`; `nil` for an unknown fragment or one on an unknown type.
    func fragmentPlan(_ name: String) -> FragmentPlan? {
        if let planned = fragmentPlans[name] { return planned }
        fragmentPlans[name] = .some(nil)  // a cycle (reported by validation) reads as an unknown fragment
        guard let fragment = context.fragments[name], let type = schema.getType(name: fragment.typeCondition.name.value)
        else { return nil }
        let swiftName = SwiftName.upperFirst(name)
        var selection = planSelectionSet(
            scopes: [fragment.selectionSet], parent: type, swiftName: swiftName, visibleTypeNames: [swiftName])
        selection.documentation = context.documentation(above: fragment)
        let plan = FragmentPlan(name: name, selection: selection, documentation: selection.documentation)
        fragmentPlans[name] = plan
        return plan
    }

    /// The `Data` struct of an operation whose Swift type is `operationTypeName`.
    func dataPlan(_ operation: OperationDefinition, root: GraphQLObjectType, operationTypeName: String) -> SelectionSetPlan {
        planSelectionSet(
            scopes: [operation.selectionSet], parent: root, swiftName: "Data",
            visibleTypeNames: [operationTypeName, "Data", "Variables"])
    }

    // MARK: Collecting a selection set

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

    /// The `__typename` values for which a fragment on `condition` applies inside `parent`; `nil` when it applies to
    /// every value of `parent`.
    ///
    /// "Every value" is decided by the schema's definitions, not by the object types that exist today: a fragment
    /// applies unconditionally only on its own type, on an object type that implements it or is one of its union's
    /// members, or on an interface that implements it. A fragment on `Likeable` inside a union whose members all
    /// happen to be `Likeable` stays a view, since the server may add a member that is not.
    private func narrowing(_ condition: GraphQLNamedType, within parent: GraphQLNamedType) -> [String]? {
        if condition.name == parent.name { return nil }
        if let abstract = condition as? GraphQLAbstractType, schema.isSubType(abstractType: abstract, maybeSubType: parent) {
            return nil
        }
        let conditionTypes = Set(SchemaLookup.possibleTypeNames(of: condition, in: schema))
        return SchemaLookup.possibleTypeNames(of: parent, in: schema).filter(conditionTypes.contains)
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
                    guard let fragment = context.fragments[spread.name.value],
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

    // MARK: Planning a selection set

    private func planSelectionSet(
        scopes: [SelectionSet], parent: GraphQLNamedType, swiftName: String, visibleTypeNames: Set<String>
    ) -> SelectionSetPlan {
        let collected = collect(scopes, parent: parent)

        let propertyNames = checkedPropertyNames(collected, parent: parent)
        let nestedNames = nestedTypeNames(collected, parent: parent, propertyNames: propertyNames)
        let visible = visibleTypeNames.union([swiftName]).union(nestedNames.values)

        var members: [Member] = []
        for key in collected.fieldKeys {
            guard let occurrences = collected.fields[key],
                let member = planField(key, occurrences, nestedName: nestedNames[key], visible: visible)
            else { continue }
            members.append(.field(member))
        }
        var fragmentViews: [(use: FragmentUsePlan, plan: FragmentPlan?)] = []
        for name in collected.fragmentNames {
            guard let uses = collected.fragmentUses[name] else { continue }
            let typeName = SwiftName.upperFirst(name)
            if visible.contains(typeName) {
                context.report("fragment \"\(name)\" is spread where the generated type \(typeName) already names another type; rename the fragment (e.g. \"\(name)Fields\") or alias the field whose type it shares a name with", uses.first?.spread)
            }
            let typenames = uses.allSatisfy { $0.presence.typenames != nil }
                ? Array(Set(uses.flatMap { $0.presence.typenames ?? [] })).sorted() : nil
            let plan = fragmentPlan(name)
            var presence = Presence(typenames: typenames, isConditional: uses.allSatisfy(\.presence.isConditional))
            if presence.isConditional, let plan {
                presence.evidenceKeys = evidenceKeys(of: plan.selection, among: collected, excludingFragment: name)
            }
            let use = FragmentUsePlan(propertyName: SwiftName.lowerFirst(name), fragmentSwiftName: typeName, presence: presence)
            fragmentViews.append((use, plan))
            members.append(.fragment(use))
        }
        for typeName in collected.caseTypes {
            guard let cases = collected.cases[typeName], let type = schema.getType(name: typeName),
                let nested = nestedNames["as" + typeName]
            else { continue }
            let selection = planSelectionSet(
                scopes: cases.map(\.fragment.selectionSet), parent: type, swiftName: nested, visibleTypeNames: visible)
            var presence = Presence(typenames: narrowing(type, within: parent), isConditional: cases.allSatisfy(\.isConditional))
            if presence.isConditional {
                presence.evidenceKeys = evidenceKeys(of: selection, among: collected, excludingCase: typeName)
            }
            members.append(.typeCase(TypeCasePlan(
                propertyName: "as" + SwiftName.upperFirst(typeName), selection: selection, presence: presence)))
        }
        let forwarded = forwardedFields(
            from: fragmentViews, ownKeys: Set(collected.fieldKeys),
            taken: propertyNames.union(nestedNames.values))
        return SelectionSetPlan(swiftName: swiftName, graphQLType: parent.name, members: members, forwardedFields: forwarded)
    }

    private func planField(
        _ key: String, _ occurrences: [FieldOccurrence], nestedName: String?, visible: Set<String>
    ) -> FieldPlan? {
        let isConditional = occurrences.allSatisfy(\.isConditional)
        let selected = occurrences.first { $0.field != nil }
        let fieldName = selected?.field?.name.value ?? "__typename"
        if fieldName == "__typename" {
            let type: SwiftType = isConditional ? .optional(.named("String")) : .named("String")
            return FieldPlan(responseKey: key, type: type, selection: nil, isConditional: isConditional, deprecationReason: nil, documentation: [])
        }
        guard let scope = selected?.scope, let definition = context.fieldMaps.fields(of: scope)[fieldName] else {
            context.report("introspection field \"\(fieldName)\" cannot be generated; fetch the schema with `fgql schema fetch` instead", occurrences.lazy.compactMap(\.field).first)
            return nil
        }
        let shape = TypeShape(definition.type)
        var selection: SelectionSetPlan?
        if let nestedName, let type = schema.getType(name: shape.namedType) {
            selection = planSelectionSet(
                scopes: occurrences.compactMap(\.field?.selectionSet), parent: type, swiftName: nestedName,
                visibleTypeNames: visible)
        }
        var type = types.outputType(shape, nestedName: nestedName)
        if isConditional, case .optional = type {} else if isConditional { type = .optional(type) }
        return FieldPlan(
            responseKey: key, type: type, selection: selection, isConditional: isConditional,
            deprecationReason: definition.deprecationReason, documentation: PlanningContext.lines(definition.description),
            format: nestedName == nil ? types.scalarFormat(shape.namedType) : nil)
    }

    // MARK: Conditional views

    /// The response keys whose presence shows that a view under `@include`/`@skip` was included: the keys it
    /// selects that nothing else in the parent selects. Without such a key, the keys it requires (a sibling under
    /// the same condition may share them); none at all means it can always be decoded (every member is optional).
    private func evidenceKeys(
        of view: SelectionSetPlan, among collected: Collected, excludingFragment fragment: String? = nil,
        excludingCase caseType: String? = nil
    ) -> [String] {
        var elsewhere = Set(collected.fieldKeys)
        for name in collected.fragmentNames where name != fragment {
            if let plan = fragmentPlan(name) { elsewhere.formUnion(Self.readableKeys(of: plan.selection)) }
        }
        for other in collected.caseTypes where other != caseType {
            for inline in collected.cases[other] ?? [] {
                elsewhere.formUnion(inline.fragment.selectionSet.selections.compactMap { ($0 as? Field).map { $0.alias?.value ?? $0.name.value } })
            }
        }
        let keys = Self.readableKeys(of: view).filter { $0 != "__typename" }
        let distinguishing = keys.filter { !elsewhere.contains($0) }
        if !distinguishing.isEmpty { return distinguishing }
        return view.members.compactMap { member in
            guard case .field(let field) = member, field.responseKey != "__typename" else { return nil }
            if case .optional = field.type { return nil }
            return field.responseKey
        }
    }

    /// The keys a struct reads from its own JSON object: its fields and those of the fragments it always embeds.
    private static func readableKeys(of selection: SelectionSetPlan) -> [String] {
        selection.members.flatMap { member -> [String] in
            switch member {
            case .field(let field): return [field.responseKey]
            case .fragment, .typeCase: return []
            }
        } + selection.forwardedFields.map(\.responseKey)
    }

    // MARK: Fragment fields on the parent

    /// Read access on the parent to each field of its fragments that it does not select itself
    /// (`batch.id` for `batch.batchFields.id`), computed from the fragment's storage. A key two fragments give
    /// different types is left to the fragment views, as is one whose name another member already takes.
    private func forwardedFields(
        from views: [(use: FragmentUsePlan, plan: FragmentPlan?)], ownKeys: Set<String>, taken: Set<String>
    ) -> [ForwardedFieldPlan] {
        var forwarded: [ForwardedFieldPlan] = []
        var ambiguous: Set<String> = []
        for (use, plan) in views {
            guard let plan else { continue }
            for candidate in Self.readableFields(of: plan) {
                let key = candidate.responseKey
                guard !ownKeys.contains(key), !taken.contains(key), !ambiguous.contains(key) else { continue }
                var type = candidate.type
                if use.presence.isOptional, !type.isOptional { type = .optional(type) }
                if let index = forwarded.firstIndex(where: { $0.responseKey == key }) {
                    if forwarded[index].type != type {
                        forwarded.remove(at: index)
                        ambiguous.insert(key)
                    }
                    continue
                }
                forwarded.append(ForwardedFieldPlan(
                    responseKey: key, type: type, fragmentProperty: use.propertyName,
                    isThroughOptional: use.presence.isOptional, deprecationReason: candidate.deprecationReason,
                    documentation: candidate.documentation))
            }
        }
        return forwarded
    }

    /// A fragment's fields with their types as the parent spells them (nested types qualified by the fragment's).
    private static func readableFields(of fragment: FragmentPlan) -> [(responseKey: String, type: SwiftType, deprecationReason: String?, documentation: [String])] {
        let owner = fragment.selection.swiftName
        let fields = fragment.selection.members.compactMap { member -> (String, SwiftType, String?, [String])? in
            guard case .field(let field) = member else { return nil }
            let type = field.selection.map { field.type.qualifying($0.swiftName, with: owner) } ?? field.type
            return (field.responseKey, type, field.deprecationReason, field.documentation)
        }
        return fields + fragment.selection.forwardedFields.map { ($0.responseKey, $0.type, $0.deprecationReason, $0.documentation) }
    }

    // MARK: Names

    /// The struct's property names (fields, fragments, type cases); a duplicate is reported with the fix.
    private func checkedPropertyNames(_ collected: Collected, parent: GraphQLNamedType) -> Set<String> {
        var properties: [(name: String, node: Node?)] = collected.fieldKeys.map { key in
            (key, collected.fields[key]?.lazy.compactMap(\.field).last.map { $0 as Node })
        }
        properties += collected.fragmentNames.map { (SwiftName.lowerFirst($0), collected.fragmentUses[$0]?.last.map { $0.spread as Node }) }
        properties += collected.caseTypes.map { ("as" + SwiftName.upperFirst($0), collected.cases[$0]?.last.map { $0.fragment as Node }) }
        names.checkPropertyNames(properties, owner: "the selection on \(parent.name)")
        return Set(properties.map(\.name))
    }

    /// The nested struct name for each field with a selection (by response key) and each type case (by "as" +
    /// type name). A name that would hide a type the code refers to, or clash with a property, gets a trailing `_`.
    private func nestedTypeNames(_ collected: Collected, parent: GraphQLNamedType, propertyNames: Set<String>) -> [String: String] {
        var nested: [String: String] = [:]
        // A list's element type reads better singular (`batches: [Batch]`), unless another field has that name.
        let plainNames = Set(collected.fieldKeys.map(SwiftName.upperFirst))
        for key in collected.fieldKeys {
            guard let occurrence = collected.fields[key]?.first(where: { $0.field?.selectionSet != nil }),
                let field = occurrence.field
            else { continue }
            let isList = context.fieldMaps.fields(of: occurrence.scope)[field.name.value].map { TypeShape($0.type).containsList } ?? false
            let singular = isList ? SwiftName.singular(key) : key
            let base = singular != key && plainNames.contains(SwiftName.upperFirst(singular)) ? key : singular
            nested[key] = names.nestedTypeName(base, avoiding: propertyNames)
        }
        for type in collected.caseTypes { nested["as" + type] = names.nestedTypeName("As" + SwiftName.upperFirst(type), avoiding: propertyNames) }

        var owners: [String: String] = [:]  // type name → the key that generates it
        for (owner, name) in nested.sorted(by: { $0.key < $1.key }) {
            if let other = owners[name] {
                let node = collected.fields[owner]?.lazy.compactMap(\.field).first ?? collected.fields[other]?.lazy.compactMap(\.field).first
                context.report("\"\(other)\" and \"\(owner)\" in the selection on \(parent.name) would both generate the nested type \(name); alias one of the fields", node)
            }
            owners[name] = owner
        }
        return nested
    }
}
