import GraphQL

/// Finds the fields of a selection set that cannot be merged: every pair with one response key among its fields,
/// its inline fragments and the fragments it spreads, at every depth (the algorithm of graphql-js, written anew).
///
/// One finder serves a whole document. It remembers each selection set's fields and which fragment pairs it has
/// compared, so a fragment spread in many places is compared with another fragment once, however large the
/// document, and a fragment cycle (reported by NoFragmentCycles) ends instead of recursing forever.
final class FieldConflictFinder {
    private let schema: GraphQLSchema
    private let fragments: [String: FragmentDefinition]
    private let fieldMaps: FieldMaps
    private var fieldsBySelectionSet: [ObjectIdentifier: SelectionFields] = [:]
    private var comparedFragmentPairs = FragmentPairSet()

    init(schema: GraphQLSchema, fragments: [String: FragmentDefinition], fieldMaps: FieldMaps) {
        self.schema = schema
        self.fragments = fragments
        self.fieldMaps = fieldMaps
    }

    /// The conflicts among the fields `set` selects, directly, through inline fragments and through spreads.
    ///
    /// Conflicts wholly inside one nested selection set or one fragment are left to the check of that selection set,
    /// so each is found once.
    func conflicts(within set: SelectionSet, parentType: GraphQLNamedType?) -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        let fields = selectionFields(of: set, parentType: parentType)
        collectConflicts(within: fields, into: &conflicts)
        for (index, fragment) in fields.fragmentNames.enumerated() {
            collectConflicts(between: fields, andFragment: fragment, exclusive: false, into: &conflicts)
            for other in fields.fragmentNames[(index + 1)...] {
                collectConflicts(betweenFragment: fragment, and: other, exclusive: false, into: &conflicts)
            }
        }
        return conflicts
    }

    // MARK: Comparing collections of fields

    private func collectConflicts(within fields: SelectionFields, into conflicts: inout [FieldConflict]) {
        for key in fields.responseKeys {
            let sameKey = fields.byResponseKey[key] ?? []
            for (index, first) in sameKey.enumerated() {
                for second in sameKey[(index + 1)...] {
                    if let conflict = conflict(key, first, second, parentsExclusive: false) { conflicts.append(conflict) }
                }
            }
        }
    }

    /// Compares each field of `first` with each field of `second` that has its response key; conflicts inside either
    /// collection are not looked for here.
    private func collectConflicts(
        between first: SelectionFields, and second: SelectionFields, exclusive: Bool,
        into conflicts: inout [FieldConflict]
    ) {
        for key in first.responseKeys {
            guard let others = second.byResponseKey[key], let fields = first.byResponseKey[key] else { continue }
            for field in fields {
                for other in others {
                    if let conflict = conflict(key, field, other, parentsExclusive: exclusive) { conflicts.append(conflict) }
                }
            }
        }
    }

    /// Compares `fields` with a fragment's fields and with those of every fragment it spreads, transitively.
    private func collectConflicts(
        between fields: SelectionFields, andFragment name: String, exclusive: Bool,
        into conflicts: inout [FieldConflict]
    ) {
        guard let fragmentFields = fragmentFields(name) else { return }
        // A fragment that spreads itself: its fields are not compared with themselves.
        if fragmentFields.selectionSet == fields.selectionSet { return }
        collectConflicts(between: fields, and: fragmentFields, exclusive: exclusive, into: &conflicts)
        for spread in fragmentFields.fragmentNames {
            // Recorded as a pair with the spreading fragment so that a cycle of spreads ends.
            if comparedFragmentPairs.contains(spread, name, exclusive: exclusive) { continue }
            comparedFragmentPairs.insert(spread, name, exclusive: exclusive)
            collectConflicts(between: fields, andFragment: spread, exclusive: exclusive, into: &conflicts)
        }
    }

    /// Compares two fragments' fields, and each with every fragment the other spreads, transitively.
    private func collectConflicts(
        betweenFragment first: String, and second: String, exclusive: Bool, into conflicts: inout [FieldConflict]
    ) {
        if first == second || comparedFragmentPairs.contains(first, second, exclusive: exclusive) { return }
        comparedFragmentPairs.insert(first, second, exclusive: exclusive)
        guard let firstFields = fragmentFields(first), let secondFields = fragmentFields(second) else { return }
        collectConflicts(between: firstFields, and: secondFields, exclusive: exclusive, into: &conflicts)
        for spread in secondFields.fragmentNames {
            collectConflicts(betweenFragment: first, and: spread, exclusive: exclusive, into: &conflicts)
        }
        for spread in firstFields.fragmentNames {
            collectConflicts(betweenFragment: spread, and: second, exclusive: exclusive, into: &conflicts)
        }
    }

    /// The conflicts between the selection sets of two fields with one response key, fragments included.
    private func conflicts(
        between first: (set: SelectionSet, type: GraphQLNamedType?),
        and second: (set: SelectionSet, type: GraphQLNamedType?), exclusive: Bool
    ) -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        let firstFields = selectionFields(of: first.set, parentType: first.type)
        let secondFields = selectionFields(of: second.set, parentType: second.type)
        collectConflicts(between: firstFields, and: secondFields, exclusive: exclusive, into: &conflicts)
        for fragment in secondFields.fragmentNames {
            collectConflicts(between: firstFields, andFragment: fragment, exclusive: exclusive, into: &conflicts)
        }
        for fragment in firstFields.fragmentNames {
            collectConflicts(between: secondFields, andFragment: fragment, exclusive: exclusive, into: &conflicts)
        }
        for fragment in firstFields.fragmentNames {
            for other in secondFields.fragmentNames {
                collectConflicts(betweenFragment: fragment, and: other, exclusive: exclusive, into: &conflicts)
            }
        }
        return conflicts
    }

    // MARK: Comparing two fields

    /// Why two fields with the response key `key` cannot be merged, or `nil` when they can.
    ///
    /// Fields whose parents are distinct object types never apply to the same object, so they may be different
    /// fields or take different arguments; that holds for everything below them too (`parentsExclusive`). Their
    /// values still share one place in the response, so they must have the same shape all the same.
    private func conflict(
        _ key: String, _ first: SelectedField, _ second: SelectedField, parentsExclusive: Bool
    ) -> FieldConflict? {
        let exclusive = parentsExclusive || Self.areDistinctObjectTypes(first.parentType, second.parentType)
        func reported(_ reason: FieldConflict.Reason) -> FieldConflict {
            FieldConflict(responseKey: key, reason: reason, first: first.node, second: second.node)
        }
        if !exclusive {
            let (firstName, secondName) = (first.node.name.value, second.node.name.value)
            if firstName != secondName { return reported(.differentFields(firstName, secondName)) }
            if !ArgumentEquivalence.same(first.node.arguments, second.node.arguments) {
                return reported(.differingArguments)
            }
        }
        let firstType = first.definition?.type
        let secondType = second.definition?.type
        // One definition has one type: the common case of a field selected twice needs no shape comparison.
        if let firstType, let secondType, first.definition !== second.definition,
            !ResponseShape.same(firstType, secondType)
        {
            return reported(.conflictingTypes(firstType, secondType))
        }
        guard let firstSet = first.node.selectionSet, let secondSet = second.node.selectionSet else { return nil }
        let subfieldConflicts = conflicts(
            between: (firstSet, getNamedType(type: firstType)), and: (secondSet, getNamedType(type: secondType)),
            exclusive: exclusive)
        return subfieldConflicts.isEmpty ? nil : reported(.subfields(subfieldConflicts))
    }

    /// Whether both are object types, and not the same one: then no object is both, and fields selected on each
    /// never apply together.
    private static func areDistinctObjectTypes(_ first: GraphQLNamedType?, _ second: GraphQLNamedType?) -> Bool {
        guard let first = first as? GraphQLObjectType, let second = second as? GraphQLObjectType else { return false }
        return first.name != second.name
    }

    // MARK: Collecting fields

    /// The fields `set` selects directly and through inline fragments (by response key), and the fragments it
    /// spreads; computed once per selection set.
    private func selectionFields(of set: SelectionSet, parentType: GraphQLNamedType?) -> SelectionFields {
        let id = ObjectIdentifier(set)
        if let known = fieldsBySelectionSet[id] { return known }
        var fields = SelectionFields(selectionSet: id)
        collect(set, parentType: parentType, into: &fields)
        fieldsBySelectionSet[id] = fields
        return fields
    }

    private func fragmentFields(_ name: String) -> SelectionFields? {
        guard let fragment = fragments[name] else { return nil }
        return selectionFields(of: fragment.selectionSet, parentType: schema.getType(name: fragment.typeCondition.name.value))
    }

    private func collect(_ set: SelectionSet, parentType: GraphQLNamedType?, into fields: inout SelectionFields) {
        for selection in set.selections {
            switch selection {
            case let field as Field:
                let definition = parentType.flatMap { fieldMaps.fields(of: $0)[field.name.value] }
                fields.add(SelectedField(parentType: parentType, node: field, definition: definition))
            case let spread as FragmentSpread:
                fields.addFragment(spread.name.value)
            case let inline as InlineFragment:
                let type =
                    if let condition = inline.typeCondition { schema.getType(name: condition.name.value) } else { parentType }
                collect(inline.selectionSet, parentType: type, into: &fields)
            default:
                continue
            }
        }
    }
}

