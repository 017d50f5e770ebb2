import Foundation
import Testing

@testable import FlatfileSandbox

/// The sandbox serves the schema the codegen reads, from text compiled into the module (so an installed binary needs
/// no checkout).
@Suite struct BundledSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let schemaFile = root.appendingPathComponent("queries/schema.graphqls")
    static let embeddingFile = root.appendingPathComponent("Sources/FlatfileSandbox/GraphQL/BundledSchema.swift")
    static let literalStart = "    static let sdl = #\"\"\"\n"

    @Test func theEmbeddedSchemaIsQueriesSchemaByteForByte() throws {
        let schema = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        if ProcessInfo.processInfo.environment["FGQL_UPDATE_EMBEDDED"] == "1" {
            let source = try String(contentsOf: Self.embeddingFile, encoding: .utf8)
            let header = try #require(source.components(separatedBy: Self.literalStart).first)
            // A multi-line literal drops the line break before its closing delimiter: one extra keeps the last one.
            try (header + Self.literalStart + schema + "\n\"\"\"#\n}\n")
                .write(to: Self.embeddingFile, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            BundledSchema.sdl == schema,
            "Sources/FlatfileSandbox/GraphQL/BundledSchema.swift is out of date: run FGQL_UPDATE_EMBEDDED=1 swift test --filter BundledSchemaTests")
    }
}
