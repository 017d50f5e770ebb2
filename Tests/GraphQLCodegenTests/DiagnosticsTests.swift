import Foundation
import Testing

@testable import GraphQLCodegen

/// Each bad input gets a precise `path:line:column: severity: message`, every problem of a run is reported, and no
/// file is produced when there are errors.
@Suite struct DiagnosticsTests {
    static let schema = """
        type Query {
          batch(id: ID!): Batch
          batchUpdated(id: ID!): Batch
        }
        type Subscription {
          batchUpdated(id: ID!): Batch!
        }
        type Batch {
          id: ID!
          name: String
        }
        """

    @Test func aSchemaWithDuplicatedFieldsAndUnknownTypesListsEachAtItsLine() throws {
        let workspace = try Workspace([
            "schema.graphqls": "type Query {\n  a: String\n  a: Int\n  b: Foo\n  c: Strin\n}\n",
            "q.graphql": "query Q { a }\n",
        ])
        let result = workspace.generate(documents: ["q.graphql"])
        #expect(result.diagnostics.map(\.description) == [
            "schema.graphqls:3:3: error: field \"Query.a\" is defined more than once (first on line 2); remove one",
            "schema.graphqls:4:6: error: unknown type \"Foo\".",
            "schema.graphqls:5:6: error: unknown type \"Strin\". Did you mean \"String\"?",
        ])
        #expect(result.files.isEmpty)
    }

    @Test func schemaRuleViolationsPointAtTheDefinition() throws {
        let workspace = try Workspace([
            "schema.graphqls": "interface Node { id: ID! }\ntype Query implements Node { name: String }\n",
            "q.graphql": "query Q { name }\n",
        ])
        #expect(workspace.diagnostics(documents: ["q.graphql"]) == [
            "schema.graphqls:1:18: error: Interface field Node.id expected but Query does not provide it."
        ])
    }

    @Test func aSyntaxErrorAfterNonASCIITextHasTheColumnAnEditorShows() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "q.graphql": "# Größe — ünïcödé\nquery Q { batch(id: \"é\") { id ] }\n",
        ])
        #expect(workspace.diagnostics(documents: ["q.graphql"]) == ["q.graphql:2:31: error: syntax error: Expected Name, found ]"])
    }

    @Test func validationErrorsAfterNonASCIITextHaveCharacterColumns() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "q.graphql": "query R($x: Strin) { batch(id: \"ééé\") { nmae } }\n",
        ])
        #expect(workspace.diagnostics(documents: ["q.graphql"]) == [
            "q.graphql:1:9: error: Variable \"$x\" is never used in operation \"R\".",
            "q.graphql:1:13: error: Unknown type \"Strin\". Did you mean \"String\"?",
            "q.graphql:1:41: error: Cannot query field \"nmae\" on type \"Batch\". Did you mean \"name\"?",
        ])
    }

    @Test func emptyBinaryAndMisencodedFilesAreReportedTogether() throws {
        let workspace = try Workspace(files: [
            "schema.graphqls": Data(Self.schema.utf8),
            "empty.graphql": Data(),
            "comment.graphql": Data("\n# only a comment\n".utf8),
            "binary.graphql": Data([0x00, 0xFF, 0xFE]),
            "nul.graphql": Data([0x71, 0x00, 0x71]),
            "latin1.graphql": Data("query OK { batch(id: \"ü\") { id } }\n".utf8) + Data([0x47, 0x72, 0xF6]),
        ])
        let documents = ["empty.graphql", "comment.graphql", "binary.graphql", "nul.graphql", "latin1.graphql"]
        let result = workspace.generate(documents: documents)
        #expect(result.diagnostics.map(\.description) == [
            "binary.graphql:1:2: error: file is not UTF-8 text (byte 0xFF at offset 1); GraphQL files must be saved as UTF-8",
            "comment.graphql:1:1: error: file is empty: it contains no operation or fragment; add one or remove the file",
            "empty.graphql:1:1: error: file is empty: it contains no operation or fragment; add one or remove the file",
            "latin1.graphql:2:3: error: file is not UTF-8 text (byte 0xF6 at offset 38); GraphQL files must be saved as UTF-8",
            "nul.graphql:1:2: error: file contains a NUL byte: it looks binary, not GraphQL text",
        ])
        #expect(result.files.isEmpty)
    }

    @Test func codegenRulesMissingFromTheLibraryAreChecked() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "anonymous.graphql": "{ batch(id: \"1\") { id } }\n",
            "overlap.graphql": """
                query Q1 { batch(id: "1") { x: id x: name } }
                query Q3 { batch(id: "1") { id } batch(id: "2") { id } }
                subscription S { batchUpdated(id: "1") { id } b: batchUpdated(id: "2") { id } }
                """,
            "duplicate.graphql": "query Q1 { batch(id: \"1\") { id } }\n",
        ])
        #expect(workspace.diagnostics(documents: ["anonymous.graphql", "duplicate.graphql", "overlap.graphql"]) == [
            "anonymous.graphql:1:1: error: This anonymous operation must be the only defined operation.",
            "anonymous.graphql:1:1: error: operations must be named, e.g. `query GetItems { … }`: the name becomes the Swift type (GetItemsQuery)",
            "overlap.graphql:1:7: error: There can be only one operation named \"Q1\".",
            "overlap.graphql:1:29: error: Fields \"x\" conflict because \"id\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
            "overlap.graphql:2:12: error: Fields \"batch\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
            "overlap.graphql:3:1: error: Subscription \"S\" must select only one top level field, not 2 (batchUpdated, b); split it into one subscription per field",
        ])
    }

    @Test func namesThatWouldCollideInSwiftAreErrorsWithTheFix() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "collide.graphql": """
                fragment Data on Batch { id }
                query Q2 { batch(id: "1") { batchFields: name ...batchFields } }
                fragment batchFields on Batch { id }
                query q2 { batch(id: "1") { id } }
                """,
        ])
        #expect(workspace.diagnostics(documents: ["collide.graphql"]) == [
            "collide.graphql:1:1: warning: Fragment \"Data\" is never used.",
            "collide.graphql:1:10: error: fragment \"Data\" would generate the Swift type Data, which would hide the runtime's, Swift's or the schema namespace's type of that name; rename it",
            "collide.graphql:2:47: error: the selection on Batch would generate two properties named \"batchFields\" (a field and a fragment spread or type case); alias the field",
            "collide.graphql:4:7: error: query \"q2\" generates the Swift type Q2Query, as query \"Q2\" does; rename one of them",
        ])
    }

    @Test func badConfigurationAndMissingFilesAreNamed() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "q.graphql": "query Q { batch(id: \"1\") { id } }\n",
            "fgql.json": #"{"scalar": {}, "accessLevel": "open"}"#,
            "broken.json": "{",
        ])
        #expect(workspace.diagnostics(documents: ["q.graphql"], config: "fgql.json") == [
            "fgql.json:1:1: error: unknown setting \"scalar\"; the settings are \"namespace\", \"scalars\", \"accessLevel\", \"runtimeModule\", \"endpoint\", \"operationManifest\"",
            "fgql.json:1:1: error: \"accessLevel\" must be one of \"public\", \"package\", \"internal\"",
        ])
        #expect(workspace.diagnostics(schema: "missing.graphqls", documents: ["q.graphql", "absent.graphql"]) == [
            "absent.graphql: error: cannot read file: no such file",
            "missing.graphqls: error: cannot read file: no such file",
        ])
        #expect(workspace.diagnostics(schema: "broken.json", documents: ["q.graphql"]).first?.hasPrefix("broken.json: error: not valid JSON") == true)
    }

    @Test func anUnusedFragmentIsAWarningAndStillGenerated() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "q.graphql": "query Q { batch(id: \"1\") { id } }\nfragment Spare on Batch { name }\n",
        ])
        let result = workspace.generate(documents: ["q.graphql"])
        #expect(result.diagnostics.map(\.description) == ["q.graphql:2:1: warning: Fragment \"Spare\" is never used."])
        #expect(result.files.first { $0.name == "q.graphql.swift" }?.contents.contains("public struct Spare: Codable") == true)
    }
}