/// A field as a selection set selects it: the type it is selected on and its definition there (`nil` for an
/// unknown field or `__typename`, whose types are then not compared).
private struct SelectedField {
    let parentType: GraphQLNamedType?
    let node: Field
    let definition: GraphQLField?
}

/// One selection set's fields by response key, in the order first selected, and the fragments it spreads.
private struct SelectionFields {
    /// Identifies the selection set, so that a fragment is never compared with itself.
    let selectionSet: ObjectIdentifier
    private(set) var responseKeys: [String] = []
    private(set) var byResponseKey: [String: [SelectedField]] = [:]
    /// Each spread fragment once, in the order first spread.
    private(set) var fragmentNames: [String] = []
    private var spread: Set<String> = []

    init(selectionSet: ObjectIdentifier) { self.selectionSet = selectionSet }

    mutating func add(_ field: SelectedField) {
        let key = field.node.alias?.value ?? field.node.name.value
        if byResponseKey[key] == nil { responseKeys.append(key) }
        byResponseKey[key, default: []].append(field)
    }

    mutating func addFragment(_ name: String) {
        if spread.insert(name).inserted { fragmentNames.append(name) }
    }
}

/// The fragment pairs already compared, each for exclusive parents or for any parents.
///
/// A comparison where the parents may overlap checks more than one where they are exclusive, so it also answers
/// for the exclusive case, not the other way round.
private struct FragmentPairSet {
    private struct Pair: Hashable {
        let low: String
        let high: String
        init(_ a: String, _ b: String) { (low, high) = a < b ? (a, b) : (b, a) }
    }

