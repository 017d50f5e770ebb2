import Foundation
import Testing

@testable import GraphQLCodegen

/// The generator's output for `Tests/GeneratedCodeTests/GraphQL` must equal the reviewed files in
/// `Tests/GeneratedCodeTests/Generated`, which that test target compiles and exercises.
/// After an intended change, regenerate them with `FGQL_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review
/// the diff.
@Suite struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GeneratedCodeTests")
    static let inputs = root.appendingPathComponent("GraphQL")
    static let expected = root.appendingPathComponent("Generated")

    static func documents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: inputs.path).filter { $0.hasSuffix(".graphql") }.sorted()
            .map { inputs.appendingPathComponent($0).path }
    }

    static func generate(documents: [String]) -> CodegenResult {
        Codegen.generate(
            schemaFile: inputs.appendingPathComponent("schema.graphqls").path, documentFiles: documents,
            configurationFile: inputs.appendingPathComponent("fgql.json").path)
    }

    @Test func outputEqualsTheReviewedFiles() throws {
        try expectReviewed(Self.generate(documents: try Self.documents()), in: Self.expected)
    }

    /// `Tests/ScalarCodeTests`: custom scalars mapped to URL, UUID, Decimal and Date in its wire formats.
    static let scalarRoot = root.deletingLastPathComponent().appendingPathComponent("ScalarCodeTests")

    @Test func mappedScalarOutputEqualsTheReviewedFiles() throws {
        let inputs = Self.scalarRoot.appendingPathComponent("GraphQL")
        let result = Codegen.generate(
            schemaFile: inputs.appendingPathComponent("schema.graphqls").path,
            documentFiles: [inputs.appendingPathComponent("events.graphql").path],
            configurationFile: inputs.appendingPathComponent("fgql.json").path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        try expectReviewed(result, in: Self.scalarRoot.appendingPathComponent("Generated"))
    }

    @Test func usingADeprecatedFieldIsAWarningThatDoesNotStopGeneration() throws {
        let result = Self.generate(documents: try Self.documents())
        let warnings = result.diagnostics.map { "\(URL(fileURLWithPath: $0.path ?? "").lastPathComponent):\($0.line ?? 0):\($0.column ?? 0): \($0.message)" }
        #expect(warnings == ["batch.graphql:6:5: The field Batch.legacyName is deprecated. Use `name`."])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(!result.files.isEmpty)
    }

    @Test func outputIsByteIdenticalAcrossRunsAndInputOrder() throws {
        let documents = try Self.documents()
        let first = Self.generate(documents: documents)
        let second = Self.generate(documents: documents)
        let reversed = Self.generate(documents: documents.reversed())
        #expect(first.files == second.files)
        #expect(Set(first.files) == Set(reversed.files))
    }

    @Test func operationIdentifiersAreTheSHA256OfTheDocumentSent() throws {
        let result = Self.generate(documents: try Self.documents())
        let search = try #require(result.files.first { $0.name == "search.graphql.swift" })
        // The document literal's lines are indented by 8 spaces inside the struct.
        let literal = try #require(search.contents.components(separatedBy: "static let document: String = \"\"\"\n").dropFirst().first)
        let document = try #require(literal.components(separatedBy: "\n        \"\"\"").first)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }.joined(separator: "\n")
        #expect(search.contents.contains("operationIdentifier: String = \"\(SHA256.hexDigest(of: document))\""))
    }

    @Test func writingSkipsFilesWhoseContentIsUnchanged() throws {
        let result = Self.generate(documents: try Self.documents())
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-golden-\(UUID().uuidString)").path
        #expect(try result.write(to: output).count == result.files.count)
        #expect(try result.write(to: output).isEmpty)
        var changed = result
        changed.files[0].contents += "// changed\n"
        #expect(try changed.write(to: output) == [result.files[0].name])
    }
}

/// Checks a generator run against reviewed files, or rewrites them under `FGQL_UPDATE_GOLDEN=1`.
func expectReviewed(_ result: CodegenResult, in directory: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(result.succeeded, "\(result.diagnostics)", sourceLocation: sourceLocation)
    if ProcessInfo.processInfo.environment["FGQL_UPDATE_GOLDEN"] == "1" { try result.write(to: directory.path) }
    let expectedNames = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(result.files.map(\.name).sorted() == expectedNames, sourceLocation: sourceLocation)
    for file in result.files {
        let expected = try String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
        #expect(file.contents == expected, "\(file.name) differs from the reviewed file", sourceLocation: sourceLocation)
    }
}
