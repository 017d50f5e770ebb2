import Testing

@testable import GraphQLCodegen

/// `fgql.json` settings change what is generated; without one, the defaults apply.
@Suite struct ConfigurationTests {
    static let schema = """
        scalar Timestamp
        enum Kind { A B }
        type Query { item(kind: Kind): Item }
        type Item { at: Timestamp! kind: Kind }
        """
    static let query = "query GetItem($kind: Kind) { item(kind: $kind) { at kind } }\n"

    @Test func defaultsArePublicTypesInTheDefaultNamespaceAndJSONValueForUnmappedScalars() throws {
        let workspace = try Workspace(["schema.graphqls": Self.schema, "q.graphql": Self.query])
        let result = workspace.generate(documents: ["q.graphql"])
        let types = try #require(result.files.first { $0.name == Codegen.schemaTypesFileName }).contents
        let operation = try #require(result.files.first { $0.name == "q.graphql.swift" }).contents
        #expect(types.contains("public enum \(Configuration.defaultNamespace) {"))
        #expect(operation.contains("public struct GetItemQuery: GraphQLQuery {"))
        #expect(operation.contains("public let at: JSONValue\n"))
        #expect(operation.contains("import FlatfileGraphQL\n"))
    }

    @Test func namespaceScalarsAccessLevelAndRuntimeModuleAreApplied() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema, "q.graphql": Self.query,
            "fgql.json": #"{"namespace": "API", "scalars": {"Timestamp": "Foundation.Date"}, "accessLevel": "internal", "runtimeModule": "MyRuntime"}"#,
        ])
        let result = workspace.generate(documents: ["q.graphql"], config: "fgql.json")
        #expect(result.diagnostics.isEmpty)
        let all = result.files.map(\.contents).joined()
        #expect(!all.contains("public "))
        #expect(all.contains("enum API {"))
        #expect(all.contains("let at: Foundation.Date\n"))
        #expect(all.contains("let kind: GraphQLEnum<API.Kind>?\n"))
        #expect(all.contains("import MyRuntime\n"))
    }
}