    private var comparedWithExclusiveParents: [Pair: Bool] = [:]

    func contains(_ a: String, _ b: String, exclusive: Bool) -> Bool {
        guard let recorded = comparedWithExclusiveParents[Pair(a, b)] else { return false }
        return exclusive || !recorded
    }

    mutating func insert(_ a: String, _ b: String, exclusive: Bool) {
        comparedWithExclusiveParents[Pair(a, b)] = exclusive
    }
}

/// Whether two fields' arguments are the same: the same names with equal values, in any order.
enum ArgumentEquivalence {
    static func same(_ first: [Argument], _ second: [Argument]) -> Bool {
        guard first.count == second.count else { return false }
        if first.isEmpty { return true }
        let secondByName = Dictionary(second.map { ($0.name.value, $0.value) }, uniquingKeysWith: { first, _ in first })
        return first.allSatisfy { argument in
            secondByName[argument.name.value].map { equal(argument.value, $0) } ?? false
        }
    }

    /// Literal equality: variables by name, numbers as written, strings by content, input objects in any field order.
    static func equal(_ first: Value, _ second: Value) -> Bool {
        switch (first, second) {
        case let (a as Variable, b as Variable): return a.name.value == b.name.value
        case let (a as IntValue, b as IntValue): return a.value == b.value
        case let (a as FloatValue, b as FloatValue): return a.value == b.value
        case let (a as StringValue, b as StringValue): return a.value == b.value
        case let (a as BooleanValue, b as BooleanValue): return a.value == b.value
        case (is NullValue, is NullValue): return true
        case let (a as EnumValue, b as EnumValue): return a.value == b.value
        case let (a as ListValue, b as ListValue):
            return a.values.count == b.values.count && zip(a.values, b.values).allSatisfy(equal)
        case let (a as ObjectValue, b as ObjectValue):
            guard a.fields.count == b.fields.count else { return false }
            let bByName = Dictionary(b.fields.map { ($0.name.value, $0.value) }, uniquingKeysWith: { first, _ in first })
            return a.fields.allSatisfy { field in bByName[field.name.value].map { equal(field.value, $0) } ?? false }
        default: return false
        }
    }
}

/// SameResponseShape: whether two field types put the same kind of value in the response.
enum ResponseShape {
    /// The same list and non-null wrappers around the same leaf type; composite types are compared field by field
    /// instead.
    static func same(_ first: GraphQLType, _ second: GraphQLType) -> Bool {
        switch (first, second) {
        case let (a as GraphQLList, b as GraphQLList): return same(a.ofType, b.ofType)
        case (is GraphQLList, _), (_, is GraphQLList): return false
        case let (a as GraphQLNonNull, b as GraphQLNonNull): return same(a.ofType, b.ofType)
        case (is GraphQLNonNull, _), (_, is GraphQLNonNull): return false
        case let (a as GraphQLNamedType, b as GraphQLNamedType):
            if a is GraphQLLeafType || b is GraphQLLeafType { return a.name == b.name }
            return true
        default: return false
        }
    }
}
