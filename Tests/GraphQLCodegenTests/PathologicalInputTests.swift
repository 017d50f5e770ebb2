import Foundation
import Testing

@testable import GraphQLCodegen

/// Hostile and generated inputs: absurd nesting, huge literals and selections, odd encodings and line endings get a
/// clear diagnostic or correct output, never a stack overflow. (Invalid UTF-8, NUL bytes and a schema with a
/// duplicated field are covered by DiagnosticsTests.)
@Suite struct PathologicalInputTests {
    static let schema = """
        type Query {
          node(id: ID, filter: [[ID]]): Node
        }
        "A tree: each node has children of its own."
        type Node {
          id: ID!
          name: String
          child: Node
        }
        """

    /// `query Q { node { child { child … { id } … } } }` with `depth` levels of selection sets.
    static func nestedQuery(depth: Int) -> String {
        "query Q { node " + String(repeating: "{ child ", count: depth - 2) + "{ id }" + String(repeating: " }", count: depth - 2)
            + " }\n"
    }

    private func expectNestingError(
        _ result: CodegenResult, at location: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = "\(location): error: nesting goes deeper than 100 levels here ({, [ or ( inside one another); "
            + "fgql reads at most 100: flatten the selection, list or input value"
        #expect(result.diagnostics.map(\.description) == [expected], sourceLocation: sourceLocation)
        #expect(result.files.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func tenThousandNestedSelectionSetsAreAnErrorAtTheFirstLevelTooDeep() throws {
        let workspace = try Workspace(["schema.graphqls": Self.schema, "q.graphql": Self.nestedQuery(depth: 10_000)])
        // Level 101 opens at the 100th "{ child " after "query Q { node ".
        expectNestingError(workspace.generate(documents: ["q.graphql"]), at: "q.graphql:1:\(16 + 99 * 8)")
    }

    @Test func tenThousandNestedListsInAnArgumentAreAnError() throws {
        let document = "query Q {\n  node(filter: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            + ") { id }\n}\n"
        let workspace = try Workspace(["schema.graphqls": Self.schema, "q.graphql": document])
        expectNestingError(workspace.generate(documents: ["q.graphql"]), at: "q.graphql:2:\(16 + 98)")
    }

    @Test func tenThousandNestedObjectValuesAndListTypesInTheSchemaAreErrors() throws {
        let input = "query Q($v: ID = " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
            + ") { node(id: $v) { id } }\n"
        let schema = "type Query { a: " + String(repeating: "[", count: 10_000) + "Int" + String(repeating: "]", count: 10_000) + " }\n"
        let workspace = try Workspace(["schema.graphqls": Self.schema, "q.graphql": input, "deep.graphqls": schema])
        expectNestingError(workspace.generate(documents: ["q.graphql"]), at: "q.graphql:1:\(18 + 99 * 4)")
        expectNestingError(workspace.generate(schema: "deep.graphqls", documents: []), at: "deep.graphqls:1:\(17 + 99)")
    }

    @Test func nestingAtTheLimitGeneratesCode() throws {
        let workspace = try Workspace(["schema.graphqls": Self.schema, "q.graphql": Self.nestedQuery(depth: 100)])
        let result = workspace.generate(documents: ["q.graphql"])
        #expect(result.diagnostics.isEmpty)
        let operation = try #require(result.files.first { $0.name == "q.graphql.swift" })
        #expect(operation.contents.components(separatedBy: "public let child: Child?").count - 1 == 98)
    }

    @Test func bracketsInStringsBlockStringsAndCommentsDoNotCountAsNesting() throws {
        let brackets = String(repeating: "{[(", count: 5_000)
        let schema = "\"\"\"\n\(brackets) \\\"\"\" \(brackets)\n\"\"\"\n" + Self.schema
        let document = "# \(brackets)\nquery Q { node(id: \"\(brackets) \\\" \(brackets)\") { id } }\n"
        let workspace = try Workspace(["schema.graphqls": schema, "q.graphql": document])
        let result = workspace.generate(documents: ["q.graphql"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.succeeded && !result.files.isEmpty)
    }

    @Test func aOneMegabyteStringLiteralAndDescriptionAreKept() throws {
        let megabyte = String(repeating: "0123456789abcdef", count: 65_536)
        let schema = "\"\"\"\n\(megabyte)\n\"\"\"\n" + Self.schema
        let document = "query Q { node(id: \"\(megabyte)\") { id } }\n"
        let workspace = try Workspace(["schema.graphqls": schema, "q.graphql": document])
        let result = workspace.generate(documents: ["q.graphql"])
        #expect(result.diagnostics.isEmpty)
        let operation = try #require(result.files.first { $0.name == "q.graphql.swift" })
        #expect(operation.contents.contains(megabyte))
    }

    @Test func oneHundredThousandFieldsAreMergedIntoTheirResponseKeys() throws {
        // 10,000 response keys, each selected 10 times: 100,000 fields to parse and validate, 10,000 properties.
        // (Linear: the GraphQL library's validation costs about 0.15 ms per field in a debug build.)
        let fields = (0..<100_000).map { "f\($0 % 10_000): id" }.joined(separator: " ")
        let workspace = try Workspace(["schema.graphqls": Self.schema, "q.graphql": "query Q { node { \(fields) } }\n"])
        let result = workspace.generate(documents: ["q.graphql"])
        #expect(result.diagnostics.isEmpty)
        let file = try #require(result.files.first { $0.name == "q.graphql.swift" })
        #expect(file.contents.components(separatedBy: "public let f0: String").count - 1 == 1)
        #expect(file.contents.components(separatedBy: "public let f9999: String").count - 1 == 1)
        #expect(!file.contents.contains("f10000"))
    }

    @Test func crlfLineEndingsAndAByteOrderMarkGiveTheSameCodeAndLines() throws {
        let document = "# Reads a node.\nquery Q {\n  node(id: \"1\") {\n    id\n    name\n  }\n}\n"
        let windows = Data([0xEF, 0xBB, 0xBF]) + Data(document.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let plain = try Workspace(["schema.graphqls": Self.schema, "q.graphql": document])
        let edited = try Workspace(files: [
            "schema.graphqls": Data([0xEF, 0xBB, 0xBF]) + Data(Self.schema.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            "q.graphql": windows,
        ])
        let expected = plain.generate(documents: ["q.graphql"])
        let result = edited.generate(documents: ["q.graphql"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.files.map(\.name) == expected.files.map(\.name))
        #expect(result.files.first { $0.name == "q.graphql.swift" }?.contents
            == expected.files.first { $0.name == "q.graphql.swift" }?.contents)

        // A mistake on line 5 is reported on line 5, at the column an editor shows.
        let broken = try Workspace(files: [
            "schema.graphqls": Data(Self.schema.utf8),
            "q.graphql": Data([0xEF, 0xBB, 0xBF]) + Data(document.replacingOccurrences(of: "name", with: "nmae")
                .replacingOccurrences(of: "\n", with: "\r\n").utf8),
        ])
        let diagnostics = broken.diagnostics(documents: ["q.graphql"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("q.graphql:5:5: error: ") == true, "\(diagnostics)")
    }
}
