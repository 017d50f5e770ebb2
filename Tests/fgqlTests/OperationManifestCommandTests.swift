import Foundation
import Testing

@testable import fgql

/// `fgql generate --operation-manifest FILE`, as a user runs it.
@Suite struct OperationManifestCommandTests {
    @Test func generateWritesTheManifestBesideTheSwiftAndRefusesToReplaceAnotherFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let queries = root.appendingPathComponent("queries")
        let manifest = folder.appendingPathComponent("operation-manifest.json")
        let arguments = ["--schema", queries.appendingPathComponent("schema.graphqls").path,
                         "--output", folder.appendingPathComponent("Generated").path,
                         "--operation-manifest", manifest.path,
                         queries.appendingPathComponent("getBatches.graphql").path,
                         queries.appendingPathComponent("getBatch.graphql").path]
        let command = try GenerateCommand.parse(arguments)
        try command.run()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any]
        let operations = json?["operations"] as? [[String: Any]] ?? []
        #expect(json?["format"] as? String == "apollo-persisted-query-manifest")
        #expect(operations.compactMap { $0["name"] as? String } == ["GetBatch", "GetBatches"])

        try Data("notes\n".utf8).write(to: manifest)
        let again = try GenerateCommand.parse(arguments)
        #expect(throws: (any Error).self) { try again.run() }
        #expect(try String(contentsOf: manifest, encoding: .utf8) == "notes\n")
    }
}
