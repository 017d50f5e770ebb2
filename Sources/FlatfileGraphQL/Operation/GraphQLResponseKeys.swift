/// Support for generated response types: whether an optional part of a response is there.
extension Decoder {
    /// Whether the JSON object being decoded has any of `keys`.
    ///
    /// A fragment or type case under `@include`/`@skip` is in the response only when its condition held, which the
    /// decoder cannot see; its own keys can. Generated code decodes such a view when one of them is there (so bad
    /// data throws with its path instead of turning into `nil`):
    ///
    /// ```swift
    /// self.batchDetails = try decoder.containsAnyGraphQLKey(["rows", "createdAt"]) ? BatchDetails(from: decoder) : nil
    /// ```
    public func containsAnyGraphQLKey(_ keys: [String]) throws -> Bool {
        let container = try container(keyedBy: GraphQLResponseKey.self)
        return keys.contains { container.contains(GraphQLResponseKey(stringValue: $0)) }
    }
}

/// Any member name of a response object.
private struct GraphQLResponseKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
