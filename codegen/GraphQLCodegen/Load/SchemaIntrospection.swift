/// Downloading a schema from a live server: the introspection query to send, and its result turned into SDL.
///
/// ```swift
/// let response = try await client.execute(document: SchemaIntrospection.query)
/// let sdl = try SchemaIntrospection.sdl(fromResultJSON: response.jsonValue.jsonString(), name: "api.us.flatfile.io")
/// ```
public enum SchemaIntrospection {
    /// The standard introspection query, limited to what servers of every age answer (no `specifiedByURL`,
    /// `isRepeatable` or deprecated input values, which older servers reject).
    public static let query = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          fields(includeDeprecated: true) {
            name
            description
            args { ...InputValue }
            type { ...TypeRef }
            isDeprecated
            deprecationReason
          }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }

        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        }
        """

    /// The SDL of an introspection result (`{"data": {"__schema": …}}` or `{"__schema": …}`); `name` labels
    /// diagnostics.
    ///
    /// - Throws: the `Diagnostic` that says why the JSON is not an introspection result.
    public static func sdl(fromResultJSON json: String, name: String) throws(Diagnostic) -> String {
        switch IntrospectionToSDL.convert(SourceFile(path: name, text: json)) {
        case .success(let sdl): return sdl
        case .failure(let diagnostic): throw diagnostic
        }
    }
}
