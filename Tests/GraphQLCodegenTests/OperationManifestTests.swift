import Foundation
import Testing

@testable import GraphQLCodegen

/// `fgql generate --operation-manifest` and fgql.json's `"operationManifest"`: every generated operation in Apollo's
/// persisted-query manifest format, with the exact document the generated code sends and its hash.
@Suite struct OperationManifestTests {
    static let schema = "type Query { item(id: ID!): Item } type Mutation { rename(id: ID!): Item } type Item { id: ID! title: String }"
    static let operations = """
        query Item($id: ID!) { item(id: $id) { ...Title } }
        mutation Rename($id: ID!) { rename(id: $id) { id } }
        fragment Title on Item { title }
        """

    private func generate() throws -> (Workspace, CodegenResult) {
        let workspace = try Workspace(["schema.graphqls": Self.schema, "ops.graphql": Self.operations])
        let result = workspace.generate(documents: ["ops.graphql"])
        #expect(result.succeeded, "\(result.diagnostics)")
        return (workspace, result)
    }

    @Test func theManifestListsEveryOperationWithTheDocumentItSendsAndItsHash() throws {
        let (_, result) = try generate()
        let manifest = OperationManifest(result.operations)
        #expect(manifest.operations.map(\.name) == ["Item", "Rename"])
        #expect(manifest.operations.map(\.type) == ["query", "mutation"])
        let generated = try #require(result.files.first { $0.name == "ops.graphql.swift" }).contents
        for operation in manifest.operations {
            #expect(operation.id == SHA256.hexDigest(of: operation.body))
            #expect(generated.contains("static let operationIdentifier: String = \"\(operation.id)\""))
        }
        // The fragment the query spreads travels with it, as it does in the generated document.
        #expect(manifest.operations[0].body.contains("fragment Title on Item"))
        let json = try JSONSerialization.jsonObject(with: manifest.json) as? [String: Any]
        #expect(json?["format"] as? String == "apollo-persisted-query-manifest" && json?["version"] as? Int == 1)
    }

    @Test func anUnchangedManifestIsNotRewrittenAndAForeignFileIsNeverReplaced() throws {
        let (workspace, result) = try generate()
        let path = workspace.path("manifest.json")
        try OperationManifest(result.operations).write(to: path)
        let written = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        try OperationManifest(result.operations).write(to: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == written)

        let foreign = workspace.path("notes.json")
        try Data(#"{"mine": true}"#.utf8).write(to: URL(fileURLWithPath: foreign))
        #expect(throws: (any Error).self) { try OperationManifest(result.operations).write(to: foreign) }
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == #"{"mine": true}"#)
    }

    @Test(arguments: [#""../up.json""#, #""manifest.txt""#, "true"])
    func theConfigurationKeyTakesAPlainJSONFileName(value: String) throws {
        let workspace = try Workspace(["fgql.json": #"{"operationManifest": \#(value)}"#])
        let (_, diagnostics) = Codegen.loadConfiguration(workspace.path("fgql.json"))
        #expect(diagnostics.contains { $0.message.contains("\"operationManifest\" must be a file name ending in .json") })
        let good = try Workspace(["fgql.json": #"{"operationManifest": "operation-manifest.json"}"#])
        #expect(Codegen.loadConfiguration(good.path("fgql.json")).0.operationManifest == "operation-manifest.json")
    }
}
