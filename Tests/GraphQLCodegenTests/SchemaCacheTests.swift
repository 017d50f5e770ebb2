import Foundation
import GraphQL
import Testing

@testable import GraphQLCodegen

/// With a schema cache directory (what the build plugin passes), a schema that passed every check is not checked
/// again: later runs build only the part of it the operations reach. The output must not change because of that.
@Suite struct SchemaCacheTests {
    static let schema = """
        "A thing with an id."
        interface Node { id: ID! }
        type Query {
          item(id: ID!): Item
          search(text: String!, filter: Filter): [Result!]!
          unused: Unused
        }
        type Mutation { rename(input: RenameInput!): Item }
        "An item."
        type Item implements Node { id: ID! name: String @deprecated(reason: "Use `title`.") title: String kind: Kind! owner: Owner }
        type Owner implements Node { id: ID! login: String! }
        type Unused implements Node { id: ID! other: Other }
        type Other { value: Int }
        union Result = Item | Owner
        enum Kind { SMALL LARGE }
        input Filter { kind: Kind, nested: Filter }
        input RenameInput { id: ID!, title: String! }
        """

    static let operations = """
        query Search($text: String!, $filter: Filter) {
          search(text: $text, filter: $filter) {
            __typename
            ... on Item { id title kind }
            ... on Node { id }
          }
        }
        mutation Rename($input: RenameInput!) { rename(input: $input) { id title name owner { login } } }
        """

    private func workspace(schema: String = SchemaCacheTests.schema, operations: String = SchemaCacheTests.operations) throws -> Workspace {
        try Workspace(["schema.graphqls": schema, "ops.graphql": operations])
    }

    private func generate(_ workspace: Workspace, cache: String?) -> CodegenResult {
        var timings = CodegenTimings()
        return Codegen.generate(
            schemaFile: workspace.path("schema.graphqls"), documentFiles: [workspace.path("ops.graphql")],
            schemaCacheDirectory: cache, timings: &timings)
    }

    @Test func laterRunsGenerateExactlyWhatAFullRunGenerates() throws {
        let workspace = try workspace()
        let cache = workspace.path("cache")
        let full = generate(workspace, cache: nil)
        #expect(full.succeeded && !full.files.isEmpty)
        let first = generate(workspace, cache: cache)
        // The schema's entry and the subset the operations reach (no stamp: the schema was just written).
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 1)
        let later = generate(workspace, cache: cache)
        #expect(first == full)
        #expect(later == full)
        #expect(later.diagnostics.map(\.message) == ["The field Item.name is deprecated. Use `title`."])
    }

    @Test func theSubsetKeepsWhatTheOperationsReachAndDropsTheRest() throws {
        let workspace = try workspace()
        let file = try InputFiles.read(workspace.path("schema.graphqls")).get()
        let (documents, problems) = DocumentSet.load([try InputFiles.read(workspace.path("ops.graphql")).get()])
        #expect(problems.isEmpty)
        let operations = try #require(documents)
        let subset = try #require(SchemaLoader.loadSubset(of: file, reachedBy: operations))
        let types = Set(subset.schema.typeMap.keys.filter { !$0.hasPrefix("__") })
        // Every possible type of Node and Result, whole input objects and enums; Other is reachable only through
        // a field no operation selects.
        for name in ["Query", "Mutation", "Item", "Owner", "Unused", "Node", "Result", "Kind", "Filter", "RenameInput"] {
            #expect(types.contains(name), "\(name)")
        }
        #expect(!types.contains("Other"))
        let item = try #require(subset.schema.getType(name: "Item") as? GraphQLObjectType)
        #expect(Set(try item.fields().keys) == ["id", "title", "name", "kind", "owner"])
        #expect(try item.fields()["name"]?.deprecationReason == "Use `title`.")
        #expect(try item.fields()["title"] != nil && item.description == "An item.")
    }

    @Test func anErrorOnALaterRunGetsTheFullRunsDiagnostics() throws {
        let cache = try workspace().path("cache")
        _ = generate(try workspace(), cache: cache)
        let broken = try workspace(operations: "query Q { item(id: \"1\") { titel } }")
        let cached = generate(broken, cache: cache)
        let full = generate(broken, cache: nil)
        #expect(!cached.succeeded)
        #expect(cached.diagnostics == full.diagnostics)
        #expect(cached.diagnostics.contains { $0.message.contains("Did you mean \"title\"") })
    }

    @Test func aSubsetPlacesTheUnmappedScalarWarningAtTheScalarInTheUsersFile() throws {
        let schema = "type Query {\n  \"When.\"\n  at: DateTime\n  id: ID\n}\n\n\"A moment.\"\nscalar DateTime\n"
        let workspace = try self.workspace(schema: schema, operations: "query When { at id }")
        let cache = workspace.path("cache")
        let full = generate(workspace, cache: nil)
        _ = generate(workspace, cache: cache)
        let later = generate(workspace, cache: cache)
        #expect(full.diagnostics.map(\.line) == [7] && full.diagnostics.first?.message.contains("DateTime") == true)
        #expect(later == full)

        // The later run took the subset: its one warning was placed, not sent back to the full checks.
        let file = try InputFiles.read(workspace.path("schema.graphqls")).get()
        let operations = try #require(DocumentSet.load([try InputFiles.read(workspace.path("ops.graphql")).get()]).0)
        let subset = try #require(SchemaLoader.loadSubset(of: file, reachedBy: operations))
        let planner = Planner(schema: subset.schema, schemaFile: subset.file, documents: operations, configuration: Configuration())
        _ = planner.plan()
        #expect(subset.relocated(planner.diagnostics, to: file.path) == full.diagnostics)
    }

    @Test func theSubsetIsBuiltOncePerSetOfOperationsAndReusedWithTheSameOutput() throws {
        let workspace = try workspace()
        let cache = workspace.path("cache")
        let full = generate(workspace, cache: nil)
        for _ in 0..<3 { #expect(generate(workspace, cache: cache) == full) }
        func subsets() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: cache).count { $0.hasSuffix(".subset") }
        }
        #expect(try subsets() == 1)
        // A corrupt subset entry is a miss, rebuilt.
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) where name.hasSuffix(".subset") {
            try Data("fgql-schema-subset-1\n7\n".utf8).write(to: URL(fileURLWithPath: cache).appendingPathComponent(name))
        }
        #expect(generate(workspace, cache: cache) == full)
        let other = try self.workspace(operations: "query One { item(id: \"1\") { id } }")
        let otherFull = generate(other, cache: nil)
        #expect(generate(other, cache: cache) == otherFull)
        #expect(try subsets() == 2)
    }

    @Test func anEditedSchemaIsCheckedInFullAgain() throws {
        let workspace = try workspace()
        let cache = workspace.path("cache")
        #expect(generate(workspace, cache: cache).succeeded)
        // The broken type is one no operation reaches: only the full checks can find it.
        let edited = try self.workspace(schema: Self.schema + "\ntype Broken { value: Missing }\n")
        let result = generate(edited, cache: cache)
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.message.contains("unknown type \"Missing\"") })
    }
}
