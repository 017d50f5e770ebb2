import GraphQL

/// The field maps of the schema's types, each built once per generator run.
///
/// The library's public `fields()` is a thunk that rebuilds the map from the SDL on every call (every field, its
/// arguments and their deprecation directives). Asked once per selected field, that cost grows with the size of
/// the schema's types rather than with the operations: on GitHub's schema it dominated validation and planning.
final class FieldMaps {
    // By type name: names are unique within the one schema a run uses.
    private var outputFields: [String: GraphQLFieldMap] = [:]
    private var inputFields: [String: InputObjectFieldMap] = [:]

    /// The fields of an object or interface type; empty for other types.
    func fields(of type: GraphQLNamedType) -> GraphQLFieldMap {
        let key = type.name
        if let cached = outputFields[key] { return cached }
        let fields = SchemaLookup.fields(of: type)
        outputFields[key] = fields
        return fields
    }

    /// The fields of an input object type.
    func fields(of type: GraphQLInputObjectType) -> InputObjectFieldMap {
        let key = type.name
        if let cached = inputFields[key] { return cached }
        let fields = (try? type.fields()) ?? [:]
        inputFields[key] = fields
        return fields
    }
}
